"""Session slides on a book page (data: exercises/sessions.yml, coursekit/content/sessions.py).

Usage in a MyST page::

    ```{session-slides} module3
    ```

A ``course_mount`` of kind ``slides``: its view is every slide as a handout (title, time,
question, points and the facilitator's notes), which is what the page prints; slides-page.js
adds the projector view. An ``agreements`` slide lists the book's community agreements
(book/intro.md), each by its first sentence, so they are written once.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.util.docutils import SphinxDirective

from ..content.booktext import markdown_list
from ..content.sessions import SESSIONS_FILE, Slide, load_sessions
from .module_files import load_module_file
from .mounts import course_mount

e = html.escape
KIND_NAMES = {
    "opening": "Opening",
    "agreements": "Agreements",
    "input": "Input",
    "activity": "Activity",
    "practice": "Practice",
    "reflection": "Reflection",
    "exit": "Exit ticket",
    "close": "Close",
}


def load_sessions_data(app) -> None:
    sessions, broken = load_module_file(app, SESSIONS_FILE, load_sessions)
    app.env.coursekit_sessions, app.env.coursekit_sessions_broken = sessions, broken


def handout(slides: list[Slide], agreements: list[str]) -> str:
    """Every slide as a card on the page: what prints, and what shows without JavaScript."""
    cards = []
    for i, s in enumerate(slides, 1):
        points = [*agreements, *s.points] if s.kind == "agreements" else s.points
        where = f"Slide {i} · {KIND_NAMES[s.kind]}" + (f" · {s.time}" if s.time else "")
        notes = (
            '<div class="ck-slide-notes"><p>Your notes</p><ul>'
            + "".join(f"<li>{e(n)}</li>" for n in s.notes)
            + "</ul></div>"
            if s.notes
            else ""
        )
        cards.append(
            f'<section class="ck-slide-card"><p class="ck-slide-where">{e(where)}</p>'
            f"<h3>{e(s.title)}</h3>"
            + (f'<p class="ck-slide-ask">{e(s.ask)}</p>' if s.ask else "")
            + ("<ul>" + "".join(f"<li>{e(p)}</li>" for p in points) + "</ul>" if points else "")
            + f"{notes}</section>"
        )
    return f'<div class="ck-slides-deck">{"".join(cards)}</div>'


class SessionSlidesDirective(SphinxDirective):
    """``{session-slides} module3``: the module's session slides."""

    required_arguments = 1
    has_content = False

    def run(self):
        exercises = Path(self.config.coursekit_exercises)
        self.env.note_dependency(str(exercises / SESSIONS_FILE))
        intro = Path(self.config.coursekit_book) / "intro.md"
        self.env.note_dependency(str(intro))
        module = self.arguments[0]
        decks = getattr(self.env, "coursekit_sessions", {})
        if module not in decks:
            if getattr(self.env, "coursekit_sessions_broken", False):
                return []  # sessions.yml is broken: already reported
            known = ", ".join(sorted(decks)) or "none"
            raise self.error(
                f"session-slides: no module '{module}' in {SESSIONS_FILE} (known: {known})"
            )
        # On a slide, each agreement's first sentence (its name); the reasons are in the book.
        agreements = [
            re.split(r"(?<=[.!?])\s", item, maxsplit=1)[0]
            for item in (markdown_list(intro, "Community agreements") if intro.exists() else [])
        ]
        name = getattr(self.env, "coursekit_module_titles", {}).get(module, "")
        number = module.removeprefix("module")
        title = f"Module {number}: {name}" if name else f"Module {number}"
        slides = decks[module]
        data: dict[str, Any] = {
            "module": module,
            "title": f"{title}, session slides",
            "agreements": agreements,
            "slides": [s.model_dump() for s in slides],
        }
        return [
            course_mount(
                kind="slides",
                id=module,
                data=data,
                view=handout(slides, agreements),
                title=data["title"],
            )
        ]


def setup_slides(app) -> None:
    app.connect("builder-inited", load_sessions_data)
    app.add_directive("session-slides", SessionSlidesDirective)
