"""The learner's arc on the book's pages (data: exercises/arc.yml, coursekit/content/arc.py).

Usage in a MyST page::

    ```{confidence} module1 before
    ```
    (the module's confidence statements to rate 1-5; ``after`` on the module's last page adds
    the learner's own before/after chart and table)

    ```{action-plan} module1
    ```
    (one concrete commitment: what, where, with whom, by when; calendar reminders a week
    before the learner's date and on it, or at 2 and 6 weeks without one, that open the
    follow-up page: the published book's when html_baseurl names it)

    ```{follow-up}
    ```
    (every module's plan with "what happened" and "what you would do next")

Each returns a ``course_mount`` of kind ``arc`` holding its data as JSON (sphinx/mounts.py);
arc-page.js brings it to life. The data is exercises/arc.yml (coursekit.content.arc).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util.docutils import SphinxDirective

from ..content import ARC_FILE, ModuleArc, load_arc
from .module_files import load_module_file
from .mounts import course_mount

FOLLOW_UP_DOC = "book/follow-up"


def load_arc_data(app) -> None:
    app.env.coursekit_module_titles = {}
    app.env.coursekit_arc, app.env.coursekit_arc_broken = load_module_file(app, ARC_FILE, load_arc)


def arc_mount(kind: str, module: str, data: dict[str, Any]) -> course_mount:
    return course_mount(kind="arc", id=f"{kind}-{module}", data=data)


class ArcDirective(SphinxDirective):
    has_content = False

    def note_arc(self) -> None:
        self.env.note_dependency(str(Path(self.config.coursekit_exercises) / ARC_FILE))

    def module(self) -> tuple[str, ModuleArc | None]:
        self.note_arc()
        module = self.arguments[0]
        arc = getattr(self.env, "coursekit_arc", {})
        if module not in arc:
            if getattr(self.env, "coursekit_arc_broken", False):
                return module, None  # arc.yml is broken: already reported
            known = ", ".join(sorted(arc)) or "none"
            raise self.error(f"{self.name}: no module '{module}' in {ARC_FILE} (known: {known})")
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
        if arc is None:
            return []
        data = {
            "kind": "confidence",
            "module": module,
            "title": self.title(module),
            "when": when,
            "statements": [s.model_dump() for s in arc.confidence],
        }
        return [arc_mount("confidence", module, data)]


class ActionPlanDirective(ArcDirective):
    """``{action-plan} module1``."""

    required_arguments = 1

    def run(self):
        module, arc = self.module()
        if arc is None:
            return []
        data = {
            "kind": "plan",
            "module": module,
            "title": self.title(module),
            "prompt": arc.plan_prompt,
            "follow_up_href": self.link(FOLLOW_UP_DOC, f"follow-up-{module}"),
        }
        return [arc_mount("plan", module, data)]


class FollowUpDirective(ArcDirective):
    """``{follow-up}``: every module's plan and follow-up answers."""

    required_arguments = 0

    def run(self):
        self.note_arc()
        modules = [
            {
                "module": m,
                "title": self.title(m),
                "prompt": a.follow_up_prompt,
                "plan_href": self.link(f"book/{m}/next-steps"),
            }
            for m, a in getattr(self.env, "coursekit_arc", {}).items()
        ]
        return [arc_mount("followups", "all", {"kind": "followups", "modules": modules})]


def setup_arc(app) -> None:
    app.connect("builder-inited", load_arc_data)
    app.add_directive("confidence", ConfidenceDirective)
    app.add_directive("action-plan", ActionPlanDirective)
    app.add_directive("follow-up", FollowUpDirective)
