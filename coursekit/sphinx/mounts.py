"""The course widgets' mount points in a page: one docutils node, its visitors, and the page
assets chosen by the mounts a page holds.

A directive returns ``course_mount(kind=..., id=..., data={...})`` (plus ``view`` and
``title`` where the kind has them); the HTML writer turns it into the mount coursekit.mount
builds (the data of a ``data_file`` kind written to a file of its own, data_files.py), and a
page gets the loaders and stylesheets of the kinds it holds (``KINDS``), found by node type.
A scenario in a notebook's output reaches Sphinx as raw HTML (myst-nb) and is turned into a
``course_mount`` as the page is read (notebook_pages.py). Other builders (text, LaTeX, ...)
get the widget's title, or nothing: a widget has no place there.
"""

from __future__ import annotations

from docutils import nodes

from ..mount import KINDS, mount_html
from ..player import ASSETS
from .data_files import data_src
from .theme import BOOK_THEMES


class course_mount(nodes.General, nodes.Element):
    """A course widget's mount point. Attributes: kind (a key of coursekit.mount.KINDS), id,
    data (JSON-able); view (HTML the page shows before the loader runs) and title, optional."""


def visit_mount_html(self, node: course_mount) -> None:
    kind = node["kind"]
    src = data_src(self.builder, node["data"]) if KINDS[kind].data_file else ""
    self.body.append(
        mount_html(kind, node["id"], node["data"], node.get("view", ""), node.get("title", ""), src)
    )
    raise nodes.SkipNode


def skip_mount(self, node: course_mount) -> None:
    raise nodes.SkipNode


VISITORS = {builder: (skip_mount, None) for builder in ("latex", "text", "man", "texinfo")}
VISITORS["html"] = (visit_mount_html, None)


def mounts_in(doctree: nodes.document) -> set[str]:
    """The kinds of mount this page holds (notebook outputs included)."""
    found = {node["kind"] for node in doctree.findall(course_mount)}
    if any("data-coursekit-scenario=" in node.astext() for node in doctree.findall(nodes.raw)):
        found.add("scenario")
    return found


def section_of(doctree: nodes.document, kind: str, mount_id: str) -> str:
    """The id of the section holding this mount ("" when none)."""
    for node in doctree.findall(course_mount):
        if node["kind"] == kind and node["id"] == mount_id:
            here: nodes.Node | None = node
            while here is not None and not isinstance(here, nodes.section):
                here = here.parent
            return here["ids"][0] if here is not None and here["ids"] else ""
    return ""


def inline_styles(sheets) -> str:
    """The course's stylesheets a page needs, in one <style> element in its head: each a few KB,
    and each a request more than a plain page makes before its first paint (on a slow phone, with
    the theme's dozen, one more round trip)."""
    css = "\n".join((ASSETS / sheet).read_text(encoding="utf-8") for sheet in sheets)
    if "</" in css:
        raise ValueError(f"{', '.join(sheets)}: '</' cannot be written into a <style> element")
    return f"<style>\n{css}</style>" if css else ""


def add_assets(app, pagename, templatename, context, doctree) -> None:
    """The loaders and stylesheets of the kinds of mount this page holds, each once."""
    if doctree is None:
        return
    found = [kind for kind in KINDS if kind in mounts_in(doctree)]
    sheets = dict.fromkeys(s for kind in found for s in KINDS[kind].styles)
    if app.config.html_theme in BOOK_THEMES:  # templates/layout.html writes it after the theme's
        context["coursekit_styles"] = inline_styles(sheets)
    else:
        for sheet in sheets:
            app.add_css_file(sheet)
    for script in dict.fromkeys(s for kind in found for s in KINDS[kind].loaders):
        app.add_js_file(script, type="module")
