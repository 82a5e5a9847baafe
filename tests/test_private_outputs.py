"""Every file the grading commands write beside the course holds students' work, names,
grades or an instructor's own exemplars: git must never offer to commit one. The paths are
the ones a run of the instructor guide's commands leaves in exercises/ (`git status
--ignored` after it)."""

from __future__ import annotations

import subprocess

from support.env import ROOT

OUTPUTS = [
    "release/module1/module1.ipynb",
    "submitted/ana/module1/module1.ipynb",
    "autograded/ana/module1/module1.ipynb",
    "feedback/ana/module1/module1.html",
    "downloaded/module1/archive/ana_module1.ipynb",
    "grading/module1-sheet.csv",
    "grading/module1-canvas.csv",
    "grading/roster.json",
    "grading/module1-older/ana/module1.ipynb",
    "gradebook.db",
    "grades.csv",
    "students.csv",
    "module1-pseudonyms.json",
    "feedback-journals/module1/ana-module1-feedback.json",
    "reflections-private/module1.yml",
    "_build/class-view/module1.html",
]


def test_git_ignores_every_output_of_the_grading_commands():
    paths = [f"exercises/{p}" for p in OUTPUTS]
    proc = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert sorted(proc.stdout.split()) == sorted(paths), set(paths) - set(proc.stdout.split())
    tracked = subprocess.run(
        ["git", "check-ignore", "--no-index", "exercises/reflections/module1.yml"], cwd=ROOT
    )
    assert tracked.returncode == 1, "the course's own files stay in git"
