# A tiny site with a scenario that has facilitator notes (tests/fixtures/notes-scenario.yml);
# tests/roots.py lays it out in exercises/ as an author would, and the loader checks it.
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
