# A tiny site with the scenario of tests/fixtures/player-scenario.yml (format 2) on its page;
# tests/roots.py lays it out in exercises/ as an author would, and the loader checks it.
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
