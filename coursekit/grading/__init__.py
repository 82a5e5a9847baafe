"""The nbgrader course in exercises/: source notebooks, grading sheets, and a class autograde.

nbgrader does the grading; this module adds what it lacks for written reflections:

- ``source_notebook``: the nbgrader source notebook of a module, made from its reflection
  data (one locked cell per prompt, one manually graded markdown answer cell per prompt,
  whose ``grade_id`` is the prompt's id and whose points come from the data; the exemplar
  sits in a solution region that ``nbgrader generate_assignment`` removes);
- ``export_sheet`` / ``import_sheet``: a CSV grading sheet with one column per rubric
  criterion, and its import into nbgrader's gradebook (score and per-criterion comment);
- ``autograde``: ``nbgrader autograde`` for the class, after setting aside notebooks that
  cannot be graded, with a per-student summary that names tampered and broken files.

Every problem reaches the user as ``file: field: what is wrong``, never a traceback.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from ..notebooks import ANSWER_PLACEHOLDER, course, rubric_summary
from ..content import EXERCISES, ContentError, load_reflections

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
GRADER_NOTE = "**For graders only** (nbgrader removes this from the release version)."
SHEET_FIXED = ["student", "prompt", "answer"]
COMMENT = "comment"


class GradingError(Exception):
    """A problem the user can act on, e.g. 'sheet.csv: row 3: student: ...'."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("\n".join(self.problems))


# ---------------------------------------------------------------- source notebooks

