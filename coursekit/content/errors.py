"""Problems as authors read them: ``path: field: reason (line N)``.

A pydantic ValidationError becomes one line per problem, in the wording of the course's
messages; an unknown key names the nearest valid field.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails


class ContentError(Exception):
    """One or more problems the user can act on, each as 'path: field: reason': in a content
    file, a submission, a grading sheet (the grading tools call it GradingError)."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


Loc = tuple[Any, ...]  # where in a file: keys and list indices, from the top
Lines = dict[Loc, int]  # the line of each location (yamlfile.read_yaml)


def field_name(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


def line_of(loc: Loc, lines: Lines) -> int | None:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def problem(path: object, loc: Loc, reason: str, lines: Lines | None = None) -> str:
    line = line_of(loc, lines or {})
    return f"{path}: {field_name(loc)}: {reason}" + (f" (line {line})" if line else "")


def from_validation(
    path: object, exc: ValidationError, model: type[BaseModel], lines: Lines, at: Loc = ()
) -> list[str]:
    """One line per problem; ``at``: where in the file the validated data sits."""
    found: list[str] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("§")))
        text = problem(path, at + loc, _reason(err, model, loc), lines)
        if text not in found:
            found.append(text)
    return found


def _reason(err: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing" or (kind.endswith("_type") and value is None):
        return "missing"
    if kind == "extra_forbidden":
        allowed = fields_at(model, loc[:-1])
        near = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
        hint = f"did you mean {near[0]}?" if near else "allowed: " + ", ".join(allowed)
        return f"unknown field ({hint})"
    got = type(value).__name__
    if kind in ("string_type", "str_type"):
        return f"must be text, got {got}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {got}"
    if kind == "list_type":
        return f"must be a list, got {got}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping of fields, got {got}"
    if kind == "literal_error":
        return f"'{value}' is not one of: {err.get('ctx', {}).get('expected')}"
    if kind in ("greater_than_equal", "greater_than"):
        ctx = err.get("ctx", {})
        limit = ctx.get("ge", ctx.get("gt"))
        return (
            f"must be {'at least' if kind == 'greater_than_equal' else 'more than'} {limit}, got "
            f"{value}"
        )
    return str(err["msg"]).removeprefix("Value error, ")


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found by following ``loc`` from ``model``."""
    here: list[Any] = [model]
    for part in loc:
        here = [nxt for t in here for nxt in _step(t, part)]
    names = [name for t in here for c in _candidates(t) if _is_model(c) for name in c.model_fields]
    return sorted(set(names))


def _candidates(t: Any) -> list[Any]:
    origin = typing.get_origin(t)
    if origin is typing.Annotated:
        return _candidates(typing.get_args(t)[0])
    if origin in (typing.Union, types.UnionType):
        return [c for a in typing.get_args(t) for c in _candidates(a)]
    return [t]


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _step(t: Any, part: str | int) -> list[Any]:
    out: list[Any] = []
    for c in _candidates(t):
        if isinstance(part, str) and _is_model(c) and part in c.model_fields:
            out.append(c.model_fields[part].annotation)
        elif isinstance(part, int) and typing.get_origin(c) is list:
            out.append(typing.get_args(c)[0])
    return out
