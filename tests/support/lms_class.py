"""A class of 40 for module1 whose work comes from three LMS downloads, each named as that LMS
names its files (see coursekit/grading/lms_names.py for the sources), with every case that
used to misfile or drop work mixed among good submissions. Used by test_grading_lms.py.

Each roster student has an ``expect``: the answer text that must be filed for them, or
None when their work cannot be filed (they must then be named in collect's output, or be
missing from the download altogether)."""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

MODULE = "module1"
CANVAS_COLUMN = "Module 1 (4411)"


@dataclass
class Student:
    id: str
    first: str
    last: str
    lms: str
    expect: str | None
    named: str = ""  # what collect's output must name when nothing is filed
    number: str = ""  # Canvas user id or Moodle participant number
    sis: str = ""
    section: str = ""
    idnumber: str = ""


def _canvas(i, last, first, expect="good", **kw):
    sid = kw.pop("id", (first[0] + last).lower().replace("'", ""))
    return Student(
        sid,
        first,
        last,
        "canvas",
        expect,
        number=str(1026 + i),
        sis=f"S{1026 + i}",
        section="Section A" if i % 2 else "Section B",
        **kw,
    )


CANVAS = [
    _canvas(0, "Alvarez", "Ana"),
    _canvas(1, "Brown", "Ben"),  # a notes.txt beside the notebook
    _canvas(2, "Chen", "Cai"),
    _canvas(3, "Diallo", "Dee"),  # LATE
    _canvas(4, "Evans", "Eli"),  # handed in again: file 9876, then 10234 (-1)
    _canvas(5, "Farah", "Fay", None, named="farahfay_1031_text.html"),  # a text entry only
    _canvas(6, "O'Neil", "Siobhán"),
    _canvas(7, "Garcia", "Gus"),
    _canvas(8, "Hughes", "Hal"),  # an older download of Hal's is collected afterwards
    _canvas(9, "Ito", "Ivy", "Ivy's newer answer."),  # a later download brings newer work
    _canvas(10, "Jones", "Jo", id="jjones1"),  # two students called Jo Jones
    _canvas(11, "Jones", "Jo", id="jjones2"),
    _canvas(12, "Khan", "Kai", None),  # handed in nothing
    _canvas(13, "Lopez", "Lu", None, named="lopezlu_1039_56013_module1.ipynb"),  # 25 MB
]


def _moodle(i, first, last, expect="good", **kw):
    sid = kw.pop("id", (first[0] + last).lower())
    return Student(
        sid,
        first,
        last,
        "moodle",
        expect,
        number=str(98765 + i),
        idnumber=f"M{2000 + i}" if i % 3 else "",
        **kw,
    )


MOODLE = [
    _moodle(0, "Mia", "Moreau"),
    _moodle(1, "Noor", "Nasser"),
    _moodle(2, "Zoë", "Ñúñez", id="znunez"),  # the download spells it in Unicode NFD
    _moodle(3, "Ben", "Kim", id="bkim"),  # two students called Ben Kim: --map settles it
    _moodle(4, "Ben", "Kim", id="bkim2"),
    _moodle(5, "Omar", "Ortiz", None, named="Omar Ortiz_98770_assignsubmission_onlinetext_"),
    _moodle(6, "Pia", "Park"),  # two notebooks in one submission: the newer wins
    _moodle(7, "Quinn", "Quigley"),
    _moodle(8, "Rosa", "Rossi"),
    _moodle(9, "Sam", "Sato"),
    _moodle(10, "Tess", "Tan"),
    _moodle(11, "Uma", "Udo", None),  # handed in nothing
    _moodle(12, "Vic", "Vale"),  # the older flat layout (a file-name prefix, no folder)
]


def _bb(sid, first, last, expect="good", **kw):
    return Student(sid, first, last, "blackboard", expect, **kw)


BLACKBOARD = [
    _bb("wwong", "Wen", "Wong"),  # the download writes WWong
    _bb("xxu", "Xia", "Xu"),
    _bb("yyoung", "Yan", "Young"),  # two attempts: the later wins
    _bb("j_smith", "Jay", "Smith"),  # "Module 1_j_smith" could be user smith too: --map
    _bb("smith", "Sky", "Smith"),
    _bb("k_lee", "Kim", "Lee"),  # an underscore, but no user "lee": filed
    _bb("zzhang", "Zhi", "Zhang"),
    _bb("aadams", "Abe", "Adams"),
    _bb("bbell", "Bea", "Bell"),
    _bb("ccole", "Cy", "Cole"),
    _bb("ddean", "Di", "Dean", None, named="Module 1_ddean_attempt"),  # a symbolic link
    _bb("eeast", "Ed", "East"),
    _bb("ffox", "Flo", "Fox", None),  # handed in nothing
]
ROSTER = CANVAS + MOODLE + BLACKBOARD
assert len(ROSTER) == 40 and len({s.id for s in ROSTER}) == 40
BY_ID = {s.id: s for s in ROSTER}


