"""The room as the class hub's service (/services/room/): facilitators are hub users allowed
the scope access:services!service=room (the hub's "instructors" group, jupyterhub_config.py),
signed in through the hub's OAuth; phones need no account."""

from __future__ import annotations

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from tornado import web

from .server import Discuss, Index


class HubIndex(HubOAuthenticated, Index):
    """Signed-in facilitators get the scenario list; everyone else the page for the code."""

    def facilitator(self):
        return self.rooms.key if self.current_user else None


class HubDiscuss(HubOAuthenticated, Discuss):
    @web.authenticated
    def get(self, scenario_id):
        return super().get(scenario_id)

    def facilitator(self):
        return self.rooms.key if self.current_user else None


class SignIn(HubOAuthenticated, web.RequestHandler):
    @web.authenticated
    def get(self):
        self.redirect(self.settings["rooms"].prefix)


def hub_handlers(handlers: list, rooms) -> list:
    auth = HubOAuth.instance()
    swap: dict[type, type] = {Index: HubIndex, Discuss: HubDiscuss}
    for signed in (HubIndex, HubDiscuss, SignIn, HubOAuthCallbackHandler):
        signed.hub_auth = auth
    out = [(pattern, swap.get(handler, handler), args) for pattern, handler, args in handlers]
    p = rooms.prefix
    return [*out, (p + "sign-in", SignIn), (p + "oauth_callback", HubOAuthCallbackHandler)]
