"""Workarounds for the book theme (sphinx-book-theme / pydata-sphinx-theme as pinned in
requirements.txt): each one mends a gap in the theme's own output, kept apart from the
course's directives so it can be dropped when the theme mends it."""
from __future__ import annotations

from pathlib import Path


def _is_thebe(asset) -> bool:
    return "thebe" in (getattr(asset, "filename", None) or str(asset)) or "THEBE" in getattr(asset, "attributes", {}).get("body", "")



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
