"""The room server: tornado, which Jupyter already brings, with WebSockets. One process holds
any number of rooms in memory. The facilitator's screen (the projector page, pages.py) opens
a room and moves it from decision to decision; phones join with the room code and vote.

Routes under ``prefix`` (``/`` on the facilitator's own computer, ``/services/room/`` on the
hub): ``/`` the facilitator's scenario list (with the key, or signed in through the hub), else
the page where a phone types the code; ``/r/<code>`` a phone's page; ``/r/<code>/ws`` its
socket; ``/discuss/<scenario>`` the projector page; ``/facilitator/ws`` its socket;
``/static/…`` the course's ES modules and stylesheets. Every limit is in ``Limits``."""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from urllib.parse import quote

from tornado import web

from ..player import PLAYER
from . import pages
from .sockets import FacilitatorSocket, PhoneSocket, client_address
from .state import Refused, Room, clean_code

log = logging.getLogger("coursekit.room")


@dataclass
class Limits:
    max_phones: int = 400  # connected phones per room
    max_connections: int = 1000  # sockets on the whole server
    max_rooms: int = 20
    phone_message: int = 1024  # bytes
    facilitator_message: int = 64 * 1024
    rate: float = 5.0  # messages a second from one phone, on average
    burst: int = 15
    strikes: int = 50  # refused messages before a phone's socket is closed
    bad_codes: int = 20  # unknown codes one address may try in ten minutes
    idle: float = 90 * 60  # seconds without the facilitator before a room ends


class Rooms:
    """Every room of this server, the sockets in each, and the attempts to guess a code."""

    def __init__(self, limits: Limits, facilitator_key: str, public_url: str = ""):
        self.limits, self.key, self.public_url = limits, facilitator_key, public_url
        self.rooms: dict[str, Room] = {}
        self.phones: dict[str, dict[PhoneSocket, str]] = defaultdict(dict)  # code -> {sock: token}
        self.screens: dict[str, set[FacilitatorSocket]] = defaultdict(set)
        self.connections = 0
        self.misses: dict[str, deque] = defaultdict(deque)
        self._pending: set[str] = set()

    def is_facilitator(self, key: object) -> bool:
        return isinstance(key, str) and hmac.compare_digest(key.encode(), self.key.encode())

    def missed(self, address: str) -> bool:
        """Record an unknown code from ``address``; True when it has tried too many."""
        now, seen = time.monotonic(), self.misses[address]
        while seen and now - seen[0] > 600:
            seen.popleft()
        seen.append(now)
        return len(seen) > self.limits.bad_codes

    def blocked(self, address: str) -> bool:
        seen = self.misses.get(address) or deque()
        return (
            bool(seen) and len(seen) > self.limits.bad_codes and time.monotonic() - seen[-1] < 600
        )

    def create(self) -> Room:
        self.sweep()
        if len(self.rooms) >= self.limits.max_rooms:
            raise Refused("this server has as many rooms open as it allows; end one first")
        room = Room()
        while room.code in self.rooms:
            room = Room()
        self.rooms[room.code] = room
        return room

    def end(self, room: Room, reason: str) -> None:
        room.end()
        self.rooms.pop(room.code, None)
        for sock in list(self.phones.pop(room.code, {})):
            sock.send({"type": "ended", "reason": reason})
            sock.close(1000, "the room has ended")
        for screen in self.screens.pop(room.code, set()):
            screen.send({"type": "ended", "reason": reason})

    def sweep(self) -> None:
        """End the rooms nobody has moved on for longer than the idle limit."""
        now = time.monotonic()
        for room in list(self.rooms.values()):
            if now - room.active > self.limits.idle:
                self.end(room, "The room closed after a long pause.")

    # ---- telling the screens and the phones
    def to_phones(self, room: Room) -> None:
        for sock, token in self.phones.get(room.code, {}).items():
            sock.send({"type": "state", **room.phone_state(token)})

    def to_screens(self, room: Room, message: dict) -> None:
        for screen in self.screens.get(room.code, set()):
            screen.send(message)

    def counts_soon(self, room: Room) -> None:
        """The counts to the facilitator's screens once per turn of the loop, however many
        votes came in it."""
        if room.code in self._pending:
            return
        self._pending.add(room.code)

        def send():
            self._pending.discard(room.code)
            if not room.ended:
                self.to_screens(room, self.counts(room))

        asyncio.get_running_loop().call_soon(send)

    def counts(self, room: Room) -> dict:
        return {
            "type": "counts",
            "decision": room.decision.id if room.decision else None,
            "open": room.open,
            "counts": room.counts(),
            "phones": len(self.phones.get(room.code, {})),
        }

    def join_url(self, room: Room, request) -> str:
        base = self.public_url or f"{request.protocol}://{request.host}{self.prefix}"
        return f"{base.rstrip('/')}/r/{room.code}"

    prefix = "/"


