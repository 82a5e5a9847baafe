"""Journal submissions: answers a self-paced learner chose to share from the book's journal page
(a ``coursekit-submission`` file, see journal-share.js) put into the module's grading sheet
beside the nbgrader submissions, and feedback files made from the graded rows for the journal
page to import.

    python -m coursekit sheet import-journals module1 submissions/
    python -m coursekit sheet journal-feedback module1

Each file is checked (JSON, format, version, checksum, module, student, prompt ids, fields);
a bad file is reported as one line ``file: field: reason`` and the others are still imported.
The learners whose rows came from journals are listed in grading/<module>-journals.json, so a
later journal replaces their rows (saying what it replaces; grades of unchanged answers kept),
an older one is refused, and their feedback can be written. Student ids are checked against
the roster in the gradebook (journal_checks.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..content import Reflections
from .cells import read_csv, write_csv
from .common import GradingError, load_module
from .feedback_text import expand_comment, load_bank, rubric_comment
from .gradebook import journal_list, journal_students
from .journal_checks import Owners, earlier, left_of_two, older_than_before, replaced, unstorable
from .sheets import (
    COMMENT,
    RUBRIC_ROW,
    SHEET_FIXED,
    _score,
    criterion_column,
    default_sheet,
    rubric_row,
    sheet_columns,
)
from .textsafe import unescape_text

SUBMISSION, FEEDBACK = "coursekit-submission", "coursekit-feedback"
STUDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_BYTES = 5 * 1024 * 1024


def canonical(value) -> str:
    """As journal-format.js writes it: keys sorted, no spaces, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _date(value) -> bool:
    try:
        datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def read_submission(path: Path, module: str, prompts: dict) -> dict:
    """{student, answers: {prompt id: text}} from one file; GradingError names file and field."""
    fail = lambda field, reason: GradingError(f"{path}: {field}: {reason}")
    if path.stat().st_size > MAX_BYTES:
        raise fail("file", "is too large to be a journal submission")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise fail(
            "file", "is not valid JSON, so it is not a submission downloaded from the journal page"
        ) from None
    if not isinstance(data, dict) or data.get("format") != SUBMISSION:
        raise fail("format", f'must be "{SUBMISSION}" (a journal submission file)')
    if data.get("version") != 1:
        raise fail(
            "version", f"is {json.dumps(data.get('version'))[:20]}; this command reads version 1"
        )
    content = data.get("content")
    if not isinstance(content, dict):
        raise fail("content", "is missing")
    if unstorable(canonical(content)):
        entries = content.get("reflections")
        bad = (
            [k for k, v in entries.items() if unstorable(canonical(v))]
            if isinstance(entries, dict)
            else []
        )
        raise fail(
            f'content.reflections["{bad[0][:60]}"]' if bad else "content",
            "holds a character no text file can store (a lone surrogate, such as a \\ud800 "
            "escape); not imported, ask the learner to share the answer again",
        )
    if (
        hashlib.sha256(canonical(content).encode()).hexdigest()
        != str(data.get("sha256", "")).lower()
    ):
        raise fail(
            "sha256",
            "does not match the content: the file was changed after it was downloaded, or is "
            "damaged",
        )
    if data.get("module") != module:
        raise fail("module", f"is {json.dumps(data.get('module'))[:40]}, not {module}")
    student = data.get("student")
    if not isinstance(student, str) or not STUDENT.match(student):
        raise fail(
            "student", "must be a name or id of letters, digits, dots, dashes and underscores"
        )
    if (
        set(content) != {"reflections"}
        or not isinstance(content["reflections"], dict)
        or not content["reflections"]
    ):
        raise fail(
            "content.reflections",
            "must be a mapping of prompt ids to shared answers, and nothing else",
        )
    answers = {}
    for prompt_id, entry in content["reflections"].items():
        where = f'content.reflections["{prompt_id[:60]}"]'
        if prompt_id not in prompts:
            raise fail(where, f"is not a prompt of {module}")
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise fail(f"{where}.text", "must be text")
        if not _date(entry.get("updated")):
            raise fail(f"{where}.updated", "must be a date and time")
        answers[prompt_id] = entry["text"]
    exported = data.get("exported")
    return {
        "student": student,
        "answers": answers,
        "exported": exported if isinstance(exported, str) and _date(exported) else "",
    }


