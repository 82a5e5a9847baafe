"""``python -m coursekit book-pdf``: the built book (_build/html) as one PDF to read offline.

Each page is printed from a print copy: the built page with every course widget replaced by
what paper can hold (forms.py): a scenario in full as numbered sections, and forms to fill in
by hand for reflections, confidence, the action plan and the follow-ups. Scripts are left
out, so nothing in the copy depends on a browser's storage or on being served, and no
"cannot start here" notice appears. A ``<base>`` keeps the page's styles and images.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

from ..content import (
    ARC_FILE,
    EXERCISES,
    ContentError,
    ModuleArc,
    Scenario,
    load_all,
    load_arc,
    load_course,
)
from .forms import (
    confidence_form,
    follow_up_form,
    plan_form,
    reflection_form,
    scenario_form,
)
from .pdf import PrintError, join_pdfs, print_pdf

STYLE = Path(__file__).with_name("book-print.css")
# Pages of the book left out of its PDF: the journal is this browser's storage, and the
# notebooks repeat the scenario and reflection pages.
NOT_IN_BOOK_PDF = ("book/journal", "notebooks/")
# Widgets with no place on paper: discussion mode, the journal.
DROPPED = "[data-coursekit-discussion], [data-coursekit-journal], .ck-discuss, .ck-optout"


def book_pages(root: Path) -> list[str]:
    """The book's pages in _toc.yml order (docnames), less those not worth printing."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return [n for n in names if not n.startswith(NOT_IN_BOOK_PDF)]


class Course:
    """What the print copies are made from: the course's data, loaded once."""

    def __init__(self, exercises: Path):
        self.scenarios, self.reflections = load_all(exercises)
        self.prompts = {p.id: p for r in self.reflections.values() for p in r.prompts}
        titles = load_course(exercises).titles()
        self.titles = titles
        self.arc: dict[str, ModuleArc] = (
            load_arc(exercises, list(titles)) if (exercises / ARC_FILE).exists() else {}
        )


def _when(mount: Tag, page: Path) -> str:
    """``before`` or ``after``, from the confidence widget's own data."""
    script = mount.find("script", type="application/json")
    try:
        when = json.loads(script.string or "")["when"] if script else None
    except (ValueError, KeyError, TypeError):
        when = None
    if when not in ("before", "after"):
        raise PrintError(f"{page}: a confidence scale without 'before' or 'after' in its data")
    return when


def widget_html(mount: Tag, page: Path, course: Course) -> str:
    """What paper shows in place of one widget."""
    if mount.has_attr("data-coursekit-scenario"):
        sid = str(mount["data-coursekit-scenario"])
        scenario: Scenario | None = course.scenarios.get(sid)
        if scenario is None:
            raise PrintError(f"{page}: scenario '{sid}' is not in the course's data")
        return scenario_form(scenario)
    if mount.has_attr("data-coursekit-reflection"):
        pid = str(mount["data-coursekit-reflection"])
        if pid not in course.prompts:
            raise PrintError(f"{page}: reflection prompt '{pid}' is not in the course's data")
        return reflection_form(course.prompts[pid])
    kind, _, module = str(mount["data-coursekit-arc"]).partition("-")
    if kind == "followups":
        return follow_up_form(course.arc, course.titles)
    if module not in course.arc:
        raise PrintError(f"{page}: '{module}' has no confidence statements or plan in {ARC_FILE}")
    if kind == "confidence":
        return confidence_form(course.arc[module], _when(mount, page))
    if kind == "plan":
        return plan_form(course.arc[module])
    raise PrintError(f"{page}: a course widget of an unknown kind, '{kind}'")


def print_copy(page: Path, course: Course) -> str:
    """The page as it prints: widgets replaced, scripts and learner controls left out."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for el in soup.select(DROPPED):
        el.decompose()
    marks = "[data-coursekit-scenario], [data-coursekit-reflection], [data-coursekit-arc]"
    for mount in soup.select(marks):
        mount.replace_with(BeautifulSoup(widget_html(mount, page, course), "html.parser"))
    for el in soup.find_all(["script", "noscript"]):
        el.decompose()
    head = soup.head
    if head is None:
        raise PrintError(f"{page}: not a page of the built book (no <head>)")
    base = soup.new_tag("base", href=page.parent.resolve().as_uri() + "/")
    head.insert(0, base)
    style = soup.new_tag("style")
    style.string = STYLE.read_text(encoding="utf-8")
    head.append(style)
    return str(soup)


def write_book_pdf(
    html: Path, out: Path, root: Path = Path("."), exercises: Path = EXERCISES
) -> Path:
    """Print every page of the built book from its print copy and join them."""
    try:
        course = Course(exercises)
    except ContentError as exc:
        raise PrintError("\n".join(exc.problems)) from None
    parts = []
    copies = out.parent / "book-pages"
    copies.mkdir(parents=True, exist_ok=True)
    for name in book_pages(root):
        page = html / f"{name}.html"
        if not page.exists():
            raise PrintError(f"{page}: missing; build the book first (make build)")
        copy = copies / f"{name.replace('/', '-')}.html"
        copy.write_text(print_copy(page, course), encoding="utf-8")
        parts.append(print_pdf(copy, copy.with_suffix(".pdf")))
    return join_pdfs(parts, out)
