"""The class list: read from an LMS's own CSV, checked, and kept in nbgrader's gradebook.

Layouts (the first that fits):
- Canvas's gradebook export (Grades > Export): ``Student`` ("Last, First"), ``ID`` (the
  Canvas user id), ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per
  assignment named ``<title> (<Canvas assignment id>)``, and a ``Points Possible`` row;
- Moodle's grade export (Export > Plain text file) or participants list: ``First name``,
  ``Last name``, ``ID number``, ``Username``, ``Email address``;
- a plain ``id,first_name,last_name,email`` file (what ``nbgrader db student import`` reads).

The student id is the SIS Login ID (Canvas), else the Username, the ID number, or the part
of the email address before the @ (Moodle). The LMS's own identity fields are kept beside the
gradebook in grading/roster.json, so the grade exports write them back exactly as the LMS
has them (lms.py). Ids that are the same but for upper and lower case or Unicode form are
refused: nbgrader, the file system and the LMS would not agree on who is who.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from .cells import read_csv
from .common import GradingError

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CANVAS_INFO = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Section")
CANVAS_TOTALS = re.compile(
    r"(Current|Final|Unposted Current|Unposted Final|Override) (Score|Points|Grade|Status)"
)
MOODLE_FIELDS = ("ID number", "Username", "Email address")


def fold(text: str) -> str:
    """The form two names or ids are compared in: Unicode NFKC, case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def usable_id(sid: str) -> bool:
    return bool(STUDENT_ID.match(sid or ""))


def sidecar(root: Path) -> Path:
    return Path(root) / "grading" / "roster.json"


def lms_identity(root: Path) -> dict:
    """{"students": {id: {"canvas": {...}, "moodle": {...}}}, "canvas_columns": [...]}."""
    path = sidecar(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"students": {}, "canvas_columns": []}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise GradingError(
            f"{path}: file: damaged; import the class list again (`python -m coursekit roster "
            "<file>`)"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("students"), dict):
        raise GradingError(f"{path}: students: missing; import the class list again")
    data.setdefault("canvas_columns", [])
    return data


def _pick(row: dict, *names: str) -> str:
    return next(((row.get(n) or "").strip() for n in names if (row.get(n) or "").strip()), "")


def read_roster(path: Path) -> tuple[list[dict], list[str]]:
    """([{id, first_name, last_name, email, lms_user_id, canvas?, moodle?}], Canvas assignment
    columns) from one class-list file; GradingError lists every row that cannot be used."""
    header, rows = read_csv(Path(path), [])
    canvas = "SIS Login ID" in header and "ID" in header and "Student" in header
    out, problems = [], []
    for number, row in enumerate(rows, start=2):
        at = f"{path}: row {number}"
        if row is None:
            problems.append(f"{at}: has more cells than the header has columns")
            continue
        if "points possible" in (row.get("Student") or "").lower() or not any(
            (v or "").strip() for v in row.values()
        ):
            continue
        email = _pick(row, "Email address", "Email", "email")
        sid = _pick(row, "SIS Login ID", "Username", "ID number", "id", "student_id")
        sid = sid or email.split("@")[0]
        if not usable_id(sid):
            shown = sid if len(sid) <= 40 else sid[:40] + "…"
            problems.append(
                f"{at}: id: '{shown}' is not a usable student id (1 to 64 letters, digits, . _ -, "
                "starting with a letter or digit)"
            )
            continue
        first, last = (
            _pick(row, "First name", "first_name"),
            _pick(row, "Last name", "Surname", "last_name"),
        )
        if not first and "," in (row.get("Student") or ""):
            last, first = (s.strip() for s in row["Student"].split(",", 1))
        entry: dict[str, Any] = {
            "id": sid,
            "first_name": first,
            "last_name": last,
            "email": email,
            "lms_user_id": "",
        }
        if canvas:
            entry["lms_user_id"] = _pick(row, "ID")
            entry["canvas"] = {k: (row.get(k) or "").strip() for k in CANVAS_INFO if k in header}
        elif any(k in header for k in MOODLE_FIELDS):
            entry["moodle"] = {k: (row.get(k) or "").strip() for k in MOODLE_FIELDS if k in header}
        out.append((number, entry))
    seen: dict[str, int] = {}
    for number, entry in out:
        key = fold(entry["id"])
        if key in seen:
            problems.append(
                f"{path}: row {number}: id: '{entry['id']}' is the id of row {seen[key]} too "
                "(ids that differ only in case or accents are the same student to nbgrader)"
            )
        seen.setdefault(key, number)
    if canvas:
        uids: dict[str, int] = {}
        for number, entry in out:
            uid = entry["lms_user_id"]
            if uid and uid in uids:
                problems.append(
                    f"{path}: row {number}: ID: Canvas user id {uid} is on row {uids[uid]} too"
                )
            uids.setdefault(uid, number)
    if problems:
        raise GradingError(problems)
    if not out:
        raise GradingError(
            f"{path}: file: no students found (expected Canvas, Moodle or "
            "id,first_name,last_name,email columns)"
        )
    columns = [
        h for h in header if canvas and h not in CANVAS_INFO and h and not CANVAS_TOTALS.search(h)
    ]
    return [entry for _, entry in out], columns


def import_roster(root: Path, file: Path) -> int:
    """Every student of ``file`` into the gradebook (nothing if any row is wrong), and their LMS
    identity into grading/roster.json."""
    rows, columns = read_roster(file)
    from nbgrader.api import Gradebook

    from .common import db_url
    from .gradebook import roster

    known = roster(root) if (Path(root) / "gradebook.db").exists() else {}
    by_fold = {fold(s): s for s in known}
    clashes = [
        f"{file}: id: '{r['id']}' differs only in case or accents from '{by_fold[fold(r['id'])]}', "
        "already in the gradebook; use the same spelling"
        for r in rows
        if fold(r["id"]) in by_fold and by_fold[fold(r["id"])] != r["id"]
    ]
    if clashes:
        raise GradingError(clashes)
    identity = lms_identity(root)
    with Gradebook(db_url(root), course_id="") as gb:
        for r in rows:
            lms = {k: r.pop(k) for k in ("canvas", "moodle") if k in r}
            gb.update_or_create_student(r["id"], **{k: v for k, v in r.items() if k != "id"})
            identity["students"][r["id"]] = {**identity["students"].get(r["id"], {}), **lms}
    if columns:
        identity["canvas_columns"] = columns
    path = sidecar(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(identity, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8"
    )
    print(f"{file}: {len(rows)} students in the gradebook")
    return 0
