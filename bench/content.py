"""Measure the content core: `coursekit check` on the whole course, writing every review copy
(`coursekit paths all`), and the fast test lane (`make test-fast`). Prints figures; asserts
nothing. Run with `make bench` (or `.venv/bin/python bench/content.py --no-tests`).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list, runs: int) -> tuple[float, float]:
    """(median, fastest) wall seconds of ``runs`` runs of a command from the repository root."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), min(seconds)


def in_process() -> tuple[float, float]:
    """Loading and checking every file, and writing every review copy, without start-up."""
    import tempfile

    from coursekit.content import load_all
    from coursekit.content.review import write_review_copies
    from coursekit.content.style import style_warnings

    start = time.perf_counter()
    scenarios, _ = load_all(ROOT / "exercises")
    style_warnings(scenarios)
    loaded = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_review_copies(list(scenarios.values()), Path(tmp))
        written = time.perf_counter() - start
    return loaded, written


def main() -> None:
    py = sys.executable
    check = timed([py, "-m", "coursekit", "check"], 5)
    paths = timed([py, "-m", "coursekit", "paths", "all"], 3)
    loaded, written = in_process()
    print(f"{'coursekit check (whole course, process)':48} median {check[0]:.2f} s, fastest {check[1]:.2f} s")
    print(f"{'  of which loading and checking in-process':48} {loaded:.2f} s")
    print(f"{'coursekit paths all (all review copies)':48} median {paths[0]:.2f} s, fastest {paths[1]:.2f} s")
    print(f"{'  of which writing in-process':48} {written:.2f} s")
    if "--no-tests" not in sys.argv:
        fast = timed(["make", "test-fast"], 1)
        label = 'make test-fast (ruff, pytest -m "not browser and not slow")'
        print(f"{label:48} {fast[0]:.1f} s")


if __name__ == "__main__":
    main()
