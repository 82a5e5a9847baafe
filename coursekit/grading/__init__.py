"""The nbgrader course in exercises/: what nbgrader lacks for graded written reflections.

One job per module:

- ``sources``: the nbgrader source notebooks, made from the reflection data;
- ``submissions``: reading hand-ins, tampering, answers matched by prompt wherever they are;
- ``preprocessors``: nbgrader preprocessors (named in exercises/nbgrader_config.py) that
  rebuild each submission around its answers and show student text as text, never HTML;
- ``autograde``: nbgrader autograde for the class; a bad submission is set aside, never fatal;
- ``sheets`` / ``sheet_import`` / ``cells``: the grading sheet, spreadsheet-safe, and its import;
- ``status``: who is graded, to grade, missing, blank, late, set aside; ``release``: feedback
  and grade exports that refuse while answers are ungraded;
- ``anonymous``, ``lms``, ``fairness``: pseudonymous sheets, LMS downloads and exports, and
  a report on scoring drift and agreement between graders.

Every problem reaches the user as ``file: field: what is wrong``, never a traceback.
"""

from __future__ import annotations

from importlib import import_module

_WHERE = {  # name -> module: imported on first use, so `status` never waits for nbformat
    "autograde": "autograde",
    "GradingError": "common",
    "db_url": "common",
    "load_module": "common",
    "nbgrader_command": "common",
    "nbgrader_env": "common",
    "reflection_modules": "common",
    "import_sheet": "sheet_import",
    "SHEET_FIXED": "sheets",
    "COMMENT": "sheets",
    "criterion_column": "sheets",
    "default_sheet": "sheets",
    "export_sheet": "sheets",
    "read_sheet": "sheets",
    "sheet_columns": "sheets",
    "GRADER_NOTE": "sources",
    "answer_source": "sources",
    "prompt_cell_id": "sources",
    "source_notebook": "sources",
    "write_source_notebooks": "sources",
    "answers": "submissions",
    "match_by_prompt": "submissions",
    "read_notebook": "submissions",
    "tampering": "submissions",
}


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value  # also over the submodule of the same name (autograde)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "GRADER_NOTE",
    "COMMENT",
    "SHEET_FIXED",
    "GradingError",
    "answer_source",
    "answers",
    "autograde",
    "criterion_column",
    "db_url",
    "default_sheet",
    "export_sheet",
    "import_sheet",
    "load_module",
    "match_by_prompt",
    "nbgrader_command",
    "nbgrader_env",
    "prompt_cell_id",
    "read_notebook",
    "read_sheet",
    "reflection_modules",
    "sheet_columns",
    "source_notebook",
    "tampering",
    "write_source_notebooks",
]
