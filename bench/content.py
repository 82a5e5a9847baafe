"""Measure the content core: `coursekit check` on the whole course, writing every review copy
(`coursekit paths all`), and the fast test lane (`make test-fast`). Prints figures; asserts
nothing. Run with `make bench` (or `.venv/bin/python bench/content.py --no-tests`).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list, runs: int) -> tuple[float, float, float]:
    """(median wall, fastest wall, median CPU) seconds of ``runs`` runs of a command from the
    repository root. CPU time (user + system of the command and its children) stays honest
    on a busy shared machine, where wall time does not."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


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
    print(
        f"{'coursekit check (whole course, process)':48} median {check[0]:.2f} s, fastest {check[1]:.2f} s, "
        f"CPU {check[2]:.2f} s"
    )
    print(f"{'  of which loading and checking in-process':48} {loaded:.2f} s")
    print(
        f"{'coursekit paths all (all review copies)':48} median {paths[0]:.2f} s, fastest {paths[1]:.2f} s, "
        f"CPU {paths[2]:.2f} s"
    )
    print(f"{'  of which writing in-process':48} {written:.2f} s")
    if "--no-tests" not in sys.argv:
        fast = timed(["make", "test-fast"], 1)
        label = 'make test-fast (ruff, pytest -m "not browser and not slow")'
        print(f"{label:48} {fast[0]:.1f} s, CPU {fast[2]:.1f} s")


if __name__ == "__main__":
    main()
