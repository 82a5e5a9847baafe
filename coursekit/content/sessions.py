"""Session slides (exercises/sessions.yml): per module, the slides a facilitator projects during
the module's 90-minute plan, in the plan's order.

A content model like the others (``models.py``): strict, unknown keys refused, every problem
``path: field: reason (line N)`` as a ``ContentError``.

    from coursekit.content.sessions import load_sessions
    sessions = load_sessions(root, modules)   # {"module1": [Slide, ...], ...}
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from .errors import ContentError, Lines, from_validation
from .fields import Strict, Text
from .per_module import load_per_module

SESSIONS_FILE = "sessions.yml"
KINDS = ("opening", "agreements", "input", "activity", "practice", "reflection", "exit", "close")
Short = Annotated[Text, Field(max_length=260)]  # a slide is read from the back of a room


class Slide(Strict):
    title: Annotated[Text, Field(max_length=80)]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    time: Annotated[str, Field(pattern=r"^[0-9]:[0-5][0-9]–[0-9]:[0-5][0-9]$")] | None = None
    ask: Short | None = None
    points: Annotated[list[Short], Field(max_length=6)] = []
    notes: Annotated[list[Annotated[Text, Field(max_length=400)]], Field(max_length=6)] = []


def load_sessions(root: Path, modules: list[str] | None = None) -> dict[str, list[Slide]]:
    """Every module's slides in ``root``/sessions.yml, checked; ``modules`` (course.yml's
    module ids) must all be present, and every deck has an exit ticket and a practice slot."""
    path = Path(root) / SESSIONS_FILE

    def parse(name: str, value: object, lines: Lines) -> list[Slide]:
        if not isinstance(value, list) or not 3 <= len(value) <= 16:
            raise ContentError([f"{path}: {name}: must be a list of 3 to 16 slides"])
        problems: list[str] = []
        deck = []
        for i, item in enumerate(value):
            try:
                deck.append(Slide.model_validate(item))
            except ValidationError as exc:
                problems += from_validation(path, exc, Slide, lines, at=(name, i))
        if not problems:
            kinds = {s.kind for s in deck}
            problems = [
                f"{path}: {name}: no slide of kind '{k}'; every session has one"
                for k in ("agreements", "practice", "exit")
                if k not in kinds
            ]
        if problems:
            raise ContentError(problems)
        return deck

    return load_per_module(path, "slides", modules, parse)
