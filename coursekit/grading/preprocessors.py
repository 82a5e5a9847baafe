"""Two nbgrader preprocessors, named in exercises/nbgrader_config.py so that every autograde
uses them (``python -m coursekit autograde``, ``nbgrader autograde`` and formgrader's button):

- ``MatchAnswersByPrompt`` (first of the sanitize stage) rebuilds the submission from the
  release notebook, with each answer gathered from wherever the student put it (extra cells
  below a prompt, a copied answer cell, the book's learner notebook) and flags saying so;
- ``ShowForGraders`` (last of the autograde stage, after nbgrader has recorded its grades)
  turns student text into escaped text, so formgrader and the feedback page show it and
  never run it, and adds the rubric's level descriptors and the flags under each prompt.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from ..content import Prompt
from ..notebook_parts import ANSWER_PLACEHOLDER, notebook_metadata
from .common import ContentError, load_reflections
from .submissions import cell_text, grade_id, match_by_prompt
from .textsafe import escape_text

# One run grades a whole class in one process: each reflection file is read and checked once
# per run, not once per submission and preprocessor (about 5% of an autograde). The key holds
# the file's mtime and size, so a long-lived formgrader still sees an edited file.
_READ: dict[tuple[str, int, int], list[Prompt] | ContentError] = {}


def _read_prompts(path: Path) -> list[Prompt]:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _READ:
        try:
            _READ[key] = load_reflections(path).prompts
        except ContentError as exc:
            _READ[key] = exc
    found = _READ[key]
    if isinstance(found, ContentError):
        raise found
    return found


class _CourseData(NbGraderPreprocessor):
    course_root = Unicode("", help="The course folder (default: the current folder)").tag(
        config=True
    )

    def _root(self) -> Path:
        return Path(self.course_root or Path.cwd())

    def _prompts(self, assignment: str) -> list[Prompt] | None:
        """The assignment's prompts; None when it is not one of the course's reflection
        modules. A broken reflection file stops the grading of every submission, loudly:
        nbgrader logs the problems (``path: field: reason``) and grades nothing with a wrong
        rubric or without its answers matched."""
        path = self._root() / "reflections" / f"{assignment}.yml"
        if not path.exists():
            return None
        try:
            return _read_prompts(path)
        except ContentError as exc:
            problems = [
                f"{self.__class__.__name__}: {path} is broken; no submission of {assignment} "
                "is graded until it is mended:",
                *exc.problems,
            ]
            self.log.error("\n".join(problems))
            raise ContentError(problems) from None


class MatchAnswersByPrompt(_CourseData):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        prompts = self._prompts(info["assignment"])
        release_path = self._root() / "release" / info["assignment"] / f"{info['notebook']}.ipynb"
        if prompts is None or not release_path.exists():
            return nb, resources
        release = nbformat.read(release_path, as_version=4)
        found, flags = match_by_prompt(nb, prompts)
        own = {grade_id(c): c for c in nb.cells if grade_id(c)}
        rebuilt = copy.deepcopy(release)
        for cell in rebuilt.cells:
            pid = grade_id(cell)
            if pid not in found or not cell.metadata["nbgrader"].get("solution"):
                continue
            mine = own.get(pid)
            if mine is not None and not flags.get(pid) and cell_text(mine) == found[pid]:
                cell.source = mine.source  # the student's cell exactly as handed in
            elif found[pid]:
                cell.source = found[pid]
        rebuilt.metadata["coursekit"] = {"flags": flags, "above_first_prompt": found.get("", "")}
        return rebuilt, resources


def rubric_block(prompt: Prompt, flags: list[str]) -> str:
    lines = ["", "---", "", "**Rubric for this answer**", ""]
    for c in prompt.rubric:
        lines.append(f"**{escape_text(' '.join(c.criterion.split()))}** (0 to {c.max})")
        lines.append("")
        for level in c.levels:
            lines.append(f"- {level.points}: {escape_text(' '.join(level.description.split()))}")
        lines.append("")
    if flags:
        lines += ["**Check:** " + escape_text("; ".join(flags)), ""]
    return "\n".join(lines)


class ShowForGraders(_CourseData):
    def preprocess(self, nb, resources):
        prompts = {p.id: p for p in (self._prompts(resources["nbgrader"]["assignment"]) or [])}
        meta = (
            nb.metadata.get("coursekit", {})
            if isinstance(nb.metadata.get("coursekit"), dict)
            else {}
        )
        flags = meta.get("flags", {}) if isinstance(meta.get("flags"), dict) else {}
        for cell in nb.cells:
            nbg = (
                cell.metadata.get("nbgrader", {})
                if isinstance(cell.metadata.get("nbgrader"), dict)
                else {}
            )
            gid = nbg.get("grade_id", "")
            if nbg.get("locked"):
                pid = gid.removesuffix("-prompt")
                if gid.endswith("-prompt") and pid in prompts:
                    cell.source += "\n" + rubric_block(prompts[pid], flags.get(pid, []))
                elif gid == "instructions" and meta.get("above_first_prompt"):
                    cell.source += (
                        "\n\n---\n\n**Check:** text the student wrote above the first prompt, "
                        "not part of any answer:\n\n" + escape_text(meta["above_first_prompt"])
                    )
                continue
            keep = {"nbgrader": nbg} if nbg else {}
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            elif cell.source.strip() != ANSWER_PLACEHOLDER:
                if cell.cell_type == "raw":
                    cell.cell_type = "markdown"
                    cell.pop("outputs", None)
                cell.source = escape_text(cell.source)
                keep["coursekit"] = {"escaped": True}
            cell.metadata = nbformat.from_dict(keep)
            cell.pop("attachments", None)
        nb.metadata = nbformat.from_dict({**notebook_metadata(), "coursekit": meta})
        return nb, resources
