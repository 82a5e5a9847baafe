"""Content for tests: the fixture scenario and reflections, scenarios written into a course
folder, the problems the loader reports, and a clean copy of the course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from .env import FIXTURES, ROOT


def good_scenario() -> dict:
    """A fresh copy of tests/fixtures/good-scenario.yml: a small valid scenario (id m1-test)."""
    return yaml.safe_load((FIXTURES / "good-scenario.yml").read_text(encoding="utf-8"))


def scenario_model(data: dict):
    """A scenario as the loader hands it out (a Scenario model), from author-form data."""
    from coursekit.content import Scenario

    return Scenario.model_validate(data)


def memory_scenario():
    """tests/fixtures/memory-scenario.yml as a Scenario: the scenario of path-cases.json."""
    from coursekit.content.yamlfile import read_yaml

    return scenario_model(read_yaml(FIXTURES / "memory-scenario.yml")[0])


def tiny_reflections() -> dict:
    """A fresh copy of tests/fixtures/reflections.yml: a small valid module1 reflection file."""
    return yaml.safe_load((FIXTURES / "reflections.yml").read_text(encoding="utf-8"))


def course_folder(tmp_path: Path) -> Path:
    """An exercises folder in ``tmp_path`` with the real course.yml and no content yet."""
    (tmp_path / "scenarios").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "exercises" / "course.yml", tmp_path / "course.yml")
    return tmp_path


def write_scenario(tmp_path: Path, data, name="m1-test.yml", folder="module1") -> Path:
    """Write a scenario (a dict, or YAML text) into a course folder in ``tmp_path``."""
    path = course_folder(tmp_path) / "scenarios" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
    )
    return path


def content_problems(path: Path, loader=None) -> list[str]:
    """The problems the loader reports for ``path`` (it must refuse the file)."""
    from coursekit.content import ContentError, load_scenario

    with pytest.raises(ContentError) as info:
        (loader or load_scenario)(path)
    return info.value.problems


# What nbgrader and coursekit write into a course folder: never copied into a test's course.
COURSE_OUTPUTS = (
    "release",
    "submitted",
    "autograded",
    "feedback",
    "downloaded",
    "grading",
    "gradebook.db",
    "grades.csv",
    "__pycache__",
)


def copy_course(dst: Path) -> Path:
    """A clean copy of exercises/, as a new instructor would start from."""
    src = ROOT / "exercises"
    # Outputs only at the top: templates/feedback/ is part of the course, not an output.
    shutil.copytree(
        src,
        dst,
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == src and n in COURSE_OUTPUTS or n == "__pycache__"
        ],
    )
    return dst
