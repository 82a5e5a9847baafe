# A tiny site whose content files carry hostile text in every field (tests/test_safe_text.py
# writes them): a scenario, a reflection file, the rubrics with exemplars, the journal, and
# the learner notebook made from the same data.
extensions = ["myst_nb", "coursekit.sphinx"]
coursekit_exercises = "exercises"
coursekit_book = "."
coursekit_exemplars = True
nb_execution_mode = "off"
html_theme = "alabaster"
exclude_patterns = ["fixtures", "exercises"]
