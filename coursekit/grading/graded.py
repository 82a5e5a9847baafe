"""Answers as graded: read from nbgrader's autograded notebooks (the text the grader sees)."""

from __future__ import annotations

from pathlib import Path

from .common import GradingError
from .submissions import answers, read_notebook


def graded_answers(root: Path, module: str) -> dict[str, dict[str, str]]:
    """Answers by student, for every student whose submission of ``module`` was autograded."""
    root = Path(root).resolve()
    if not (root / "gradebook.db").exists():
        raise GradingError(
            f"{root / 'gradebook.db'}: file: missing; run `nbgrader generate_assignment {module}` "
            f"and `python -m coursekit autograde {module}` first"
        )
    found = {}
    for path in sorted((root / "autograded").glob(f"*/{module}/{module}.ipynb")):
        nb, problem = read_notebook(path, root)
        if problem:
            raise GradingError(problem)
        found[path.parent.parent.name] = answers(nb)
    if not found:
        raise GradingError(
            f"{root / 'autograded'}: folder: no autograded submission of {module}; "
            f"run `python -m coursekit autograde {module}` first"
        )
    return found
