"""The content model: what a course file, a scenario file and a reflection file may hold.

Pydantic models, strict (no silent type conversion) and closed (an unknown key is an error).
Checks that span several fields (graph, facts, totals) are in ``checks.py``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    computed_field,
    field_validator,
)
from pydantic_core import PydanticCustomError

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_PATTERN = ID_RE  # the same rule as ID in journal.js
# Whitespace and characters that show nothing: text made only of these is empty.
VISIBLE = re.compile(
    "[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
MIN_CHOICES = 3
SETTINGS = (
    "work",
    "school",
    "online",
    "friends and family",
    "organizing and protest",
    "community group",
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


def _one_or_many(value):
    return [value] if isinstance(value, str) else value


def _by_type(value) -> str:
    return "§list" if isinstance(value, list) else "§one"


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[
    str, AfterValidator(_ident), WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})
]
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


def _last_is_default(variants: list) -> list:
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


def _at_least(n: int, what: str):
    def check(items: list) -> list:
        if len(items) < n:
            raise PydanticCustomError(
                "too_few", f"must list at least {'one' if n == 1 else n} {what}"
            )
        return items

    return AfterValidator(check)


class Choice(Strict):
    text: Text
    remember: Annotated[list[Id], BeforeValidator(_one_or_many)] = Field(
        default_factory=list,
        description="facts this choice sets; they hold for the rest of the path",
    )
    feedback: Varied
    reading: Id | None = None
    next: VariedNext
    model: bool = Field(
        False,
        description="author-only: this is a model choice of its decision "
        "(for checks, review copies and facilitators; never shown to learners)",
    )


class Node(Strict):
    id: Id
    ask: Text | None = Field(None, description="the learner writes what they would say or do first")
    text: Varied
    choices: list[Choice]

    @field_validator("choices")
    @classmethod
    def _enough(cls, choices):
        if len(choices) < MIN_CHOICES:
            raise PydanticCustomError(
                "too_few",
                "has {n} choices; at least {m} are needed",
                {"n": len(choices), "m": MIN_CHOICES},
            )
        return choices


class Ending(Strict):
    id: Id
    title: Text
    text: Varied
    debrief: Varied
    questions: list[Text]


class Facilitator(Strict):
    key_point: Text
    usual_choice: Text
    misconception: Text
    questions: list[Text]
    alternative: Text


class Scenario(Strict):
    id: Id
    title: Text
    module: int = Field(ge=1)
    goal: Text
    content_note: Text | None = None
    setting: Literal[SETTINGS] | None = None
    opening: Text
    facilitator: Facilitator | None = None
    nodes: Annotated[list[Node], _at_least(1, "decision point")]
    endings: Annotated[list[Ending], _at_least(1, "ending")]


class Level(Strict):
    points: int = Field(ge=0)
    description: Text


class Criterion(Strict):
    criterion: Text
    levels: list[Level]

    @field_validator("levels")
    @classmethod
    def _rising(cls, levels):
        if len(levels) < 2:
            raise PydanticCustomError("too_few", "must describe at least two levels")
        points = [lv.points for lv in levels]
        if points != sorted(set(points)):
            raise PydanticCustomError(
                "order", "points must rise from the lowest level to the highest, without repeats"
            )
        return levels

    @computed_field
    @property
    def max(self) -> int:
        return max(lv.points for lv in self.levels)


def _words(words: list[int]) -> list[int]:
    if not (len(words) == 2 and 0 < words[0] <= words[1]):
        raise PydanticCustomError(
            "words", "must be [min, max]: two whole numbers with 0 < min <= max"
        )
    return words


class Prompt(Strict):
    id: Id
    title: Text
    prompt: Text
    points: int = Field(gt=0)
    words: Annotated[list[int], AfterValidator(_words)]
    exemplar: Text = Field(description="for graders only; never shown to learners")
    rubric: Annotated[list[Criterion], _at_least(1, "criterion")]


class Reflections(Strict):
    module: int = Field(ge=1)
    title: Text
    prompts: Annotated[list[Prompt], _at_least(1, "prompt")]


class Module(Strict):
    id: Id = Field(
        description="the module's name in file names: reflections/<id>.yml, notebooks/<id>.ipynb"
    )
    number: int = Field(
        ge=1, description="the number scenario and reflection files give as `module`"
    )
    title: Text
    folder: Id = Field(description="book/<folder>/ and exercises/scenarios/<folder>/")


class Course(Strict):
    title: Text
    modules: Annotated[list[Module], _at_least(1, "module")]
