"""The author's loop and a newcomer's first run: generated notebooks are written only when
their text changes (so Sphinx does not execute them again), and `make serve` / `make lab`
on a busy port say so in one line and name the PORT= to use."""

from __future__ import annotations

import socket

from support.env import ROOT, run

from coursekit.notebooks import write_learner_notebooks


def test_unchanged_notebooks_are_not_rewritten(tmp_path):
    first = write_learner_notebooks(out=tmp_path)
    assert first and all(p.exists() for p in first)
    stamps = {p: p.stat().st_mtime_ns for p in first}
    assert write_learner_notebooks(out=tmp_path) == []
    assert {p: p.stat().st_mtime_ns for p in first} == stamps
    first[0].write_text(
        first[0].read_text(encoding="utf-8").replace("Module", "Modul", 1), encoding="utf-8"
    )
    assert write_learner_notebooks(out=tmp_path) == [first[0]]


def test_busy_port_is_reported_with_the_way_out():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        for target in ("serve", "lab"):
            proc = run(["make", "-s", target, f"PORT={port}"], check=False, timeout=120)
            assert proc.returncode != 0
            assert f"Port {port} on 127.0.0.1 is busy" in proc.stderr
            assert f"make {target} PORT={port + 1}" in proc.stderr
            assert "Traceback" not in proc.stderr + proc.stdout


def test_lock_file_pins_every_requirement():
    """requirements.lock (what `make` installs, with hashes) holds each pin of requirements.txt:
    after changing a pin, `make lock` writes the lock again."""
    from support.env import ROOT

    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower().replace("_", "-")
    pins = [
        line.split("#")[0].strip().lower().replace("_", "-")
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ]
    missing = [pin for pin in pins if pin and f"\n{pin} \\" not in lock]
    assert missing == [], f"requirements.lock lacks {missing}: run `make lock`"
    assert "--hash=sha256:" in lock


def test_lock_leaves_out_only_the_named_packages():
    """tools/lock_without.py drops a package's whole block (pin, hashes, `# via`) and nothing else;
    the committed lock has none of the packages it leaves out."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "lock_without", ROOT / "tools" / "lock_without.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = (
        "#\n# header\n#\nalpha==1.0 \\\n    --hash=sha256:aa\n    # via beta\nlark==1.3.1 \\\n"
        "    --hash=sha256:bb\n    # via rfc3987-syntax\nrfc3987_syntax==1.1.0 \\\n    "
        "--hash=sha256:cc\n"
        "    # via jsonschema\nzeta==2.0 \\\n    --hash=sha256:dd\n"
    )
    assert tool.without(text, tool.LEFT_OUT) == (
        "#\n# header\n#\nalpha==1.0 \\\n    --hash=sha256:aa\n    # via beta\nzeta==2.0 \\\n    "
        "--hash=sha256:dd\n"
    )
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower().replace("_", "-")
    assert [name for name in tool.LEFT_OUT if f"\n{name}==" in lock] == []
