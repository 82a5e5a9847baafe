"""What the student reads under each answer: the rubric breakdown, comments reused from the
comment bank by their short code, and the grader's own words.

The comment bank is grading/comments.csv: columns ``code``, ``criterion`` and ``comment``
(``prompt`` too, to keep a code to one prompt). A grader writes ``#code`` in the sheet's
comment cell; the bank's comment is placed under its criterion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..content import Prompt
from .cells import read_csv
from .common import GradingError
from .textsafe import escape_text

CODE = re.compile(r"(?<![\w#])#([A-Za-z][\w-]*)")


def load_bank(root: Path) -> dict[str, dict]:
    path = Path(root) / "grading" / "comments.csv"
    if not path.exists():
        return {}
    header, rows = read_csv(path, ["code", "criterion", "comment"])
    problems: list[str] = []
    bank: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows, start=2):
        if row is None or not (row.get("code") or "").strip():
            problems.append(f"{path}: row {number}: code: missing")
            continue
        code = row["code"].strip().lstrip("#")
        if code in bank:
            problems.append(
                f"{path}: row {number}: code: '{code}' is already on row {bank[code]['row']}"
            )
        bank[code] = {
            "criterion": (row.get("criterion") or "").strip(),
            "prompt": (row.get("prompt") or "").strip(),
            "comment": (row.get("comment") or "").strip(),
            "row": number,
        }
    if problems:
        raise GradingError(problems)
    return bank


def expand_comment(
    text: str, prompt: Prompt, bank: dict[str, dict[str, Any]], where: str, problems: list[str]
) -> dict[str, Any]:
    """{'criteria': {criterion name: [bank comments]}, 'free': the rest of the text}."""
    criteria: dict[str, list[str]] = {c.criterion: [] for c in prompt.rubric}
    for code in CODE.findall(text):
        entry = bank.get(code)
        if entry is None:
            problems.append(
                f"{where}: '#{code}' is not a code of the comment bank (grading/comments.csv)"
            )
        elif entry["prompt"] and entry["prompt"] != prompt.id:
            problems.append(
                f"{where}: '#{code}' belongs to prompt {entry['prompt']}, not {prompt.id}"
            )
        elif entry["criterion"] not in criteria:
            problems.append(
                f"{where}: '#{code}': criterion '{entry['criterion']}' is not a criterion of "
                f"{prompt.id}"
            )
        else:
            criteria[entry["criterion"]].append(entry["comment"])
    return {
        "criteria": criteria,
        "free": re.sub(r"[ \t]+", " ", CODE.sub("", text)).strip(),
        "raw": text,
    }


def rubric_comment(prompt: Prompt, scores: list[int], comment: dict[str, Any]) -> str:
    """The grader's comment, after the rubric breakdown, as nbgrader feedback shows it (markdown).
    Comments are the grader's own text; content text is escaped by the caller's formatter."""
    lines = [f"**Rubric: {sum(scores)} / {prompt.points} points**", ""]
    for criterion, score in zip(prompt.rubric, scores, strict=True):
        level = next(lv for lv in criterion.levels if lv.points == score)
        line = (
            f"- {escape_text(criterion.criterion)}: **{score} / {criterion.max}**. "
            f"{escape_text(' '.join(level.description.split()))}"
        )
        for extra in comment["criteria"].get(criterion.criterion, []):
            line += f" {escape_text(extra)}"
        lines.append(line)
    if comment["free"]:
        lines += ["", escape_text(comment["free"])]
    return "\n".join(lines)
