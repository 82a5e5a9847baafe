"""Importing a filled-in grading sheet into nbgrader's gradebook, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .common import GradingError, db_url, load_module
from .feedback_text import load_bank, rubric_comment
from .sheets import load_scores, read_sheet, scores_path

LOCKED = (
    "{db}: is in use by another program (formgrader or an nbgrader command still writing); "
    "nothing was imported: try again when it has finished"
)


def _check_not_locked(root: Path) -> None:
    """One line, before the slow import of nbgrader, when another program holds the gradebook."""
    db = Path(root) / "gradebook.db"
    try:
        con = sqlite3.connect(db, timeout=2)
        con.execute("BEGIN IMMEDIATE")
        con.rollback()
        con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise GradingError(LOCKED.format(db=db)) from None
        raise


def import_sheet(
    root: Path, module: str, path: Path, names: dict | None = None, notes: list | None = None
) -> int:
    """Write a checked sheet's scores and comments into the gradebook. Returns the number of
    answers graded. ``names`` maps pseudonyms to students (an anonymous sheet)."""
    root = Path(root)
    prompts = {p.id: p for p in load_module(root, module).prompts}
    scored = read_sheet(root, module, path, names=names, bank=load_bank(root), notes=notes)
    _check_not_locked(root)
    from nbgrader.api import Gradebook, MissingEntry  # slow to import: only once the sheet is good

    with Gradebook(db_url(root), course_id="") as gb:  # course_id "": look up, never add a course
        try:
            for row in scored:
                try:
                    grade = gb.find_grade(row.prompt, module, module, row.student)
                except MissingEntry:
                    raise GradingError(
                        f"{root}/gradebook.db: {row.student}: the gradebook has no graded {module} "
                        f"from this student; run `python -m coursekit autograde {module}` again"
                    ) from None
                grade.manual_score = sum(row.scores)
                grade.needs_manual_grade = False
                comment = gb.find_comment(row.prompt, module, module, row.student)
                comment.manual_comment = rubric_comment(
                    prompts[row.prompt], row.scores, row.comment
                )
            gb.db.commit()
        except GradingError:
            gb.db.rollback()
            raise
        except Exception as exc:  # e.g. the database is locked: nothing is half-written
            gb.db.rollback()
            if "locked" in str(exc):
                raise GradingError(LOCKED.format(db=root / "gradebook.db")) from None
            raise GradingError(
                f"{root}/gradebook.db: file: could not be written, nothing changed "
                f"({exc.__class__.__name__}: {str(exc).splitlines()[0]})"
            ) from None
    given = load_scores(root, module)
    for row in scored:
        given.setdefault(row.student, {})[row.prompt] = {
            "scores": row.scores,
            "comment": row.comment["raw"],
            "order": row.row,
        }
    scores_path(root, module).write_text(
        json.dumps(given, indent=1, sort_keys=True), encoding="utf-8"
    )
    return len(scored)