class Base(web.RequestHandler):
    def initialize(self, rooms: Rooms):
        self.rooms = rooms

    def set_default_headers(self):
        self.set_header("Content-Security-Policy", pages.csp(self.request.host))
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")

    def facilitator(self) -> str | None:
        """The facilitator key when this request comes from the facilitator, else None."""
        return self.rooms.key if self.rooms.is_facilitator(self.get_argument("key", "")) else None

    def write_error(self, status_code, **kwargs):
        self.finish(pages.message_page(self.rooms.prefix, f"Error {status_code}", self._reason))


class Index(Base):
    def get(self):
        key = self.facilitator()
        if key:
            self.finish(pages.index_page(self.rooms.prefix, key, self.application.settings))
            return
        self.finish(pages.join_page(self.rooms.prefix, self.get_argument("code", "")))


class Join(Base):
    def get(self):
        code = clean_code(self.get_argument("code", ""))
        if code and code in self.rooms.rooms:
            self.redirect(f"{self.rooms.prefix}r/{code}")
            return
        self.set_status(404 if not self.rooms.missed(client_address(self)) else 429)
        self.finish(pages.join_page(self.rooms.prefix, "", unknown=True))


class Phone(Base):
    def get(self, code):
        code = clean_code(code)
        if self.rooms.blocked(client_address(self)):
            raise web.HTTPError(429, reason="Too many wrong codes from here; wait ten minutes.")
        if code not in self.rooms.rooms:
            self.rooms.missed(client_address(self))
            self.set_status(404)
            self.finish(pages.join_page(self.rooms.prefix, "", unknown=True))
            return
        self.finish(pages.phone_page(self.rooms.prefix, code))


class Discuss(Base):
    def get(self, scenario_id):
        key = self.facilitator()
        if not key:
            raise web.HTTPError(403, reason="Open this page from the address the room printed.")
        data = self.application.settings["scenarios"].get(scenario_id)
        if data is None:
            raise web.HTTPError(404, reason=f"No scenario {scenario_id!r} in this course.")
        self.finish(pages.projector_page(self.rooms.prefix, key, data))


class Static(web.StaticFileHandler):
    """The course's ES modules and stylesheets, nothing else."""

    def validate_absolute_path(self, root, absolute_path):
        if not absolute_path.endswith((".js", ".css")):
            raise web.HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def set_extra_headers(self, path):
        self.set_header("X-Content-Type-Options", "nosniff")


def make_app(
    scenarios: dict,
    limits: Limits | None = None,
    facilitator_key: str | None = None,
    prefix: str = "/",
    public_url: str = "",
    hub: bool = False,
) -> web.Application:
    """The room server's application; ``scenarios``: {id: the projector page's data}."""
    rooms = Rooms(limits or Limits(), facilitator_key or secrets.token_urlsafe(24), public_url)
    rooms.prefix = prefix if prefix.endswith("/") else prefix + "/"
    p = rooms.prefix
    args = {"rooms": rooms}
    handlers: list = [
        (p, Index, args),
        (p + "join", Join, args),
        (p + r"r/([A-Za-z0-9-]{1,20})", Phone, args),
        (p + r"r/([A-Za-z0-9-]{1,20})/ws", PhoneSocket, args),
        (p + r"discuss/([A-Za-z0-9_-]{1,80})", Discuss, args),
        (p + "facilitator/ws", FacilitatorSocket, args),
        (p + "static/(.*)", Static, {"path": str(PLAYER)}),
    ]
    if hub:
        from .hub import hub_handlers

        handlers = hub_handlers(handlers, rooms)
    app = web.Application(
        handlers,
        scenarios=scenarios,
        rooms=rooms,
        cookie_secret=secrets.token_bytes(32),
        websocket_ping_interval=20,
        websocket_ping_timeout=20,
    )
    return app


def facilitator_url(base: str, key: str) -> str:
    return f"{base.rstrip('/')}/?key={quote(key)}"
