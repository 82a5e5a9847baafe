"""The learner's arc (exercises/arc.yml): per module, the confidence statements rated before and
after, the action-plan prompt and the follow-up prompt. A typed model; unknown keys are
refused, and every problem is reported as ``path: field: reason``.

    from coursekit.arc import load_arc
    arc = load_arc()            # {"module1": ModuleArc, ...}
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, field_validator

EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
ARC_FILE = "arc.yml"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as content ids everywhere in the course
MODULE = re.compile(r"^module[0-9]+$")


class ArcError(Exception):
    """Problems with arc.yml, each ``path: field: reason``."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return " ".join(value.split())


class Statement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    text: str = Field(max_length=200)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID.match(value):
            raise ValueError("must be lowercase letters and digits joined by single dashes")
        return value

    _clean = field_validator("text")(lambda cls, v: _text(v))


class ModuleArc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    confidence: list[Statement] = Field(min_length=3, max_length=7)
    plan_prompt: str = Field(max_length=600)
    follow_up_prompt: str = Field(max_length=600)

    _clean = field_validator("plan_prompt", "follow_up_prompt")(lambda cls, v: _text(v))

    @field_validator("confidence")
    @classmethod
    def _unique(cls, value: list[Statement]) -> list[Statement]:
        ids = [s.id for s in value]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(
                f"statement ids must differ within a module; repeated: {', '.join(twice)}"
            )
        return value


class Arc(RootModel[dict[str, ModuleArc]]):
    @field_validator("root")
    @classmethod
    def _modules(cls, value: dict) -> dict:
        for name in value:
            if not MODULE.match(name):
                raise ValueError(f"'{name}' is not a module folder name (module1, module2, ...)")
        return value


def _field(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def load_arc(root: Path = EXERCISES, modules: list[str] | None = None) -> dict[str, ModuleArc]:
    """Every module's arc, checked; ``modules`` (course.yml's folders) must all be present."""
    path = Path(root) / ARC_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ArcError([f"{path}: file: cannot be read ({exc.__class__.__name__})"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ArcError([f"{path}: file: not valid YAML{where}"]) from None
    if not isinstance(data, dict):
        raise ArcError([f"{path}: file: must be a mapping of module folders to their arc"])
    try:
        arc = Arc.model_validate(data).root
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            reason = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                model = ModuleArc if len(err["loc"]) == 2 else Statement
                near = difflib.get_close_matches(str(err["loc"][-1]), list(model.model_fields), n=1)
                reason = "unknown field" + (f" (did you mean {near[0]}?)" if near else "")
            problems.append(f"{path}: {_field(err['loc'])}: {reason}")
        raise ArcError(problems) from None
    missing = [m for m in modules or [] if m not in arc]
    if missing:
        raise ArcError(
            [f"{path}: {m}: missing; every module of course.yml needs its arc" for m in missing]
        )
    return arc


def arc_data(arc: dict[str, ModuleArc]) -> dict:
    """The arc as the pages read it (plain JSON-ready data)."""
    return {module: a.model_dump() for module, a in arc.items()}
