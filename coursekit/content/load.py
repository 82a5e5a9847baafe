"""Find, read and validate the course's content files.

``load_course``, ``load_scenario`` and ``load_reflections`` return the validated models
(``models.py``), with ``source`` set to the file they came from; the widget, the Sphinx
extension, the notebook generators and the grading tools all read them. Every problem is
``path: field: reason (line N)``; nothing raises a traceback at an author.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .checks import check_reflections, check_scenario
from .errors import ContentError, from_validation, problem
from .models import Course, FromFile, Reflections, Scenario
from .yamlfile import YamlProblem, read_content_file, read_yaml

M = TypeVar("M", Course, Scenario, Reflections)
Lines = dict[tuple[Any, ...], int]


def find_course_root(start: Path | None = None) -> Path:
    """The folder that holds exercises/course.yml: $COURSEKIT_ROOT, else the working folder
    or the nearest folder above it that has one (a notebook's kernel runs in notebooks/),
    else the working folder. Never coursekit's own install location."""
    if os.environ.get("COURSEKIT_ROOT"):
        return Path(os.environ["COURSEKIT_ROOT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises" / "course.yml").is_file():
            return folder
    return here


EXERCISES = find_course_root() / "exercises"


_lines: dict[str, Lines] = {}


def source_lines(source: Path | str) -> Lines:
    """{location: line} of a content file the loader read (or reads now)."""
    if str(source) not in _lines:
        try:
            _lines[str(source)] = read_yaml(Path(source))[1]
        except YamlProblem:
            return {}
    return _lines[str(source)]


def _read(path: Path, model: type[M]) -> tuple[M, Lines]:
    data, lines = read_content_file(path)
    _lines[str(path)] = lines
    if not isinstance(data, dict):
        raise ContentError([f"{path}: file: must be a YAML mapping of fields"])
    try:
        loaded = model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(from_validation(path, exc, model, lines)) from None
    if isinstance(loaded, FromFile):
        loaded._source = str(path)
    return loaded, lines


def module_titles(root: Path = EXERCISES) -> dict[str, str]:
    """{module id: title} in course order, from exercises/course.yml."""
    return load_course(root).titles()


def load_course(root: Path = EXERCISES) -> Course:
    """exercises/course.yml: the course's title and its modules, in course order."""
    path = Path(root) / "course.yml"
    course, lines = _read(path, Course)
    problems = []
    for key in ("id", "number", "folder"):
        seen = set()
        for i, m in enumerate(course.modules):
            value = getattr(m, key)
            if value in seen:
                problems.append(
                    problem(path, ("modules", i, key), f"duplicate {key} '{value}'", lines)
                )
            seen.add(value)
    if problems:
        raise ContentError(problems)
    return course


_courses: dict[tuple[Path, int], Course | None] = {}


def _course_of(path: Path, folder_level: int) -> Course | None:
    """The course.yml of the exercises folder that holds ``path``, if there is one that loads
    (read once per version of the file)."""
    file = path.resolve().parents[folder_level] / "course.yml"
    try:
        key = (file, file.stat().st_mtime_ns)
    except OSError:
        return None
    if key not in _courses:
        try:
            _courses[key] = load_course(file.parent)
        except ContentError:
            _courses[key] = None
    return _courses[key]


def load_scenario(path: Path | str) -> Scenario:
    """Return the validated scenario in ``path`` or raise ContentError."""
    path = Path(path)
    scenario, lines = _read(path, Scenario)
    problems = [problem(path, loc, reason, lines) for loc, reason in _file_checks(path, scenario)]
    if not problems:
        problems = [
            problem(path, loc, reason, lines) for loc, reason in check_scenario(scenario.play)
        ]
    if problems:
        raise ContentError(problems)
    return scenario


def _file_checks(path: Path, scenario: Scenario) -> list[tuple[tuple[Any, ...], str]]:
    problems: list[tuple[tuple[Any, ...], str]] = []
    if scenario.id != path.stem:
        problems.append((("id",), f"'{scenario.id}' must match the file name '{path.stem}'"))
    course = _course_of(path, 2)
    folder = path.parent.name
    number = scenario.module
    if course:
        modules = {m.number: m for m in course.modules}
        if number not in modules:
            problems.append(
                (
                    ("module",),
                    f"must be one of {', '.join(map(str, modules))} "
                    f"(the modules of course.yml), got {number}",
                )
            )
        elif folder != modules[number].folder:
            problems.append((("module",), f"is {number} but the file is in folder '{folder}'"))
    elif folder.startswith("module") and folder != f"module{number}":
        problems.append((("module",), f"is {number} but the file is in folder '{folder}'"))
    return problems


def load_reflections(path: Path | str) -> Reflections:
    """Return the validated reflection prompts in ``path`` or raise ContentError."""
    path = Path(path)
    reflections, lines = _read(path, Reflections)
    problems = [problem(path, loc, reason, lines) for loc, reason in check_reflections(reflections)]
    course = _course_of(path, 1)
    modules = {m.number: m.id for m in course.modules} if course else {}
    number = reflections.module
    expected = modules.get(number, f"module{number}")
    if course and number not in modules:
        problems.append(
            problem(
                path,
                ("module",),
                f"must be one of {', '.join(map(str, modules))} "
                f"(the modules of course.yml), got {number}",
                lines,
            )
        )
    elif path.stem != expected and (course or path.stem.startswith("module")):
        problems.append(
            problem(path, ("module",), f"is {number} but the file is named '{path.name}'", lines)
        )
    if problems:
        raise ContentError(problems)
    return reflections


def scenario_paths(root: Path = EXERCISES, module: str | None = None) -> list[Path]:
    pattern = f"{module}/*.yml" if module else "*/*.yml"
    return sorted((Path(root) / "scenarios").glob(pattern))


def content_files(root: Path = EXERCISES) -> list[Path]:
    """Every content file, valid or not."""
    root = Path(root)
    course = [root / "course.yml"] if (root / "course.yml").exists() else []
    return course + scenario_paths(root) + sorted((root / "reflections").glob("*.yml"))


Loaded = tuple[dict[str, Scenario], dict[str, Reflections], list[str], set[str]]
# The last load of each course folder, under the text of its every file: `coursekit build`
# checks the content and then builds the book from it in one process, and loads it once.
_last_load: dict[str, tuple[tuple[str, ...], Loaded]] = {}


def _texts(root: Path) -> tuple[str, ...]:
    found = []
    for path in content_files(root):
        try:
            found.append(f"{path}\0{path.read_bytes().decode('utf-8', 'replace')}")
        except OSError:
            found.append(f"{path}\0unreadable")
    return tuple(found)


def load_valid(root: Path = EXERCISES) -> Loaded:
    """Load every file that is valid: (scenarios by id, reflection files by module name,
    problems as 'path: field: reason', the names of the files that are broken: scenario ids
    and reflection module names, from their file names). Files whose text is the same as at
    the last load are not read again (the same models; callers read them, never change them)."""
    root = Path(root)
    texts = _texts(root)
    last = _last_load.get(str(root))
    if last is None or last[0] != texts:
        _last_load[str(root)] = (texts, _load_valid(root))
    scenarios, reflections, problems, broken = _last_load[str(root)][1]
    return dict(scenarios), dict(reflections), list(problems), set(broken)


def _load_valid(root: Path) -> Loaded:
    problems: list[str] = []
    broken: set[str] = set()
    if (root / "course.yml").exists():
        try:
            load_course(root)
        except ContentError as exc:
            problems += exc.problems
            broken.add("course")
    scenarios: dict[str, Scenario] = {}
    for path in scenario_paths(root):
        try:
            s = load_scenario(path)
        except ContentError as exc:
            problems += exc.problems
            broken.add(path.stem)
            continue
        if s.id in scenarios:
            problems.append(
                f"{path}: id: duplicate scenario id '{s.id}' (also {scenarios[s.id].source})"
            )
        scenarios[s.id] = s
    reflections: dict[str, Reflections] = {}
    prompt_owner: dict[str, str] = {}
    for path in sorted((root / "reflections").glob("*.yml")):
        try:
            r = load_reflections(path)
        except ContentError as exc:
            problems += exc.problems
            broken.add(path.stem)
            continue
        for i, p in enumerate(r.prompts):
            if p.id in prompt_owner:
                problems.append(
                    f"{path}: prompts[{i}].id: duplicate prompt id '{p.id}' "
                    f"(also {prompt_owner[p.id]})"
                )
            prompt_owner[p.id] = str(path)
        reflections[path.stem] = r
    return scenarios, reflections, problems, broken


def load_all(root: Path = EXERCISES) -> tuple[dict[str, Scenario], dict[str, Reflections]]:
    """Load every scenario (by id) and every reflection file (by module name).

    Raises one ContentError listing the problems of every file, so an author sees them all.
    """
    scenarios, reflections, problems, _ = load_valid(root)
    if problems:
        raise ContentError(problems)
    return scenarios, reflections