def _nbgrader(grade_id: str, *, locked=False, solution=False, grade=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def _cell(text: str, grade_id: str, **nbgrader_meta):
    cell = nbformat.v4.new_markdown_cell(text, id=grade_id)
    cell.metadata["nbgrader"] = _nbgrader(grade_id, **nbgrader_meta)
    return cell


def prompt_cell_id(prompt_id: str) -> str:
    return f"{prompt_id}-prompt"


def answer_source(prompt: dict) -> str:
    """The source notebook's answer cell: only the placeholder survives into the release."""
    return "\n".join([
        SOLUTION_BEGIN,
        GRADER_NOTE + " Score this answer with the rubric (grading sheet or the book's *Rubrics* page).",
        "",
        "**Exemplar:**",
        "",
        prompt["exemplar"].strip(),
        SOLUTION_END,
    ])


def source_notebook(module: str, reflections: dict, module_title: str) -> nbformat.NotebookNode:
    number = module.removeprefix("module")
    prompts = reflections["prompts"]
    total = sum(p["points"] for p in prompts)
    cells = [_cell(
        f"# Module {number} reflections: {module_title}\n\n"
        f"This assignment has {len(prompts)} written reflections, worth {total} points in all. "
        "Write each answer in the cell under its prompt (double-click the cell to edit it), "
        "then save the notebook and hand it in.\n\n"
        "The instruction and prompt cells are locked: please leave them as they are. "
        "You do not need to share anything personal; an example you have read about or "
        "imagined is just as good.",
        "instructions", locked=True,
    )]
    for p in prompts:
        cells.append(_cell(f"## {p['title']}\n\n{p['prompt'].strip()}\n\n{rubric_summary(p)}",
                           prompt_cell_id(p["id"]), locked=True))
        cells.append(_cell(answer_source(p), p["id"], solution=True, grade=True, points=p["points"]))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return nb


def reflection_modules(root: Path = EXERCISES) -> list[str]:
    """Modules that have a reflection file, in course order."""
    return [m for m in course(root)["modules"] if (root / "reflections" / f"{m}.yml").exists()]


def load_module(root: Path, module: str) -> dict:
    path = root / "reflections" / f"{module}.yml"
    if not path.exists():
        raise GradingError(f"{path}: file: missing; '{module}' has no reflection prompts")
    try:
        return load_reflections(path)
    except ContentError as exc:
        raise GradingError(exc.problems) from None


def write_source_notebooks(root: Path = EXERCISES) -> list[Path]:
    titles = course(root)["modules"]
    written = []
    for module in reflection_modules(root):
        path = root / "source" / module / f"{module}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(source_notebook(module, load_module(root, module), titles[module]), path)
        written.append(path)
    return written


# ---------------------------------------------------------------- checking submissions

def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_notebook(path: Path, root: Path) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The notebook in ``path``, or None and a message a teacher can pass on to the student."""
    where = _rel(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{where}: file: cannot be read ({exc.__class__.__name__})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"{where}: file: not a notebook: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    if not isinstance(data, dict) or "cells" not in data:
        return None, f"{where}: file: not a notebook: the JSON has no 'cells'"
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds for a malformed notebook
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return None, f"{where}: file: not a valid notebook ({reason})"
    return nb, None


def _by_grade_id(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if isinstance(c.metadata.get("nbgrader"), dict) and "grade_id" in c.metadata["nbgrader"]}


def tampering(submitted, release) -> list[str]:
    """What the student changed that nbgrader restores or cannot grade: locked cells edited
    or deleted, answer cells deleted, points or cell types changed."""
    found = []
    got = _by_grade_id(submitted)
    for grade_id, cell in _by_grade_id(release).items():
        meta = cell.metadata["nbgrader"]
        mine = got.get(grade_id)
        if mine is None:
            kind = "answer" if meta.get("solution") else "locked"
            found.append(f"deleted {kind} cell '{grade_id}'")
            continue
        if meta.get("locked") and mine.source != cell.source:
            found.append(f"edited locked cell '{grade_id}' (nbgrader restores the original)")
        elif mine.cell_type != cell.cell_type:
            found.append(f"changed the type of cell '{grade_id}' to {mine.cell_type}")
        elif meta.get("grade") and mine.metadata["nbgrader"].get("points") != meta.get("points"):
            found.append(f"changed the points of cell '{grade_id}'")
    return found


def answers(nb) -> dict[str, str]:
    """Answer text by grade_id; an answer left as the placeholder is empty."""
    out = {}
    for grade_id, cell in _by_grade_id(nb).items():
        if cell.metadata["nbgrader"].get("solution"):
            text = cell.source.strip()
            out[grade_id] = "" if text == ANSWER_PLACEHOLDER else text
    return out


# ---------------------------------------------------------------- autograde for the class

def nbgrader_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "nbgrader", *args]


def nbgrader_env() -> dict:
    """nbgrader runs `alembic` as a command: the environment's bin goes first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def _run_nbgrader(root: Path, module: str, exclude: list[str], force: bool) -> subprocess.CompletedProcess:
    cmd = nbgrader_command("autograde", module, f"--CourseDirectory.student_id_exclude={','.join(exclude)}")
    if force:
        cmd.append("--force")
    return subprocess.run(cmd, cwd=root, env=nbgrader_env(), capture_output=True, text=True)


def autograde(root: Path, module: str, force: bool = False, jobs: int = 1, out=sys.stdout) -> int:
    """Grade every submission of ``module`` with nbgrader; print one line per student.

    Notebooks that are not valid are set aside (nbgrader would stop on them with a
    traceback) and named; the rest of the class is graded. Returns 0 when every submission
    was graded, 1 otherwise.
    """
    root = Path(root).resolve()
    release_path = root / "release" / module / f"{module}.ipynb"
    if not release_path.exists():
        raise GradingError(f"{_rel(release_path, root)}: file: missing; run `nbgrader generate_assignment {module}` first")
    release, problem = read_notebook(release_path, root)
    if problem:
        raise GradingError(problem)
    students = sorted(p.parent.name for p in (root / "submitted").glob(f"*/{module}") if p.is_dir())
    if not students:
        raise GradingError(f"{_rel(root / 'submitted', root)}: folder: no submissions of {module} "
                           f"(expected submitted/<student>/{module}/{module}.ipynb; see `nbgrader zip_collect`)")
    broken, tampered, missing = {}, {}, set()
    for student in students:
        path = root / "submitted" / student / module / f"{module}.ipynb"
        if not path.exists():
            missing.add(student)  # nbgrader records a score of 0
            continue
        nb, problem = read_notebook(path, root)
        if problem:
            broken[student] = problem
        else:
            tampered[student] = tampering(nb, release)
    gradable = [s for s in students if s not in broken]
    start = time.perf_counter()
    groups = [gradable[i::jobs] for i in range(max(1, min(jobs, len(gradable))))]
    if len(groups) == 1:
        runs = [_run_nbgrader(root, module, sorted(broken), force)]
    else:  # one nbgrader per group; each leaves out everyone it does not grade
        with ThreadPoolExecutor(len(groups)) as pool:
            runs = list(pool.map(lambda g: _run_nbgrader(root, module, [s for s in students if s not in g], force), groups))
    seconds = time.perf_counter() - start
    failed = [r for r in runs if r.returncode != 0]
    for r in failed:
        print(f"nbgrader autograde exited {r.returncode}:\n{(r.stdout + r.stderr)[-4000:]}", file=out)
    not_graded = _summary(root, module, students, broken, tampered, missing, out)
    print(f"nbgrader autograde took {seconds:.1f} s ({len(groups)} process{'es' if len(groups) > 1 else ''})", file=out)
    return 1 if failed or not_graded else 0


def _summary(root, module, students, broken, tampered, missing, out) -> int:
    from nbgrader.api import Gradebook, MissingEntry

    lines, not_graded = [], 0
    with Gradebook(db_url(root), course_id="") as gb:  # course_id "": look up, never add a course
        for student in students:
            if student in broken:
                lines.append(f"  {student}: NOT GRADED: {broken[student]}; ask for the notebook again")
                not_graded += 1
                continue
            graded = (root / "autograded" / student / module / f"{module}.ipynb").exists()
            try:
                sub = gb.find_submission(module, student)
            except MissingEntry:
                sub = None
            if sub is None or not (graded or student in missing):
                lines.append(f"  {student}: NOT GRADED: nbgrader did not grade this submission (see its log above)")
                not_graded += 1
                continue
            notebook = sub.notebooks[0] if sub.notebooks else None
            grades = notebook.grades if notebook else []
            waiting = sum(1 for g in grades if g.needs_manual_grade and g.manual_score is None)
            recheck = sum(1 for g in grades if g.needs_manual_grade and g.manual_score is not None)
            blank = sum(1 for c in notebook.comments if c.auto_comment == "No response.") if notebook else 0
            so_far = " so far" if waiting or recheck else ""
            text = f"  {student}: graded, {sub.score:g} of {sub.max_score:g} points{so_far}"
            if student in missing:
                text += f"; no {module}.ipynb in the submission: scored 0"
            if waiting:
                text += f"; {waiting} answer{'s' if waiting > 1 else ''} to grade by hand"
            if recheck:
                text += f"; {recheck} graded by hand before, to check again"
            if blank:
                text += f"; {blank} left blank"
            if tampered.get(student):
                text += "; TAMPERED: " + "; ".join(tampered[student])
            lines.append(text)
    print(f"{module}: {len(students) - not_graded} of {len(students)} submissions graded", file=out)
    print("\n".join(lines), file=out)
    return not_graded


def db_url(root: Path) -> str:
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"


# ---------------------------------------------------------------- grading sheets

def criterion_column(prompt: dict, criterion: dict) -> str:
    return f"{prompt['id']}: {criterion['criterion']} (0-{criterion['max']})"


def sheet_columns(reflections: dict) -> list[str]:
    columns = list(SHEET_FIXED)
    for p in reflections["prompts"]:
        columns += [criterion_column(p, c) for c in p["rubric"]]
    return columns + [COMMENT]


def default_sheet(root: Path, module: str) -> Path:
    return Path(root) / "grading" / f"{module}-sheet.csv"


def _graded_answers(root: Path, module: str) -> dict[str, dict[str, str]]:
    """Answers by student, for every student whose submission of ``module`` was autograded."""
    root = Path(root).resolve()
    if not (root / "gradebook.db").exists():
        raise GradingError(f"{root / 'gradebook.db'}: file: missing; run `nbgrader generate_assignment {module}` "
                           f"and `python -m coursekit autograde {module}` first")
    found = {}
    for path in sorted((root / "autograded").glob(f"*/{module}/{module}.ipynb")):
        nb, problem = read_notebook(path, root)
        if problem:
            raise GradingError(problem)
        found[path.parent.parent.name] = answers(nb)
    if not found:
        raise GradingError(f"{root / 'autograded'}: folder: no autograded submission of {module}; "
                           f"run `python -m coursekit autograde {module}` first")
    return found


def export_sheet(root: Path, module: str, path: Path | None = None, force: bool = False) -> tuple[Path, int]:
    """Write the grading sheet of ``module``: one row per student and prompt, rows grouped
    by prompt so a grader marks one question across the class. Returns (path, rows)."""
    reflections = load_module(Path(root), module)
    path = Path(path or default_sheet(root, module))
    if path.exists() and not force:
        raise GradingError(f"{path}: file: already exists and may hold scores; import it first, "
                           "or pass --force to replace it")
    by_student = _graded_answers(root, module)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = sheet_columns(reflections)
    rows = 0
    # utf-8-sig: spreadsheet programs then read accents and quotes correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for p in reflections["prompts"]:
            for student, given in by_student.items():
                writer.writerow({"student": student, "prompt": p["id"], "answer": given.get(p["id"], "")})
                rows += 1
    return path, rows


def _same_text(a: str, b: str) -> bool:
    """Spreadsheets may change line endings and trailing spaces; nothing else counts as same."""
    norm = lambda s: "\n".join(line.rstrip() for line in s.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))
    return norm(a) == norm(b)


