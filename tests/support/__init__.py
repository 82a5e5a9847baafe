"""Helpers the tests share, one module per job (conftest.py keeps only the fixtures and the
markers). Import them as ``from support.env import ROOT, run``:

- ``env``: where the repository is; run a command, serve a folder, a free port, stop a server
- ``content``: the fixture scenario and reflections, scenarios in a course folder, a clean
  course copy, the problems the loader reports
- ``browser``: Chromium's flags, a recording page, focus and Tab, axe-core, the projector view
- ``lab``: JupyterLab servers started by tests
- ``journal``: the study pages and the journal file in the browser
- ``roots``: the Sphinx test roots (tests/roots/test-<name>/) and the one way to build a site
- ``class_of_40``, ``lms_class``: a class of submissions for nbgrader, an LMS download
"""
