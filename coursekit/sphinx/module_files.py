"""Course files keyed by module folder (arc.yml, sessions.yml), loaded once per build at
builder-inited for the directives that show them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.util import logging

from ..content import ContentError, load_course

logger = logging.getLogger(__name__)


def load_module_file(
    app, filename: str, load: Callable[[Path, list[str]], dict[str, Any]]
) -> tuple[dict[str, Any], bool]:
    """(the file's data by module, whether it is broken). A book without the file gets ({},
    False), and its directives say so if used; a broken file is reported all at once, also
    with -W. On success the module titles of course.yml go to env.coursekit_module_titles."""
    root = Path(app.config.coursekit_exercises)  # absolute: sphinx/__init__.py default_folders
    if not (root / filename).exists():
        return {}, False
    try:
        titles = load_course(root).titles()
    except ContentError:
        return {}, False  # course.yml's own check reports it
    try:
        data = load(root, list(titles))
    except ContentError as exc:
        logger.warning("\n".join(exc.problems), type="coursekit", subtype="content")
        return {}, True
    app.env.coursekit_module_titles = titles
    return data, False
