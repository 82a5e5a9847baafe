"""coursekit: the engine of the course: content schema, scenario widget, Sphinx extension."""
