"""The grading sheet: one row per student and prompt, grouped by prompt so a grader marks one
question across the class, one column per rubric criterion, a rubric row with the level
descriptors above each prompt's rows. Export pre-fills the scores already given (so a sheet
exported again after a late submission keeps them); import writes scores and comments into
nbgrader's gradebook, all or nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import Criterion, Prompt, Reflections
from .cells import EXCEL_CELL_LIMIT, cut_by_spreadsheet, read_csv, same_text, write_csv
from .common import GradingError, load_module
from .feedback_text import expand_comment
from .gradebook import journal_students, submissions
from .graded import graded_answers

SHEET_FIXED = ["student", "prompt", "answer"]
COMMENT = "comment"
RUBRIC_ROW = "(rubric)"


def criterion_column(prompt: Prompt, criterion: Criterion) -> str:
    return f"{prompt.id}: {criterion.criterion} (0-{criterion.max})"


def sheet_columns(reflections: Reflections) -> list[str]:
    columns = list(SHEET_FIXED)
    for p in reflections.prompts:
        columns += [criterion_column(p, c) for c in p.rubric]
    return columns + [COMMENT]


def default_sheet(root: Path, module: str) -> Path:
    return Path(root) / "grading" / f"{module}-sheet.csv"


def scores_path(root: Path, module: str) -> Path:
    """Per-criterion scores imported from sheets (the gradebook keeps only each answer's total)."""
    return Path(root) / "grading" / f"{module}-scores.json"


def load_scores(root: Path, module: str) -> dict:
    path = scores_path(root, module)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def levels_text(criterion: Criterion) -> str:
    return " | ".join(f"{lv.points}: {' '.join(lv.description.split())}" for lv in criterion.levels)


def rubric_row(prompt: Prompt) -> dict[str, str]:
    """The row above a prompt's answers: the prompt and each criterion's level descriptors."""
    return {
        "student": RUBRIC_ROW,
        "prompt": prompt.id,
        "answer": prompt.prompt.strip(),
        **{criterion_column(prompt, c): levels_text(c) for c in prompt.rubric},
    }


def sheet_rows(
    root: Path, module: str, reflections: Reflections, order=None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of the sheet, and a note for every answer too long for a spreadsheet cell."""
    by_student = graded_answers(root, module)
    given = load_scores(root, module)
    totals = submissions(root, module)
    rows, notes = [], []
    for p in reflections.prompts:
        rows.append(rubric_row(p))
        for student, shown in (
            order(p.id, list(by_student)) if order else [(s, s) for s in by_student]
        ):
            row = {"student": shown, "prompt": p.id, "answer": by_student[student].get(p.id, "")}
            earlier = given.get(student, {}).get(p.id)
            now = totals.get(student, {}).get("answers", {}).get(p.id, {})
            if (
                earlier
                and now.get("score") == sum(earlier["scores"])
                and not now.get("needs_grading")
            ):
                row.update(
                    {
                        criterion_column(p, c): s
                        for c, s in zip(p.rubric, earlier["scores"], strict=True)
                    }
                )
                row[COMMENT] = earlier["comment"]
            if len(row["answer"]) > EXCEL_CELL_LIMIT:
                notes.append(
                    f"{shown}, {p.id}: the answer has {len(row['answer']):,} characters; Excel "
                    f"keeps only {EXCEL_CELL_LIMIT:,} in a cell: read it whole in formgrader"
                )
            rows.append(row)
    return rows, notes


def export_sheet(
    root: Path, module: str, path: Path | None = None, force: bool = False, order=None
):
    """Write the grading sheet of ``module``. Returns (path, rows, notes)."""
    reflections = load_module(Path(root), module)
    path = Path(path or default_sheet(root, module))
    if path.exists() and not force:
        raise GradingError(
            f"{path}: file: already exists and may hold scores; import it first, "
            "or pass --force to replace it (scores already imported are filled in again)"
        )
    rows, notes = sheet_rows(root, module, reflections, order)
    write_csv(path, sheet_columns(reflections), rows)
    return path, sum(1 for r in rows if r["student"] != RUBRIC_ROW), notes


def _score(text: str, criterion: Criterion, where: str, problems: list[str]) -> int | None:
    try:
        value = float(text.replace(",", "."))  # a decimal comma, as some spreadsheets write it
    except ValueError:
        problems.append(f"{where}: '{text}' is not a number")
        return None
    levels = [lv.points for lv in criterion.levels]
    if value > criterion.max:
        problems.append(f"{where}: {text} is above the criterion's maximum of {criterion.max}")
    elif value < 0:
        problems.append(f"{where}: {text} is below 0")
    elif value not in levels:
        problems.append(
            f"{where}: {text} is not one of the rubric's levels ({', '.join(map(str, levels))})"
        )
    else:
        return int(value)
    return None


@dataclass
class Scored:
    """A fully scored row of a sheet: the student (never a pseudonym), the prompt's id, a
    score per criterion, the comment (``expand_comment``) and the sheet's row number."""

    student: str
    prompt: str
    scores: list[int]
    comment: dict[str, Any]
    row: int


def read_sheet(
    root: Path, module: str, path: Path, names=None, bank=None, notes=None
) -> list[Scored]:
    """Check a filled-in sheet against the rubric and the graded answers; return its scored
    rows. ``names`` maps pseudonyms back to students;
    ``bank`` expands comment codes. Raises GradingError listing every problem."""
    reflections = load_module(Path(root), module)
    prompts = {p.id: p for p in reflections.prompts}
    path = Path(path)
    header, table = read_csv(path, SHEET_FIXED)
    missing = [c for c in sheet_columns(reflections) if c not in header]
    if missing:
        raise GradingError(
            [
                f"{path}: column '{c}': missing (export a fresh sheet with "
                f"`python -m coursekit sheet export {module}`)"
                for c in missing
            ]
        )
    by_student = graded_answers(root, module)
    owner = {criterion_column(p, c): p.id for p in prompts.values() for c in p.rubric}
    problems: list[str] = []
    scored: list[Scored] = []
    seen: dict[tuple[str, str], int] = {}
    journal, skipped = journal_students(root, module), 0
    for number, row in enumerate(table, start=2):  # row 1 is the header
        at = f"{path}: row {number}"
        if row is None:
            problems.append(f"{at}: has more cells than the header has columns")
            continue
        shown, prompt_id = (row["student"] or "").strip(), (row["prompt"] or "").strip()
        if shown == RUBRIC_ROW:
            continue
        student = names.get(shown, shown) if names is not None else shown
        if shown in journal and student not in by_student:
            # a journal learner's row: graded by `sheet journal-feedback`, not in the gradebook
            skipped += 1
            continue
        if student not in by_student or (names is not None and shown not in names):
            problems.append(f"{at}: student: '{shown}' has no autograded submission of {module}")
            continue
        if prompt_id not in prompts:
            problems.append(f"{at}: prompt: '{prompt_id}' is not a prompt of {module}")
            continue
        if (student, prompt_id) in seen:
            problems.append(
                f"{at}: student and prompt: {shown}, {prompt_id} already on row "
                f"{seen[student, prompt_id]}"
            )
            continue
        seen[student, prompt_id] = number
        real = by_student[student].get(prompt_id, "")
        if not same_text(row["answer"] or "", real):
            if not cut_by_spreadsheet(row["answer"] or "", real):
                problems.append(
                    f"{at}: answer: differs from {shown}'s submitted answer to {prompt_id}; "
                    "answers must not be edited (export a fresh sheet)"
                )
                continue
            if notes is not None:
                notes.append(
                    f"{at}: answer: cut at {EXCEL_CELL_LIMIT:,} characters by the spreadsheet; the "
                    f"whole answer ({len(real):,} characters) is in the gradebook; scores imported"
                )
        for column, owner_id in owner.items():
            if owner_id != prompt_id and (row[column] or "").strip():
                problems.append(
                    f"{at}: column '{column}': belongs to prompt {owner_id}; leave it empty on a "
                    f"row for {prompt_id}"
                )
        prompt = prompts[prompt_id]
        cells = [
            (criterion_column(prompt, c), c, (row[criterion_column(prompt, c)] or "").strip())
            for c in prompt.rubric
        ]
        if not any(text for _, _, text in cells):
            if (row[COMMENT] or "").strip():
                problems.append(
                    f"{at}: comment: given without scores; score every criterion of {prompt_id}"
                )
            continue  # not graded yet: left as it is in the gradebook
        if not real:
            problems.append(
                f"{at}: answer: {shown} left {prompt_id} blank (nbgrader recorded 0, 'No "
                "response.'); leave its scores empty"
            )
            continue
        scores = []
        for column, criterion, text in cells:
            if not text:
                problems.append(
                    f"{at}: column '{column}': missing score (score every criterion, or none)"
                )
            else:
                scores.append(_score(text, criterion, f"{at}: column '{column}'", problems))
        comment = expand_comment(row[COMMENT] or "", prompt, bank or {}, f"{at}: comment", problems)
        given = [s for s in scores if s is not None]
        if len(given) == len(cells):
            scored.append(Scored(student, prompt_id, given, comment, number))
    if problems:
        raise GradingError(problems)
    if skipped and notes is not None:
        notes.append(
            f"{path}: {skipped} row{'s' if skipped != 1 else ''} of journal learners left out of "
            "the gradebook; their feedback files: `python -m coursekit sheet journal-feedback "
            f"{module}`"
        )
    return scored
