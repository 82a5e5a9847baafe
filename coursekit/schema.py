"""Moved to ``coursekit.content``. This name stays only so branches written before the move
still import; new code imports ``coursekit.content``. Remove once nothing imports it."""
from .content import *  # noqa: F401,F403
from .content import ContentError, EXERCISES, content_files, load_all, load_reflections, load_scenario  # noqa: F401
from .content import load_valid, scenario_paths  # noqa: F401
