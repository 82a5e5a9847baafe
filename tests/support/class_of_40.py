"""A class of 40 for module1, built as an instructor receives it: good submissions mixed with
every case that used to lose work or run a student's HTML. Used by test_grading_class.py."""

from __future__ import annotations

import json

import nbformat

from .env import ROOT

MODULE = "module1"
PAYLOADS = [  # each one would add an element with class "pwn" or open a dialog if it ran
    "<img src=x onerror=\"alert('img')\" class=pwn>",
    "<script class=pwn>alert('script')</script>",
    "<svg class=pwn onload=\"alert('svg')\"></svg> [md link](javascript:alert('md'))",
    "<iframe class=pwn srcdoc=\"<script>alert('frame')</script>\"></iframe> "
    "![pixel](http://127.0.0.2/p.png)",
    "<details open class=pwn ontoggle=\"alert('details')\">x</details> <a class=pwn "
    'href="javascript:alert(1)">a</a>',
    "$$\\href{javascript:alert('math')}{x}$$ <style>body{display:none}</style> <b "
    "class=pwn>bold</b>",
]
FORMULAS = [
    '=HYPERLINK("http://127.0.0.2/","x")',
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\tTabbed start",
    "\rCarriage return start",
    "'quoted start",
]
LONG = 40_000
GOOD = [f"s{i:02d}" for i in range(1, 27)]
CASES = [
    "mallory",
    "trudy",
    "dup",
    "broken",
    "locked",
    "extra",
    "learner",
    "renamed",
    "blank",
    "partial",
    "late",
    "long",
    "other",
]
MISSING = "missing"
ROSTER = GOOD + CASES + [MISSING]
assert len(ROSTER) == 40


def good_answer(student: str, pid: str) -> str:
    return (
        f"{student} on {pid}: a community fridge, run with neighbours, not for them.\n\n"
        "A second paragraph, with a list:\n- one\n- two"
    )


def _fill(nb, text_for):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            text = text_for(meta["grade_id"])
            if text is not None:
                cell.source = text


def _extra(text: str, kind="markdown"):
    return (
        nbformat.v4.new_markdown_cell(text)
        if kind == "markdown"
        else nbformat.v4.new_code_cell(text)
    )


