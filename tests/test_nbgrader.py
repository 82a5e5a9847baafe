"""A class round trip through the nbgrader course in exercises/, with real nbgrader:
zip_collect, autograde, the grading sheet, feedback and export. The source notebooks, the
release, the exchange and the rubrics page: test_nbgrader_release.py. Every command runs in
a temporary copy."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import zipfile

import nbformat
import pytest
from support.env import BIN, coursekit, run

from coursekit.content import EXERCISES
from coursekit.grading import (
    SHEET_FIXED,
    criterion_column,
    load_module,
    read_sheet,
    reflection_modules,
)
from coursekit.grading.cells import read_csv, write_csv
from coursekit.textformat import to_markdown

MODULES = reflection_modules()
MODULE = "module1"
REFLECTIONS = load_module(EXERCISES, MODULE)
PROMPTS = REFLECTIONS.prompts


def nbgrader_cells(nb):
    return {c.metadata.nbgrader.grade_id: c for c in nb.cells if "nbgrader" in c.metadata}


def answer_text(student, prompt_id):
    return (
        f"{student.title()} on {prompt_id}: a “community fridge”, run with neighbours — not for "
        "them.\n\nCafé, commas, and a second paragraph."
    )


def submission(release, student, *, blank=False, tamper=False):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        if meta["solution"] and not blank:
            cell.source = answer_text(student, meta["grade_id"])
        if tamper and meta["grade_id"] == f"{PROMPTS[0].id}-prompt":
            cell.source = "I rewrote this prompt into an easier question."
    return nbformat.writes(nb)


@pytest.fixture(scope="module")
def graded_class(nbgrader_course, tmp_path_factory):
    """Four students download from the LMS (loose notebooks and a zip), are collected with
    `nbgrader zip_collect` and graded with `python -m coursekit autograde`."""
    course = tmp_path_factory.mktemp("class") / "exercises"
    shutil.copytree(nbgrader_course, course)
    release = nbformat.read(course / "release" / MODULE / f"{MODULE}.ipynb", as_version=4)
    archive = course / "downloaded" / MODULE / "archive"
    archive.mkdir(parents=True)
    (archive / f"ana_{MODULE}.ipynb").write_text(submission(release, "ana"))
    with zipfile.ZipFile(archive / "lms-download.zip", "w") as z:
        z.writestr(f"ben_10001_20001_{MODULE}.ipynb", submission(release, "ben", blank=True))
        z.writestr(f"cleo_10002_20002_{MODULE}.ipynb", submission(release, "cleo", tamper=True))
    broken = submission(release, "dev")
    (archive / f"dev_{MODULE}.ipynb").write_text(broken[: len(broken) // 2])  # cut off mid-upload
    run([BIN / "nbgrader", "zip_collect", MODULE], cwd=course)
    graded = coursekit("autograde", MODULE, cwd=course)
    return course, graded


def student_line(output, student):
    return next(line for line in output.splitlines() if line.strip().startswith(f"{student}:"))


def test_zip_collect_puts_every_lms_file_in_place(graded_class):
    course, _ = graded_class
    for student in ("ana", "ben", "cleo", "dev"):
        assert (course / "submitted" / student / MODULE / f"{MODULE}.ipynb").exists(), student


def test_autograde_grades_the_class_and_names_tampering_and_the_broken_file(graded_class):
    course, proc = graded_class
    out = proc.stdout
    assert proc.returncode == 1, (
        "a submission could not be graded: the command says so by its status"
    )
    assert f"{MODULE}: 3 of 4 submissions graded" in out
    assert f"{len(PROMPTS)} answers to grade by hand" in student_line(out, "ana")
    assert "TAMPERED" not in student_line(out, "ana")
    assert f"{len(PROMPTS)} left blank" in student_line(out, "ben")
    cleo = student_line(out, "cleo")
    assert "graded" in cleo and "TAMPERED" in cleo and f"'{PROMPTS[0].id}-prompt'" in cleo
    dev = student_line(out, "dev")
    assert (
        "SET ASIDE" in dev
        and f"submitted/dev/{MODULE}/{MODULE}.ipynb" in dev
        and "not valid JSON" in dev
    )
    assert "Traceback" not in out + proc.stderr
    for student in ("ana", "ben", "cleo"):
        assert (course / "autograded" / student / MODULE / f"{MODULE}.ipynb").exists()
    assert not (course / "autograded" / "dev").exists()
    restored = nbgrader_cells(
        nbformat.read(course / "autograded" / "cleo" / MODULE / f"{MODULE}.ipynb", as_version=4)
    )
    assert to_markdown(PROMPTS[0].prompt, lists=True) in restored[f"{PROMPTS[0].id}-prompt"].source


@pytest.fixture(scope="module")
def sheet(graded_class):
    course, _ = graded_class
    proc = coursekit("sheet", "export", MODULE, cwd=course)
    assert proc.returncode == 0, proc.stderr
    path = course / "grading" / f"{MODULE}-sheet.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return path, reader.fieldnames, list(reader)


def test_sheet_has_a_row_per_student_and_prompt_and_a_column_per_criterion(sheet, graded_class):
    path, header, rows = sheet
    criteria = [criterion_column(p, c) for p in PROMPTS for c in p.rubric]
    assert header == SHEET_FIXED + criteria + ["comment"]
    for p in PROMPTS:
        for c in p.rubric:
            assert any(c.criterion in h and f"(0-{c.levels[-1].points})" in h for h in header)
    rubric_rows = [r for r in rows if r["student"] == "(rubric)"]
    assert [r["prompt"] for r in rubric_rows] == [p.id for p in PROMPTS]
    for p, r in zip(PROMPTS, rubric_rows, strict=True):
        for c in p.rubric:
            for level in c.levels:
                assert (
                    f"{level.points}: {' '.join(level.description.split())}"
                    in r[criterion_column(p, c)]
                )
    rows = [r for r in rows if r["student"] != "(rubric)"]
    assert sorted((r["student"], r["prompt"]) for r in rows) == sorted(
        (s, p.id) for s in ("ana", "ben", "cleo") for p in PROMPTS
    )
    for r in rows:
        assert r["answer"] == (
            "" if r["student"] == "ben" else answer_text(r["student"], r["prompt"])
        )
    again = coursekit("sheet", "export", MODULE, cwd=graded_class[0])
    assert again.returncode == 1 and "already exists" in again.stderr, (
        "a filled sheet is never overwritten"
    )


def fill(rows) -> tuple[list[dict], dict[str, int]]:
    """Ana reaches every top level; Cleo the second level of every criterion; Ben's blank
    answers stay as nbgrader scored them (0)."""
    filled, totals = [], {"ana": 0, "ben": 0, "cleo": 0}
    for row in rows:
        row = dict(row)
        prompt = next(p for p in PROMPTS if p.id == row["prompt"])
        if row["student"] == "(rubric)":
            pass
        elif row["student"] in ("ana", "cleo"):
            for c in prompt.rubric:
                points = c.levels[-1 if row["student"] == "ana" else 1].points
                row[criterion_column(prompt, c)] = str(points)
                totals[row["student"]] += points
            row["comment"] = (
                f"Comment for {row['student']} on {row['prompt']}: name whose voice leads."
            )
        filled.append(row)
    return filled, totals


def write_sheet(path, header, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def gradebook_state(course):
    from nbgrader.api import Comment, Grade, Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="") as gb:
        grades = [
            (g.student.id, g.name, g.auto_score, g.manual_score, g.needs_manual_grade)
            for g in gb.db.query(Grade)
        ]
        comments = [(c.student.id, c.name, c.manual_comment) for c in gb.db.query(Comment)]
    return sorted(grades), sorted(comments)


def _unknown_student(header, rows):
    rows[-1]["student"] = "zoe"
    return (
        header,
        rows,
        f"row {len(rows) + 1}: student: 'zoe' has no autograded submission of {MODULE}",
    )


def _above_maximum(header, rows):
    row = next(r for r in rows if r["student"] == "ana")
    prompt = next(p for p in PROMPTS if p.id == row["prompt"])
    column, top = (
        criterion_column(prompt, prompt.rubric[0]),
        prompt.rubric[0].levels[-1].points,
    )
    row[column] = str(top + 1)
    return header, rows, f"column '{column}': {top + 1} is above the criterion's maximum of {top}"


def _missing_column(header, rows):
    gone = header[-2]
    for r in rows:
        del r[gone]
    return [h for h in header if h != gone], rows, f"column '{gone}': missing"


def _edited_answer(header, rows):
    row = next(r for r in rows if r["student"] == "cleo")
    row["answer"] += " (improved by the grader)"
    return header, rows, f"answer: differs from cleo's submitted answer to {row['prompt']}"


@pytest.mark.parametrize(
    "spoil", [_unknown_student, _above_maximum, _missing_column, _edited_answer]
)
def test_a_bad_sheet_is_refused_with_a_clear_message_and_changes_nothing(
    sheet, graded_class, tmp_path, spoil
):
    course, _ = graded_class
    _, header, rows = sheet
    rows, _ = fill(rows)
    header, rows, message = spoil(list(header), rows)
    bad = tmp_path / "bad-sheet.csv"
    write_sheet(bad, header, rows)
    before = gradebook_state(course)
    proc = coursekit("sheet", "import", MODULE, str(bad), cwd=course)
    assert proc.returncode == 1
    assert f"{bad}: " in proc.stderr and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert gradebook_state(course) == before


def test_a_sheet_saved_with_semicolons_and_decimal_commas_reads_the_same(
    sheet, graded_class, tmp_path
):
    """What spreadsheets in several languages write when they save a CSV file."""
    course, _ = graded_class
    _, header, rows = sheet
    rows, _ = fill(rows)
    write_sheet(tmp_path / "comma.csv", header, rows)
    with (tmp_path / "semicolon.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, delimiter=";")
        writer.writeheader()
        writer.writerows(
            {k: (v + ",0" if k in header[3:-1] and v else v) for k, v in r.items()} for r in rows
        )
    assert read_sheet(course, MODULE, tmp_path / "semicolon.csv") == read_sheet(
        course, MODULE, tmp_path / "comma.csv"
    )


def test_sheet_import_leaves_journal_learners_rows_to_journal_feedback(
    sheet, graded_class, tmp_path
):
    """Learners who shared from the journal page have no nbgrader submission: `sheet import`
    grades the class and skips their rows (with a note); `sheet journal-feedback` answers them."""
    from test_journal_submissions import submission as journal_submission

    course = tmp_path / "exercises"
    shutil.copytree(graded_class[0], course)
    path, header, rows = sheet
    write_sheet(course / "grading" / path.name, header, fill(rows)[0])
    folder = tmp_path / "shared"
    folder.mkdir()
    first = PROMPTS[0]
    (folder / "jo.json").write_text(
        json.dumps(journal_submission("jo", {first.id: "Jo's shared answer."}))
    )
    (tmp_path / "jo.csv").write_text("id,first_name,last_name,email\njo,Jo,,\n")
    assert coursekit("roster", str(tmp_path / "jo.csv"), cwd=course).returncode == 0  # on it
    proc = coursekit("sheet", "import-journals", MODULE, str(folder), cwd=course)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    table = read_csv(course / "grading" / path.name, SHEET_FIXED)[1]
    for row in table:
        if row["student"] == "jo":
            row.update(
                {criterion_column(first, c): str(c.max) for c in first.rubric},
                comment="Well argued.",
            )
    write_csv(course / "grading" / path.name, header, table)
    proc = coursekit("sheet", "import", MODULE, cwd=course)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert f"{2 * len(PROMPTS)} answers graded" in proc.stdout
    assert "1 row of journal learners left out of the gradebook" in proc.stdout
    assert "jo" not in {student for student, *_ in gradebook_state(course)[0]}
    proc = coursekit("sheet", "journal-feedback", MODULE, cwd=course)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(
        (course / "feedback-journals" / MODULE / f"jo-{MODULE}-feedback.json").read_text(
            encoding="utf-8"
        )
    )
    assert "Well argued." in data["content"]["feedback"][first.id]["text"]


@pytest.fixture(scope="module")
def imported(sheet, graded_class):
    course, _ = graded_class
    path, header, rows = sheet
    rows, totals = fill(rows)
    write_sheet(path, header, rows)
    proc = coursekit("sheet", "import", MODULE, cwd=course)
    assert proc.returncode == 0, proc.stderr
    assert f"{2 * len(PROMPTS)} answers graded" in proc.stdout
    run([BIN / "nbgrader", "generate_feedback", MODULE], cwd=course)
    run([BIN / "nbgrader", "export"], cwd=course)
    return course, totals


def text(page: str) -> str:
    """What a reader of the HTML page sees, without tags and entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_feedback_shows_the_rubric_scores_and_the_comments(imported):
    course, _ = imported
    for student, level in (("ana", -1), ("cleo", 1)):
        page = (course / "feedback" / student / MODULE / f"{MODULE}.html").read_text(
            encoding="utf-8"
        )
        for p in PROMPTS:
            scores = [c.levels[level].points for c in p.rubric]
            assert f"Rubric: {sum(scores)} / {p.points} points" in page
            for c, score in zip(p.rubric, scores, strict=True):
                assert f"{c.criterion}: {score} / {c.levels[-1].points}" in text(page)
            assert f"Comment for {student} on {p.id}: name whose voice leads." in text(page)
    assert "No response." in text(
        (course / "feedback" / "ben" / MODULE / f"{MODULE}.html").read_text(encoding="utf-8")
    )


def test_feedback_pages_load_nothing_from_other_hosts(imported):
    course, _ = imported
    pages = list((course / "feedback").rglob("*.html"))
    assert pages
    for page in pages:
        remote = re.findall(
            r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"',
            page.read_text(encoding="utf-8"),
        )
        assert remote == [], f"{page}: {remote}"


def test_exported_grades_have_the_right_totals(imported):
    course, totals = imported
    with (course / "grades.csv").open(newline="") as f:
        grades = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == MODULE}
    assert set(grades) == {"ana", "ben", "cleo"}, "the broken submission is not graded"
    total = sum(p.points for p in PROMPTS)
    assert totals["ana"] == total
    for student, expected in totals.items():
        assert float(grades[student]["score"]) == expected, student
        assert float(grades[student]["max_score"]) == total
