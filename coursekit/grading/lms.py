"""Grades out to an LMS: plain CSV, Canvas's gradebook import, Moodle's grade import.

Only graded work has a score: missing, blank and set-aside work is written with an empty
score (the LMS then changes nothing) and, in the plain and Moodle files, its state.
Canvas gradebook import (Canvas guide "How do I import grades in the Gradebook?"): the
columns Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment
named "<assignment> (<Canvas assignment id>)"; a column named without an id (here the
module's name) is offered as a new assignment when the file is imported. Canvas's import takes
no comments: they are in the plain export. Moodle grade import from CSV (Moodle docs
"Grade import"): an identifying column (email address) and a grade and a feedback column,
which the import form maps to the grade item."""

from __future__ import annotations

import re
from pathlib import Path

from .cells import write_csv
from .common import GradingError, load_module
from .gradebook import roster, submissions


def _feedback(root: Path, module: str, student: str, answers: dict) -> str:
    """The per-criterion comments of every answer, as plain text."""
    parts = []
    for pid, a in sorted(answers.items()):
        if a["comment"]:
            text = re.sub(r"\\(.)", r"\1", a["comment"]).replace("**", "")
            parts.append(f"{pid}: {text}")
    return "\n\n".join(parts)


def export_rows(root: Path, module: str, fmt: str, status: dict, path: Path) -> int:
    people = roster(root)
    graded = submissions(root, module)
    points = sum(p.points for p in load_module(root, module).prompts)
    rows = []
    for student, e in status.items():
        who = people.get(student, {})
        score = e["score"] if e["state"] in ("graded", "to grade") else ""
        comments = _feedback(root, module, student, graded.get(student, {}).get("answers", {}))
        state = e["state"] + (", late" if e["late"] else "")
        if fmt == "canvas":
            rows.append(
                {
                    "Student": f"{who.get('last_name', '')}, {who.get('first_name', '')}".strip(
                        ", "
                    )
                    or student,
                    "ID": who.get("lms_user_id", ""),
                    "SIS User ID": student,
                    "SIS Login ID": student,
                    "Section": "",
                    module: score,
                }
            )
        elif fmt == "moodle":
            rows.append(
                {
                    "Email address": who.get("email", ""),
                    "ID number": student,
                    module: score,
                    f"{module} feedback": comments or e["state"],
                    "State": state,
                }
            )
        else:
            rows.append(
                {
                    "student_id": student,
                    "first_name": who.get("first_name", ""),
                    "last_name": who.get("last_name", ""),
                    "email": who.get("email", ""),
                    "state": state,
                    "score": score,
                    "max_score": points,
                    "late": "yes" if e["late"] else "",
                    "notes": "; ".join(e["notes"]),
                    "comments": comments,
                }
            )
    if not rows:
        raise GradingError(f"{root}/gradebook.db: no students; import the roster first")
    write_csv(path, list(rows[0]), rows)
    return len(rows)


def collect(root: Path, module: str, download: Path) -> int:
    from .lms_collect import collect as file_download

    filed, skipped = file_download(
        root, module, download, roster(root) if (Path(root) / "gradebook.db").exists() else {}
    )
    late = sorted(s for s, i in filed.items() if i["late"])
    print(
        f"{module}: {len(filed)} students filed in submitted/; {len(skipped)} files skipped; {len(late)} late"
        + (f" ({', '.join(late)})" if late else "")
    )
    for line in skipped:
        print(f"  {line}")
    return 1 if skipped else 0


def import_roster(root: Path, file: Path) -> int:
    from nbgrader.api import Gradebook

    from .common import db_url
    from .lms_collect import roster_rows

    rows = roster_rows(file)
    with Gradebook(db_url(root), course_id="") as gb:
        for r in rows:
            gb.update_or_create_student(r.pop("id"), **r)
    print(f"{file}: {len(rows)} students in the gradebook")
    return 0
