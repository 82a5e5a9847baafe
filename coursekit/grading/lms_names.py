"""What an LMS's download names say: whose file it is, in which order it came, and whether late.

Each layout is the LMS's own, as its source code writes it:
- Canvas, "Download Submissions" (canvas-lms lib/content_zipper.rb, get_filename and
  add_upload_submission): ``<name>[_LATE]_<user id>_<file id>_<file>``, where ``name`` is the
  student's sortable name ("Last, First") in lower case with everything but letters, digits
  and underscores removed; with anonymous grading ``[LATE_]anon_<anonymous id>_<file id>_<file>``.
  A file id is a number Canvas counts up, so a higher one is newer. Canvas adds ``-1``,
  ``-2`` to a file name the student already used.
- Moodle, "Download all submissions" (mod/assign locallib.php, download_submissions): a
  folder or a file-name prefix ``<full name>_<participant number>_assignsubmission_<plugin>_``;
  underscores in the name become spaces; the participant number is Moodle's per-assignment
  identifier ("Participant 98765" in the grading worksheet), with blind marking the name is
  "Participant". The name has no order in it: the file's date in the zip does.
- Blackboard Learn, "Download assignment":
  ``<assignment>_<user name>_attempt_<yyyy-mm-dd-hh-mm-ss>_<file>``,
  with a receipt ``…_attempt_<date>.txt``. Assignment and user name may both hold underscores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .roster import fold


def short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


CANVAS = re.compile(r"^(?P<name>.+?)_(?:(?P<late>LATE)_)?(?P<uid>\d+)_(?P<fid>\d+)_(?P<file>.+)$")
CANVAS_ANON = re.compile(
    r"^(?:(?P<late>LATE)_)?anon_(?P<anon>[A-Za-z0-9]+)_(?P<fid>\d+)_(?P<file>.+)$"
)
MOODLE = re.compile(r"^(?P<name>.+)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<rest>.*)$")
BLACKBOARD = re.compile(
    r"^(?P<prefix>.+)_attempt_(?P<ts>\d{4}(?:-\d\d){5})(?:_(?P<file>.+)|(?P<receipt>\.txt))$"
)
AGAIN = re.compile(r"-(?P<n>\d+)$")


@dataclass
class Named:
    """``key``: what names the person in the download (for --map); ``order``: comparable
    within one layout, higher is newer."""

    layout: str
    key: str
    file: str
    order: tuple
    late: bool = False
    name: str = ""  # Canvas squashed name, Moodle full name, Blackboard prefix
    number: str = ""  # Canvas user id, Moodle participant number
    anonymous: bool = False
    receipt: bool = False


def parse(path: str, mtime: str) -> Named | None:
    """The name of one file of a download (its path inside the zip or folder) read in each
    LMS's layout, or None."""
    parts = PurePosixPath(path).parts
    base = parts[-1]
    for folder in [*parts[:-1], base]:
        m = MOODLE.match(folder)
        if m:
            file = base if folder != base else m["rest"]
            name = " ".join(m["name"].split())
            return Named(
                "Moodle",
                f"{name}_{m['pid']}",
                file,
                ("moodle", mtime),
                name=name,
                number=m["pid"],
                anonymous=name == "Participant",
            )
    m = BLACKBOARD.match(base)
    if m:
        return Named(
            "Blackboard",
            m["prefix"],
            m["file"] or "",
            ("blackboard", m["ts"]),
            name=m["prefix"],
            receipt=bool(m["receipt"]),
        )
    m = CANVAS_ANON.match(base)
    if m:
        return Named(
            "Canvas",
            f"anon_{m['anon']}",
            m["file"],
            _canvas_order(m),
            bool(m["late"]),
            anonymous=True,
        )
    m = CANVAS.match(base)
    if m:
        return Named(
            "Canvas",
            f"{m['name']}_{m['uid']}",
            m["file"],
            _canvas_order(m),
            bool(m["late"]),
            name=m["name"],
            number=m["uid"],
        )
    return None


def _canvas_order(m) -> tuple:
    again = AGAIN.search(PurePosixPath(m["file"]).stem)
    return ("canvas", int(m["fid"]), int(again["n"]) if again else 0)


def squash(sortable: str) -> str:
    """A Canvas sortable name as Canvas puts it in a file name."""
    return re.sub(r"\W", "", sortable.lower())


def candidates(named: Named, people: dict) -> tuple[set[str], str]:
    """The roster's students the file's name can be, and why, when it names no one."""
    by_id: dict[str, set[str]] = {}
    for s in people:
        by_id.setdefault(fold(s), set()).add(s)
    if named.anonymous:
        return set(), (
            f"{named.layout}'s anonymous or blind marking hides who handed this in; "
            "reveal the names before downloading, or name the student with --map"
        )
    if named.layout == "Canvas":
        uids = {v.get("lms_user_id"): s for s, v in people.items() if v.get("lms_user_id")}
        if uids:
            if named.number in uids:
                return {uids[named.number]}, ""
            return set(), f"Canvas user {named.number} ('{short(named.name)}') is not on the roster"
        found = set(by_id.get(fold(named.name), set()))
        found |= {
            s
            for s, v in people.items()
            if squash(v.get("sortable") or f"{v['last_name']}, {v['first_name']}") == named.name
        }
        return found, f"no student on the roster is called '{short(named.name)}'"
    if named.layout == "Moodle":
        name = fold(named.name)
        found = {
            s
            for s, v in people.items()
            if name
            in (
                fold(f"{v['first_name']} {v['last_name']}"),
                fold(f"{v['last_name']} {v['first_name']}"),
            )
        }
        return found, f"no student on the roster is called '{short(named.name)}'"
    found = set()
    for at in [i for i, c in enumerate(named.name) if c == "_"]:
        found |= by_id.get(fold(named.name[at + 1 :]), set())
    return found, f"no user name on the roster ends '{short(named.name)}' after an underscore"
