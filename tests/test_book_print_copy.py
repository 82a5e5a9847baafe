"""The book's print copies (coursekit/pack/book.py), without a browser: each course widget of
a built page is replaced by what paper holds, made from the course's data (a scenario in full
as numbered sections, forms for a reflection, the confidence scale and the action plan), the
page's scripts and the "cannot start here" notice are gone, and a widget the data does not
know is a clear error naming the page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from coursekit.content import EXERCISES, load_all
from coursekit.pack.book import Course, print_copy
from coursekit.pack.pdf import PrintError

PAGE = """<!doctype html><html><head><title>t</title>
<script src="_static/coursekit/theme.js"></script></head><body><main>
<div class="coursekit-scenario" data-coursekit-scenario="{sid}">
<script type="application/json">{{"x": "<b>not from here</b>"}}</script>
<p>This part of the page cannot start here: run make serve</p></div>
<div class="ck-reflection" data-coursekit-reflection="m1-partnership"></div>
<div class="ck-arc-mount" data-coursekit-arc="confidence-module1">
<script type="application/json">{{"when": "before"}}</script></div>
<div class="ck-arc-mount" data-coursekit-arc="plan-module1"></div>
<div class="ck-discussion-data" data-coursekit-discussion="{sid}"></div>
</main></body></html>"""


@pytest.fixture(scope="module")
def course():
    return Course(EXERCISES)


def test_widgets_become_paper(tmp_path, course):
    scenario = load_all()[0]["m1-ally-week"].play
    page = tmp_path / "scenarios.html"
    page.write_text(PAGE.format(sid=scenario.id), encoding="utf-8")
    soup = BeautifulSoup(print_copy(page, course), "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert soup.find("script") is None and "cannot start here" not in text
    assert "not from here" not in text and "make serve" not in text
    assert "Section 1: The start" in text
    for node in scenario.nodes:
        for choice in node.choices:
            assert " ".join(choice.text.split()) in text
    for end in scenario.endings:
        assert end.title in text
    assert "Write your answer here" in text and "Tick one box for each statement" in text
    assert "By when" in text and "Discuss with a group" not in text
    assert soup.find("base")["href"] == tmp_path.resolve().as_uri() + "/"


def test_a_widget_the_course_does_not_know_names_the_page(tmp_path, course):
    page = tmp_path / "odd.html"
    page.write_text(PAGE.format(sid="m9-nowhere"), encoding="utf-8")
    with pytest.raises(PrintError, match=r"odd\.html: scenario 'm9-nowhere' is not in the course"):
        print_copy(page, course)
