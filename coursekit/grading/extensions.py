"""``python -m coursekit extension <module> <student> --until "2026-03-08 17:00 UTC"``: a
student's own due date, kept in nbgrader's gradebook (its ``grant_extension``), which
``status`` and the exports read when they say whether work was late. nbgrader keeps an
extension on the student's submission, so the work must be collected and autograded first.
``--clear`` takes it back."""

from __future__ import annotations

from pathlib import Path

from .common import GradingError, db_url


def grant(root: Path, module: str, student: str, until: str | None, clear: bool) -> int:
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.utils import parse_utc

    if not clear and not until:
        raise GradingError("extension: give --until <date and time> (or --clear)")
    with Gradebook(db_url(root), course_id="") as gb:
        try:
            assignment = gb.find_assignment(module)
        except MissingEntry:
            raise GradingError(
                f"{root}/gradebook.db: assignment: no '{module}'; run `nbgrader "
                f"generate_assignment {module}`"
            ) from None
        if assignment.duedate is None:
            raise GradingError(
                f"{module}: has no due date, so nothing is late; set one with "
                f'`nbgrader db assignment add {module} --duedate="2026-03-06 17:00:00 UTC"`'
            )
        try:
            gb.find_submission(module, student)
        except MissingEntry:
            raise GradingError(
                f"{student}: no submission of {module} in the gradebook yet; collect and autograde "
                "it first, then grant the extension"
            ) from None
        if clear:
            gb.grant_extension(module, student)
            print(f"{student}: {module} is due {assignment.duedate} UTC again, as for everyone")
            return 0
        try:
            new = parse_utc(until)
        except (ValueError, OverflowError):
            raise GradingError(
                f"--until: '{until}' is not a date and time (e.g. \"2026-03-08 17:00 UTC\")"
            ) from None
        extra = new - assignment.duedate
        if extra.total_seconds() <= 0:
            raise GradingError(
                f"--until: {new} UTC is not after {module}'s due date ({assignment.duedate} UTC)"
            )
        gb.grant_extension(module, student, minutes=extra.total_seconds() / 60)
    print(
        f"{student}: {module} is due {new} UTC (an extension of {extra}); status and exports count "
        "it"
    )
    return 0
