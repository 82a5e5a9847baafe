"""Sphinx extension: the ``{scenario}`` directive and the assets that play it on the page.

Usage in a MyST page::

    ```{scenario} m1-shared-kitchen
    ```

The directive writes a mount point holding the scenario as JSON. Pages that hold one (from
the directive or from a notebook's scenario output) get scenario-page.js and the CSS; other
pages get nothing extra. A broken content file fails the build with ``path: field: reason``.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .player import ASSETS, mount_html, player_data
from pathlib import Path

from .readings import BOOK, reading_sections, unknown_reading_labels
from .schema import EXERCISES, ContentError, load_all

logger = logging.getLogger(__name__)
MOUNT_MARK = "data-coursekit-scenario"


def load_content(app) -> None:
    """Load and check every content file once per build."""
    app.env.coursekit_scenarios, app.env.coursekit_reflections = {}, {}
    app.env.coursekit_sections = {}
    confdir = Path(app.confdir)
    try:
        scenarios, reflections = load_all(confdir / app.config.coursekit_exercises)
    except ContentError as exc:
        for problem in exc.problems:
            logger.warning(problem, type="coursekit", subtype="content")
        return
    sections = reading_sections(confdir / app.config.coursekit_book, root=Path(app.srcdir))
    for problem in unknown_reading_labels(scenarios, sections):
        logger.warning(problem, type="coursekit", subtype="content")
    app.env.coursekit_scenarios, app.env.coursekit_reflections = scenarios, reflections
    app.env.coursekit_sections = sections


class ScenarioDirective(SphinxDirective):
    """Play the scenario with the given id on this page."""

    required_arguments = 1
    has_content = False

    def run(self):
        scenario_id = self.arguments[0]
        scenario = getattr(self.env, "coursekit_scenarios", {}).get(scenario_id)
        if scenario is None:
            raise self.error(f"scenario: no valid scenario has the id '{scenario_id}' (see exercises/scenarios/)")
        self.env.note_dependency(scenario["source"])
        self.env.coursekit_placed = getattr(self.env, "coursekit_placed", set()) | {scenario_id}
        data = player_data(scenario, self.env.coursekit_sections)
        return [nodes.raw("", mount_html(data), format="html")]


def check_all_placed(app, env) -> None:
    """An author who adds a scenario file but puts it on no page is told so."""
    placed = getattr(env, "coursekit_placed", set())
    for scenario_id, scenario in sorted(getattr(env, "coursekit_scenarios", {}).items()):
        if scenario_id not in placed:
            logger.warning(
                f"{scenario['source']}: id: scenario '{scenario_id}' is on no page; "
                f"add a {{scenario}} {scenario_id} directive to its module's scenarios page",
                type="coursekit", subtype="content",
            )


def has_mount(doctree) -> bool:
    return any(MOUNT_MARK in node.astext() for node in doctree.findall(nodes.raw))


def drop_ipywidgets_state(app, doctree) -> None:
    """A page whose widgets are our scenarios needs none of ipywidgets' embed state/JS."""
    meta = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    if has_mount(doctree):
        for key in [k for k in meta.get("js_files", {}) if k.startswith("ipywidgets")]:
            del meta["js_files"][key]


def _is_thebe(asset) -> bool:
    return "thebe" in (getattr(asset, "filename", None) or str(asset)) or "THEBE" in getattr(asset, "attributes", {}).get("body", "")


def add_assets(app, pagename, templatename, context, doctree) -> None:
    # Jupyter Book always loads sphinx-thebe, which points at a CDN and, as loaded here,
    # declares its globals twice. The course launches no kernels from the page: drop it.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [a for a in context[key] if not _is_thebe(a)]
    if doctree is not None and has_mount(doctree):
        app.add_js_file("coursekit/scenario-page.js", type="module")
        app.add_css_file("coursekit/scenario.css")


# Two gaps in the book theme's HTML that axe-core reports on every page: icon-only
# <summary> toggles in the navigation, and the sidebar (with the book's title) outside
# any landmark. Mended in the written files, so they hold without JavaScript.
THEME_FIXES = {
    '<summary><span class="toctree-toggle" role="presentation">':
        '<summary aria-label="Show or hide the pages in this section">'
        '<span class="toctree-toggle" role="presentation">',
    '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">':
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="complementary" '
        'aria-label="Course contents">',
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


def add_static_path(app) -> None:
    # At builder-inited: Jupyter Book sets html_static_path after config-inited.
    if str(ASSETS) not in app.config.html_static_path:
        app.config.html_static_path.append(str(ASSETS))


def setup(app):
    app.add_config_value("coursekit_exercises", str(EXERCISES), "env")
    app.add_config_value("coursekit_book", str(BOOK), "env")
    app.connect("env-check-consistency", check_all_placed)
    app.connect("builder-inited", add_static_path)
    app.connect("builder-inited", load_content)
    app.connect("doctree-read", drop_ipywidgets_state)
    app.connect("html-page-context", add_assets, priority=900)
    app.connect("build-finished", fix_theme_accessibility)
    app.add_directive("scenario", ScenarioDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
