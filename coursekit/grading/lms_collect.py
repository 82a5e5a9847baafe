"""LMS downloads in, and the class list from an LMS CSV.

The layouts follow each LMS's own naming:
- Canvas "Download Submissions": ``<name>_<user id>_<submission id>_<file>``, with ``LATE_``
  after the name for late work, and ``-1``, ``-2`` added before the extension when a student
  handed in again (Canvas keeps the file names of earlier uploads);
- Moodle "Download all submissions" (mod/assign, download_submissions): a folder (or file name
  prefix) ``<full name>_<participant id>_assignsubmission_file_``;
- Blackboard "Download assignment": ``<assignment>_<username>_attempt_<yyyy-mm-dd-hh-mm-ss>_<file>``
  (and a .txt receipt without a file name part).
Each notebook is filed as submitted/<student>/<module>/<module>.ipynb (the newest when there
are several); files that cannot be matched to a student are listed with the reason.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path, PurePosixPath

from .common import GradingError

CANVAS = re.compile(
    r"^(?P<name>[^_]+)_(?:(?P<late>late)_)?(?P<uid>\d+)_(?P<sid>\d+)_(?P<file>.+)$", re.I
)
MOODLE = re.compile(r"^(?P<name>.+)_(?P<uid>\d+)_assignsubmission_file_(?P<file>.*)$")
BLACKBOARD = re.compile(
    r"^(?P<assign>.+?)_(?P<user>[^_]+)_attempt_(?P<ts>\d{4}(?:-\d\d){5})(?:_(?P<file>.+))?$"
)
RESUBMITTED = re.compile(r"^(?P<stem>.+?)-(?P<n>\d+)$")


def _entries(download: Path):
    """(path inside the download, bytes) of every notebook, zips opened (one level deep)."""
    if download.is_dir():
        for p in sorted(download.rglob("*")):
            if p.is_file() and p.suffix == ".zip":
                yield from _zip_entries(p)
            elif p.is_file():
                yield p.relative_to(download).as_posix(), p.read_bytes
    elif download.suffix == ".zip":
        yield from _zip_entries(download)
    else:
        raise GradingError(f"{download}: file: not a folder or a .zip download")


def _zip_entries(path: Path):
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise GradingError(f"{path}: file: not a readable .zip") from None
    for name in sorted(z.namelist()):
        if not name.endswith("/"):
            yield name, (lambda n=name: z.read(n))


def identify(path: str, people: dict) -> tuple[str | None, dict]:
    """The student a downloaded file belongs to, and what its name says (layout, late, order)."""
    parts = PurePosixPath(path).parts
    base = parts[-1]
    for folder in parts[:-1]:
        m = MOODLE.match(folder)
        if m:
            return _moodle(m, people, base)
    m = MOODLE.match(base)
    if m:
        return _moodle(m, people, m["file"])
    m = BLACKBOARD.match(base)
    if m:
        user = m["user"]
        return (user if user in people or not people else None), {
            "layout": "Blackboard",
            "order": (m["ts"], 0),
            "file": m["file"] or "",
            "late": False,
            "key": user,
        }
    m = CANVAS.match(base)
    if m:
        by_uid = {v["lms_user_id"]: s for s, v in people.items() if v.get("lms_user_id")}
        name = m["name"].lower()
        student = by_uid.get(m["uid"]) or (name if name in people or not people else None)
        stem = PurePosixPath(m["file"]).stem
        again = RESUBMITTED.match(stem)
        return student, {
            "layout": "Canvas",
            "late": bool(m["late"]),
            "file": m["file"],
            "key": m["name"],
            "order": (m["sid"], int(again["n"]) if again else 0),
        }
    return None, {"layout": "unknown", "file": base, "key": base, "late": False, "order": ("", 0)}


def _moodle(m, people, file):
    full = " ".join(m["name"].split()).lower()
    by_name = {f"{v['first_name']} {v['last_name']}".lower(): s for s, v in people.items()}
    by_uid = {v["lms_user_id"]: s for s, v in people.items() if v.get("lms_user_id")}
    return by_uid.get(m["uid"]) or by_name.get(full), {
        "layout": "Moodle",
        "late": False,
        "file": file,
        "key": m["name"],
        "order": ("", 0),
    }


def collect(root: Path, module: str, download: Path, people: dict) -> tuple[dict, list[str]]:
    """File every notebook of ``download``; returns ({student: info}, skipped lines)."""
    chosen, skipped = {}, []
    for path, read in _entries(Path(download)):
        if not path.endswith(".ipynb") or ".ipynb_checkpoints" in path:
            continue
        student, info = identify(path, people)
        if student is None:
            why = (
                "its name matches no LMS layout (Canvas, Moodle, Blackboard)"
                if info["layout"] == "unknown"
                else f"no student in the roster matches {info['layout']}'s '{info['key']}'; import the roster first"
            )
            skipped.append(f"{path}: skipped: {why}")
            continue
        if student not in chosen or info["order"] >= chosen[student][0]["order"]:
            chosen[student] = (info, path, read)
    filed = {}
    for student, (info, path, read) in sorted(chosen.items()):
        folder = Path(root) / "submitted" / student / module
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{module}.ipynb").write_bytes(read())
        filed[student] = {"from": path, "layout": info["layout"], "late": info["late"]}
    record = Path(root) / "grading" / f"{module}-collected.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    record.write_text(json.dumps({**old, **filed}, indent=1, sort_keys=True), encoding="utf-8")
    return filed, skipped


def roster_rows(path: Path) -> list[dict]:
    """Students of an LMS CSV: Canvas's gradebook export (Student "Last, First", ID, SIS Login
    ID), Moodle's participants or grades export (First name, Last name, Username or ID number,
    Email address), or a plain id,first_name,last_name,email file."""
    from .cells import read_csv

    header, rows = read_csv(Path(path), ["id"])
    pick = lambda row, *names: next(
        ((row.get(n) or "").strip() for n in names if (row.get(n) or "").strip()), ""
    )
    out, problems = [], []
    for number, row in enumerate(rows, start=2):
        if row is None or "points possible" in (row.get("Student") or "").lower():
            continue
        sid = pick(row, "SIS Login ID", "Username", "ID number", "id", "student_id")
        email = pick(row, "Email address", "Email", "email")
        sid = sid or email.split("@")[0]
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", sid or ""):
            problems.append(
                f"{path}: row {number}: id: '{sid}' is not a usable student id (letters, digits, . _ -)"
            )
            continue
        first, last = (
            pick(row, "First name", "first_name"),
            pick(row, "Last name", "Surname", "last_name"),
        )
        if not first and "," in (row.get("Student") or ""):
            last, first = [s.strip() for s in row["Student"].split(",", 1)]
        out.append(
            {
                "id": sid,
                "first_name": first,
                "last_name": last,
                "email": email,
                "lms_user_id": pick(row, "ID") if "SIS Login ID" in header else "",
            }
        )
    if problems:
        raise GradingError(problems)
    if not out:
        raise GradingError(
            f"{path}: file: no students found (expected Canvas, Moodle or id,first_name,last_name,email columns)"
        )
    return out
