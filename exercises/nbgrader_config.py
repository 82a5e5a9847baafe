# nbgrader configuration of the course. Run nbgrader from this folder (exercises/), with the
# environment's bin on PATH (nbgrader runs `alembic`): see the instructor guide in the book.
# The source notebooks in source/<module>/ are generated from reflections/<module>.yml by
# `python -m coursekit sources`; do not edit them by hand.
c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "solidarity-allyship"

# What a learner sees in each answer cell of the release version (the source holds the
# exemplar there, between BEGIN SOLUTION and END SOLUTION; nbgrader puts this text instead).
from coursekit.notebook_parts import ANSWER_PLACEHOLDER  # noqa: E402

c.ClearSolutions.text_stub = ANSWER_PLACEHOLDER

# The reflection notebooks hold no code: autograde checks and records them without
# starting a kernel.
c.Execute.enabled = False

# Every autograde (coursekit's, nbgrader's own command, formgrader's button) rebuilds each
# submission around its answers, found wherever the student put them (extra cells below a
# prompt, a copied answer cell, the book's learner notebook), then shows student text as
# text in formgrader and on feedback pages (never as HTML), with the rubric's levels under
# each prompt. See coursekit/grading/preprocessors.py.
import os  # noqa: E402

from nbgrader.converters import Autograde  # noqa: E402

from coursekit.grading.preprocessors import MatchAnswersByPrompt, ShowForGraders  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
c.Autograde.sanitize_preprocessors = [MatchAnswersByPrompt] + Autograde.class_traits()[
    "sanitize_preprocessors"
].default()
c.Autograde.autograde_preprocessors = Autograde.class_traits()[
    "autograde_preprocessors"
].default() + [ShowForGraders]
c.MatchAnswersByPrompt.course_root = c.ShowForGraders.course_root = HERE

# `nbgrader zip_collect <module>` reads the files downloaded from your LMS in
# downloaded/<module>/archive/ (notebooks or .zip archives of them). Each notebook's file
# name must start with the student's id and an underscore, and end with the module's
# notebook name; what the LMS puts between them is ignored. For student jsmith:
#   jsmith_module1.ipynb   jsmith_12345_67890_module1.ipynb   jsmith_late_12345_module1.ipynb
# Files whose names do not match are skipped, each named in a warning. The expression is
# matched against the file's full path.
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9][A-Za-z0-9.-]*)_(?:[^/]*_)?(?P<file_id>module[0-9]+\.ipynb)$"
)
c.ZipCollectApp.strict = True

# Feedback pages and the formgrader's submission pages load nothing from other hosts. nbgrader
# renders them with its "feedback" and "formgrade" templates; templates/feedback/ and
# templates/formgrade/ here are searched first, and each holds only a mathjax.html.j2 that
# replaces nbconvert's MathJax macro (a CDN script): with nothing for feedback, and for the
# formgrader with the startup signal its formgrade.js waits for.
import nbgrader  # noqa: E402

c.HTMLExporter.extra_template_basedirs = [
    os.path.join(HERE, "templates"),
    os.path.join(
        os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"
    ),
]
