"""The learners' Assignments list and Validate button on the hub, loaded on first use.

nbgrader's two learner server extensions (assignment_list, validate_assignment) import every
nbgrader app when the server starts: about 0.3 CPU-seconds of each learner's ~2 s start, paid
before JupyterLab is ready, 30 times over when a class logs in at once on two cores, and by
learners who never open the list. This extension (enabled instead of those two for the hub's
learners: deploy/jupyterhub/jupyter/learners/) routes their URLs to a stand-in; the first
request to one of them loads nbgrader's own extensions, unchanged, and is then answered by
them, as is every later request."""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado.routing import PathMatches, Router, Rule

# nbgrader 0.9's URLs for these two extensions (their `default_handlers`)
PATHS = r"(assignments|assignments/.*|courses|nbgrader_version)"


class OnFirstUse(Router):
    """A route that loads nbgrader's extensions on its first request, then steps aside."""

    def __init__(self, serverapp):
        self.serverapp = serverapp
        self.rule: Rule | None = None

    def find_handler(self, request, **kwargs):
        from nbgrader.server_extensions.assignment_list import load_jupyter_server_extension
        from nbgrader.server_extensions.validate_assignment import (
            load_jupyter_server_extension as load_validate,
        )

        webapp = self.serverapp.web_app
        if self.rule in webapp.default_router.rules:
            load_jupyter_server_extension(self.serverapp)
            load_validate(self.serverapp)
            webapp.default_router.rules.remove(self.rule)  # nbgrader's own routes from now on
        return webapp.default_router.find_handler(request, **kwargs)


def _jupyter_server_extension_points():
    return [{"module": "coursekit.hub_assignments"}]


def _load_jupyter_server_extension(serverapp):
    webapp = serverapp.web_app
    router = OnFirstUse(serverapp)
    pattern = url_path_join(webapp.settings["base_url"], PATHS) + "$"
    router.rule = Rule(PathMatches(pattern), router)
    webapp.default_router.rules.insert(0, router.rule)
    serverapp.log.info("The Assignments list: nbgrader's extensions load on its first request")
