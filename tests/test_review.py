"""Review copies (`python -m coursekit paths`) and the style warnings of `coursekit check`."""

from __future__ import annotations

import copy
import subprocess
import sys

from support.content import good_scenario, memory_scenario, scenario_model
from support.env import ROOT

from coursekit.content import Section
from coursekit.content.review import review_markdown
from coursekit.content.style import choice_length_warnings, feedback_opening_warnings

MEMORY = memory_scenario()  # the scenario of tests/fixtures/path-cases.json


def test_review_copy_numbers_every_path_and_resolves_variants():
    text = review_markdown(MEMORY)
    assert text.count("## Path ") == 7 and "## Path 7 of 7" in text
    path_1 = text.split("## Path 2 of 7")[0]
    # speak up, then apologise: the variants for those facts, in reading order
    for part in [
        "> ✎ [The learner writes first] What would you say first?",
        "**Choice 1 of 3: Speak up**",
        "She thanks you for speaking up.",
        "An apology after speaking up.",
        "### Ending: Mixed (mixed-end)",
        "You spoke up and apologised.",
        "*What this practised:* Practise",
    ]:
        assert part in path_1, part
    assert (
        path_1.index("She thanks you")
        < path_1.index("An apology after")
        < path_1.index("You spoke up and")
    )
    assert "Default second." not in text  # every path that reaches `second` has a fact


def test_paths_command_writes_one_file_per_scenario(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "coursekit", "paths", "module1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    written = [line.removeprefix("wrote ") for line in proc.stdout.splitlines()]
    assert len(written) == len(list((ROOT / "exercises" / "scenarios" / "module1").glob("*.yml")))
    assert all(p.startswith(str(ROOT / "_build" / "paths")) for p in written)
    bad = subprocess.run(
        [sys.executable, "-m", "coursekit", "paths", "m9-none"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (
        bad.returncode == 1 and "is no scenario id" in bad.stderr and "Traceback" not in bad.stderr
    )


def from_file(data: dict):
    s = scenario_model(data)
    s._source = "x.yml"
    return s


def test_a_choice_that_stands_out_by_length_is_warned():
    s = good_scenario()
    for node in s["nodes"]:
        for k, c in enumerate(node["choices"]):
            c["text"] = f"Choice {'abc'[k]}"
    assert choice_length_warnings(from_file(s)) == []
    s["nodes"][1]["choices"][0]["text"] = "A much longer choice"
    (warning,) = choice_length_warnings(from_file(s))
    assert warning.startswith("x.yml: nodes[1].choices: choice 0 is 2.50× as long as choice 1")


def test_feedback_that_keeps_opening_alike_is_warned():
    s = good_scenario()
    assert feedback_opening_warnings({"a": from_file(s)}) == []
    same = copy.deepcopy(s)
    for c in same["nodes"][0]["choices"]:
        c["feedback"] = "This is what the reading says."
    assert feedback_opening_warnings({"a": from_file(same)}) == [
        "module 1: 3 of 6 feedback texts open with 'this is what …'; vary how feedback begins"
    ]


def test_review_copies_mark_model_choices_and_show_reading_links():
    s = good_scenario()
    s["nodes"][0]["choices"][1]["model"] = True
    s["nodes"][0]["choices"][1]["reading"] = "m1-two-way"
    s = scenario_model(s)
    sections = {"m1-two-way": Section(title="Two-way help", doc="book/module1/reading")}
    text = review_markdown(s, sections)
    assert "**Choice 2 of 3 (model choice): Two**" in text
    assert "→ Reading: Two-way help (m1-two-way, book/module1/reading)" in text
    assert "**Choice 1 of 3: One**" in text
    learner = review_markdown(s, sections, author=False)
    assert "model choice" not in learner and "**Choice 2 of 3: Two**" in learner
    assert "→ Reading: Two-way help" in learner


def test_by_ending_view_puts_every_path_under_the_ending_it_reaches():
    from coursekit.content.by_ending import by_ending_markdown
    from coursekit.content.paths import all_paths, replay

    text = by_ending_markdown(MEMORY)
    paths = all_paths(MEMORY.play)
    sections = text.split("\n## Ending ")[1:]
    assert len(sections) == len(MEMORY.endings)
    seen = []
    for part in sections:
        ending = part.split("(", 1)[1].split(")", 1)[0]
        numbers = [int(row.split()[2]) for row in part.splitlines() if row.startswith("#### Path ")]
        assert f"): {len(numbers)} paths" in part.splitlines()[0]
        for n in numbers:
            assert replay(MEMORY.play, paths[n - 1])[-1].next == ending
        seen += numbers
    assert sorted(seen) == list(range(1, len(paths) + 1))  # each path once
    assert "✎ the learner writes first: What would you say first?" in text
    assert "   - remembers: spoke-up" in text
