"""Trim the book theme's files to what the built pages use (``coursekit_trim_theme = True``).

After an HTML build:
- PurgeCSS (npm, package.json) keeps only the theme's CSS rules whose selectors the pages or
  the site's scripts name; pydata-sphinx-theme's stylesheet is 397 KB, nearly all Bootstrap and
  Font Awesome rules no page uses. It reads every built page and every script in _static/, so
  a class a script adds at run time (Bootstrap's `show`, the theme's search overlay) is kept.
- The Font Awesome fonts are cut to the icons the remaining CSS can draw (fontTools; 156 KB of
  solid icons become about 2 KB). The theme's fontawesome.js, which no page loads (see
  templates/layout.html), is removed.
While writing each page, Sphinx's and the theme's small scripts are deferred, so nothing but the
stylesheets and the 400-byte documentation_options.js holds up the first paint. The search page
keeps them as they are: Sphinx's search script runs at once and calls them.

Every figure is measured by bench/lighthouse.py (`make bench`).
"""

from __future__ import annotations

import logging as python_logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

# The stylesheets trimmed: the theme's and the extensions', never the course's own (which its
# scripts style at run time, and which are small).
CSS_GLOBS = ("_static/styles/*.css", "_static/*.css")
FONTS = "_static/vendor/fontawesome/webfonts"
UNUSED_SCRIPT = "_static/scripts/fontawesome.js"
# Scripts whose text names the classes they add; not the search index (every word of the book)
# and not source maps.
SKIPPED_SCRIPTS = ("searchindex.js", "fontawesome.js")
DEFERRED = ("doctools.js", "sphinx_highlight.js", "scripts/sphinx-book-theme.js")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\([0-9a-fA-F]{4,5})")


def purgecss_command(confdir: Path) -> Path:
    return Path(confdir) / "node_modules" / ".bin" / "purgecss"


def trimmed_css(outdir: Path) -> list[Path]:
    return sorted({p for pattern in CSS_GLOBS for p in outdir.glob(pattern)})


def purge_css(outdir: Path, purgecss: Path) -> None:
    """Rewrite each theme stylesheet in place with only the rules the site can use."""
    css = trimmed_css(outdir)
    content = [
        *sorted(outdir.rglob("*.html")),
        *sorted(p for p in (outdir / "_static").rglob("*.js") if p.name not in SKIPPED_SCRIPTS),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                purgecss,
                "--css",
                *css,
                "--content",
                *content,
                "--font-face",
                "--keyframes",
                "--variables",
                "--output",
                tmp,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        for path in css:
            shutil.copyfile(Path(tmp) / path.name, path)


def icon_codepoints(css_files: list[Path]) -> set[int]:
    """Every private-use character (Font Awesome's icons) the stylesheets can draw, written as
    the character itself or as a CSS escape."""
    found = set()
    for path in css_files:
        for match in PRIVATE_USE.finditer(path.read_text(encoding="utf-8")):
            code = int(match.group(1), 16) if match.group(1) else ord(match.group(0))
            if 0xE000 <= code <= 0xF8FF:
                found.add(code)
    return found


def subset_fonts(folder: Path, codepoints: set[int]) -> None:
    """Cut each Font Awesome font (woff2 and its ttf fallback) to the given characters."""
    from fontTools import subset

    # fontTools tells each step of each font at INFO (160 lines a build): only its warnings
    python_logging.getLogger("fontTools").setLevel(python_logging.WARNING)
    for path in sorted(folder.glob("fa-*")):
        if path.suffix not in (".woff2", ".ttf"):
            continue
        options = subset.Options()
        options.flavor = "woff2" if path.suffix == ".woff2" else None
        options.layout_features = ["*"]
        options.hinting = False
        options.ignore_missing_unicodes = True
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


def trim_theme(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.coursekit_trim_theme:
        return
    outdir = Path(app.outdir)
    purgecss = purgecss_command(app.confdir)
    if not purgecss.exists():
        logger.warning(
            f"coursekit_trim_theme needs PurgeCSS at {purgecss}: run `npm ci` in {app.confdir} "
            "(`make build` does), or set coursekit_trim_theme to False",
            type="coursekit",
            subtype="trim",
        )
        return
    try:
        purge_css(outdir, purgecss)
    except subprocess.CalledProcessError as exc:
        logger.warning(
            f"PurgeCSS failed on {outdir}: {(exc.stderr or exc.stdout or '').strip()[-2000:]}",
            type="coursekit",
            subtype="trim",
        )
        return
    if (outdir / FONTS).is_dir():
        subset_fonts(outdir / FONTS, icon_codepoints(trimmed_css(outdir)))
    for path in outdir.glob(UNUSED_SCRIPT + "*"):
        path.unlink()


def defer_small_scripts(app, pagename, templatename, context, doctree) -> None:
    """Sphinx's doctools and highlight scripts and the book theme's script, deferred (they act
    once the page is read); not on the search page, whose search script calls them at once."""
    if not app.config.coursekit_trim_theme or pagename == "search" or "script_files" not in context:
        return
    context["script_files"][:] = [
        type(a)(a.filename, priority=a.priority, **{**a.attributes, "defer": "defer"})
        if str(getattr(a, "filename", "") or "").endswith(DEFERRED)
        and "defer" not in a.attributes
        and "async" not in a.attributes
        else a
        for a in context["script_files"]
    ]


def setup_trim(app) -> None:
    app.add_config_value("coursekit_trim_theme", False, "html")
    app.connect("html-page-context", defer_small_scripts, priority=960)
    app.connect("build-finished", trim_theme, priority=900)
