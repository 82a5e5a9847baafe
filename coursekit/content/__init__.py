"""The course's content: typed models, the loader, and the path semantics of scenarios.

Nothing here imports Sphinx or Jupyter; everything that renders content reads it from here,
as models (``models.py``), never as dicts.
"""

from .arc import ARC_FILE, ModuleArc, arc_data, load_arc
from .errors import ContentError
from .fields import ID_PATTERN
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
from .models import (
    MIN_CHOICES,
    SETTINGS,
    Branch,
    Course,
    Criterion,
    Facilitator,
    Module,
    PlayerChoice,
    PlayerEnding,
    PlayerNode,
    PlayerScenario,
    Prompt,
    Reflections,
    Scenario,
    Section,
    Variant,
)

__all__ = [
    "ARC_FILE",
    "EXERCISES",
    "ID_PATTERN",
    "MIN_CHOICES",
    "ModuleArc",
    "SETTINGS",
    "Branch",
    "ContentError",
    "Course",
    "Criterion",
    "Facilitator",
    "Module",
    "PlayerChoice",
    "PlayerEnding",
    "PlayerNode",
    "PlayerScenario",
    "Prompt",
    "Reflections",
    "Scenario",
    "Section",
    "Variant",
    "arc_data",
    "content_files",
    "find_course_root",
    "load_all",
    "load_arc",
    "load_course",
    "load_reflections",
    "load_scenario",
    "load_valid",
    "module_titles",
    "scenario_paths",
]
