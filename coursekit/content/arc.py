"""The learner's arc (exercises/arc.yml): per module, the confidence statements rated before and
after, the action-plan prompt and the follow-up prompt.

A content model like the others (``models.py``): strict, unknown keys refused, ids by the one
id rule, every problem ``path: field: reason (line N)`` as a ``ContentError``.

    from coursekit.content import load_arc
    arc = load_arc(root, modules)   # {"module1": ModuleArc, ...}
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .errors import ContentError, Lines, from_validation
from .fields import Id, Strict, Text
from .per_module import load_per_module

ARC_FILE = "arc.yml"


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

    def parse(name: str, value: object, lines: Lines) -> ModuleArc:
        try:
            return ModuleArc.model_validate(value)
        except ValidationError as exc:
            raise ContentError(from_validation(path, exc, ModuleArc, lines, at=(name,))) from None

    return load_per_module(path, "arc", modules, parse)


def arc_data(arc: dict[str, ModuleArc]) -> dict[str, Any]:
    """The arc as the pages read it (JSON)."""
    return {module: a.model_dump() for module, a in arc.items()}
