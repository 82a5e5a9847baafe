"""The course's content: typed models, the loader, and the path semantics of scenarios.

Nothing here imports Sphinx or Jupyter; everything that renders content reads it from here.
"""

from .errors import ContentError
from .load import (
    EXERCISES,
    content_files,
    find_course_root,
    load_all,
    load_course,
    load_reflections,
    load_scenario,
    load_valid,
    module_titles,
    scenario_paths,
)
from .models import ID_PATTERN, MIN_CHOICES, SETTINGS

__all__ = [
    "EXERCISES",
    "ID_PATTERN",
    "MIN_CHOICES",
    "SETTINGS",
    "ContentError",
    "content_files",
    "find_course_root",
    "load_all",
    "load_course",
    "load_reflections",
    "load_scenario",
    "load_valid",
    "module_titles",
    "scenario_paths",
]
