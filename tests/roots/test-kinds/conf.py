# A tiny site with one mount of every kind (tests/test_page_kinds.py): a scenario (and its
# discussion data), the reflections of tests/fixtures/reflections.yml, a confidence rating from
# the course's arc.yml, session slides from its sessions.yml, the journal, and the
# instructors' rubrics.
extensions = ["myst_parser", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
html_theme = "alabaster"
exclude_patterns = ["exercises"]
