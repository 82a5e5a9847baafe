"""Autograde and status wall time for a class of 100 submissions of one module. Prints figures;
asserts nothing.

Run with `make bench-grading` (or .venv/bin/python bench/autograde.py [module] [students] [--jobs]).
Each run grades the whole class from scratch in a temporary copy of exercises/:
  1. `python -m coursekit autograde` as the course is configured (no kernel is started:
     the reflection notebooks hold no code; the course's preprocessors match answers by
     prompt and show them as text), one nbgrader process;
  2. with --jobs: the same with two nbgrader processes side by side;
  3. plain `nbgrader autograde` with nbgrader's default of executing every notebook in a
     kernel, for comparison;
  4. `python -m coursekit status` for the class, as a command (interpreter start included).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coursekit.grading import autograde, nbgrader_command, nbgrader_env  # noqa: E402

MODULE = next((a for a in sys.argv[1:] if a.startswith("module")), "module1")


def make_class(course: Path, module: str, students: int) -> None:
    release = nbformat.read(course / "release" / module / f"{module}.ipynb", as_version=4)
    for i in range(students):
        nb = nbformat.from_dict(release)
        for cell in nb.cells:
            if cell.metadata["nbgrader"].get("solution"):
                cell.source = f"Student {i} answers {cell.metadata['nbgrader']['grade_id']}. " * 40
        folder = course / "submitted" / f"student{i:02d}" / module
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{module}.ipynb")


def fresh(course: Path) -> None:
    """Forget every grade: a new gradebook with only the assignment in it."""
    shutil.rmtree(course / "autograded", ignore_errors=True)
    (course / "gradebook.db").unlink(missing_ok=True)
    subprocess.run(
        nbgrader_command("generate_assignment", MODULE, "--force"),
        cwd=course,
        env=nbgrader_env(),
        check=True,
        capture_output=True,
    )


def timed(label: str, action) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.1f} s")
    return seconds


def check_all_graded(course: Path, students: int) -> None:
    graded = len(list((course / "autograded").glob(f"*/{MODULE}/{MODULE}.ipynb")))
    if graded != students:
        sys.exit(f"only {graded} of {students} submissions were graded")


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    students = int(numbers[0]) if numbers else 100
    print(f"Autograde of {students} submissions of {MODULE} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "exercises"
        shutil.copytree(
            ROOT / "exercises",
            course,
            ignore=shutil.ignore_patterns(
                "submitted",
                "autograded",
                "feedback",
                "release",
                "downloaded",
                "grading",
                "gradebook.db",
            ),
        )
        fresh(course)
        make_class(course, MODULE, students)
        serial = timed(
            "  coursekit autograde, 1 process, no kernel",
            lambda: autograde(course, MODULE, out=io.StringIO()),
        )
        check_all_graded(course, students)
        status = [
            timed(
                "  python -m coursekit status (whole command)",
                lambda: subprocess.run(
                    [sys.executable, "-m", "coursekit", "status", MODULE],
                    cwd=course,
                    env=nbgrader_env(),
                    check=True,
                    capture_output=True,
                ),
            )
            for _ in range(3)
        ]
        parallel = serial
        if "--jobs" in sys.argv:
            fresh(course)
            parallel = timed(
                "  coursekit autograde --jobs 2, no kernel",
                lambda: autograde(course, MODULE, jobs=2, out=io.StringIO()),
            )
            check_all_graded(course, students)
        fresh(course)
        kernel = timed(
            "  nbgrader autograde, notebooks executed in a kernel (nbgrader's default)",
            lambda: subprocess.run(
                nbgrader_command("autograde", MODULE, "--Execute.enabled=True"),
                cwd=course,
                env=nbgrader_env(),
                check=True,
                capture_output=True,
            ),
        )
        check_all_graded(course, students)
        jobs = (
            f"--jobs 2 saves {100 * (1 - parallel / serial):.0f}%; " if parallel != serial else ""
        )
        print(
            f"  wall time per submission: {serial / students:.2f} s; {jobs}"
            f"coursekit autograde vs nbgrader's default: {serial:.1f} s vs {kernel:.1f} s "
            f"({100 * (1 - serial / kernel):.0f}% less); status: best of 3 {min(status):.2f} s"
        )


if __name__ == "__main__":
    main()
