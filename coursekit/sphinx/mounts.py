"""The course widgets' mount points in a page: one docutils node, its HTML visitor, and the
page assets chosen by the mounts a page holds.

A directive returns ``course_mount(kind=..., id=..., data={...})``; the HTML writer turns it
into ``<div data-coursekit-<kind>=id>`` holding the data as JSON (and, for a scenario, the
player's start view, so mounting shifts nothing). Pages get the page loader and styles of
the kinds they hold, found by node type. Notebook outputs reach Sphinx as raw HTML (myst-nb),
so for those alone the scenario mark is looked for in the raw text.
"""

from __future__ import annotations

import html

from docutils import nodes

from ..player import mount_html, script_json

# kind -> (the mark attribute, the page loader (an ES module), its stylesheets)
KINDS = {
    "scenario": (
        "data-coursekit-scenario",
        "coursekit/scenario-page.js",
        ["coursekit/scenario.css"],
    ),
    "reflection": (
        "data-coursekit-reflection",
        "coursekit/reflection-page.js",
        ["coursekit/scenario.css", "coursekit/study.css"],
    ),
    "journal": (
        "data-coursekit-journal",
        "coursekit/journal-page.js",
        ["coursekit/scenario.css", "coursekit/study.css"],
    ),
}


class course_mount(nodes.General, nodes.Element):
    """A course widget's mount point. Attributes: kind (a key of KINDS), id, data (JSON-able)."""


def reflection_html(data: dict) -> str:
    """The mount point reflection-page.js turns into an answer box."""
    return (
        f'<div class="ck-reflection" {KINDS["reflection"][0]}="{html.escape(data["id"])}">'
        f'<script type="application/json">{script_json(data)}</script>'
        "<noscript><p>Writing your answer on this page needs JavaScript. The module&rsquo;s "
        "learner notebook has the same prompt.</p></noscript></div>"
    )


def journal_html(data: dict) -> str:
    return (
        f'<div class="ck-journal" {KINDS["journal"][0]}="">'
        f'<script type="application/json">{script_json(data)}</script>'
        "<noscript><p>The journal needs JavaScript: it reads your work from this browser&rsquo;s "
        "storage.</p></noscript></div>"
    )


MOUNT_HTML = {"reflection": reflection_html, "journal": journal_html}


def visit_mount_html(self, node: course_mount) -> None:
    if node["kind"] == "scenario":
        self.body.append(mount_html(node["id"], node["title"], node["data"], node["view"]))
    else:
        self.body.append(MOUNT_HTML[node["kind"]](node["data"]))
    raise nodes.SkipNode


def skip_mount(self, node: course_mount) -> None:
    """Other builders (text, LaTeX, ...): a widget has no place there."""
    raise nodes.SkipNode


VISITORS = {builder: (skip_mount, None) for builder in ("latex", "text", "man", "texinfo")}
VISITORS["html"] = (visit_mount_html, None)


def mounts_in(doctree) -> set[str]:
    """The kinds of mount this page holds (notebook outputs included)."""
    found = {node["kind"] for node in doctree.findall(course_mount)}
    mark = KINDS["scenario"][0]
    if any(mark in node.astext() for node in doctree.findall(nodes.raw)):
        found.add("scenario")
    return found


def section_of(doctree, kind: str, mount_id: str) -> str:
    """The id of the section holding this mount ("" when none)."""
    for node in doctree.findall(course_mount):
        if node["kind"] == kind and node["id"] == mount_id:
            while node is not None and not isinstance(node, nodes.section):
                node = node.parent
            return node["ids"][0] if node is not None and node["ids"] else ""
    return ""


def add_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    found = mounts_in(doctree)
    styles: list[str] = []
    for kind, (_mark, script, sheets) in KINDS.items():
        if kind in found:
            styles += [s for s in sheets if s not in styles]
    for sheet in styles:
        app.add_css_file(sheet)
    for kind, (_mark, script, _sheets) in KINDS.items():
        if kind in found:
            app.add_js_file(script, type="module")