def _score(text: str, criterion: dict, where: str, problems: list[str]):
    try:
        value = float(text.replace(",", "."))  # a decimal comma, as some spreadsheets write it
    except ValueError:
        problems.append(f"{where}: '{text}' is not a number")
        return None
    levels = [lv["points"] for lv in criterion["levels"]]
    if value > criterion["max"]:
        problems.append(f"{where}: {text} is above the criterion's maximum of {criterion['max']}")
    elif value < 0:
        problems.append(f"{where}: {text} is below 0")
    elif value not in levels:
        problems.append(f"{where}: {text} is not one of the rubric's levels ({', '.join(map(str, levels))})")
    else:
        return int(value)
    return None


def rubric_comment(prompt: dict, scores: list[int], comment: str) -> str:
    """The grader's comment, after the rubric breakdown, as nbgrader feedback shows it (markdown)."""
    lines = [f"**Rubric: {sum(scores)} / {prompt['points']} points**", ""]
    for criterion, score in zip(prompt["rubric"], scores):
        level = next(lv for lv in criterion["levels"] if lv["points"] == score)
        lines.append(f"- {criterion['criterion']}: **{score} / {criterion['max']}**. {level['description'].strip()}")
    if comment.strip():
        lines += ["", comment.strip()]
    return "\n".join(lines)


