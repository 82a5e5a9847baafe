"""`python -m coursekit sheet import-journals <module> <folder>` (coursekit/grading/journals.py):
shared journal answers go into the module's grading sheet beside nbgrader's rows; a bad file
is one clear line naming the file and the field, and the other files are still imported. Then
`sheet journal-feedback` writes the feedback files the journal page imports."""

from __future__ import annotations

import hashlib
import json

from support.content import copy_course
from support.env import BIN, run

from coursekit.grading import criterion_column, load_module, sheet_columns
from coursekit.grading.cells import read_csv, write_csv
from coursekit.grading.sheets import RUBRIC_ROW, rubric_row

MODULE = "module1"


def submission(student, answers, module=MODULE, **changes) -> dict:
    content = {
        "reflections": {
            pid: {"text": text, "checks": [], "title": pid, "updated": "2026-11-01T10:00:00.000Z"}
            for pid, text in answers.items()
        }
    }
    sha = hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8",
            "surrogatepass",  # a lone surrogate too: read_submission refuses it first
        )
    ).hexdigest()
    return {
        "format": "coursekit-submission",
        "version": 1,
        "course": "x",
        "module": module,
        "student": student,
        "exported": "2026-11-01T10:00:00.000Z",
        "sha256": sha,
        "content": content,
        **changes,
    }


def sheet_rows(sheet) -> list[dict]:
    """The rows as a spreadsheet shows them: the apostrophe that keeps a cell text is not shown."""
    return read_csv(sheet, ["student"])[1]


def cli(course, *args):
    return run([BIN / "python", "-m", "coursekit", "sheet", *args, "--course", course], check=False)