def answer(s: Student) -> str:
    return f"{s.id}'s answer, written for {MODULE}."


def expected(s: Student) -> str | None:
    """The answer that must be filed for ``s``, or None."""
    return answer(s) if s.expect == "good" else s.expect


def notebook(release, text: str) -> str:
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = text
    return nbformat.writes(nb)


def _csv(header, rows) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def rosters(folder: Path) -> dict[str, Path]:
    """The class list as each LMS exports it."""
    canvas = _csv(
        [
            "Student",
            "ID",
            "SIS User ID",
            "SIS Login ID",
            "Section",
            CANVAS_COLUMN,
            "Module 2 (4412)",
            "Current Score",
            "Final Score",
        ],
        [["    Points Possible", "", "", "", "", "30", "30", "", ""]]
        + [
            [f"{s.last}, {s.first}", s.number, s.sis, s.id, s.section, "", "", "", ""]
            for s in CANVAS
        ],
    )
    moodle = _csv(
        ["First name", "Last name", "ID number", "Username", "Email address"],
        [[s.first, s.last, s.idnumber, s.id, f"{s.id}@example.org"] for s in MOODLE],
    )
    plain = _csv(
        ["id", "first_name", "last_name", "email"],
        [[s.id, s.first, s.last, f"{s.id}@example.org"] for s in BLACKBOARD],
    )
    paths = {}
    for name, text in (("canvas", canvas), ("moodle", moodle), ("blackboard", plain)):
        paths[name] = folder / f"{name}-class-list.csv"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def canvas_name(s: Student) -> str:
    """As Canvas writes it: the sortable name, lower case, only word characters."""
    import re

    return re.sub(r"\W", "", f"{s.last}, {s.first}".lower())


