"""The content model: what a course file, a scenario file and a reflection file may hold, and
the scenario as the player reads it.

Pydantic models, strict (no silent type conversion) and closed (an unknown key is an error);
the field types are in ``fields.py``. Checks that span several fields (graph, facts, totals)
are in ``checks.py``. The loader (``load.py``) hands these models out: code downstream reads
attributes, and turns a model into JSON only where data leaves Python (a page, a widget's
state, a file).

``Scenario.play`` is the scenario in the player's normalized form (``PlayerScenario``): every
text a list of ``Variant`` and every next a list of ``Branch``, the default last with
``when: []``. It is made once per loaded scenario; the path semantics (``paths.py``), the
checks, the review copies, the cards and the class view all read it, and its JSON is what
the JS player reads (scenario.js).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import AfterValidator, Field, PrivateAttr, computed_field, field_validator
from pydantic_core import PydanticCustomError
from typing_extensions import Self

from .fields import (
    Id,
    Ids,
    NextVariant,
    Strict,
    Text,
    TextVariant,
    Varied,
    VariedNext,
    at_least,
)

MIN_CHOICES = 3
Setting = Literal[
    "work",
    "school",
    "online",
    "friends and family",
    "organizing and protest",
    "community group",
]
SETTINGS: tuple[str, ...] = get_args(Setting)


class Section(NamedTuple):
    """A labelled section of a book reading, which a choice's ``reading`` names: its page (a
    docname such as 'book/module1/reading') and its heading (readings.reading_sections)."""

    doc: str
    title: str


class FromFile(Strict):
    """A model read from a content file; ``source`` is that file ("" when made in code)."""

    _source: str = PrivateAttr("")

    @property
    def source(self) -> str:
        return self._source


class Choice(Strict):
    text: Text
    remember: Ids = Field(
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
    def _enough(cls, choices: list[Choice]) -> list[Choice]:
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


# The player's normalized form. Field order is the order of the JSON the player reads.


class Conditional(Strict):
    """A variant: it holds when every condition in ``when`` holds (``[]``: always)."""

    when: list[str]


class Variant(Conditional):
    """A text, shown when its conditions hold."""

    text: str


class Branch(Conditional):
    """Where a choice leads when its conditions hold."""

    next: str


class PlayerChoice(Strict):
    text: str
    remember: list[str]
    feedback: list[Variant]
    reading: str | None
    next: list[Branch]
    model: bool


class PlayerNode(Strict):
    id: str
    ask: str | None
    text: list[Variant]
    choices: list[PlayerChoice]


class PlayerEnding(Strict):
    id: str
    title: str
    text: list[Variant]
    debrief: list[Variant]
    questions: list[str]


class PlayerScenario(Strict):
    id: str
    title: str
    module: int
    goal: str
    content_note: str | None
    setting: str | None
    opening: str
    facilitator: Facilitator | None
    nodes: list[PlayerNode]
    endings: list[PlayerEnding]


def _conditions(when: str | list[str] | None) -> list[str]:
    if when is None:
        return []
    return [when] if isinstance(when, str) else list(when)


def _said(value: str | list[TextVariant]) -> list[Variant]:
    if isinstance(value, str):
        return [Variant(when=[], text=value)]
    return [Variant(when=_conditions(v.when), text=v.text) for v in value]


def _leads(value: str | list[NextVariant]) -> list[Branch]:
    if isinstance(value, str):
        return [Branch(when=[], next=value)]
    return [Branch(when=_conditions(v.when), next=v.next) for v in value]


class Scenario(FromFile):
    id: Id
    title: Text
    module: int = Field(ge=1)
    goal: Text
    content_note: Text | None = None
    setting: Setting | None = None
    opening: Text
    facilitator: Facilitator | None = None
    nodes: Annotated[list[Node], at_least(1, "decision point")]
    endings: Annotated[list[Ending], at_least(1, "ending")]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; its player form is made afresh (the copy may have other fields)."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("play", None)
        return copy

    @cached_property
    def play(self) -> PlayerScenario:
        """The scenario in the player's normalized form, made on first use and kept."""
        return PlayerScenario(
            id=self.id,
            title=self.title,
            module=self.module,
            goal=self.goal,
            content_note=self.content_note,
            setting=self.setting,
            opening=self.opening,
            facilitator=self.facilitator,
            nodes=[
                PlayerNode(
                    id=n.id,
                    ask=n.ask,
                    text=_said(n.text),
                    choices=[
                        PlayerChoice(
                            text=c.text,
                            remember=list(c.remember),
                            feedback=_said(c.feedback),
                            reading=c.reading,
                            next=_leads(c.next),
                            model=c.model,
                        )
                        for c in n.choices
                    ],
                )
                for n in self.nodes
            ],
            endings=[
                PlayerEnding(
                    id=e.id,
                    title=e.title,
                    text=_said(e.text),
                    debrief=_said(e.debrief),
                    questions=list(e.questions),
                )
                for e in self.endings
            ],
        )


class Level(Strict):
    points: int = Field(ge=0)
    description: Text


class Criterion(Strict):
    criterion: Text
    levels: list[Level]

    @field_validator("levels")
    @classmethod
    def _rising(cls, levels: list[Level]) -> list[Level]:
        if len(levels) < 2:
            raise PydanticCustomError("too_few", "must describe at least two levels")
        points = [lv.points for lv in levels]
        if points != sorted(set(points)):
            raise PydanticCustomError(
                "order", "points must rise from the lowest level to the highest, without repeats"
            )
        return levels

    @computed_field  # type: ignore[prop-decorator]
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
    rubric: Annotated[list[Criterion], at_least(1, "criterion")]


class Reflections(FromFile):
    module: int = Field(ge=1)
    title: Text
    prompts: Annotated[list[Prompt], at_least(1, "prompt")]


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
    modules: Annotated[list[Module], at_least(1, "module")]

    def titles(self) -> dict[str, str]:
        """{module id: title} in course order."""
        return {m.id: m.title for m in self.modules}
