"""Reading what students hand in: damaged files named with their reason, tampering, and every
answer found where the student really put it (matched by prompt, never lost as "blank")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import Prompt
from ..notebook_parts import ANSWER_PLACEHOLDER
from .common import rel
from .textsafe import unescape_text

if TYPE_CHECKING:
    import nbformat


def read_notebook(path: Path, root: Path) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The notebook in ``path``, or None and a message a teacher can pass on to the student."""
    import nbformat  # here, not at the top: `status` never needs it

    where = rel(path, root)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{where}: file: cannot be read ({exc.__class__.__name__})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return (
            None,
            f"{where}: file: not a notebook: not valid JSON (line {exc.lineno}, column "
            f"{exc.colno}: {exc.msg})",
        )
    if not isinstance(data, dict) or "cells" not in data:
        return None, f"{where}: file: not a notebook: the JSON has no 'cells'"
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds for a malformed notebook
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return None, f"{where}: file: not a valid notebook ({reason})"
    return nb, None


def grade_id(cell) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _by_grade_id(nb) -> dict[str, nbformat.NotebookNode]:
    return {gid: c for c in nb.cells if (gid := grade_id(c))}


def tampering(submitted, release) -> list[str]:
    """What the student changed that nbgrader restores or cannot grade: locked cells edited
    or deleted, answer cells deleted or copied, points or cell types changed."""
    found = []
    got = _by_grade_id(submitted)
    ids = [gid for c in submitted.cells if (gid := grade_id(c))]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        found.append(f"{ids.count(dup)} cells carry grade id '{dup}' (a copied cell)")
    for gid, cell in _by_grade_id(release).items():
        meta = cell.metadata["nbgrader"]
        mine = got.get(gid)
        if mine is None:
            kind = "answer" if meta.get("solution") else "locked"
            found.append(f"deleted {kind} cell '{gid}'")
            continue
        if meta.get("locked") and mine.source != cell.source:
            found.append(f"edited locked cell '{gid}' (nbgrader restores the original)")
        elif mine.cell_type != cell.cell_type:
            found.append(f"changed the type of cell '{gid}' to {mine.cell_type}")
        elif meta.get("grade") and mine.metadata["nbgrader"].get("points") != meta.get("points"):
            found.append(f"changed the points of cell '{gid}'")
    return found


def cell_text(cell) -> str:
    """A cell's text without the placeholder line a student may have left above the answer."""
    text = cell.source if isinstance(cell.source, str) else "".join(cell.source)
    if cell.get("metadata", {}).get("coursekit", {}).get("escaped"):
        text = unescape_text(text)
    lines = [line for line in text.strip().split("\n") if line.strip() != ANSWER_PLACEHOLDER]
    return "\n".join(lines).strip()


def answers(nb) -> dict[str, str]:
    """Answer text by grade_id in a graded notebook; an answer left as the placeholder is empty."""
    return {
        gid: cell_text(c)
        for gid, c in _by_grade_id(nb).items()
        if c.metadata["nbgrader"].get("solution")
    }


def _heading(cell) -> str:
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return re.sub(r"^#+\s*", "", first).strip() if first.lstrip().startswith("#") else ""


def _role(cell, prompts: dict[str, Prompt], titles: dict[str, str]) -> tuple[str, str | None]:
    """('prompt' | 'answer' | 'course' | 'student', prompt id)."""
    gid, meta = grade_id(cell), cell.get("metadata", {}).get("coursekit", {})
    cid = cell.get("id", "")
    if gid in prompts:
        return "answer", gid
    if gid and gid.endswith("-prompt") and gid.removesuffix("-prompt") in prompts:
        return "prompt", gid.removesuffix("-prompt")
    if isinstance(meta, dict) and meta.get("answer") in prompts:
        return "answer", meta["answer"]
    if isinstance(meta, dict) and meta.get("prompt") in prompts:
        return "prompt", meta["prompt"]
    if cid.startswith("answer-") and cid[7:] in prompts:
        return "answer", cid[7:]
    if cid.startswith("prompt-") and cid[7:] in prompts:
        return "prompt", cid[7:]
    if cell.cell_type == "markdown" and _heading(cell) in titles:
        return "prompt", titles[_heading(cell)]
    if gid or (isinstance(meta, dict) and meta):
        return "course", None
    return "student", None


@dataclass
class _Cells:
    """What was found for one prompt: its prompt cells, its answer cells, and the cells a
    student added below it (of which code cells)."""

    prompt: int = 0
    answer: int = 0
    added: int = 0
    code: int = 0


def match_by_prompt(nb, prompts: list[Prompt]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each prompt's answer, gathered from its answer cell(s) and the cells a student added
    below it (up to the next prompt), with what was unusual about it, by prompt id.
    Text above the first prompt is kept under the id '' so nothing is lost silently."""
    by_id = {p.id: p for p in prompts}
    titles = {p.title.strip(): p.id for p in prompts}
    parts: dict[str, list[str]] = {pid: [] for pid in by_id}
    counts = {pid: _Cells() for pid in by_id}
    above: list[str] = []
    current: str | None = None
    for cell in nb.cells:
        role, pid = _role(cell, by_id, titles)
        if role == "prompt" and pid is not None:
            current = pid
            counts[pid].prompt += 1
            continue
        if role == "course":
            continue
        target = pid if role == "answer" else current
        text = cell_text(cell)
        if target is None:
            if text and role == "student":
                above.append(text)
            continue
        if role == "answer":
            counts[target].answer += 1
        elif text:
            counts[target].added += 1
            counts[target].code += cell.cell_type == "code"
        if text:
            parts[target].append(text)
    found = {pid: "\n\n".join(texts) for pid, texts in parts.items()}
    flags: dict[str, list[str]] = {pid: [] for pid in by_id}
    is_release = any(grade_id(c) for c in nb.cells)
    for pid, n in counts.items():
        if not n.prompt and not n.answer:
            flags[pid].append("prompt not found in the notebook")
        elif not is_release and found[pid]:
            flags[pid].append(
                "handed in a notebook that is not the assignment's release: answer matched by its "
                "prompt"
            )
        if n.answer > 1:
            flags[pid].append(
                f"{n.answer} answer cells for this prompt (a copied cell): their texts are joined"
            )
        if n.added:
            where = f" ({n.code} of them code cells)" if n.code else ""
            flags[pid].append(
                f"answer found in {n.added} cell{'s' if n.added > 1 else ''} "
                f"the student added below the prompt{where}"
            )
    if above and is_release:  # above the first prompt of another notebook: that notebook's own text
        found[""] = "\n\n".join(above)
        flags[""] = [
            f"text in {len(above)} cell{'s' if len(above) > 1 else ''} above the first prompt, "
            "not part of any answer"
        ]
    return found, {pid: f for pid, f in flags.items() if f}
