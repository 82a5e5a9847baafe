"""The book's copy of a notebook. A scenario widget's output reaches Sphinx as raw HTML (its
text/html, widget.py): it becomes the same ``course_mount`` a ``{scenario}`` directive makes,
so the notebook page loads the same data file as the module page (one download for both, and
none of it in the page's HTML). Such a page needs none of ipywidgets' embed state or script.
"""

from __future__ import annotations

import re

from docutils import nodes

from .directives import scenario_mount
from .mounts import mounts_in

WIDGET_OUTPUT = re.compile(r'\s*<div class="coursekit-scenario" data-coursekit-scenario="([^"]+)"')


def mount_notebook_scenarios(app, doctree) -> None:
    """Each scenario widget's raw HTML output on this page, as the scenario's mount (one the
    course's data does not know is left as the widget wrote it)."""
    env = app.env
    scenarios = getattr(env, "coursekit_scenarios", {})
    for raw in list(doctree.findall(nodes.raw)):
        found = WIDGET_OUTPUT.match(raw.astext()) if "html" in raw.get("format", "") else None
        if found and found.group(1) in scenarios:
            scenario = scenarios[found.group(1)]
            env.note_dependency(str(scenario.source))
            mount = scenario_mount(scenario, env.coursekit_sections)
            mount["notebook"] = True  # no discussion controls here (facilitator.py)
            raw.replace_self(mount)


def drop_ipywidgets_state(app, doctree) -> None:
    """A page whose widgets are our scenarios needs none of ipywidgets' embed state/JS."""
    meta = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    if "scenario" in mounts_in(doctree):
        for key in [k for k in meta.get("js_files", {}) if k.startswith("ipywidgets")]:
            del meta["js_files"][key]


def setup_notebook_pages(app) -> None:
    app.connect("doctree-read", mount_notebook_scenarios)
    app.connect("doctree-read", drop_ipywidgets_state)
