"""Reading nbgrader's gradebook quickly (one SQL query, no nbgrader import) for status and
exports; and the list of learners graded from journal files instead (journals.py writes it)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from .common import GradingError

NO_RESPONSE = "No response."
_GRADES = """
SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade, gc.max_score,
       c.auto_comment, c.manual_comment, sa.timestamp, a.duedate, sa.extension
FROM submitted_assignment sa
JOIN assignment a ON sa.assignment_id = a.id
JOIN submitted_notebook sn ON sn.assignment_id = sa.id
JOIN grade g ON g.notebook_id = sn.id
JOIN base_cell bc ON g.cell_id = bc.id
JOIN grade_cells gc ON gc.id = bc.id
LEFT JOIN base_cell sc
  ON sc.name = bc.name AND sc.notebook_id = bc.notebook_id AND sc.type = 'SolutionCell'
LEFT JOIN comment c ON c.cell_id = sc.id AND c.notebook_id = sn.id
WHERE a.name = ?
"""


def connect(root: Path) -> sqlite3.Connection:
    path = Path(root) / "gradebook.db"
    if not path.exists():
        raise GradingError(
            f"{path}: file: missing; run `nbgrader generate_assignment <module>` first"
        )
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


def _has_tables(db: sqlite3.Connection) -> bool:
    """A gradebook nbgrader has not filled yet (an empty file, as the hub's shared course
    folder starts with) has no tables."""
    return bool(db.execute("SELECT 1 FROM sqlite_master WHERE name = 'student'").fetchone())


def roster(root: Path) -> dict[str, dict]:
    with connect(root) as db:
        if not _has_tables(db):
            return {}
        rows = db.execute(
            "SELECT id, first_name, last_name, email, lms_user_id FROM student"
        ).fetchall()
    return {
        r[0]: {
            "first_name": r[1] or "",
            "last_name": r[2] or "",
            "email": r[3] or "",
            "lms_user_id": r[4] or "",
        }
        for r in rows
    }


def _late(timestamp, duedate, extension) -> bool:
    """Handed in after the due date plus the student's extension. SQLite keeps nbgrader's
    extension (an interval) as a date counted from 1970-01-01."""
    if not timestamp or not duedate:
        return False
    parse = lambda s: datetime.fromisoformat(str(s).replace("Z", ""))
    due = parse(duedate)
    if extension:
        due += parse(extension) - datetime(1970, 1, 1)
    return parse(timestamp) > due


def submissions(root: Path, module: str) -> dict[str, dict]:
    """By student: {late, answers: {prompt id: {score, max, needs_grading, blank, comment}}}."""
    with connect(root) as db:
        if (
            not _has_tables(db)
            or not db.execute("SELECT 1 FROM assignment WHERE name = ?", (module,)).fetchone()
        ):
            raise GradingError(
                f"{root}/gradebook.db: assignment: no '{module}'; run `nbgrader "
                f"generate_assignment {module}`"
            )
        rows = db.execute(_GRADES, (module,)).fetchall()
    found: dict[str, dict] = {}
    for student, name, auto, manual, needs, top, auto_comment, comment, ts, due, ext in rows:
        entry = found.setdefault(student, {"late": _late(ts, due, ext), "answers": {}})
        score = manual if manual is not None else auto
        entry["answers"][name] = {
            "score": score,
            "max": top,
            "needs_grading": bool(needs),
            "blank": auto_comment == NO_RESPONSE and manual is None,
            "comment": comment or "",
        }
    return found


def journal_list(root: Path, module: str) -> Path:
    """The learners of ``module`` whose sheet rows came from journal files (grading/journals.py)."""
    return Path(root) / "grading" / f"{module}-journals.json"


def journal_students(root: Path, module: str) -> set[str]:
    """The learners whose sheet rows came from journal files: `sheet import` leaves their rows
    to `sheet journal-feedback` (they have no nbgrader submission to grade)."""
    listed = journal_list(root, module)
    if not listed.exists():
        return set()
    try:
        names = json.loads(listed.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        names = None
    if isinstance(names, dict):  # {student: {"file", "exported"}} (journal_checks.py)
        names = list(names)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise GradingError(
            f"{listed}: file: must be a JSON list of learner ids (written by `sheet "
            "import-journals`)"
        )
    return set(names)
