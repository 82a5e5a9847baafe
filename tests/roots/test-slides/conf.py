# A tiny site with the course's session slides (exercises/sessions.yml, copied in by the test);
# intro.md is the book's own, read for its community agreements and not built.
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
exclude_patterns = ["intro.md"]
html_theme = "alabaster"
