"""The nbgrader course in exercises/: what nbgrader lacks for graded written reflections.

One job per module:

- ``sources``: the nbgrader source notebooks, made from the reflection data;
- ``submissions``: reading hand-ins, tampering, answers matched by prompt wherever they are;
- ``preprocessors``: nbgrader preprocessors (named in exercises/nbgrader_config.py) that
  rebuild each submission around its answers and show student text as text, never HTML;
- ``autograding``: nbgrader autograde for the class; a bad submission is set aside, never fatal;
- ``sheets`` / ``sheet_import`` / ``cells``: the grading sheet, spreadsheet-safe, and its import;
- ``status``: who is graded, to grade, missing, blank, late, set aside; ``release``: feedback
  and grade exports that refuse while answers are ungraded;
- ``anonymous``, ``lms``, ``fairness``: pseudonymous sheets, LMS downloads and exports, and
  a report on scoring drift and agreement between graders.

Every problem reaches the user as ``file: field: what is wrong``, never a traceback.

Importing the package is quick (``status`` answers in well under a second): nbformat and
nbgrader are imported inside the functions that need them.
"""

from __future__ import annotations

from .autograding import autograde
from .common import (
    GradingError,
    db_url,
    load_module,
    nbgrader_command,
    nbgrader_env,
    reflection_modules,
)
from .sheet_import import import_sheet
from .sheets import (
    COMMENT,
    SHEET_FIXED,
    criterion_column,
    default_sheet,
    export_sheet,
    read_sheet,
    sheet_columns,
)
from .sources import (
    GRADER_NOTE,
    answer_source,
    prompt_cell_id,
    source_notebook,
    write_source_notebooks,
)
from .submissions import answers, match_by_prompt, read_notebook, tampering

__all__ = [
    "COMMENT",
    "GRADER_NOTE",
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
