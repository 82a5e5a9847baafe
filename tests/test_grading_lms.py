"""LMS downloads in and grades out, with real nbgrader and the real command line, for a class
of 40 whose work comes from a Canvas, a Moodle and a Blackboard download named as each LMS
names its files (tests/lms_class.py): every student is filed with their own newest work or
named in collect's output, and the exit status says when something was not filed."""

from __future__ import annotations

import csv
import json
import re
from functools import partial

import nbformat
import pytest
from support.class_of_40 import course_with_release
from support.content import copy_course
from support.env import BIN, run
from support.env import coursekit as run_coursekit
from support.lms_class import (
    BLACKBOARD,
    BY_ID,
    CANVAS,
    CANVAS_COLUMN,
    MODULE,
    MOODLE,
    ROSTER,
    downloads,
    expected,
    map_files,
    notebook,
    rosters,
)

# Here a command that fails fails the test unless the call says check=False.
coursekit = partial(run_coursekit, check=True)


@pytest.fixture(scope="module")
def lms_class(tmp_path_factory):
    """Rosters imported, then each download collected as an instructor would: a dry run first,
    the downloads, an older and a later download, the --map files, then autograde."""
    course = course_with_release(tmp_path_factory, "lms")
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    files = tmp_path_factory.mktemp("lms-files")
    lists, maps = rosters(files), map_files(files)
    got = dict(downloads(files, release, files / "secret.ipynb"))
    runs = {}
    for name, path in lists.items():
        runs[f"roster {name}"] = coursekit("roster", str(path), cwd=course)
    collect = lambda key, *more: coursekit(
        "collect", MODULE, str(got[key]), *more, cwd=course, check=False
    )
    runs["dry run"] = collect("canvas", "--dry-run")
    runs["submitted after the dry run"] = (course / "submitted").exists()
    runs["canvas"] = collect("canvas")
    runs["canvas again"] = collect("canvas")
    runs["canvas-old"] = collect("canvas-old")
    runs["canvas-later dry run"] = collect("canvas-later", "--dry-run")
    runs["canvas-later"] = collect("canvas-later")
    runs["moodle"] = collect("moodle")
    runs["moodle mapped"] = collect("moodle", "--map", str(maps["moodle"]))
    runs["blackboard"] = collect("blackboard")
    runs["blackboard mapped"] = collect("blackboard", "--map", str(maps["names"]))
    runs["autograde"] = coursekit("autograde", MODULE, cwd=course, check=False)
    runs["status"] = coursekit("status", MODULE, cwd=course, check=False)
    return course, runs