def _read_rows(
    path: Path, reflections: Reflections, module: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """The sheet's header and rows as the grading package reads them (spreadsheet-safe cells
    given back as written, comma or semicolon); no sheet yet: the exported columns, no rows."""
    columns = sheet_columns(reflections)
    if not path.exists():
        return columns, []
    header, rows = read_csv(path, SHEET_FIXED)
    missing = [c for c in columns if c not in header]
    if missing:
        raise GradingError(
            [
                f"{path}: column '{c}': missing; export a fresh sheet with "
                f"`python -m coursekit sheet export {module}` before importing journals"
                for c in missing
            ]
        )
    broken = [n for n, row in enumerate(rows, start=2) if row is None]
    if broken:
        raise GradingError(
            [f"{path}: row {n}: has more cells than the header has columns" for n in broken]
        )
    return header, [row for row in rows if row is not None]


def import_journals(
    root: Path, module: str, folder: Path, sheet: Path | None = None, out=sys.stdout
) -> int:
    """Put every good submission in ``folder`` into the sheet; 0 if every file was good, else 1."""
    reflections = load_module(Path(root), module)
    prompts = {p.id: p for p in reflections.prompts}
    folder, sheet = Path(folder), Path(sheet or default_sheet(root, module))
    if not folder.is_dir():
        raise GradingError(f"{folder}: folder: does not exist")
    columns, rows = _read_rows(sheet, reflections, module)
    listed = journal_list(root, module)
    before = earlier(root, module)
    owners = Owners(root)
    if owners.note:
        print(owners.note, file=out)
    nbgrader_students = {r["student"] for r in rows} - set(before) - {RUBRIC_ROW}
    imported: dict[str, tuple[Path, dict[str, Any]]] = {}
    bad = 0
    for path in sorted(folder.glob("*.json")):
        try:
            sub = read_submission(path, module, prompts)
            sub["student"] = student = owners(path, sub["student"])
            if student in nbgrader_students:
                raise GradingError(
                    f"{path}: student: '{student}' already has nbgrader rows in {sheet}; "
                    "not imported"
                )
            older_than_before(path, student, sub["exported"], before.get(student))
            if student in imported:
                left, why = left_of_two(student, (path, sub), imported[student])
                if left == path:
                    raise GradingError(why)
                print(why, file=out)
                bad += 1
        except GradingError as exc:
            print("\n".join(exc.problems), file=out)
            bad += 1
            continue
        imported[student] = (path, sub)
    grades = {
        pid: [criterion_column(p, c) for c in p.rubric] + [COMMENT] for pid, p in prompts.items()
    }
    old_rows: dict[str, dict[str, dict]] = {}
    for r in rows:
        if r["student"] in imported:
            old_rows.setdefault(r["student"], {})[r["prompt"]] = r
    rows = [r for r in rows if r["student"] not in imported and r["student"] != RUBRIC_ROW]
    for student, (path, sub) in sorted(imported.items()):
        answers, old = sub["answers"], old_rows.get(student, {})
        rows += [
            old[pid]
            if pid in old and old[pid]["answer"] == answers[pid]
            else {"student": student, "prompt": pid, "answer": answers[pid]}
            for pid in prompts
            if pid in answers
        ]
        if student in before:
            print(replaced(path, student, before[student], old, answers, grades), file=out)
        print(
            f"{path}: {student}: {len(answers)} answer{'s' if len(answers) != 1 else ''} added",
            file=out,
        )
        before[student] = {"file": path.name, "exported": sub["exported"]}
    rows += [
        rubric_row(p) for p in prompts.values()
    ]  # as `sheet export` writes them, above each prompt's rows
    order = {pid: i for i, pid in enumerate(prompts)}
    rows.sort(key=lambda r: (order.get(r["prompt"], len(order)), r["student"] != RUBRIC_ROW))
    write_csv(sheet, columns, rows)
    listed.parent.mkdir(parents=True, exist_ok=True)
    listed.write_text(json.dumps(before, indent=1, sort_keys=True), encoding="utf-8")
    print(
        f"{sheet}: {len(imported)} journal submission{'s' if len(imported) != 1 else ''} of "
        f"{module} imported"
        + (f"; {bad} file{'s' if bad != 1 else ''} not imported (see above)" if bad else ""),
        file=out,
    )
    return 1 if bad else 0


def journal_feedback(
    root: Path, module: str, sheet: Path | None = None, out=sys.stdout
) -> list[Path]:
    """A feedback file per journal learner, from their fully scored rows of the sheet."""
    reflections = load_module(Path(root), module)
    prompts = {p.id: p for p in reflections.prompts}
    sheet = Path(sheet or default_sheet(root, module))
    listed = journal_list(root, module)
    if not listed.exists():
        raise GradingError(
            f"{listed}: file: missing; run `python -m coursekit sheet import-journals {module} "
            "<folder>` first"
        )
    students = journal_students(root, module)
    feedback: dict[str, dict] = {}
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    problems: list[str] = []
    bank = load_bank(root)
    for number, row in enumerate(_read_rows(sheet, reflections, module)[1], start=2):
        student, prompt = row["student"].strip(), prompts.get(row["prompt"].strip())
        if student not in students or prompt is None:
            continue
        at = f"{sheet}: row {number}"
        cells = [(c, (row[criterion_column(prompt, c)] or "").strip()) for c in prompt.rubric]
        if not all(text for _, text in cells):
            continue  # not graded yet
        scores = [
            _score(text, c, f"{at}: column '{criterion_column(prompt, c)}'", problems)
            for c, text in cells
        ]
        comment = expand_comment(row[COMMENT] or "", prompt, bank, f"{at}: comment", problems)
        given = [s for s in scores if s is not None]
        if len(given) == len(scores):  # the journal page shows plain text: no Markdown escapes
            feedback.setdefault(student, {})[prompt.id] = {
                "text": unescape_text(rubric_comment(prompt, given, comment)),
                "from": "your instructor",
                "updated": now,
            }
    if problems:
        raise GradingError(problems)
    written = []
    for student, entries in sorted(feedback.items()):
        content = {"feedback": entries}
        path = Path(root) / "feedback-journals" / module / f"{student}-{module}-feedback.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "format": FEEDBACK,
                    "version": 1,
                    "module": module,
                    "student": student,
                    "exported": now,
                    "sha256": hashlib.sha256(canonical(content).encode()).hexdigest(),
                    "content": content,
                },
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        print(
            f"wrote {path}: feedback on {len(entries)} answer{'s' if len(entries) != 1 else ''}",
            file=out,
        )
        written.append(path)
    return written
