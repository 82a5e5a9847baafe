"""LMS downloads in and grades out, with real nbgrader. The fixtures are named as each LMS
names its downloads: Canvas (name_LATE_userid_submissionid_file, "-1" for a resubmission),
Moodle's "Download all submissions" (Full Name_participantid_assignsubmission_file_, as a
folder or a file name prefix) and Blackboard (Assignment_username_attempt_date_file)."""

from __future__ import annotations

import csv
import json
import zipfile

import nbformat
import pytest
from class_of_40 import course_with_release
from conftest import BIN, run

from coursekit.content import EXERCISES
from coursekit.grading import load_module

MODULE = "module1"
PROMPTS = load_module(EXERCISES, MODULE).prompts
CANVAS_ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,module1 (501)
    Points Possible,,,,,30
"Alvarez, Ana",1026,A1,alvarezana,Section 1,
"Brown, Ben",1027,B1,brownben,Section 1,
"""
MOODLE_ROSTER = "First name,Last name,ID number,Email address\nCleo,Clark,cclark,cleo@example.org\nDev,Diaz,ddiaz,dev@example.org\nEli,Egan,eegan,eli@example.org\n"


def notebook(release, text):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for cell in nb.cells:
        if cell.metadata["nbgrader"].get("solution"):
            cell.source = text
    return nbformat.writes(nb)


def coursekit(*args, cwd, check=True):
    return run([BIN / "python", "-m", "coursekit", *args], cwd=cwd, check=check)


@pytest.fixture(scope="module")
def lms_class(tmp_path_factory):
    course = course_with_release(tmp_path_factory, "lms")
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    (course / "canvas.csv").write_text(CANVAS_ROSTER)
    (course / "moodle.csv").write_text(MOODLE_ROSTER)
    imports = [
        coursekit("roster", name, cwd=course).stdout for name in ("canvas.csv", "moodle.csv")
    ]
    down = course / "downloads"
    down.mkdir()
    with zipfile.ZipFile(down / "submissions.zip", "w") as z:  # Canvas
        z.writestr(f"alvarezana_1026_55026_{MODULE}.ipynb", notebook(release, "Ana's answer."))
        z.writestr(f"brownben_1027_55011_{MODULE}.ipynb", notebook(release, "Ben's first try."))
        z.writestr(
            f"brownben_LATE_1027_55099_{MODULE}-1.ipynb", notebook(release, "Ben's resubmission.")
        )
    with zipfile.ZipFile(
        down / "moodle.zip", "w"
    ) as z:  # Moodle, one folder per student, and the older flat layout
        z.writestr(
            f"Cleo Clark_98765_assignsubmission_file_/{MODULE}.ipynb",
            notebook(release, "Cleo's answer."),
        )
        z.writestr(
            f"Dev Diaz_98766_assignsubmission_file_{MODULE}.ipynb",
            notebook(release, "Dev's answer."),
        )
    bb = down / "blackboard"
    bb.mkdir()
    (bb / f"Module1_eegan_attempt_2026-03-05-10-00-00_{MODULE}.ipynb").write_text(
        notebook(release, "Eli's first attempt.")
    )
    (bb / f"Module1_eegan_attempt_2026-03-06-16-59-01_{MODULE}.ipynb").write_text(
        notebook(release, "Eli's second attempt.")
    )
    (bb / "Module1_eegan_attempt_2026-03-06-16-59-01.txt").write_text("Name: Eli Egan\n")
    (bb / "notes.ipynb").write_text(notebook(release, "Not a student's file."))
    collected = [
        coursekit("collect", MODULE, str(down / name), cwd=course, check=False)
        for name in ("submissions.zip", "moodle.zip", "blackboard")
    ]
    coursekit("autograde", MODULE, cwd=course)
    return course, imports, collected


def answer_of(course, student):
    nb = nbformat.read(course / "submitted" / student / MODULE / f"{MODULE}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.metadata["nbgrader"].get("solution"))


def test_roster_comes_from_canvas_and_moodle_csv(lms_class):
    _, imports, _ = lms_class
    assert "2 students" in imports[0] and "3 students" in imports[1]


def test_collect_files_each_lms_layout_under_the_right_student(lms_class):
    course, _, collected = lms_class
    assert answer_of(course, "alvarezana") == "Ana's answer."
    assert answer_of(course, "brownben") == "Ben's resubmission.", "the resubmission wins"
    assert (
        answer_of(course, "cclark") == "Cleo's answer."
        and answer_of(course, "ddiaz") == "Dev's answer."
    )
    assert answer_of(course, "eegan") == "Eli's second attempt.", "the newest attempt wins"
    assert not (course / "submitted" / "Module1").exists()
    assert collected[0].returncode == 0 and "1 late (brownben)" in collected[0].stdout
    assert (
        collected[2].returncode == 1
        and "notes.ipynb: skipped: its name matches no LMS layout" in collected[2].stdout
    )


def test_late_flag_reaches_status_and_every_export(lms_class):
    course, _, _ = lms_class
    status = coursekit("status", MODULE, cwd=course).stdout
    assert "LATE" in next(line for line in status.splitlines() if "brownben:" in line)
    assert "LATE" not in next(line for line in status.splitlines() if "alvarezana:" in line)
    for fmt in ("plain", "canvas", "moodle"):
        coursekit("export", MODULE, "--format", fmt, "--allow-ungraded", cwd=course)
    read = lambda fmt: list(
        csv.DictReader((course / "grading" / f"{MODULE}-{fmt}.csv").open(encoding="utf-8-sig"))
    )
    plain = {r["student_id"]: r for r in read("plain")}
    assert plain["brownben"]["late"] == "yes" and plain["alvarezana"]["late"] == ""
    canvas = read("canvas")
    assert list(canvas[0])[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert {r["SIS Login ID"]: r["ID"] for r in canvas}["alvarezana"] == "1026"
    moodle = {r["Email address"]: r for r in read("moodle")}
    assert list(moodle["cleo@example.org"]) == [
        "Email address",
        "ID number",
        MODULE,
        f"{MODULE} feedback",
        "State",
    ]
    assert moodle["cleo@example.org"]["ID number"] == "cclark"
    assert set(moodle) >= {"cleo@example.org", "dev@example.org", "eli@example.org"}
