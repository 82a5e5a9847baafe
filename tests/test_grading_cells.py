"""Spreadsheet-safe sheet cells and student text shown as text, without nbgrader: quick checks
of the two small functions every sheet, export and graded notebook goes through."""

from __future__ import annotations

import csv

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from coursekit.grading.cells import from_cell, read_csv, to_cell, write_csv
from coursekit.grading.textsafe import escape_text, unescape_text

RISKY = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(1)",
    "\tx",
    "\rx",
    "'=quoted",
    "'",
    "plain",
    "",
    "a=b",
    "-",
    "=" * 5,
]


@pytest.mark.parametrize("text", RISKY)
def test_risky_cells_are_written_as_text_and_read_back_unchanged(tmp_path, text):
    written = to_cell(text)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    write_csv(tmp_path / "s.csv", ["answer"], [{"answer": text}])
    with (tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as f:
        raw = next(csv.DictReader(f))["answer"]
    assert not raw.startswith(("=", "+", "-", "@", "\t", "\r"))
    _, rows = read_csv(tmp_path / "s.csv", ["answer"])
    assert rows[0]["answer"] == text == from_cell(written)


def test_answers_of_any_length_round_trip(tmp_path):
    long = ("word, “quoted”; " * 20_000)[:300_000]
    write_csv(tmp_path / "s.csv", ["answer"], [{"answer": long}])
    _, rows = read_csv(tmp_path / "s.csv", ["answer"])
    assert rows[0]["answer"] == long


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "[a](javascript:alert(1))",
        "![p](http://127.0.0.2/p.png)",
        "<https://127.0.0.2>",
        "$x$ and $$y$$",
        "a\\\nb",
        "ends\\",
        "- one\n- two\n\n1. three",
        "`code` **bold** _em_ &amp; &lt;b&gt;",
        "<!-- c --><style>p{}</style>",
    ],
)
def test_escaped_text_renders_as_the_same_text_and_no_markup(text):
    escaped = escape_text(text)
    assert unescape_text(escaped) == text
    html = markdown2html_mistune(escaped)
    assert (
        "<img" not in html and "<script" not in html and "<a " not in html and "<style" not in html
    )
    assert (
        "<em>" not in html
        and "<strong>" not in html
        and "<code>" not in html
        and "<li>" not in html
    )
