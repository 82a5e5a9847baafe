# A tiny site with a scenario that has facilitator notes (tests/fixtures/notes-scenario.yml).
# The scenario is given to the extension as the loader would (until the format-2 loader
# reads it from exercises/, the fixture is added here after the content is loaded).
from pathlib import Path

import yaml

extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def add_fixtures(app):
    for path in sorted(FIXTURES.glob("*-scenario.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        app.env.coursekit_scenarios[data["id"]] = {**data, "source": str(path)}


def setup(app):
    app.connect("builder-inited", add_fixtures, priority=900)
