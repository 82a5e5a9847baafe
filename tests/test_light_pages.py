"""Light pages (issue 16): what each kind of page loads in its <head>, the licence in every
footer, and in headless Chromium that search works on the built site and icons still show
without the theme's fontawesome.js."""

from __future__ import annotations

import re

import pytest
from support.browser import axe_violations

# One page of each kind, and what its HTML uses.
KINDS = {
    "home": "book/intro.html",
    "reading": "book/module1/reading.html",
    "scenarios": "book/module1/scenarios.html",
    "reflections": "book/module1/reflections.html",
    "notebook": "notebooks/module1.html",
    "journal": "book/journal.html",
    "glossary": "book/glossary.html",
    "search": "search.html",
    "index": "genindex.html",
}
SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")


def head(built_book, page: str) -> str:
    text = (built_book / page).read_text(encoding="utf-8")
    return text[text.index("<head>") : text.index("</head>")]


def loaded(head_html: str) -> list[str]:
    """The file names of every script and stylesheet the head loads or preloads."""
    return [
        re.sub(r"[?#].*", "", url).rsplit("/", 1)[-1]
        for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', head_html)
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_head_of_each_page_kind(built_book, kind):
    page = KINDS[kind]
    html = head(built_book, page)
    files = loaded(html)
    whole = (built_book / page).read_text(encoding="utf-8")
    article = (
        whole[whole.find('<article class="bd-article"') : whole.find("</article>")]
        if "<article" in whole
        else ""
    )
    assert "fontawesome.js" not in html, f"{page} still loads the theme's 1.5 MB fontawesome.js"
    assert "pydata-sphinx-theme.css" in files and "bootstrap.js" in loaded(whole), (
        f"{page}: theme assets missing: {files}"
    )
    assert 'rel="preload"' not in html, f"{page}: a preload takes bandwidth from the stylesheets"
    blocking = [
        loaded(tag)[0]
        for tag in re.findall(r'<script[^>]+src="[^"]+"[^>]*>', html)
        if not re.search(r'\b(defer|async)\b|type="module"', tag)
    ]
    assert blocking == (
        [
            "documentation_options.js",
            "doctools.js",
            "sphinx_highlight.js",
            "sphinx-book-theme.js",
            *SEARCH_SCRIPTS,
        ]
        if kind == "search"
        else ["documentation_options.js"]
    ), f"{page}: scripts that hold up the first paint: {blocking}"
    if kind == "search":
        assert "searchtools.js" in files and "language_data.js" in files
    else:
        assert not [f for f in files if f in SEARCH_SCRIPTS], (
            f"{page} loads the search scripts: {files}"
        )
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description and len(description.group(1)) > 20, f"{page} has no meta description"
    assert html.count('name="description"') == 1
    assert 'localStorage.getItem("mode") || "auto"' in html, (
        f"{page}: the theme's default mode is not auto"
    )
    for css, used in (
        ("sphinx-design.min.css", r'class="[^"]*\bsd-'),
        ("copybutton.css", r'class="[^"]*\bhighlight'),
        ("togglebutton.css", r'class="[^"]*\b(toggle|dropdown)\b'),
    ):
        in_use = bool(re.search(used, article))
        assert (css in files) == in_use, f"{page}: {css} loaded={css in files}, used={in_use}"
    assert 'class="bd-header__inner' not in whole, (
        f"{page}: the top bar with a second search box is back"
    )
    footer = whole[whole.rfind('<footer class="bd-footer-content') :]
    assert "CC BY-SA 4.0" in footer and "MIT" in footer, (
        f"{page}: the licence line is missing from the footer"
    )


def test_theme_css_and_icon_fonts_are_cut_to_what_the_pages_use(built_book):
    """coursekit/sphinx/trim.py: the theme's stylesheet keeps a fraction of its rules, the icon
    fonts keep only the icons, and every icon the remaining CSS can draw is in the font."""
    from fontTools.ttLib import TTFont

    from coursekit.sphinx.trim import icon_codepoints, trimmed_css

    css = trimmed_css(built_book)
    theme = built_book / "_static" / "styles" / "pydata-sphinx-theme.css"
    assert theme in css and theme.stat().st_size < 150_000, (
        f"{theme.stat().st_size} bytes: not trimmed"
    )
    drawn = icon_codepoints(css)
    assert {0xF002, 0xF185, 0xF186} <= drawn  # magnifying glass, sun, moon
    fonts = sorted((built_book / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    assert fonts and all(f.stat().st_size < 10_000 for f in fonts), [
        (f.name, f.stat().st_size) for f in fonts
    ]
    in_fonts = set().union(*(TTFont(f).getBestCmap() for f in fonts))
    assert drawn <= in_fonts, (
        f"icons the CSS can draw missing from the fonts: {sorted(map(hex, drawn - in_fonts))}"
    )
    assert not (built_book / "_static" / "scripts" / "fontawesome.js").exists()


def test_coursekit_assets_only_where_mounted(built_book):
    reading = loaded(head(built_book, KINDS["reading"]))
    scenarios = loaded(head(built_book, KINDS["scenarios"]))
    assert not [f for f in reading if f.endswith("-page.js")]
    assert "scenario-page.js" in scenarios
    assert ".ck-stage" not in head(built_book, KINDS["reading"])


@pytest.mark.parametrize("kind", ["scenarios", "reflections", "notebook", "journal"])
def test_a_page_with_course_widgets_requests_no_more_before_its_paint_than_a_plain_one(
    built_book, kind
):
    """The course's stylesheets are in the page (sphinx/mounts.py): each file would be one
    request more than the home page makes before its first paint."""
    html = head(built_book, KINDS[kind])
    course_css = [f for f in loaded(html) if f.endswith(".css") and f != "print.css"]
    home_css = [f for f in loaded(head(built_book, KINDS["home"])) if f.endswith(".css")]
    extension_css = ("mystnb.", "sphinx-design", "copybutton", "togglebutton", "pygments")
    assert [f for f in course_css if f not in home_css and not f.startswith(extension_css)] == [], (
        f"{KINDS[kind]} links stylesheets the home page does not"
    )
    assert re.search(r"<style>[^<]*\.ck-", html), f"{KINDS[kind]}: the course's styles are missing"


def test_search_works_and_icons_show(site, new_page):
    p = new_page()
    page = p.page
    page.goto(site + "/" + KINDS["reading"])
    # Icons: the Font Awesome webfont draws them (no fontawesome.js, no <svg> injected).
    icon = page.locator(
        ".bd-header-article i.fa-solid:visible, .bd-header-article i.fas:visible"
    ).first
    icon.wait_for(state="attached")
    drawn = icon.evaluate("""e => { const s = getComputedStyle(e, '::before');
        const width = e.getBoundingClientRect().width;
        return {content: s.content, font: s.fontFamily, width}; }""")
    assert (
        drawn["content"] not in ("none", "normal", "")
        and "Font Awesome" in drawn["font"]
        and drawn["width"] > 0
    )
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    assert page.locator("svg.svg-inline--fa").count() == 0
    # Search from the page's search box: the dialog submits to search.html, which finds pages.
    page.locator(".search-button-field").first.click()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.fill("intersectionality")
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=intersectionality"))
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=20000)
    assert results.count() >= 2
    assert "Intersectionality" in page.locator("#search-results").inner_text()
    assert axe_violations(page) == []
    assert p.foreign_requests(site) == []
    assert p.errors == []
