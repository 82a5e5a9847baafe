"""Sphinx extension: the course's directives, the assets that bring them to life, and the
theme workarounds. Loaded by _config.yml as ``coursekit.sphinx``; one ``setup()``.

Usage in a MyST page::

    ```{scenario} m1-shared-kitchen
    ```

    ```{reflections} module1
    ```
    (every prompt of exercises/reflections/module1.yml, in the file's order; or one prompt
    with ```{reflection} m1-partnership```)

    ```{journal}
    ```
    (the learner's journal: every reflection and scenario outcome, download and import)

    ```{rubrics}
    ```
    (the instructors' page: every module's rubrics; exemplars only in the private copy)

    ```{branch-map} all
    ```
    (the authors' page: a map of each scenario and every path as text; or a module or an id)
"""

from __future__ import annotations

import os
from pathlib import Path

from . import facilitator
from .arc import setup_arc
from .branchmap import BRANCH_MAP_VISITORS, BranchMapDirective, branch_map_html
from .data_files import drop_unused
from .directives import (
    DIRECTIVES,
    add_static_path,
    check_all_placed,
    fill_journals,
    journal_placeholder,
    journals_always_outdated,
    load_content,
    merge_placements,
    purge_placements,
    start_placements,
)
from .mounts import VISITORS, add_assets, course_mount
from .notebook_pages import setup_notebook_pages
from .rubrics import RubricsDirective
from .slides import setup_slides
from .theme import drop_thebe, fix_theme_accessibility, setup_light_pages
from .trim import setup_trim


def default_folders(app, config):
    """The course is found next to the book's configuration, never next to coursekit itself
    nor in the folder sphinx-build runs from: both folders become absolute, against confdir
    (``exercises`` and ``book`` when not set)."""
    confdir = Path(app.confdir)
    config.coursekit_exercises = str(confdir / (config.coursekit_exercises or "exercises"))
    config.coursekit_book = str(confdir / (config.coursekit_book or "book"))


def setup(app):
    app.add_config_value("coursekit_exercises", "", "env")
    app.add_config_value("coursekit_book", "", "env")
    app.connect("config-inited", default_folders, priority=100)
    app.connect("env-check-consistency", check_all_placed)
    app.connect("builder-inited", add_static_path)
    app.connect("builder-inited", load_content)
    app.connect("builder-inited", start_placements)
    app.connect("env-purge-doc", purge_placements)
    app.connect("env-merge-info", merge_placements)
    app.connect("env-get-outdated", journals_always_outdated)
    app.connect("doctree-resolved", fill_journals)
    setup_notebook_pages(app)  # notebook_pages.py: a notebook's scenarios as mounts
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("html-page-context", add_assets, priority=900)
    app.connect("build-finished", fix_theme_accessibility)
    app.connect("build-finished", drop_unused)  # data_files.py: data files no page names
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_node(journal_placeholder)
    app.add_node(course_mount, **VISITORS)
    app.add_config_value("coursekit_exemplars", os.environ.get("COURSEKIT_EXEMPLARS") == "1", "env")
    app.add_directive("rubrics", RubricsDirective)
    app.add_directive("branch-map", BranchMapDirective)
    app.add_node(branch_map_html, **BRANCH_MAP_VISITORS)
    # env_version 4: every mount is a course_mount node (a notebook's scenarios too), and a
    # scenario's data is its discussion payload; older saved environments are rebuilt.
    setup_arc(app)  # confidence, action plan, follow-up (sphinx/arc.py)
    facilitator.setup(app)  # discussion mode, facilitator notes, print stylesheet
    setup_slides(app)  # slides.py: each module's session slides
    setup_light_pages(app)  # theme.py: lighter pages, licence footer, meta description
    setup_trim(app)  # trim.py: the theme's CSS and icon font cut to what the pages use
    return {
        "version": "0.1",
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