def answer_of(course, student):
    nb = nbformat.read(course / "submitted" / student / MODULE / f"{MODULE}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.metadata["nbgrader"].get("solution"))


def output(runs, *keys):
    return "\n".join(runs[k].stdout + runs[k].stderr for k in keys)


def test_every_student_is_filed_with_their_own_work_or_named_in_the_output(lms_class):
    course, runs = lms_class
    every = output(runs, "canvas", "moodle", "blackboard")
    filed = {p.parent.name for p in (course / "submitted").glob(f"*/{MODULE}")}
    assert filed == {s.id for s in ROSTER if expected(s)}, "nobody else has a folder"
    for s in ROSTER:
        if expected(s):
            assert answer_of(course, s.id) == expected(s), s.id
        elif s.named:
            assert s.named in every, f"{s.id}'s work is neither filed nor named"
    status = runs["status"].stdout
    for s in ROSTER:
        line = next(line for line in status.splitlines() if line.strip().startswith(f"{s.id}:"))
        assert ("MISSING" in line) == (expected(s) is None), line
    ran = [k for k, v in runs.items() if not isinstance(v, bool)]
    assert "Traceback" not in output(runs, *ran)


def test_the_exit_status_tells_when_something_was_not_filed(lms_class):
    _, runs = lms_class
    for key in ("dry run", "canvas", "moodle", "moodle mapped", "blackboard", "blackboard mapped"):
        assert runs[key].returncode == 1, key
    for key in ("canvas-old", "canvas-later"):
        assert runs[key].returncode == 0, (key, runs[key].stdout)
    summary = runs["canvas"].stdout.splitlines()[0]
    assert re.fullmatch(
        rf"{MODULE}: 11 students filed in submitted/; 6 files not filed; 1 late \(ddiallo\)",
        summary,
    ), summary


def test_collect_never_guesses_between_students(lms_class):
    _, runs = lms_class
    moodle, bb = runs["moodle"].stdout, runs["blackboard"].stdout
    assert re.search(
        r"NOT FILED Ben Kim_98768_assignsubmission_file_/module1.ipynb: Moodle's 'Ben "
        r"Kim' fits 2 students of the roster \(bkim, bkim2\)",
        moodle,
    ), moodle
    assert "Ben Kim_98769" in moodle
    assert re.search(
        r"NOT FILED Module 1_j_smith_attempt[^:]*: Blackboard's 'Module 1_j_smith' fits "
        r"2 students of the roster \(j_smith, smith\)",
        bb,
    ), bb
    assert "bkim" not in runs["moodle mapped"].stdout.split("NOT FILED", 1)[-1]
    canvas = runs["canvas"].stdout
    assert "NOT FILED anon_x8Kq2_56100_module1.ipynb: Canvas's anonymous or blind marking" in canvas
    assert (
        "NOT FILED nobodyned_1099_56101_module1.ipynb: Canvas user 1099 ('nobodyned') is not on "
        "the roster" in canvas
    )
    assert "Participant_98792" in moodle and "anonymous or blind marking" in moodle
    # Two Canvas students called Jo Jones: Canvas's user id tells them apart.
    assert answer_of(lms_class[0], "jjones1") != answer_of(lms_class[0], "jjones2")


def test_names_are_data_never_paths(lms_class):
    course, runs = lms_class
    canvas, moodle, bb = (runs[k].stdout for k in ("canvas", "moodle", "blackboard"))
    assert (
        "NOT FILED ../smithjo_1098_56102_module1.ipynb: its name points outside the download"
        in canvas
    )
    assert re.search(
        r"NOT FILED lopezlu_1039_56013_module1.ipynb: larger than 20 MB once unpacked", canvas
    )
    assert (
        "NOT FILED .._98790_assignsubmission_file_/module1.ipynb: no student on the roster is "
        "called '..'" in moodle
    )
    long_line = next(line for line in moodle.splitlines() if "LongLong" in line)
    assert "…" in long_line and len(long_line) < 450, long_line
    assert re.search(r"NOT FILED Module 1_ddean_attempt_[^:]*: a symbolic link", bb), bb
    assert "NOT FILED notes.ipynb: its name fits no LMS layout" in bb
    assert not (course / ".." / MODULE).exists() and not (course / "submitted" / "..").is_symlink()
    assert sorted(p.name for p in course.iterdir() if p.is_dir()) == sorted(
        [
            "autograded",
            "grading",
            "release",
            "reflections",
            "scenarios",
            "schema",
            "source",
            "submitted",
            "templates",
        ]
    )
    assert "A file outside the download." not in json.dumps(
        [answer_of(course, s) for s in ("aadams",)]
    )
    # Files that are not notebooks are listed, never dropped without a word.
    assert "NOT A NOTEBOOK brownben_1027_56001_notes.txt (bbrown): not a notebook" in canvas
    assert (
        "NOT A NOTEBOOK Omar Ortiz_98770_assignsubmission_onlinetext_/onlinetext.html (oortiz)"
        in moodle
    )
    assert "LEFT OUT 9 Blackboard's receipts (…_attempt_<date>.txt), not submissions" in bb


def test_newest_work_wins_by_the_lms_order(lms_class):
    course, runs = lms_class
    assert answer_of(course, "eevans") == expected(BY_ID["eevans"]), "file 10234 is newer than 9876"
    assert (
        "OLDER evanseli_1030_9876_module1.ipynb (eevans): older than "
        "evanseli_1030_10234_module1-1.ipynb" in runs["canvas"].stdout
    )
    assert (
        course / "grading" / f"{MODULE}-older" / "eevans" / "evanseli_1030_9876_module1.ipynb"
    ).exists()
    old = runs["canvas-old"].stdout
    assert (
        "0 students filed" in old
        and "hhughes's newer work (hugheshal_1034_55034_module1.ipynb) is already in submitted/"
        in old
    ), old
    assert answer_of(course, "hhughes") == expected(BY_ID["hhughes"])
    kept = course / "grading" / f"{MODULE}-older" / "hhughes" / "hugheshal_1034_50011_module1.ipynb"
    assert "Hal's first try." in kept.read_text(), "the older download is kept, not lost"
    assert (
        "-> iito (replaces itoivy_1035_55035_module1.ipynb, LATE)"
        in runs["canvas-later dry run"].stdout
    )
    assert answer_of(course, "yyoung") == expected(BY_ID["yyoung"]) and answer_of(
        course, "ppark"
    ) == expected(BY_ID["ppark"])
    assert "0 students filed in submitted/, 11 unchanged" in runs["canvas again"].stdout


def test_a_dry_run_prints_the_table_and_files_nothing(lms_class):
    _, runs = lms_class
    assert runs["submitted after the dry run"] is False
    dry = runs["dry run"].stdout
    assert "(dry run: nothing was filed)" in dry.splitlines()[0]
    for s in CANVAS:
        if expected(s) and s.id != "iito":
            assert re.search(rf"_{s.number}_\d+_module1(-1)?\.ipynb -> {s.id} \(", dry), s.id
    assert "NOT FILED anon_x8Kq2" in dry


def test_late_work_reaches_status(lms_class):
    _, runs = lms_class
    status = runs["status"].stdout
    for student in ("ddiallo", "iito"):
        assert "LATE" in next(line for line in status.splitlines() if f"{student}:" in line)
    assert "LATE" not in next(line for line in status.splitlines() if "aalvarez:" in line)


def read(course, name):
    return list(csv.reader((course / "grading" / name).open(encoding="utf-8-sig")))


def test_canvas_export_fills_the_assignment_students_handed_in_to(lms_class):
    course, _ = lms_class
    coursekit("export", MODULE, "--format", "canvas", "--allow-ungraded", cwd=course)
    rows = read(course, f"{MODULE}-canvas.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", CANVAS_COLUMN]
    by_login = {r[3]: r for r in rows[1:]}
    assert "Points Possible" not in {r[0] for r in rows}, "an existing assignment keeps its points"
    for s in CANVAS:
        assert by_login[s.id][:5] == [f"{s.last}, {s.first}", s.number, s.sis, s.id, s.section]
        assert (by_login[s.id][5] == "") == (expected(s) is None), s.id
    assert by_login["kkhan"][5] == "", "missing work is Canvas's no change"


def test_moodle_export_matches_on_what_moodle_imports(lms_class):
    course, _ = lms_class
    got = coursekit(
        "export", MODULE, "--format", "moodle", "--allow-ungraded", cwd=course, check=False
    )
    assert got.returncode == 1, "the Canvas class list had no emails: those rows are named"
    assert "kkhan: left out of the Moodle file: no email address on the class list" in got.stdout
    rows = read(course, f"{MODULE}-moodle.csv")
    assert rows[0] == [
        "Email address",
        "ID number",
        "Username",
        MODULE,
        f"{MODULE} feedback",
        "State",
    ]
    by_email = {r[0]: r for r in rows[1:]}
    for s in MOODLE:
        row = by_email[f"{s.id}@example.org"]
        assert row[1:3] == [s.idnumber, s.id], "the roster's own ID number and user name"
    missing = by_email["uudo@example.org"]
    assert missing[3] == "" and missing[4] == "" and missing[5] == "missing"
    assert all("missing" not in r[4] for r in rows[1:]), "no state word reaches a student"


def test_roster_ids_that_differ_only_in_case_are_refused(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / "class.csv").write_text(
        "id,first_name,last_name,email\njsmith,Jo,Smith,\nJSmith,Jay,Smith,\nok1,A,B,\n"
    )
    got = coursekit("roster", "class.csv", "--course", str(tmp_path), cwd=tmp_path, check=False)
    assert got.returncode == 1 and "row 3: id: 'JSmith' is the id of row 2 too" in got.stderr, (
        got.stderr
    )
    assert not (tmp_path / "gradebook.db").exists(), "nothing imported"
    assert "Traceback" not in got.stderr
    assert len(BLACKBOARD) + len(MOODLE) + len(CANVAS) == 40


@pytest.mark.slow
def test_a_moodle_export_from_a_class_list_without_emails_says_why_it_is_empty(tmp_path):
    """Moodle's import matches rows on the email address: a Canvas class list has none, and
    the export says that, not that there are no students."""
    course = copy_course(tmp_path / "exercises")
    (tmp_path / "gradebook.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Module 1 (4411)\n"
        '"Smith, Jo",1026,S1026,jsmith,A,\n"Kim, Ben",1029,S1029,bkim,A,\n'
    )
    coursekit("roster", str(tmp_path / "gradebook.csv"), cwd=course)
    run([BIN / "nbgrader", "db", "assignment", "add", MODULE], cwd=course)
    got = coursekit(
        "export", MODULE, "--format", "moodle", "--allow-ungraded", cwd=course, check=False
    )
    assert got.returncode == 1 and "Traceback" not in got.stderr, got.stderr
    assert "email: no student on the class list has an email address" in got.stderr, got.stderr
    assert not (course / "grading" / f"{MODULE}-moodle.csv").exists()


@pytest.mark.slow
def test_nbgraders_own_collect_of_an_id_off_the_class_list_is_set_aside(tmp_path_factory):
    """Hand-ins in nbgrader's exchange (as `nbgrader submit` names them: student+module+time+
    random), collected by nbgrader's own `collect`: work under an id that is not on the
    imported class list (one differing only in case, a name nobody has) is set aside with the
    reason by autograde, never graded as a new student; two people with one name each get
    their own newest work, and accented names reach the export as written."""
    course = course_with_release(tmp_path_factory, "off-roster")
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    (course / "class.csv").write_text(
        "id,first_name,last_name,email\njsmith,Jo,Smith,j@x.org\njsmith2,Jo,Smith,j2@x.org\n"
        "znunez,Zoë,Ñúñez,z@x.org\nsiobhan,Siobhán,O'Neil,s@x.org\n",
        encoding="utf-8",
    )
    assert coursekit("roster", "class.csv", cwd=course).returncode == 0
    inbound = tmp_path_factory.mktemp("exchange") / "solidarity-allyship" / "inbound"
    for who, day, text in (
        ("jsmith", 5, "jsmith's answer."),
        ("JSmith", 5, "Someone filed as JSmith."),
        ("znunez", 5, "Zoë's answer."),
        ("carol", 5, "Carol is on no list."),
        ("jsmith2", 4, "Jo Smith 2, first try."),
        ("jsmith2", 6, "Jo Smith 2, newest."),
    ):
        stamp = f"2026-03-0{day} 10:00:00.000000 UTC"
        folder = inbound / f"{who}+{MODULE}+{stamp}+{who[:2]}R4nd"
        folder.mkdir(parents=True)
        (folder / f"{MODULE}.ipynb").write_text(notebook(release, text), encoding="utf-8")
        (folder / "timestamp.txt").write_text(stamp)
    got = run(
        [BIN / "nbgrader", "collect", MODULE, f"--Exchange.root={inbound.parent.parent}"],
        cwd=course,
    )
    assert sorted(p.name for p in (course / "submitted").iterdir()) == [
        "JSmith",
        "carol",
        "jsmith",
        "jsmith2",
        "znunez",
    ], got.stdout + got.stderr
    got = coursekit("autograde", MODULE, cwd=course, check=False)
    assert got.returncode == 1 and "Traceback" not in got.stdout + got.stderr, got.stderr
    assert f"{MODULE}: 3 of 5 submissions graded" in got.stdout, got.stdout
    assert (
        "JSmith: SET ASIDE: submitted/JSmith/: id: not on the class list in the gradebook; it "
        "differs only in case or accents from 'jsmith'" in got.stdout
    )
    assert "carol: SET ASIDE: submitted/carol/: id: not on the class list" in got.stdout
    assert "ask for the notebook again" not in got.stdout
    status = coursekit("status", MODULE, cwd=course).stdout
    state = {line.split(":")[0].strip(): line for line in status.splitlines()[1:]}
    assert "SET ASIDE" in state["JSmith"] and "SET ASIDE" in state["carol"]
    assert "MISSING" in state["siobhan"] and "MISSING" not in state["jsmith"]
    assert answer_of(course, "jsmith") == "jsmith's answer."
    assert answer_of(course, "jsmith2") == "Jo Smith 2, newest."
    assert not (course / "autograded" / "JSmith").exists()
    got = coursekit("export", MODULE, "--allow-ungraded", cwd=course, check=False)
    assert got.returncode == 1 and "JSmith: left out of the Plain file" in got.stdout, got.stdout
    plain = {r[0]: r for r in read(course, f"{MODULE}-plain.csv")[1:]}
    assert set(plain) == {"jsmith", "jsmith2", "znunez", "siobhan"}, "the class list only"
    assert plain["znunez"][1:4] == ["Zoë", "Ñúñez", "z@x.org"], plain["znunez"]
    assert plain["siobhan"][1:3] == ["Siobhán", "O'Neil"] and plain["siobhan"][4] == "missing"
