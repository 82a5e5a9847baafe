"""The README sends each reader the shortest way (issue 27): it opens with the two commands of
a fresh machine, and its "Where to start" table gives each kind of reader (a learner, an
author, an instructor on one machine, an instructor with a hub, a facilitator) one row with
their first command, a make target that exists; and `make hub` needs no book build first."""

from __future__ import annotations

import re

from support.env import ROOT, run

README = ROOT / "README.md"
READERS = (
    "a learner",
    "an author",
    "an instructor on one machine",
    "an instructor with a JupyterHub",
    "a facilitator",
)


def where_to_start() -> dict[str, str]:
    """Each row of the README's "Where to start" table: who, and their first command."""
    section = README.read_text(encoding="utf-8").split("\n## Where to start\n", 1)[1]
    rows = {}
    for line in section.split("\n## ", 1)[0].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2 and not set(cells[0]) <= set("-: "):
            rows[cells[0]] = cells[1]
    return rows


def test_the_readme_opens_with_the_two_commands_of_a_fresh_machine():
    first_block = README.read_text(encoding="utf-8").split("```bash\n", 1)[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands[:2] == ["make serve", "make test"]


def test_each_reader_has_a_row_with_their_first_command():
    rows = where_to_start()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for reader in READERS:
        rows_of = [who for who in rows if who.lower().startswith(reader.lower())]
        assert len(rows_of) == 1, f"{reader}: {len(rows_of)} rows in {list(rows)}"
        first = rows[rows_of[0]]
        targets = re.findall(r"`(?:sudo )?make ([a-z-]+)", first)
        assert targets, f"{rows_of[0]}: no `make …` command in {first!r}"
        for target in targets:
            assert re.search(rf"^{target}:", makefile, re.M), f"no target {target} in the Makefile"


def test_make_hub_builds_no_book():
    planned = run(["make", "-n", "-s", "hub", "HUB_HOME=/nonexistent/ck-hub"]).stdout
    for step in ("jupyter-book", "coursekit notebooks", "coursekit sources", "coursekit.quietly"):
        assert step not in planned, f"`make hub` plans {step!r}:\n{planned}"
    assert "deploy/jupyterhub/demo.py start" in planned