def _parse_csv(path: Path, text: str, delimiter: str) -> tuple[list[str], list[dict]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(reader.fieldnames or []), list(reader)
    except csv.Error as exc:
        raise GradingError(f"{path}: file: cannot be read as CSV ({exc})") from None


def read_sheet(root: Path, module: str, path: Path) -> list[dict]:
    """Check a filled-in sheet against the rubric and the gradebook; return the scored rows
    as {student, prompt, score, comment}. Raises GradingError listing every problem."""
    reflections = load_module(Path(root), module)
    prompts = {p["id"]: p for p in reflections["prompts"]}
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise GradingError(f"{path}: file: not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'") from None
    except OSError as exc:
        raise GradingError(f"{path}: file: cannot be read ({exc.__class__.__name__}: {exc})") from None
    header, table = _parse_csv(path, text, ",")
    if not set(SHEET_FIXED) <= set(header):  # spreadsheets in some languages save with semicolons
        header, table = max((header, table), _parse_csv(path, text, ";"), key=lambda t: len(set(SHEET_FIXED) & set(t[0])))
    missing = [c for c in sheet_columns(reflections) if c not in header]
    if missing:
        raise GradingError([f"{path}: column '{c}': missing (export a fresh sheet with "
                            f"`python -m coursekit sheet export {module}`)" for c in missing])
    by_student = _graded_answers(root, module)
    owner = {criterion_column(p, c): p["id"] for p in prompts.values() for c in p["rubric"]}
    problems, scored, seen = [], [], {}
    for number, row in enumerate(table, start=2):  # row 1 is the header
        at = f"{path}: row {number}"
        if None in row:
            problems.append(f"{at}: has more cells than the header has columns")
            continue
        student, prompt_id = (row["student"] or "").strip(), (row["prompt"] or "").strip()
        if student not in by_student:
            problems.append(f"{at}: student: '{student}' has no autograded submission of {module}")
            continue
        if prompt_id not in prompts:
            problems.append(f"{at}: prompt: '{prompt_id}' is not a prompt of {module}")
            continue
        if (student, prompt_id) in seen:
            problems.append(f"{at}: student and prompt: {student}, {prompt_id} already on row {seen[student, prompt_id]}")
            continue
        seen[student, prompt_id] = number
        if not _same_text(row["answer"] or "", by_student[student].get(prompt_id, "")):
            problems.append(f"{at}: answer: differs from {student}'s submitted answer to {prompt_id}; "
                            "answers must not be edited (export a fresh sheet)")
            continue
        for column, owner_id in owner.items():
            if owner_id != prompt_id and (row[column] or "").strip():
                problems.append(f"{at}: column '{column}': belongs to prompt {owner_id}; leave it empty on a row for {prompt_id}")
        prompt = prompts[prompt_id]
        cells = [(criterion_column(prompt, c), c, (row[criterion_column(prompt, c)] or "").strip()) for c in prompt["rubric"]]
        if not any(text for _, _, text in cells):
            if (row[COMMENT] or "").strip():
                problems.append(f"{at}: comment: given without scores; score every criterion of {prompt_id}")
            continue  # not graded yet: left as it is in the gradebook
        scores = []
        for column, criterion, text in cells:
            if not text:
                problems.append(f"{at}: column '{column}': missing score (score every criterion, or none)")
            else:
                scores.append(_score(text, criterion, f"{at}: column '{column}'", problems))
        if len(scores) == len(cells) and None not in scores:
            scored.append({"student": student, "prompt": prompt_id, "score": sum(scores),
                           "comment": rubric_comment(prompt, scores, row[COMMENT] or "")})
    if problems:
        raise GradingError(problems)
    return scored


def import_sheet(root: Path, module: str, path: Path) -> int:
    """Write a checked sheet's scores and comments into nbgrader's gradebook, all or nothing.
    Returns the number of answers graded."""
    scored = read_sheet(root, module, path)
    from nbgrader.api import Gradebook, MissingEntry  # slow to import: only once the sheet is good

    with Gradebook(db_url(root), course_id="") as gb:  # course_id "": look up, never add a course
        try:
            for row in scored:
                try:
                    grade = gb.find_grade(row["prompt"], module, module, row["student"])
                except MissingEntry:
                    raise GradingError(f"{root}/gradebook.db: {row['student']}: the gradebook has no graded "
                                       f"{module} from this student; run `python -m coursekit autograde {module}` again")
                grade.manual_score = row["score"]
                grade.needs_manual_grade = False
                comment = gb.find_comment(row["prompt"], module, module, row["student"])
                comment.manual_comment = row["comment"]
            gb.db.commit()
        except GradingError:
            gb.db.rollback()
            raise
        except Exception as exc:  # e.g. the database is locked: nothing is half-written
            gb.db.rollback()
            raise GradingError(f"{root}/gradebook.db: file: could not be written, nothing changed "
                               f"({exc.__class__.__name__}: {exc})") from None
    return len(scored)
