"""Workarounds for the book theme (sphinx-book-theme / pydata-sphinx-theme as pinned in
requirements.txt): each one mends a gap in the theme's own output, kept apart from the
course's directives so it can be dropped when the theme mends it."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _is_thebe(asset) -> bool:
    return "thebe" in (getattr(asset, "filename", None) or str(asset)) or "THEBE" in getattr(
        asset, "attributes", {}
    ).get("body", "")


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Jupyter Book always loads sphinx-thebe, which points at a CDN and, as loaded here,
    declares its globals twice. The course launches no kernels from the page: drop it."""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_thebe(a)]


# Two gaps in the book theme's HTML that axe-core reports on every page: icon-only
# <summary> toggles in the navigation, and the sidebar (with the book's title) outside
# any landmark. Mended in the written files, so they hold without JavaScript.
THEME_FIXES = {
    '<summary><span class="toctree-toggle" role="presentation">': (
        '<summary aria-label="Show or hide the pages in this section">'
        '<span class="toctree-toggle" role="presentation">'
    ),
    '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">': (
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" '
        'role="complementary" aria-label="Course contents">'
    ),
}


def fix_theme_accessibility(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = text
        for old, new in THEME_FIXES.items():
            fixed = fixed.replace(old, new)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


# ---- Lighter pages (issue 16) ---------------------------------------------------------------
# templates/layout.html overrides two blocks of pydata-sphinx-theme's layout; it is written for
# these versions, so the build says so when another one is installed.
THEME_PINS = {"pydata_sphinx_theme": "0.17.1", "sphinx_book_theme": "1.3.0"}
BOOK_THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")
TEMPLATES = Path(__file__).with_name("templates")
# An extension's files -> a test on the page's body HTML saying the page uses them.
EXTENSION_ASSETS = [
    (("sphinx-design", "design-tabs.js"), re.compile(r'class="[^"]*\bsd-')),
    (
        ("togglebutton", "toggleHint", "toggleOpenOnPrint"),
        re.compile(r'class="[^"]*\b(toggle|dropdown)\b'),
    ),
    (("copybutton", "clipboard.min.js", "pygments.css"), re.compile(r'class="[^"]*\bhighlight')),
    (("mystnb.",), re.compile(r'class="[^"]*\b(cell_output|cell docutils)')),
]
DESCRIPTION_WORDS = 30


def check_theme_versions(app) -> None:
    from importlib import import_module

    if app.config.html_theme not in BOOK_THEMES:
        return
    for module, pinned in THEME_PINS.items():
        found = getattr(import_module(module), "__version__", "?")
        if found != pinned:
            logger.warning(
                f"coursekit/sphinx/templates/layout.html is written for {module} {pinned}, "
                f"found {found}: check the override against the theme's layout.html and "
                "webpack-macros.html, then update THEME_PINS in coursekit/sphinx/theme.py",
                type="coursekit",
                subtype="theme",
            )


def lean_theme_config(app, config) -> None:
    """The template override; the theme's mode set to "auto" (an empty default logs an error
    on a first visit); no top bar holding only a second search box. Only for the book theme
    (Jupyter Book's), which the override is written for."""
    if config.html_theme not in BOOK_THEMES:
        return
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    config.html_context = {"default_mode": "auto", **(config.html_context or {})}
    config.html_theme_options = {
        **(config.html_theme_options or {}),
        "navbar_start": [],
        "navbar_center": [],
        "navbar_end": [],
        "navbar_persistent": [],
    }


def _asset_text(asset) -> str:
    return (getattr(asset, "filename", None) or str(asset)) + getattr(asset, "attributes", {}).get(
        "body", ""
    )


def drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    """Each extension's CSS and JS only on the pages whose HTML uses it."""
    body = context.get("body", "")
    unused = [names for names, used in EXTENSION_ASSETS if not used.search(body)]
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [
                a
                for a in context[key]
                if not any(n in _asset_text(a) for names in unused for n in names)
            ]


def page_description(doctree, context) -> str:
    """The page's first paragraph of prose (not a note or a widget), cut to about 30 words."""
    if doctree is not None:
        for para in doctree.findall(nodes.paragraph):
            if any(
                isinstance(a, (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.field_list))
                for a in _ancestors(para)
            ):
                continue
            words = para.astext().split()
            if len(words) >= 6:
                text = " ".join(words[:DESCRIPTION_WORDS])
                return text + ("…" if len(words) > DESCRIPTION_WORDS else "")
    title = re.sub("<[^>]+>", "", context.get("title", "") or "")
    return f"{html.unescape(title)}: {context.get('docstitle', '')}".strip(": ")


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def add_description(app, pagename, templatename, context, doctree) -> None:
    """A meta description on every page (search engines and link previews show it)."""
    if 'name="description"' in context.get("metatags", ""):
        return
    text = html.escape(page_description(doctree, context), quote=True)
    context["metatags"] = (
        context.get("metatags", "") + f'\n<meta name="description" content="{text}" />'
    )


def setup_light_pages(app) -> None:
    """Register the hooks of this file that make the pages lighter (one call from setup())."""
    app.connect("config-inited", lean_theme_config)
    app.connect("builder-inited", check_theme_versions)
    app.connect("html-page-context", drop_unused_assets, priority=950)
    app.connect("html-page-context", add_description, priority=950)
    app.connect("html-page-context", notebook_page_note, priority=940)
    app.connect("html-page-context", file_notice, priority=950)
    # `make serve PORT=8200` builds with COURSEKIT_SERVE_PORT=8200; pages are written again,
    # not read again, when it changes
    app.add_config_value(
        "coursekit_serve_port", os.environ.get("COURSEKIT_SERVE_PORT") or "8000", "html"
    )


# ---- The web copy of a learner notebook -------------------------------------------------------
def notebook_page_note(app, pagename, templatename, context, doctree) -> None:
    """On a notebook's web page, say what this page does (the scenarios play here) and where
    the rest is: the module's reflections page, the .ipynb to download, and JupyterHub when
    `launch_buttons.jupyterhub_url` is set. The notebook's Jupyter-only cells are left out."""
    if doctree is None or not str(app.env.doc2path(pagename)).endswith(".ipynb"):
        return
    pathto = context["pathto"]
    module = pagename.rsplit("/", 1)[-1]
    places = []
    if f"book/{module}/reflections" in app.env.all_docs:
        places.append(
            f'write your reflections on <a href="{pathto(f"book/{module}/reflections")}">the '
            "module&rsquo;s reflections page</a>"
        )
    if context.get("sourcename"):
        name = html.escape(pagename.rsplit("/", 1)[-1] + ".ipynb")
        places.append(
            f'<a href="{pathto("_sources/" + context["sourcename"], 1)}" '
            f'download="{name}">download '
            f"the notebook ({name})</a> to work in it in JupyterLab"
        )
    hub = (app.config.html_theme_options.get("launch_buttons") or {}).get("jupyterhub_url", "")
    if hub:
        source = str(app.env.doc2path(pagename, False)).replace(os.sep, "/")
        url = f"{hub.rstrip('/')}/hub/user-redirect/lab/tree/{html.escape(source)}"
        places.append(
            f'<a class="ck-hub-launch" href="{url}">open it on the course&rsquo;s JupyterHub</a>'
        )
    note = (
        "<p>This is the notebook as a web page: its scenarios play here and remember your choices "
        "in this browser. " + ("To do more, " + "; ".join(places) + "." if places else "") + "</p>"
    )
    box = (
        '<div class="admonition note ck-notebook-web"><p class="admonition-title">On the web</p>'
        + note
        + "</div>\n"
    )
    body = context.get("body", "")
    at = body.find("</h1>") + len("</h1>") if "</h1>" in body else 0  # under the page's title
    context["body"] = body[:at] + box + body[at:]


# ---- The book opened from a folder on disk -----------------------------------------------------
# Browsers do not run ES modules on file:// pages, so the course's players cannot start there.
# On pages with a course widget, a small classic script notices the failed module and says so
# in place of each widget (the offline copy from `make offline` loads classic scripts instead).
FILE_NOTICE_JS = """addEventListener("error", (event) => {
  const s = event.target;
  if (location.protocol !== "file:" || !(s instanceof HTMLScriptElement) || s.type !== "module"
      || document.querySelector(".ck-file-notice")) return;
  const marks = "[data-coursekit-scenario], [data-coursekit-reflection], [data-coursekit-journal]";
  for (const mount of document.querySelectorAll(marks)) {
    const note = document.createElement("p");
    note.className = "ck-file-notice admonition warning";
    note.setAttribute("role", "alert");
    note.textContent = "This part of the page cannot start here: the book was opened from a "
      + "folder on disk (file://), and browsers do not run its scripts from there. To use the "
      + "course without a connection, use the offline copy: course-offline.zip (made by "
      + "`make offline`), unpacked, then open its index.html. Or run `make serve` and open "
      + "http://127.0.0.1:__PORT__ instead.";
    mount.before(note);
  }
}, true);"""
MOUNT_MARKS = ("data-coursekit-scenario", "data-coursekit-reflection", "data-coursekit-journal")


def file_notice(app, pagename, templatename, context, doctree) -> None:
    """The port named is the one `make serve` serves this build on (COURSEKIT_SERVE_PORT)."""
    if any(mark in context.get("body", "") for mark in MOUNT_MARKS):
        port = str(int(app.config.coursekit_serve_port))
        app.add_js_file(None, body=FILE_NOTICE_JS.replace("__PORT__", port), priority=200)
