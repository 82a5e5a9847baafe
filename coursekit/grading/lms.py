"""Grades out to an LMS, each file as that LMS's own import reads it; and LMS downloads in.

Only graded work has a score. Missing, blank and set-aside work gets the LMS's "no grade": an
empty cell, which Canvas's import leaves unchanged and Moodle's import records as no grade;
its state is in the plain file (and the Moodle file's unmapped State column), never in a
feedback cell that would reach the student.

Canvas, Grades > Import (canvas-lms app/models/gradebook_importer.rb): the header row starts
``Student, ID, SIS User ID, SIS Login ID, Section``; a student is found by ``ID`` (the Canvas
user id), then SIS User ID, SIS Login ID, name; an assignment column ``<title> (<id>)`` fills
that assignment, any other header is offered as a new assignment; an empty or ``-`` cell is
no change. The identity cells and the assignment's own column header are written back as
the instructor's Canvas gradebook export (imported as the roster) has them, so the grades
fill the assignment the students handed in to. Canvas's import takes no comments.

Moodle, Grades > Import > CSV file (grade/import/csv, load_data.php): the instructor maps one
column to a user field (user id, username, ID number or email address; a row that matches
nobody stops the whole import) and the others to a grade item and its feedback; an empty or
``-`` grade is no grade. The file has Email address (what Moodle's own exports carry; map it
to "Email address"), and the ID number and user name the roster had, unchanged.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .cells import write_csv
from .common import GradingError, load_module, module_titles
from .gradebook import roster, submissions
from .roster import fold, lms_identity, sidecar

NO_EMAIL = (
    "no email address on the class list (Moodle stops an import at a row that matches nobody)"
)
TITLE_AND_ID = re.compile(r"^(?P<title>.*\S)\s*\((?P<id>\d+)\)$")


def _feedback(answers: dict) -> str:
    """The per-criterion comments of every answer, as plain text."""
    parts = []
    for pid, a in sorted(answers.items()):
        if a["comment"]:
            text = re.sub(r"\\(.)", r"\1", a["comment"]).replace("**", "")
            parts.append(f"{pid}: {text}")
    return "\n\n".join(parts)


def canvas_column(root: Path, module: str, columns: list[str], chosen: str | None) -> str | None:
    """The Canvas gradebook column of ``module`` (e.g. "Module 1 (4411)"), None for a new one."""
    if chosen:
        if columns and chosen not in columns:
            raise GradingError(
                f"--column: '{chosen}' is not a column of the Canvas gradebook imported as the "
                f"roster ({', '.join(columns) or 'none'})"
            )
        return chosen
    number = re.sub(r"\D", "", module)
    title = fold(module_titles(root).get(module, module))
    fits = []
    for column in columns:
        m = TITLE_AND_ID.match(column)
        name = fold(m["title"] if m else column)
        if re.search(rf"\bmodule\s*0*{number}(?!\d)", name) or title in name or name == module:
            fits.append(column)
    if len(fits) > 1:
        raise GradingError(
            f"{module}: {len(fits)} Canvas gradebook columns fit it ({'; '.join(fits)}); "
            "name one with --column"
        )
    return fits[0] if fits else None


def export_rows(
    root: Path, module: str, fmt: str, status: dict, path: Path, column=None, out=sys.stdout
) -> tuple[int, bool]:
    """Write the export; (rows written, whether some students were left out)."""
    people = roster(root)
    identity = lms_identity(root)
    graded = submissions(root, module)
    points = sum(p.points for p in load_module(root, module).prompts)
    rows, left_out = [], []
    target = (
        canvas_column(root, module, identity["canvas_columns"], column) if fmt == "canvas" else None
    )
    listed = sidecar(root).exists()  # a class list was imported: only its students are exported
    for student, e in status.items():
        if listed and student not in people:
            left_out.append((student, "not on the class list (autograde set its folder aside)"))
            continue
        who = people.get(student, {})
        lms = identity["students"].get(student, {})
        score = e["score"] if e["state"] in ("graded", "to grade") else ""
        comments = _feedback(graded.get(student, {}).get("answers", {}))
        state = e["state"] + (", late" if e["late"] else "")
        if fmt == "canvas":
            c = lms.get("canvas", {})
            name = f"{who.get('last_name', '')}, {who.get('first_name', '')}".strip(", ")
            rows.append(
                {
                    "Student": c.get("Student") or name or student,
                    "ID": c.get("ID", who.get("lms_user_id", "")),
                    "SIS User ID": c.get("SIS User ID", ""),
                    "SIS Login ID": c.get("SIS Login ID", student),
                    "Section": c.get("Section", ""),
                    target or module: score,
                }
            )
        elif fmt == "moodle":
            m = lms.get("moodle", {})
            email = m.get("Email address") or who.get("email", "")
            if not email:
                left_out.append((student, NO_EMAIL))
                continue
            rows.append(
                {
                    "Email address": email,
                    "ID number": m.get("ID number", ""),
                    "Username": m.get("Username", ""),
                    module: score,
                    f"{module} feedback": comments if score != "" else "",
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
    if not rows and any(why == NO_EMAIL for _, why in left_out):
        raise GradingError(
            f"{root}/gradebook.db: email: no student on the class list has an email address, "
            "and Moodle's import matches rows on it; import Moodle's participants export (or "
            "a class list with emails) with `python -m coursekit roster`"
        )
    if not rows:
        raise GradingError(f"{root}/gradebook.db: no students; import the roster first")
    if fmt == "moodle" and not any(r["Username"] for r in rows):
        for r in rows:
            del r["Username"]
    if fmt == "canvas" and target is None:  # a new assignment: Canvas reads its points here
        blank = dict.fromkeys(rows[0], "")
        rows.insert(0, {**blank, "Student": "Points Possible", module: points})
        print(
            f"{module}: no column of an imported Canvas gradebook fits this module, so the file's "
            f"'{module}' column makes a new assignment in Canvas; import the gradebook export as "
            "the roster (or pass --column) to fill the assignment the students handed in to",
            file=out,
        )
    write_csv(path, list(rows[0]), rows)
    for student, why in left_out:
        print(f"  {student}: left out of the {fmt.title()} file: {why}", file=out)
    return len(rows) - (fmt == "canvas" and target is None), bool(left_out)


def collect(root: Path, module: str, download: Path, map_file=None, dry_run=False) -> int:
    from .lms_collect import collect as file_download
    from .lms_collect import read_map

    people = roster(root) if (Path(root) / "gradebook.db").exists() else {}
    for student, lms in lms_identity(root)["students"].items():
        if student in people and lms.get("canvas", {}).get("Student"):
            people[student]["sortable"] = lms["canvas"]["Student"]
    mapping = read_map(map_file, people) if map_file else {}
    return file_download(root, module, download, people, mapping, dry_run)