def downloads(folder: Path, release, outside: Path) -> dict[str, Path]:
    nb = lambda s, text=None: notebook(release, text or answer(s))
    c = {s.id: s for s in CANVAS}
    cf = lambda s, fid, file, late=False: (
        f"{canvas_name(s)}_{'LATE_' if late else ''}{s.number}_{fid}_{file}"
    )
    paths = {}
    paths["canvas"] = folder / "course-module-1 submissions.zip"
    with zipfile.ZipFile(paths["canvas"], "w", zipfile.ZIP_DEFLATED) as z:
        for k, s in enumerate(CANVAS):
            if s.expect and s.id not in ("ddiallo", "eevans"):
                z.writestr(cf(s, 55026 + k, f"{MODULE}.ipynb"), nb(s))
        z.writestr(cf(c["bbrown"], 56001, "notes.txt"), "my notes")
        z.writestr(cf(c["ddiallo"], 55030, f"{MODULE}.ipynb", late=True), nb(c["ddiallo"]))
        z.writestr(cf(c["eevans"], 9876, f"{MODULE}.ipynb"), nb(c["eevans"], "Eli's first try."))
        z.writestr(cf(c["eevans"], 10234, f"{MODULE}-1.ipynb"), nb(c["eevans"]))
        z.writestr(f"{canvas_name(c['ffarah'])}_{c['ffarah'].number}_text.html", "<p>My answer</p>")
        z.writestr(cf(c["llopez"], 56013, f"{MODULE}.ipynb"), b" " * (25 * 1024 * 1024))
        z.writestr(f"anon_x8Kq2_56100_{MODULE}.ipynb", nb(c["aalvarez"], "Someone anonymous."))
        z.writestr(f"nobodyned_1099_56101_{MODULE}.ipynb", nb(c["aalvarez"], "A dropped student."))
        z.writestr(f"../smithjo_1098_56102_{MODULE}.ipynb", nb(c["aalvarez"], "Outside."))
    paths["canvas-old"] = folder / "older download.zip"
    with zipfile.ZipFile(paths["canvas-old"], "w") as z:
        z.writestr(cf(c["hhughes"], 50011, f"{MODULE}.ipynb"), nb(c["hhughes"], "Hal's first try."))
    paths["canvas-later"] = folder / "later download.zip"
    with zipfile.ZipFile(paths["canvas-later"], "w") as z:
        z.writestr(
            cf(c["iito"], 60001, f"{MODULE}-1.ipynb", late=True),
            nb(c["iito"], "Ivy's newer answer."),
        )

    paths["moodle"] = folder / "Reflections-Module 1-98765.zip"
    prefix = lambda s, name=None: f"{name or f'{s.first} {s.last}'}_{s.number}_assignsubmission_"
    m = {s.id: s for s in MOODLE}
    when = (2026, 3, 5, 10, 0, 0)
    with zipfile.ZipFile(paths["moodle"], "w") as z:
        put = lambda name, data, t=when: z.writestr(zipfile.ZipInfo(name, t), data)
        for s in MOODLE:
            if s.expect != "good" or s.id in ("znunez", "ppark", "vvale"):
                continue
            put(f"{prefix(s)}file_/{MODULE}.ipynb", nb(s))
        nfd = unicodedata.normalize("NFD", "Zoë Ñúñez")
        put(f"{prefix(m['znunez'], nfd)}file_/{MODULE}.ipynb", nb(m["znunez"]))
        put(f"{prefix(m['ppark'])}file_/{MODULE}.ipynb", nb(m["ppark"], "Pia's first file."))
        put(f"{prefix(m['ppark'])}file_/{MODULE} (1).ipynb", nb(m["ppark"]), (2026, 3, 6, 9, 0, 0))
        put(f"{prefix(m['vvale'])}file_{MODULE}.ipynb", nb(m["vvale"]))
        put(f"{prefix(m['oortiz'])}onlinetext_/onlinetext.html", "<p>Omar's text</p>")
        put(f".._98790_assignsubmission_file_/{MODULE}.ipynb", nb(m["mmoreau"], "Dots."))
        put(f"{'Long' * 75}_98791_assignsubmission_file_/{MODULE}.ipynb", nb(m["mmoreau"], "Long."))
        put(f"Participant_98792_assignsubmission_file_/{MODULE}.ipynb", nb(m["mmoreau"], "Blind."))

    paths["blackboard"] = bb = folder / "gradebook_Module 1"
    bb.mkdir()
    b = {s.id: s for s in BLACKBOARD}
    attempt = lambda user, ts: f"Module 1_{user}_attempt_{ts}"
    for s in BLACKBOARD:
        if s.expect != "good" or s.id in ("wwong", "yyoung"):
            continue
        (bb / f"{attempt(s.id, '2026-03-06-16-59-01')}_{MODULE}.ipynb").write_text(nb(s))
        (bb / f"{attempt(s.id, '2026-03-06-16-59-01')}.txt").write_text(
            f"Name: {s.first} {s.last}\n"
        )
    (bb / f"{attempt('WWong', '2026-03-06-12-00-00')}_{MODULE}.ipynb").write_text(nb(b["wwong"]))
    (bb / f"{attempt('yyoung', '2026-03-05-10-00-00')}_{MODULE}.ipynb").write_text(
        nb(b["yyoung"], "Yan's first attempt.")
    )
    (bb / f"{attempt('yyoung', '2026-03-06-11-00-00')}_{MODULE}.ipynb").write_text(nb(b["yyoung"]))
    outside.write_text(nb(b["ddean"], "A file outside the download."))
    os.symlink(outside, bb / f"{attempt('ddean', '2026-03-06-10-00-00')}_{MODULE}.ipynb")
    (bb / "notes.ipynb").write_text(nb(b["aadams"], "Not a student's file."))
    return paths


def map_files(folder: Path) -> dict[str, Path]:
    """Moodle's grading worksheet (Identifier "Participant <n>") and a name,student file."""
    worksheet = _csv(
        ["Identifier", "Full name", "Email address", "Status", "Grade"],
        [
            [
                f"Participant {s.number}",
                f"{s.first} {s.last}",
                f"{s.id}@example.org",
                "Submitted",
                "",
            ]
            for s in MOODLE
        ],
    )
    names = "name,student\nModule 1_j_smith,j_smith\n"
    paths = {"moodle": folder / "grading-worksheet.csv", "names": folder / "names.csv"}
    paths["moodle"].write_text(worksheet, encoding="utf-8")
    paths["names"].write_text(names, encoding="utf-8")
    return paths
