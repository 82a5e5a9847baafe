"""What every grading job shares: the error type, the course's reflection data, nbgrader's paths."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..content import (  # the one line that names the content loader
    EXERCISES,
    ContentError,
    Reflections,
    load_reflections,
    module_titles,
)

# A problem the user can act on, e.g. 'sheet.csv: row 3: student: ...': the course's one error
# type, under the name the grading tools use.
GradingError = ContentError


def reflection_modules(root: Path = EXERCISES) -> list[str]:
    """Modules that have a reflection file, in course order."""
    return [m for m in module_titles(root) if (root / "reflections" / f"{m}.yml").exists()]


def load_module(root: Path, module: str) -> Reflections:
    path = Path(root) / "reflections" / f"{module}.yml"
    if not path.exists():
        raise GradingError(f"{path}: file: missing; '{module}' has no reflection prompts")
    return load_reflections(path)


def rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)


def db_url(root: Path) -> str:
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"


def nbgrader_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "nbgrader", *args]


def nbgrader_env() -> dict:
    """nbgrader runs `alembic` as a command: the environment's bin goes first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def record_path(root: Path, module: str) -> Path:
    """What `coursekit autograde` found about each submission (set aside, flags, late)."""
    return Path(root) / "grading" / f"{module}-autograde.json"
