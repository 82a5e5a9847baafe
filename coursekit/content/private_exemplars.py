"""An instructor's own exemplars, kept out of the open repository.

The course's exemplars are in ``exercises/reflections/<module>.yml``, which the open repository
publishes. An instructor who wants exemplars learners cannot look up writes their own in
``exercises/reflections-private/<module>.yml`` (git ignores the folder, and the hub's course
copy leaves it out)::

    prompts:
      - id: m1-partnership
        exemplar: |
          My own exemplar answer ...

Each exemplar given replaces the course's for that prompt, in the source notebooks
(``python -m coursekit sources``) and the instructors' copy of the book (``make instructors``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import ContentError, from_validation, problem
from .fields import Id, Strict, Text
from .yamlfile import read_content_file

FOLDER = "reflections-private"


class PrivateExemplar(Strict):
    id: Id
    exemplar: Text


class PrivateExemplars(Strict):
    prompts: list[PrivateExemplar]


def private_path(root: Path, module: str) -> Path:
    return Path(root) / FOLDER / f"{module}.yml"


def private_exemplars(root: Path, module: str, prompt_ids: list[str]) -> dict[str, str]:
    """{prompt id: the instructor's exemplar} for ``module`` ({} without a private file).
    Raises ContentError naming the file and field of each problem."""
    path = private_path(root, module)
    if not path.exists():
        return {}
    data, lines = read_content_file(path)
    try:
        private = PrivateExemplars.model_validate(data)
    except ValidationError as exc:
        raise ContentError(from_validation(path, exc, PrivateExemplars, lines)) from None
    problems, seen = [], set()
    for i, p in enumerate(private.prompts):
        if p.id not in prompt_ids:
            reason = f"'{p.id}' is no prompt of {module} ({', '.join(prompt_ids)})"
            problems.append(problem(path, ("prompts", i, "id"), reason, lines))
        elif p.id in seen:
            problems.append(problem(path, ("prompts", i, "id"), f"'{p.id}' is given twice", lines))
        seen.add(p.id)
    if problems:
        raise ContentError(problems)
    return {p.id: p.exemplar for p in private.prompts}
