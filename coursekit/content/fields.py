"""The field types of the content files: text that must show something, ids, conditions on
remembered facts, and texts or nexts that vary with them (the author's form: one value, or a
list of variants whose last is the default). ``Strict`` is the base of every content model:
no silent type conversion, and an unknown key is an error.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_PATTERN = ID_RE  # the same rule as ID in journal-format.js
# Whitespace and characters that show nothing: text made only of these is empty.
VISIBLE = re.compile(
    "[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
SPACE = re.compile(r"\s")


def _text(value: str) -> str:
    if not VISIBLE.search(value):
        raise PydanticCustomError(
            "blank", "must not be empty (once invisible characters are removed)"
        )
    return value


def _ident(value: str) -> str:
    if SPACE.search(value):
        raise PydanticCustomError(
            "id",
            "'{value}' contains a space; an id is lowercase letters, digits and hyphens",
            {"value": value},
        )
    if not ID_RE.match(value):
        raise PydanticCustomError(
            "id", "'{value}' must be lowercase letters, digits and hyphens", {"value": value}
        )
    return value


def _condition(value: str) -> str:
    fact = value[4:] if value.startswith("not ") else value
    if not ID_RE.match(fact):
        raise PydanticCustomError(
            "condition", "'{value}' must be a fact name or 'not ' and a fact name", {"value": value}
        )
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _by_type(value: Any) -> str:
    return "§list" if isinstance(value, list) else "§one"


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[
    str, AfterValidator(_ident), WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})
]
Ids = Annotated[list[Id], BeforeValidator(_one_or_many)]
Condition = Annotated[
    str,
    AfterValidator(_condition),
    WithJsonSchema({"type": "string", "pattern": "^(not )?" + ID_RE.pattern[1:]}),
]
When = Annotated[
    Annotated[Condition, Tag("§one")] | Annotated[list[Condition], Tag("§list")],
    Discriminator(_by_type),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TextVariant(Strict):
    when: When | None = None
    text: Text


class NextVariant(Strict):
    when: When | None = None
    next: Id


V = TypeVar("V", TextVariant, NextVariant)


def _last_is_default(variants: list[V]) -> list[V]:
    if not variants:
        raise PydanticCustomError("variants", "must be text, or a list of one or more variants")
    for i, v in enumerate(variants):
        last = i == len(variants) - 1
        if last and v.when is not None:
            raise PydanticCustomError(
                "variants", "the last variant must have no 'when': it is the default"
            )
        if not last and v.when is None:
            raise PydanticCustomError(
                "variants",
                "variant {i} has no 'when'; only the last variant is the default",
                {"i": i},
            )
    return variants


Varied = Annotated[
    Annotated[Text, Tag("§one")]
    | Annotated[list[TextVariant], AfterValidator(_last_is_default), Tag("§list")],
    Discriminator(_by_type),
]
VariedNext = Annotated[
    Annotated[Id, Tag("§one")]
    | Annotated[list[NextVariant], AfterValidator(_last_is_default), Tag("§list")],
    Discriminator(_by_type),
]


def at_least(n: int, what: str) -> AfterValidator:
    """A list of at least ``n`` items (``what``: how the items are named in the message)."""

    def check(items: list[Any]) -> list[Any]:
        if len(items) < n:
            raise PydanticCustomError(
                "too_few", f"must list at least {'one' if n == 1 else n} {what}"
            )
        return items

    return AfterValidator(check)
