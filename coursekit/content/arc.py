"""The learner's arc (exercises/arc.yml): per module, the confidence statements rated before and
after, the action-plan prompt and the follow-up prompt.

A content model like the others (``models.py``): strict, unknown keys refused, ids by the one
id rule, every problem ``path: field: reason (line N)`` as a ``ContentError``.

    from coursekit.content import load_arc
    arc = load_arc(root, modules)   # {"module1": ModuleArc, ...}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .errors import ContentError, from_validation
from .fields import Id, Strict, Text
from .yamlfile import YamlProblem, read_yaml

ARC_FILE = "arc.yml"
MODULE = re.compile(r"^module[0-9]+$")


def _one_line(value: str) -> str:
    return " ".join(value.split())


Line = Annotated[Text, AfterValidator(_one_line)]  # shown on one line: spaces and breaks joined


class Statement(Strict):
    id: Id
    text: Annotated[Line, Field(max_length=200)]


class ModuleArc(Strict):
    confidence: Annotated[list[Statement], Field(min_length=3, max_length=7)]
    plan_prompt: Annotated[Line, Field(max_length=600)]
    follow_up_prompt: Annotated[Line, Field(max_length=600)]

    @field_validator("confidence")
    @classmethod
    def _unique(cls, value: list[Statement]) -> list[Statement]:
        ids = [s.id for s in value]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise PydanticCustomError(
                "unique",
                "statement ids must differ within a module; repeated: {ids}",
                {"ids": ", ".join(twice)},
            )
        return value


def load_arc(root: Path, modules: list[str] | None = None) -> dict[str, ModuleArc]:
    """Every module's arc in ``root``/arc.yml, checked; ``modules`` (course.yml's module ids)
    must all be present."""
    path = Path(root) / ARC_FILE
    try:
        data, lines = read_yaml(path)
    except YamlProblem as exc:
        raise ContentError([f"{path}: {exc.field}: {exc.reason}"]) from None
    if not isinstance(data, dict):
        raise ContentError([f"{path}: file: must be a mapping of module folders to their arc"])
    problems: list[str] = []
    arc: dict[str, ModuleArc] = {}
    for name, value in data.items():
        if not MODULE.match(str(name)):
            problems.append(f"{path}: {name}: not a module folder name (module1, module2, ...)")
            continue
        try:
            arc[name] = ModuleArc.model_validate(value)
        except ValidationError as exc:
            problems += from_validation(path, exc, ModuleArc, lines, at=(name,))
    problems += [
        f"{path}: {m}: missing; every module of course.yml needs its arc"
        for m in modules or []
        if m not in data
    ]
    if problems:
        raise ContentError(problems)
    return arc


def arc_data(arc: dict[str, ModuleArc]) -> dict[str, Any]:
    """The arc as the pages read it (JSON)."""
    return {module: a.model_dump() for module, a in arc.items()}