def test_import_journals_puts_good_files_in_the_sheet_and_names_bad_ones(tmp_path):
    course = copy_course(tmp_path / "exercises")
    prompts = load_module(course, MODULE).prompts
    first, second = prompts[0].id, prompts[1].id
    columns = sheet_columns(load_module(course, MODULE))
    sheet = course / "grading" / f"{MODULE}-sheet.csv"
    sheet.parent.mkdir()
    reflections = load_module(
        course, MODULE
    )  # as `sheet export` leaves it: rubric rows, one answer graded
    write_csv(
        sheet,
        columns,
        [rubric_row(p) for p in reflections.prompts]
        + [
            {
                "student": "hub-student",
                "prompt": first,
                "answer": "From nbgrader.",
                "comment": "Kept as it is.",
            }
        ],
    )
    folder = tmp_path / "submissions"
    folder.mkdir()
    files = {
        "ada.json": submission(
            "ada",
            {first: "Ada's first answer, with “quotes”.", second: "=Ada's second, not a formula"},
        ),
        "ben.json": submission("ben", {second: "Ben shares one."}),
        "tampered.json": {
            **submission("cy", {first: "Original."}),
            "content": submission("cy", {first: "Edited."})["content"],
        },
        "other-module.json": submission("dee", {first: "x"}, module="module2"),
        "unknown-prompt.json": submission("eve", {"m9-nope": "x"}),
        "bad-student.json": submission("no spaces please", {first: "x"}),
        "notes.json": {"format": "coursekit-journal"},
    }
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")

    proc = cli(course, "import-journals", MODULE, folder)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out
    for line in [
        f"{folder / 'tampered.json'}: sha256: does not match the content",
        f'{folder / "other-module.json"}: module: is "module2", not module1',
        f'{folder / "unknown-prompt.json"}: content.reflections["m9-nope"]: is not a '
        "prompt of module1",
        f"{folder / 'bad-student.json'}: student: must be a name or id",
        f'{folder / "notes.json"}: format: must be "coursekit-submission"',
        f"{folder / 'broken.json'}: file: is not valid JSON",
        "2 journal submissions of module1 imported; 6 files not imported",
    ]:
        assert line in out, line
    table = sheet_rows(sheet)
    rows = [
        (r["student"], r["prompt"], r["answer"], r["comment"])
        for r in table
        if r["student"] != RUBRIC_ROW
    ]
    assert ("hub-student", first, "From nbgrader.", "Kept as it is.") in rows
    assert ("ada", first, "Ada's first answer, with “quotes”.", "") in rows
    assert ("ada", second, "=Ada's second, not a formula", "") in rows and (
        "ben",
        second,
        "Ben shares one.",
        "",
    ) in rows
    assert len(rows) == 4
    assert "'=Ada's second, not a formula" in sheet.read_text(encoding="utf-8-sig"), (
        "written as text, never a formula"
    )
    # One rubric row above each prompt's answers, as `sheet export` writes them.
    assert [(r["student"], r["prompt"]) for r in table if r["prompt"] in (first, second)] == [
        (RUBRIC_ROW, first),
        ("hub-student", first),
        ("ada", first),
        (RUBRIC_ROW, second),
        ("ada", second),
        ("ben", second),
    ]

    # Importing again replaces the journal rows; a clean folder imports with status 0.
    for name in list(files) + ["broken.json"]:
        if name not in ("ada.json", "ben.json"):
            (folder / name).unlink()
    assert cli(course, "import-journals", MODULE, folder).returncode == 0
    table = sheet_rows(sheet)
    assert len([r for r in table if r["student"] != RUBRIC_ROW]) == 4
    assert len([r for r in table if r["student"] == RUBRIC_ROW]) == len(prompts)

    # The grader scores Ada's first answer; journal-feedback writes her file.
    prompt = prompts[0]
    for row in table:
        if row["student"] == "ada" and row["prompt"] == first:
            for c in prompt.rubric:
                row[criterion_column(prompt, c)] = str(c.max)
            row["comment"] = "Clear and specific."
    write_csv(sheet, columns, table)
    proc = cli(course, "journal-feedback", MODULE)
    assert proc.returncode == 0, proc.stderr
    assert "ben: no feedback: none of their answers is fully graded in the sheet" in proc.stdout
    path = course / "feedback-journals" / MODULE / "ada-module1-feedback.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "coursekit-feedback" and list(data["content"]["feedback"]) == [first]
    assert "Clear and specific." in data["content"]["feedback"][first]["text"]
    assert (
        data["sha256"]
        == hashlib.sha256(
            json.dumps(
                data["content"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
            ).encode()
        ).hexdigest()
    )
    assert not (course / "feedback-journals" / MODULE / "ben-module1-feedback.json").exists()


def test_journal_ids_are_checked_against_the_roster_and_a_later_journal_says_what_it_replaces(
    tmp_path,
):
    """Issue 28, point 4, with the real roster import (nbgrader's gradebook) and the real CLI:
    an id differing only in case is the roster's student; one not on the roster, or text no
    file can store, is refused for that file only; a later journal says what it replaces and
    keeps the grades of unchanged answers; an older one never replaces newer work."""
    course = copy_course(tmp_path / "exercises")
    first, second = (p.id for p in load_module(course, MODULE).prompts[:2])
    (tmp_path / "class.csv").write_text("id,first_name,last_name,email\nada,Ada,L,\nben,Ben,K,\n")
    assert cli_roster(course, tmp_path / "class.csv").returncode == 0
    folder = tmp_path / "in"
    folder.mkdir()
    write = lambda name, data: (folder / name).write_text(json.dumps(data), encoding="utf-8")
    write("ada.json", submission("ADA", {first: "Ada one.", second: "Ada two."}))
    write("carol.json", submission("carol", {first: "Carol."}))
    write("ben.json", submission("ben", {first: "Ben \ud800 lone."}))  # JSON's \ud800 escape
    proc = cli(course, "import-journals", MODULE, folder)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out, out
    assert f"{folder / 'carol.json'}: student: 'carol' is not on the roster" in out
    assert f'{folder / "ben.json"}: content.reflections["{first}"]: holds a character' in out
    assert f"{folder / 'ada.json'}: ada: 2 answers added" in out, "filed as the roster's id"
    sheet = course / "grading" / f"{MODULE}-sheet.csv"
    table = sheet_rows(sheet)
    assert sorted(r["student"] for r in table if r["student"] != RUBRIC_ROW) == ["ada", "ada"]
    prompts = {p.id: p for p in load_module(course, MODULE).prompts}
    score = lambda row: criterion_column(prompts[row["prompt"]], prompts[row["prompt"]].rubric[0])
    for row in table:  # the grader scores both of Ada's answers
        if row["student"] == "ada":
            row[score(row)] = "1"
    write_csv(sheet, sheet_columns(load_module(course, MODULE)), table)
    for f in folder.iterdir():
        f.unlink()
    later = "2026-11-02T10:00:00.000Z"
    write(
        "ada-2.json", submission("ada", {first: "Ada one.", second: "Ada, again."}, exported=later)
    )
    proc = cli(course, "import-journals", MODULE, folder)
    assert proc.returncode == 0, proc.stdout
    assert (
        f"{folder / 'ada-2.json'}: ada: replaces the journal imported before (ada.json, exported "
        f"2026-11-01T10:00:00.000Z): 1 answer unchanged (grades kept); grades of 1 changed or "
        f"withdrawn answer dropped: {second}" in proc.stdout
    ), proc.stdout
    graded = {r["prompt"]: r[score(r)] for r in sheet_rows(sheet) if r["student"] == "ada"}
    assert graded == {first: "1", second: ""}
    (folder / "ada-2.json").unlink()
    write("ada-old.json", submission("ada", {first: "Ada's oldest."}))
    proc = cli(course, "import-journals", MODULE, folder)
    assert proc.returncode == 1 and "exported: 2026-11-01T10:00:00.000Z is older than ada's" in (
        proc.stdout
    )
    assert "Ada's oldest." not in sheet.read_text(encoding="utf-8-sig")


def test_of_two_journals_of_one_learner_in_a_folder_the_later_export_is_imported(tmp_path):
    """A learner who sent two journals: the later export is imported whatever the files are
    called, the other is named; of two exported at the same moment only one is imported."""
    course = copy_course(tmp_path / "exercises")
    first = load_module(course, MODULE).prompts[0].id
    (tmp_path / "class.csv").write_text(
        "id,first_name,last_name,email\nada,Ada,L,\nben,Ben,K,\ncy,Cy,M,\n"
    )
    assert cli_roster(course, tmp_path / "class.csv").returncode == 0
    folder = tmp_path / "in"
    folder.mkdir()
    for name, student, text, exported in (
        ("a-newest.json", "ada", "Ada's newest.", "2026-11-03T10:00Z"),
        ("b-oldest.json", "ADA", "Ada's first.", "2026-11-01T10:00Z"),
        ("ben-1.json", "ben", "Ben one.", "2026-11-01T10:00Z"),
        ("ben-2.json", "ben", "Ben two.", "2026-11-01T10:00Z"),
        ("cy-1.json", "cy", "Cy, before.", "2026-11-04T10:00Z"),
        ("cy-2.json", "cy", "Cy, latest.", "2026-11-05T10:00Z"),
    ):
        data = submission(student, {first: text}, exported=exported)
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    proc = cli(course, "import-journals", MODULE, folder)
    out = proc.stdout
    assert proc.returncode == 1 and "Traceback" not in out + proc.stderr, out
    assert (
        f"{folder / 'b-oldest.json'}: student: 'ada' is also in a-newest.json, exported later"
        in out
    )
    assert f"{folder / 'ben-2.json'}: student: 'ben' is also in ben-1.json; not imported" in out
    assert (
        f"{folder / 'cy-1.json'}: student: 'cy' handed in a later journal too (cy-2.json, exported "
        "2026-11-05T10:00Z); not imported, the later one is" in out
    ), out
    rows = sheet_rows(course / "grading" / f"{MODULE}-sheet.csv")
    answers = {r["student"]: r["answer"] for r in rows if r["student"] != RUBRIC_ROW}
    assert answers == {"ada": "Ada's newest.", "ben": "Ben one.", "cy": "Cy, latest."}


def cli_roster(course, path):
    return run([BIN / "python", "-m", "coursekit", "roster", path, "--course", course], check=False)
