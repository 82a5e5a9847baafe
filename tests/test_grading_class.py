"""One class of 40 with real nbgrader (handed in to an exchange, filed by nbgrader's own collect
against the class list imported with `coursekit roster`, autograded once, in a module-scoped
fixture): two people with one name, accented names, a hand-in under an id that differs only in
case and one under an id on no list, a student who handed in twice, good submissions mixed
with hostile HTML, spreadsheet formulas, a copied answer cell, a damaged
file, an edited prompt, answers in extra cells, the book's learner notebook, a renamed file,
blank and partly blank work, a late one, a 40,000-character answer, another course's
notebook and a student who handed in nothing. The browser checks are in test_grading_browser.py."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import time

import nbformat
import pytest
from support.class_of_40 import (
    CASE_ONLY,
    FORMULAS,
    GOOD,
    LONG,
    MISSING,
    MODULE,
    NAMES,
    NOBODY,
    ROSTER,
    TWICE,
    course_with_release,
    write_class,
)
from support.env import BIN, coursekit, run

from coursekit.content import EXERCISES
from coursekit.grading import criterion_column, load_module
from coursekit.grading.cells import from_cell

PROMPTS = load_module(EXERCISES, MODULE).prompts
IDS = [p.id for p in PROMPTS]


def line_of(out, student):
    return next(line for line in out.splitlines() if line.strip().startswith(f"{student}:"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = course_with_release(tmp_path_factory, "class40")
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    exchange = tmp_path_factory.mktemp("exchange")
    write_class(course, exchange, release, PROMPTS)
    coursekit("roster", "students.csv", cwd=course, check=True)
    run(
        [BIN / "nbgrader", "db", "assignment", "add", MODULE, "--duedate=2026-03-05 17:00:00 UTC"],
        cwd=course,
    )
    run([BIN / "nbgrader", "collect", MODULE, f"--Exchange.root={exchange}"], cwd=course)
    proc = coursekit("autograde", MODULE, cwd=course)
    return course, proc


def answer_of(course, student):
    nb = nbformat.read(course / "submitted" / student / MODULE / f"{MODULE}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.metadata["nbgrader"].get("solution"))


def test_nbgraders_collect_never_puts_work_under_the_wrong_student(graded):
    """Two Jo Smiths each keep their own work; a hand-in under an id that differs only in case,
    or is on no list, is set aside with the reason (exit status 1), never graded as a student."""
    course, proc = graded
    out = proc.stdout
    assert proc.returncode == 1
    for student in GOOD:
        assert f"{student} on " in answer_of(course, student), student
    assert answer_of(course, GOOD[0]) != answer_of(course, GOOD[1])
    assert answer_of(course, TWICE).endswith(
        "not for them.\n\nA second paragraph, with a list:\n- one\n- two"
    ), "the newest hand-in"
    assert (
        f"{CASE_ONLY}: SET ASIDE: submitted/{CASE_ONLY}/: id: not on the class list in the "
        f"gradebook; it differs only in case or accents from '{GOOD[4]}'" in out
    ), out
    assert f"{NOBODY}: SET ASIDE: submitted/{NOBODY}/: id: not on the class list" in out
    for student in (CASE_ONLY, NOBODY):
        assert not (course / "autograded" / student).exists(), student


def test_one_bad_submission_never_stops_the_class(graded):
    course, proc = graded
    out = proc.stdout
    assert proc.returncode == 1 and "Traceback" not in out + proc.stderr, out + proc.stderr
    assert f"{MODULE}: 37 of 41 submissions graded" in out, out
    assert "SET ASIDE" in line_of(out, "broken") and "not valid JSON" in line_of(out, "broken")
    assert "SET ASIDE" in line_of(out, "other") and "none of module1's prompts" in line_of(
        out, "other"
    )
    for student in set(ROSTER) - {"broken", "other", MISSING}:
        assert (course / "autograded" / student / MODULE / f"{MODULE}.ipynb").exists(), student


def test_answers_are_found_where_students_put_them_and_flagged(graded):
    course, proc = graded
    out = proc.stdout
    assert "copied cell" in line_of(out, "dup") and "answers to grade by hand" in line_of(
        out, "dup"
    )
    assert "added below the prompt" in line_of(out, "extra") and "left blank" not in line_of(
        out, "extra"
    )
    assert "not the assignment's release" in line_of(
        out, "learner"
    ) and "left blank" not in line_of(out, "learner")
    assert "handed in as 'module1 (1).ipynb'" in line_of(out, "renamed")
    assert "TAMPERED" in line_of(out, "locked") and f"'{IDS[0]}-prompt'" in line_of(out, "locked")
    assert f"{len(IDS)} left blank" in line_of(out, "blank") and "1 left blank" in line_of(
        out, "partial"
    )
    assert "LATE" in line_of(out, "late") and "LATE" not in line_of(out, GOOD[0])


def test_status_names_every_student_of_the_roster(graded):
    course, _ = graded
    start = time.perf_counter()
    proc = coursekit("status", MODULE, cwd=course, check=True)
    seconds = time.perf_counter() - start
    out = proc.stdout
    assert f"{MODULE}: 42 students:" in out, "40 on the list and 2 folders set aside"
    assert "SET ASIDE" in line_of(out, CASE_ONLY) and "SET ASIDE" in line_of(out, NOBODY)
    assert "MISSING" in line_of(out, MISSING) and "SET ASIDE" in line_of(out, "broken")
    assert "BLANK" in line_of(out, "blank") and "LATE" in line_of(out, "late")
    assert "TO GRADE" in line_of(out, GOOD[0]) and "copied cell" in line_of(out, "dup")
    assert seconds < 60, (
        f"status took {seconds:.1f} s (`make bench-grading` measures it for 100 students)"
    )


def test_an_extension_moves_one_students_due_date(graded):
    course, _ = graded
    granted = coursekit("extension", MODULE, "late", "--until", "2026-03-13 09:00 UTC", cwd=course)
    assert granted.returncode == 0 and "an extension of 7 days, 16:00:00" in granted.stdout, granted
    assert "LATE" not in line_of(coursekit("status", MODULE, cwd=course).stdout, "late")
    early = coursekit("extension", MODULE, "late", "--until", "2026-03-01", cwd=course)
    assert early.returncode == 1 and "is not after module1's due date" in early.stderr
    nobody = coursekit("extension", MODULE, MISSING, "--until", "2026-03-13", cwd=course)
    assert nobody.returncode == 1 and "collect and autograde it first" in nobody.stderr
    coursekit("extension", MODULE, "late", "--clear", cwd=course, check=True)
    assert "LATE" in line_of(coursekit("status", MODULE, cwd=course).stdout, "late")


def read_sheet_file(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def sheet(graded):
    course, _ = graded
    proc = coursekit("sheet", "export", MODULE, cwd=course, check=True)
    return course, course / "grading" / f"{MODULE}-sheet.csv", proc.stdout


def test_sheet_holds_found_answers_formulas_as_text_and_long_answers_whole(sheet):
    course, path, out = sheet
    rows = read_sheet_file(path)
    answer = {(r["student"], r["prompt"]): r["answer"] for r in rows}
    assert (
        "The pasted second half, kept too." in answer["dup", IDS[0]]
        and "First copy" in answer["dup", IDS[0]]
    )
    assert answer["extra", IDS[1]].startswith(f"Extra cell answer to {IDS[1]}")
    assert answer["learner", IDS[2]] == f"Learner notebook answer to {IDS[2]}."
    for i, formula in enumerate(
        FORMULAS
    ):  # written as text: an apostrophe first, given back unchanged
        written, typed = (
            answer[GOOD[i], IDS[0]],
            formula.strip(),
        )  # an answer's own leading space is not kept
        assert from_cell(written).startswith(typed), (formula, written[:30])
        assert written.startswith("'") == typed.startswith(("=", "+", "-", "@", "'")), (
            formula,
            written[:30],
        )
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value[:40]
    assert len(answer["long", IDS[0]]) == LONG
    assert f"long, {IDS[0]}: the answer has 40,000 characters" in out


def fill(rows, skip=()):
    for r in rows:
        if r["student"] in ("(rubric)", *skip) or not r["answer"]:
            continue  # a blank answer is already 0, "No response."
        p = next(p for p in PROMPTS if p.id == r["prompt"])
        for c in p.rubric:
            r[criterion_column(p, c)] = str(c.levels[1].points)
        r["comment"] = (
            "#clear-example Well argued."
            if (r["student"], r["prompt"]) == (GOOD[0], IDS[0])
            else "Fine."
        )
    return rows


def write(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture(scope="module")
def imported(sheet):
    """Everyone graded but GOOD[-1]; the long answer cut by Excel; a comment from the bank."""
    course, path, _ = sheet
    p, c = PROMPTS[0], PROMPTS[0].rubric[0]
    (course / "grading" / "comments.csv").write_text(
        f"code,prompt,criterion,comment\nclear-example,{p.id},{c.criterion},Your example makes the "
        "point clear.\n"
    )
    rows = fill(read_sheet_file(path), skip=(GOOD[-1],))
    for r in rows:
        if r["student"] == "long" and r["prompt"] == IDS[0]:
            r["answer"] = r["answer"][:32_767]
    write(path, rows)
    proc = coursekit("sheet", "import", MODULE, cwd=course)
    assert proc.returncode == 0, proc.stderr
    return course, proc.stdout


def test_an_answer_cut_by_excel_is_imported_with_a_note_for_that_row(imported):
    _, out = imported
    assert "answer: cut at 32,767 characters by the spreadsheet" in out and "scores imported" in out


def test_feedback_and_export_refuse_while_answers_are_ungraded(imported):
    course, _ = imported
    for command in ("feedback", "export"):
        proc = coursekit(command, MODULE, cwd=course)
        assert (
            proc.returncode == 1 and GOOD[-1] in proc.stderr and "--allow-ungraded" in proc.stderr
        )
        assert "Traceback" not in proc.stderr
    assert not (course / "feedback").exists()


def test_export_never_turns_missing_blank_or_set_aside_into_a_zero(imported):
    course, _ = imported
    got = coursekit("export", MODULE, "--allow-ungraded", cwd=course)
    rows = {r["student_id"]: r for r in read_sheet_file(course / "grading" / f"{MODULE}-plain.csv")}
    assert set(rows) == set(ROSTER), "folders under an id on no class list are not exported"
    for student in (CASE_ONLY, NOBODY):
        assert (
            f"{student}: left out of the Plain file: not on the class list (autograde set its "
            "folder aside)" in got.stdout
        ), got.stdout
    assert got.returncode == 1, "something was not exported"
    for student, name in NAMES.items():
        assert (rows[student]["first_name"], rows[student]["last_name"]) == name, "as written"
    for student, state in (
        (MISSING, "missing"),
        ("blank", "blank"),
        ("broken", "set aside"),
        ("other", "set aside"),
    ):
        assert rows[student]["score"] == "" and rows[student]["state"].startswith(state), rows[
            student
        ]
    assert rows["late"]["late"] == "yes" and float(rows[GOOD[0]]["score"]) > 0
    assert "Your example makes the point clear." in rows[GOOD[0]]["comments"]


def test_a_locked_gradebook_is_named_in_one_line(sheet, imported):
    course, path, _ = sheet
    db = sqlite3.connect(course / "gradebook.db")
    db.execute("BEGIN EXCLUSIVE")
    try:
        proc = coursekit("sheet", "import", MODULE, cwd=course)
    finally:
        db.rollback()
        db.close()
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "gradebook.db: is in use by another program" in proc.stderr


def test_re_export_after_a_late_submission_keeps_earlier_scores(imported):
    course, _ = imported
    late = course / "submitted" / "newcomer" / MODULE
    shutil.copytree(course / "submitted" / GOOD[1] / MODULE, late)
    with (course / "students.csv").open("a", encoding="utf-8") as f:
        f.write("newcomer,New,Comer,newcomer@example.org\n")  # joined the class late
    coursekit("roster", "students.csv", cwd=course, check=True)
    coursekit("autograde", MODULE, cwd=course)
    coursekit("sheet", "export", MODULE, "--force", cwd=course, check=True)
    rows = read_sheet_file(course / "grading" / f"{MODULE}-sheet.csv")
    p, c = PROMPTS[0], PROMPTS[0].rubric[0]
    by = {(r["student"], r["prompt"]): r for r in rows}
    assert by[GOOD[0], p.id][criterion_column(p, c)] == str(c.levels[1].points)
    assert by["newcomer", p.id][criterion_column(p, c)] == ""


def test_anonymous_sheet_uses_stable_shuffled_pseudonyms_and_imports_back(imported, tmp_path):
    course, _ = imported
    sheets = []
    for name in ("anon1.csv", "anon2.csv"):
        coursekit(
            "sheet", "export", MODULE, str(tmp_path / name), "--anonymous", cwd=course, check=True
        )
        sheets.append([r for r in read_sheet_file(tmp_path / name) if r["student"] != "(rubric)"])
    text = (tmp_path / "anon1.csv").read_text(encoding="utf-8-sig")
    assert not any(f"\n{s}," in text for s in ROSTER), "no student id in an anonymous sheet"
    assert all(r["student"].startswith("anon-") for r in sheets[0])
    order = lambda rows, pid: [r["student"] for r in rows if r["prompt"] == pid]
    assert order(sheets[0], IDS[0]) == order(sheets[1], IDS[0]), "the same order every time"
    assert order(sheets[0], IDS[0]) != order(sheets[0], IDS[1]), "a different order per prompt"
    assert "anon-" in (course / f"{MODULE}-pseudonyms.json").read_text()
    rows = [r for r in read_sheet_file(tmp_path / "anon1.csv")]
    target = next(r for r in rows if r["prompt"] == IDS[1] and r["answer"].startswith("s11 on"))
    p = PROMPTS[1]
    for c in p.rubric:
        target[criterion_column(p, c)] = str(c.levels[-1].points)
    write(tmp_path / "anon1.csv", [target])
    proc = coursekit("sheet", "import", MODULE, str(tmp_path / "anon1.csv"), cwd=course)
    assert proc.returncode == 0 and "1 answers graded" in proc.stdout, proc.stderr
    plain = coursekit("status", MODULE, cwd=course, check=True).stdout
    assert "s11:" in plain


def test_fairness_reports_drift_and_names_criteria_graders_read_differently(imported, tmp_path):
    course, _ = imported
    rows = [
        r
        for r in read_sheet_file(course / "grading" / f"{MODULE}-sheet.csv")
        if r["student"] in GOOD[:12] and r["prompt"] == IDS[0]
    ]
    p = PROMPTS[0]
    first, second = p.rubric[0], p.rubric[1]
    for i, r in enumerate(rows):  # the second grader agrees on the second criterion, not the first
        r[criterion_column(p, first)] = str(first.levels[(i * 7) % len(first.levels)].points)
        r[criterion_column(p, second)] = str(second.levels[1].points)
        for c in p.rubric[2:]:
            r[criterion_column(p, c)] = str(c.levels[1].points)
    write(tmp_path / "second.csv", rows)
    out = coursekit(
        "fairness", MODULE, "--second", str(tmp_path / "second.csv"), cwd=course, check=True
    ).stdout
    assert f"{IDS[0]}: first third" in out and "steady" in out
    assert f"{IDS[0]}: {second.criterion}: 12 answers marked by both, exact agreement 100%" in out
    weak = out.split("need sharper wording")[1]
    assert first.criterion in weak and second.criterion not in weak
    # From one double-marked answer there is no verdict, only how many more are needed.
    write(tmp_path / "one.csv", rows[:1])
    out = coursekit(
        "fairness", MODULE, "--second", str(tmp_path / "one.csv"), cwd=course, check=True
    ).stdout
    assert "sharper wording" not in out and "read alike" not in out, out
    assert (
        f"{IDS[0]}: {first.criterion}: 1 answer marked by both; too few to judge: needs 9 more"
        in out
    )
    assert "too few answers marked by both graders" in out
