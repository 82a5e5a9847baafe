"""The learner's arc on the book's pages (data: exercises/arc.yml, see coursekit/arc.py).

Usage in a MyST page::

    ```{confidence} module1 before
    ```
    (the module's confidence statements to rate 1-5; ``after`` on the module's last page adds
    the learner's own before/after chart and table)

    ```{action-plan} module1
    ```
    (one concrete commitment: what, where, with whom, by when; calendar reminders at 2 and 6
    weeks that open the follow-up page)

    ```{follow-up}
    ```
    (every module's plan with "what happened" and "what you would do next")

Each writes a mount point holding its data as JSON; arc-page.js brings it to life. Pages that
hold one get arc-page.js and its stylesheets; the journal page gets arc.css for its tables.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..arc import ARC_FILE, ArcError, arc_data, load_arc
from ..content import ContentError, load_course
from ..player import script_json

logger = logging.getLogger(__name__)
ARC_MARK = "data-coursekit-arc"
JOURNAL_MARK = "data-coursekit-journal"
FOLLOW_UP_DOC = "book/follow-up"
STYLES = ["coursekit/scenario.css", "coursekit/study.css", "coursekit/arc.css"]


def load_arc_data(app) -> None:
    root = Path(app.confdir) / app.config.coursekit_exercises
    app.env.coursekit_arc_broken = False
    if not (root / ARC_FILE).exists():  # a book without an arc: its directives say so if used
        app.env.coursekit_arc, app.env.coursekit_module_titles = {}, {}
        return
    try:
        titles = load_course(root).titles()
        app.env.coursekit_arc = arc_data(load_arc(root, list(titles)))
        app.env.coursekit_module_titles = titles
    except ArcError as exc:
        logger.warning(
            "\n".join(exc.problems), type="coursekit", subtype="content"
        )  # all at once, also with -W
        app.env.coursekit_arc, app.env.coursekit_module_titles = {}, {}
        app.env.coursekit_arc_broken = True
    except ContentError:
        app.env.coursekit_arc, app.env.coursekit_module_titles = (
            {},
            {},
        )  # course.yml's own check reports it


def arc_html(kind: str, module: str, data: dict) -> str:
    return (
        f'<div class="ck-arc-mount" {ARC_MARK}="{html.escape(kind)}-{html.escape(module)}">'
        f'<script type="application/json">{script_json(data)}</script>'
        "<noscript><p>This part of the page needs JavaScript: it keeps your answers in this "
        "browser.</p></noscript></div>"
    )


class ArcDirective(SphinxDirective):
    has_content = False

    def module(self) -> tuple[str, dict]:
        path = Path(self.env.app.confdir) / self.config.coursekit_exercises / ARC_FILE
        self.env.note_dependency(str(path))
        module = self.arguments[0]
        arc = getattr(self.env, "coursekit_arc", {})
        if module not in arc:
            if getattr(self.env, "coursekit_arc_broken", False):
                return module, {}  # arc.yml is broken: already reported
            raise self.error(
                f"{self.name}: no module '{module}' in {ARC_FILE} (known: {', '.join(sorted(arc)) or 'none'})"
            )
        return module, arc[module]

    def title(self, module: str) -> str:
        number = module.removeprefix("module")
        name = getattr(self.env, "coursekit_module_titles", {}).get(module, "")
        return f"Module {number}: {name}" if name else f"Module {number}"

    def link(self, target: str, anchor: str = "") -> str:
        return self.env.app.builder.get_relative_uri(self.env.docname, target) + (
            f"#{anchor}" if anchor else ""
        )


class ConfidenceDirective(ArcDirective):
    """``{confidence} module1 before`` or ``after``."""

    required_arguments = 2

    def run(self):
        module, arc = self.module()
        when = self.arguments[1]
        if when not in ("before", "after"):
            raise self.error(f"confidence: the second argument is '{when}'; use before or after")
        if not arc:
            return []
        data = {
            "kind": "confidence",
            "module": module,
            "title": self.title(module),
            "when": when,
            "statements": arc["confidence"],
        }
        return [nodes.raw("", arc_html("confidence", module, data), format="html")]


class ActionPlanDirective(ArcDirective):
    """``{action-plan} module1``."""

    required_arguments = 1

    def run(self):
        module, arc = self.module()
        if not arc:
            return []
        data = {
            "kind": "plan",
            "module": module,
            "title": self.title(module),
            "prompt": arc["plan_prompt"],
            "follow_up_href": self.link(FOLLOW_UP_DOC, f"follow-up-{module}"),
        }
        return [nodes.raw("", arc_html("plan", module, data), format="html")]


class FollowUpDirective(ArcDirective):
    """``{follow-up}``: every module's plan and follow-up answers."""

    required_arguments = 0

    def run(self):
        self.note_arc()
        modules = [
            {
                "module": m,
                "title": self.title(m),
                "prompt": a["follow_up_prompt"],
                "plan_href": self.link(f"book/{m}/next-steps"),
            }
            for m, a in getattr(self.env, "coursekit_arc", {}).items()
        ]
        return [
            nodes.raw(
                "",
                arc_html("followups", "all", {"kind": "followups", "modules": modules}),
                format="html",
            )
        ]

    def note_arc(self) -> None:
        self.env.note_dependency(
            str(Path(self.env.app.confdir) / self.config.coursekit_exercises / ARC_FILE)
        )


def add_arc_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    text = " ".join(n.astext() for n in doctree.findall(nodes.raw))
    if ARC_MARK in text:
        for sheet in STYLES:
            app.add_css_file(sheet)
        app.add_js_file("coursekit/arc-page.js", type="module")
    elif JOURNAL_MARK in text:
        app.add_css_file("coursekit/arc.css")


def setup_arc(app) -> None:
    app.connect("builder-inited", load_arc_data)
    app.connect("html-page-context", add_arc_assets, priority=901)
    app.add_directive("confidence", ConfidenceDirective)
    app.add_directive("action-plan", ActionPlanDirective)
    app.add_directive("follow-up", FollowUpDirective)