def build(release, prompts) -> dict[str, object]:
    """{student: notebook JSON text | (file name, text)}."""
    ids = [p.id for p in prompts]
    copy = lambda: nbformat.from_dict(json.loads(json.dumps(release)))
    out = {}
    for i, s in enumerate(GOOD):
        nb = copy()
        _fill(
            nb,
            lambda pid, s=s, i=i: (
                (FORMULAS[i % len(FORMULAS)] + " " if i < len(FORMULAS) else "")
                + good_answer(s, pid)
            ),
        )
        out[s] = nbformat.writes(nb)
    for s, offset in (("mallory", 0), ("trudy", 3)):
        nb = copy()
        _fill(
            nb,
            lambda pid, offset=offset: " ".join(
                PAYLOADS[(ids.index(pid) + offset + k) % len(PAYLOADS)] for k in range(3)
            ),
        )
        nb.cells.append(_extra("Added below: " + " ".join(PAYLOADS)))
        raw = nbformat.v4.new_raw_cell("<script>alert('raw')</script><b class=pwn>raw</b>")
        raw.metadata["format"] = "text/html"
        code = nbformat.v4.new_code_cell("print(1)")
        code.outputs = [
            nbformat.v4.new_output(
                "display_data", data={"text/html": "<img src=x class=pwn onerror=\"alert('out')\">"}
            )
        ]
        code.metadata["tags"] = ["x\" onmouseover=\"alert('tag')"]
        nb.cells += [raw, code]
        nb.metadata["title"] = "</title><script>alert('title')</script>"
        out[s] = nbformat.writes(nb)
    nb = copy()
    _fill(nb, lambda pid: f"First copy of the answer to {pid}.")
    answer = next(c for c in nb.cells if c.metadata["nbgrader"].get("solution"))
    twin = nbformat.from_dict(json.loads(json.dumps(answer)))
    twin.id, twin.source = "pasted-twin", "The pasted second half, kept too."
    nb.cells.insert(nb.cells.index(answer) + 1, twin)
    out["dup"] = nbformat.writes(nb)
    text = nbformat.writes(copy())
    out["broken"] = text[: len(text) // 2]
    nb = copy()
    _fill(nb, lambda pid: good_answer("locked", pid))
    nb.cells[1].source = "I rewrote this prompt into an easier question."
    out["locked"] = nbformat.writes(nb)
    nb = copy()
    for pid in reversed(ids):
        at = next(k for k, c in enumerate(nb.cells) if c.metadata["nbgrader"]["grade_id"] == pid)
        nb.cells[at + 1 : at + 1] = [
            _extra(f"Extra cell answer to {pid}, first part."),
            _extra(f"# second part of {pid}", "code"),
        ]
    out["extra"] = nbformat.writes(nb)
    learner = nbformat.read(ROOT / "notebooks" / f"{MODULE}.ipynb", as_version=4)
    for cell in learner.cells:
        if cell.metadata.get("coursekit", {}).get("answer"):
            cell.source = f"Learner notebook answer to {cell.metadata['coursekit']['answer']}."
    out["learner"] = nbformat.writes(learner)
    nb = copy()
    _fill(nb, lambda pid: good_answer("renamed", pid))
    out["renamed"] = (f"{MODULE} (1).ipynb", nbformat.writes(nb))
    out["blank"] = nbformat.writes(copy())
    nb = copy()
    _fill(nb, lambda pid: None if pid == ids[0] else good_answer("partial", pid))
    out["partial"] = nbformat.writes(nb)
    nb = copy()
    _fill(nb, lambda pid: good_answer("late", pid))
    out["late"] = nbformat.writes(nb)
    nb = copy()
    _fill(
        nb,
        lambda pid: (
            ("Long answer. " * (LONG // 13 + 1))[:LONG]
            if pid == ids[0]
            else good_answer("long", pid)
        ),
    )
    out["long"] = nbformat.writes(nb)
    out["other"] = nbformat.writes(
        nbformat.v4.new_notebook(cells=[_extra("My notes for another course.")])
    )
    return out


NAMES = {  # two people with one name, and names nbgrader must keep as written
    GOOD[0]: ("Jo", "Smith"),
    GOOD[1]: ("Jo", "Smith"),
    GOOD[2]: ("Zoë", "Ñúñez"),
    GOOD[3]: ("Siobhán", "O'Neil"),
}
CASE_ONLY, NOBODY = GOOD[4].upper(), "nobody"  # hand-ins under an id not on the class list
TWICE = GOOD[5]  # hands in a first try, then their newest work


def hand_in(inbound, student: str, name: str, text: str, when: str) -> None:
    """One hand-in as `nbgrader submit` leaves it in the exchange: student+module+time+random."""
    folder = inbound / f"{student}+{MODULE}+{when}+a1b2c3d4"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text(when)


def write_class(course, exchange, release, prompts) -> None:
    """The class's hand-ins in ``exchange`` (nbgrader's own `collect` files them), and the class
    list in students.csv."""
    inbound = exchange / "solidarity-allyship" / "inbound"
    on_time, late = "2026-03-01 09:00:00.000000 UTC", "2026-03-12 09:00:00.000000 UTC"
    for student, content in build(release, prompts).items():
        name, text = content if isinstance(content, tuple) else (f"{MODULE}.ipynb", content)
        hand_in(inbound, student, name, text, late if student == "late" else on_time)
    first = nbformat.from_dict(json.loads(json.dumps(release)))
    _fill(first, lambda pid: f"{TWICE}'s first try at {pid}.")
    hand_in(inbound, TWICE, f"{MODULE}.ipynb", nbformat.writes(first), "2026-02-27 09:00:00 UTC")
    for student in (CASE_ONLY, NOBODY):
        other = nbformat.from_dict(json.loads(json.dumps(release)))
        _fill(other, lambda pid, student=student: f"Handed in as {student}: {pid}.")
        hand_in(inbound, student, f"{MODULE}.ipynb", nbformat.writes(other), on_time)
    (course / "students.csv").write_text(
        "id,first_name,last_name,email\n"
        + "".join(
            f"{s},{','.join(NAMES.get(s, (s.title(), 'Test')))},{s}@example.org\n" for s in ROSTER
        ),
        encoding="utf-8",
    )


def course_with_release(tmp_path_factory, name: str):
    """A clean copy of exercises/ in which only module1's release was generated (nbgrader's
    own command): the grading tests need no other module."""
    from .content import copy_course
    from .env import BIN, run

    course = copy_course(tmp_path_factory.mktemp(name) / "exercises")
    run([BIN / "nbgrader", "generate_assignment", MODULE], cwd=course, timeout=300)
    return course
