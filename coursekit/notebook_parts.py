"""What every notebook the course makes shares: the learner notebooks (notebooks.py), the
nbgrader source notebooks (grading/sources.py) and the notebooks shown to graders
(grading/preprocessors.py) — the answer placeholder, the rubric summary under a prompt, and
the notebook's metadata (its kernel)."""

from __future__ import annotations

from typing import Any

from .content import Prompt
from .textformat import escape_inline

# What a learner sees in an answer cell before writing (the learner notebook's own, and the
# release version's, which nbgrader writes from exercises/nbgrader_config.py's text_stub).
ANSWER_PLACEHOLDER = (
    "*Write your answer here, in this cell. Double-click to edit; save the notebook to keep it.*"
)


def rubric_summary(prompt: Prompt) -> str:
    """The line under a prompt: points, length and what the rubric looks for (escaped)."""
    criteria = "; ".join(escape_inline(c.criterion) for c in prompt.rubric)
    low, high = prompt.words
    return f"*{prompt.points} points · about {low}–{high} words · what is looked for: {criteria}.*"


def notebook_metadata() -> dict[str, Any]:
    """The metadata of every notebook the course writes: the Python 3 kernel."""
    return {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
