"""`make serve` on a fresh clone, as a newcomer runs it (issue 27): it installs the packages,
builds the book and serves it, and says only what a person needs — install progress, one line
while the book builds, then the address to open on the port asked for — in under 40 lines,
with no font-subsetting chatter and no banner pointing at a file:// page."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from support.env import BIN, ROOT, free_port, stop

pytestmark = pytest.mark.slow
MOST_LINES = 40


def fresh_clone(dest: Path) -> Path:
    """The files a fresh clone of this repository holds, as they are in the work tree (so a
    change not yet committed is tried too): no .venv, node_modules or _build."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def newcomer_env() -> dict:
    """This machine's environment as a newcomer's shell has it: not the test run's venv on the
    PATH, nor the make that runs the tests, nor the tests' own settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COURSEKIT_", "MAKE", "MFLAGS", "PYTEST", "VIRTUAL_ENV"))
    }
    path = os.environ.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(p for p in path if Path(p) != BIN)
    return env


def test_make_serve_on_a_fresh_clone_says_only_what_a_person_needs(tmp_path):
    clone = fresh_clone(tmp_path / "course")
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=clone,
        env=newcomer_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # Lines as a terminal shows them: a progress line rewritten after a carriage return is one.
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(raw.decode(errors="replace") for raw in proc.stdout),
        daemon=True,
    )
    reader.start()
    try:
        deadline = time.monotonic() + 30 * 60
        while not any(address in line for line in lines):
            assert proc.poll() is None, "make serve stopped:\n" + "".join(lines)
            assert time.monotonic() < deadline, "no address after 30 min:\n" + "".join(lines)
            time.sleep(1)
        with urllib.request.urlopen(address + "book/module1/scenarios.html", timeout=30) as page:
            assert page.status == 200 and b"data-coursekit-scenario" in page.read()
        time.sleep(1)
        said = list(lines)  # what was said before the person stops the server
    finally:
        stop(proc)
        reader.join(timeout=10)
    text = "".join(said)
    print(f"make serve said ({len(said)} lines):\n{text}")
    assert len(said) < MOST_LINES, text
    last = said[-1].split("\r")[-1].strip()
    assert last.endswith(f"open {address} in your browser (Ctrl-C stops the server)"), text
    for noise in ("fontTools", "file://", "Traceback", "without encryption", "npm warn"):
        assert noise not in text, f"{noise!r} in what make serve said:\n{text}"
    assert (clone / "_build" / "serve.log").stat().st_size > 0  # the build's own output is kept
    shutil.rmtree(clone, ignore_errors=True)  # a venv and a built book: not kept for later runs
