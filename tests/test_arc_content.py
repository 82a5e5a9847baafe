"""exercises/arc.yml (coursekit/content/arc.py) and its directives on a tiny site: the course's
file is valid and covers every module; misspelled keys, bad ids and a module the file lacks are
refused as `path: field: reason`, never a traceback."""

from __future__ import annotations

import re
import shutil

import yaml
from support.env import ROOT
from support.roots import sphinx_build

from coursekit.content import EXERCISES, ContentError, load_arc, module_titles

CONF = """
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
project = "Tiny course"
"""


def test_the_course_arc_is_valid_and_covers_every_module():
    modules = list(module_titles())
    arc = load_arc(EXERCISES, modules)
    assert list(arc) == modules
    for module in arc.values():
        assert 3 <= len(module.confidence) <= 7
        assert all(s.text.startswith("I can ") and s.text.endswith(".") for s in module.confidence)


def test_mistakes_in_arc_yml_are_named_by_path_and_field(tmp_path):
    good = yaml.safe_load((ROOT / "exercises" / "arc.yml").read_text(encoding="utf-8"))
    bad = {
        "module1": {**good["module1"], "plan_promt": "typo"},
        "module2": {**good["module2"], "confidence": [{"id": "Not An Id", "text": "I can."}] * 3},
    }
    (tmp_path / "arc.yml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    try:
        load_arc(tmp_path, ["module1", "module2", "module3"])
    except ContentError as exc:
        problems = exc.problems
    else:
        raise AssertionError("a bad arc.yml was accepted")
    path = tmp_path / "arc.yml"

    def said(text: str) -> bool:  # with the line it is on, as every content problem
        return any(re.fullmatch(re.escape(text) + r" \(line \d+\)", p) for p in problems)

    assert said(f"{path}: module1.plan_promt: unknown field (did you mean plan_prompt?)")
    assert said(
        f"{path}: module2.confidence[0].id: 'Not An Id' contains a space; "
        "an id is lowercase letters, digits and hyphens"
    )
    assert said(f"{path}: module3: missing; every module of course.yml needs its arc") is False
    assert f"{path}: module3: missing; every module of course.yml needs its arc" in problems
    (tmp_path / "arc.yml").write_text(
        yaml.safe_dump({"module1": good["module1"]}), encoding="utf-8"
    )
    try:
        load_arc(tmp_path, ["module1", "module2"])
    except ContentError as exc:
        assert exc.problems == [
            f"{path}: module2: missing; every module of course.yml needs its arc"
        ]


def tiny(tmp_path, index, arc):
    src = tmp_path / "src"
    (src / "exercises" / "reflections").mkdir(parents=True)
    (src / "exercises" / "scenarios").mkdir()
    shutil.copy(ROOT / "exercises" / "course.yml", src / "exercises" / "course.yml")
    if arc is not None:
        (src / "exercises" / "arc.yml").write_text(arc, encoding="utf-8")
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(index + "\n```{toctree}\n:hidden:\nbook/follow-up\n```\n")
    (src / "book").mkdir()
    (src / "book" / "follow-up.md").write_text("# Follow-up\n\n```{follow-up}\n```\n")
    out = tmp_path / "html"
    return out, sphinx_build(src, out, check=False)


def test_directives_write_their_mounts_and_refuse_unknown_modules(tmp_path):
    arc = (ROOT / "exercises" / "arc.yml").read_text(encoding="utf-8")
    out, proc = tiny(
        tmp_path / "a",
        "# Tiny\n\n```{confidence} module1 after\n```\n\n```{action-plan} module1\n```\n",
        arc,
    )
    assert proc.returncode == 0, proc.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert (
        'data-coursekit-arc="confidence-module1"' in page
        and 'data-coursekit-arc="plan-module1"' in page
    )
    assert "coursekit/arc-page.js" in page and "book/follow-up.html#follow-up-module1" in page
    assert "coursekit/arc-page.js" in (out / "book" / "follow-up.html").read_text(encoding="utf-8")

    _, proc = tiny(tmp_path / "b", "# Tiny\n\n```{confidence} module9 before\n```\n", arc)
    assert proc.returncode != 0 and "confidence: no module 'module9' in arc.yml" in proc.stderr
    _, proc = tiny(tmp_path / "c", "# Tiny\n\n```{confidence} module1 during\n```\n", arc)
    assert proc.returncode != 0 and "use before or after" in proc.stderr
    _, proc = tiny(tmp_path / "d", "# Tiny\n", arc.replace("plan_prompt:", "plan_promt:", 1))
    assert (
        proc.returncode != 0
        and "arc.yml: module1.plan_promt: unknown field (did you mean plan_prompt?)" in proc.stderr
    )
    assert "Traceback" not in proc.stdout + proc.stderr
