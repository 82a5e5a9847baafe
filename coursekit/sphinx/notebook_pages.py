"""The book's copy of a notebook. A scenario widget's output reaches Sphinx as raw HTML (its
text/html, widget.py): it becomes the same ``course_mount`` a ``{scenario}`` directive makes,
so the notebook page loads the same data file as the module page (one download for both, and
none of it in the page's HTML). Such a page needs none of ipywidgets' embed state or script.

An edit to a scenario's data changes none of a notebook's code cells, so the notebook is not
read (and executed) again for it: each notebook page keeps a digest of the mounts it shows,
and a page whose mounts' data changed is only written again (``env-get-updated``), its mounts
refreshed from the data as the page is written. While a content file is broken, a notebook
page depends on every content file instead, like a directive's page (directives.py), so
mending the file reads it again; a scenario it showed that is gone reads it again too.
"""

from __future__ import annotations

import hashlib
import json
import re

from docutils import nodes

from .directives import scenario_mount
from .mounts import course_mount, mounts_in

WIDGET_OUTPUT = re.compile(r'\s*<div class="coursekit-scenario" data-coursekit-scenario="([^"]+)"')
# {docname: {scenario id: digest of its mount}} for the notebook pages that show scenarios
SHOWN = "coursekit_notebook_mounts"


def notebook_mount(env, scenario_id: str) -> course_mount:
    mount = scenario_mount(env.coursekit_scenarios[scenario_id], env.coursekit_sections)
    mount["notebook"] = True  # no discussion controls here (facilitator.py)
    return mount


def digest(mount: course_mount) -> str:
    shown = [mount[key] for key in ("title", "view", "data")]
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shown_by_notebooks(env) -> dict[str, dict[str, str]]:
    if not isinstance(getattr(env, SHOWN, None), dict):
        setattr(env, SHOWN, {})
    found: dict[str, dict[str, str]] = getattr(env, SHOWN)
    return found


def mount_notebook_scenarios(app, doctree) -> None:
    """Each scenario widget's raw HTML output on this page, as the scenario's mount (one the
    course's data does not know is left as the widget wrote it)."""
    env = app.env
    scenarios = getattr(env, "coursekit_scenarios", {})
    shown: dict[str, str] = {}
    for raw in list(doctree.findall(nodes.raw)):
        found = WIDGET_OUTPUT.match(raw.astext()) if "html" in raw.get("format", "") else None
        if found and found.group(1) in scenarios:
            mount = notebook_mount(env, found.group(1))
            shown[mount["id"]] = digest(mount)
            raw.replace_self(mount)
    if getattr(env, "coursekit_broken", set()):
        for path in getattr(env, "coursekit_files", []):
            env.note_dependency(path)
    if shown:
        shown_by_notebooks(env)[env.docname] = shown


def notebooks_missing_a_scenario(app, env, added, changed, removed) -> list[str]:
    """Notebook pages that showed a scenario the data no longer has: read them again."""
    scenarios = getattr(env, "coursekit_scenarios", {})
    return [
        doc
        for doc, shown in shown_by_notebooks(env).items()
        if doc not in removed and any(sid not in scenarios for sid in shown)
    ]


def notebooks_with_new_data(app, env) -> list[str]:
    """Notebook pages whose scenarios' data changed since they were written: write them
    again (without reading them), and remember what they now show."""
    scenarios = getattr(env, "coursekit_scenarios", {})
    changed = []
    for doc, shown in shown_by_notebooks(env).items():
        now = {sid: digest(notebook_mount(env, sid)) for sid in shown if sid in scenarios}
        if now != shown:
            shown.update(now)
            changed.append(doc)
    return changed


def refresh_notebook_mounts(app, doctree, docname) -> None:
    """A notebook page's scenario mounts as the data is now (the page may not have been read
    again since the data changed)."""
    scenarios = getattr(app.env, "coursekit_scenarios", {})
    for node in doctree.findall(course_mount):
        if node["kind"] == "scenario" and node.get("notebook") and node["id"] in scenarios:
            fresh = notebook_mount(app.env, node["id"])
            for key in ("title", "view", "data"):
                node[key] = fresh[key]


def purge_shown(app, env, docname) -> None:
    shown_by_notebooks(env).pop(docname, None)


def merge_shown(app, env, docnames, other) -> None:
    theirs = getattr(other, SHOWN, {})
    shown_by_notebooks(env).update({doc: theirs[doc] for doc in docnames if doc in theirs})


def drop_ipywidgets_state(app, doctree) -> None:
    """A page whose widgets are our scenarios needs none of ipywidgets' embed state/JS."""
    meta = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    if "scenario" in mounts_in(doctree):
        for key in [k for k in meta.get("js_files", {}) if k.startswith("ipywidgets")]:
            del meta["js_files"][key]


def setup_notebook_pages(app) -> None:
    app.connect("doctree-read", mount_notebook_scenarios)
    app.connect("doctree-read", drop_ipywidgets_state)
    app.connect("env-get-outdated", notebooks_missing_a_scenario)
    app.connect("env-get-updated", notebooks_with_new_data)
    app.connect("doctree-resolved", refresh_notebook_mounts, priority=400)
    app.connect("env-purge-doc", purge_shown)
    app.connect("env-merge-info", merge_shown)
