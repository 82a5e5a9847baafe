"""Feedback and grade exports that never send an ungraded answer as a 0.

``feedback`` runs ``nbgrader generate_feedback`` once every answer is graded; ``export``
writes the module's grades with each student's state, where missing, blank and set-aside
work has no score (never an ordinary 0). Both refuse while answers are still to grade,
unless the instructor passes --allow-ungraded."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .common import GradingError, nbgrader_command, nbgrader_env
from .status import class_status


def _refuse_ungraded(status: dict, module: str, allow: bool, what: str) -> None:
    waiting = [s for s, e in status.items() if e["state"] == "to grade"]
    if waiting and not allow:
        raise GradingError(
            [
                f"{module}: {len(waiting)} student{'s' if len(waiting) > 1 else ''} still ha"
                f"{'ve' if len(waiting) > 1 else 's'} answers to grade: {', '.join(waiting)}; "
                f"no {what} was made (grade them, or pass --allow-ungraded)"
            ]
        )


def feedback(root: Path, module: str, allow_ungraded: bool = False) -> int:
    status = class_status(root, module)
    _refuse_ungraded(status, module, allow_ungraded, "feedback")
    proc = subprocess.run(
        nbgrader_command("generate_feedback", module),
        cwd=root,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise GradingError(
            f"nbgrader generate_feedback {module} exited {proc.returncode}: "
            f"{(proc.stdout + proc.stderr)[-2000:]}"
        )
    made = sorted(
        p.parent.parent.name for p in (Path(root) / "feedback").glob(f"*/{module}/*.html")
    )
    print(f"{module}: feedback for {len(made)} students in feedback/<student>/{module}/")
    for student, e in status.items():
        if e["state"] in ("missing", "set aside", "to grade"):
            print(
                f"  {student}: no feedback "
                f"({e['state']}{': ' + e['notes'][0] if e['notes'] else ''})"
            )
    return 0


def export(
    root: Path,
    module: str,
    fmt: str = "plain",
    out: Path | None = None,
    allow_ungraded: bool = False,
    column: str | None = None,
) -> int:
    from .lms import export_rows

    status = class_status(root, module)
    _refuse_ungraded(status, module, allow_ungraded, "export")
    path = Path(out or Path(root) / "grading" / f"{module}-{fmt}.csv")
    rows, left_out = export_rows(root, module, fmt, status, path, column)
    print(
        f"wrote {path}: {rows} students; missing, blank and set-aside work has no score "
        "(an empty cell: the LMS's no grade)"
    )
    return 1 if left_out else 0
