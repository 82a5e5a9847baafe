"""``python -m coursekit room``: the room server on the facilitator's own computer, or (with
``--hub``) as the class hub's service at /services/room/."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import sys

HELP = """\
Anonymous room votes from phones for discussion mode, sent to no third party.

Start it, then open the facilitator address it prints on the projector's computer and
choose a scenario. In discussion mode press V ("Let the room vote"): a QR code, the room
code and the address appear. People open the address on their phones (or scan the code)
and see the decision on the screen and its options, never the feedback. Phones follow
the projector: the situation when you show it, the options when you show them; a vote
may be changed until you reveal what happens (R), even while you go back (Backspace) to
read the situation again. The projector's bars and the tally's exports (Markdown, CSV)
take the room's counts. At a decision that asks for the room's own words, phones may
send a short line: it reaches only your screen's line list (L); nothing reaches the room
until you choose "Show to the room". Closing discussion mode, or "End the room", ends
every phone's page; so does a pause longer than --idle minutes.

Anonymous by design: no names, no accounts; each phone gets a random token for this
room only; votes are kept in this process's memory, and once a vote closes only its
counts stay. Nothing is written to disk.

Where phones can reach it: by default the server listens on this computer only
(127.0.0.1), which is right for trying it out but no phone can reach it. In a room,
use --host 0.0.0.0 on a Wi-Fi network you trust: then anyone on that network can open
the phone pages (the room code keeps strangers out of a room) and the server is
plain HTTP, so the network can see the votes in transit. The facilitator's pages need
the key in the printed address. For a class on the course's JupyterHub, ask the hub's
admin: the room runs there as a service at /services/room/ behind the hub's HTTPS, and
facilitators sign in through the hub (see the deploy guide).
"""


def add_commands(sub) -> None:
    room = sub.add_parser(
        "room",
        help="start the room server: anonymous votes from phones in discussion mode",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    room.add_argument(
        "--host",
        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: every "
        "network this computer is on, so phones on the room's Wi-Fi can join; with --hub, "
        "the host of the service's URL)",
    )
    room.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    room.add_argument(
        "--public-url",
        default="",
        help="the address phones use, when it differs from what the server finds "
        "(e.g. http://192.168.1.20:8765)",
    )
    room.add_argument(
        "--max-phones", type=int, default=400, help="phones in one room at most (default 400)"
    )
    room.add_argument(
        "--idle",
        type=float,
        default=90,
        help="minutes without a move on the facilitator's screen before a room ends (default 90)",
    )
    room.add_argument(
        "--hub",
        action="store_true",
        help="run as the JupyterHub service (the hub starts it; see deploy/jupyterhub)",
    )
    room.set_defaults(run=run)


def lan_address() -> str:
    """The address of this computer on its network (a UDP socket sends nothing to connect)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def course_scenarios() -> dict:
    from ..content import EXERCISES, load_all
    from ..player import discussion_payload
    from ..readings import reading_sections

    scenarios, _ = load_all(EXERCISES)
    sections = reading_sections()
    return {sid: discussion_payload(s, sections) for sid, s in scenarios.items()}


def run(args) -> int:
    from ..content import ContentError
    from .server import Limits, make_app

    try:
        scenarios = course_scenarios()
    except ContentError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    limits = Limits(max_phones=args.max_phones, idle=args.idle * 60)
    key = secrets.token_urlsafe(24)
    if args.hub:
        from urllib.parse import urlparse

        url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
        host, port = args.host or url.hostname or "127.0.0.1", url.port or 80
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/room/")
        app = make_app(scenarios, limits, key, prefix, args.public_url, hub=True)
    else:
        host, port, prefix = args.host or "127.0.0.1", args.port, "/"
        public = args.public_url
        if not public and host in ("0.0.0.0", "::", ""):
            public = f"http://{lan_address()}:{port}"
        app = make_app(scenarios, limits, key, prefix, public)
    try:
        asyncio.run(serve(app, host, port, args.hub, key))
    except KeyboardInterrupt:
        print("Stopped: every room has ended.")
    except OSError as exc:
        print(f"Cannot listen on {host}:{port} ({exc.strerror}); choose another: --port {port + 1}")
        return 1
    return 0


async def serve(app, host: str, port: int, hub: bool, key: str) -> None:
    from tornado.ioloop import PeriodicCallback

    from .server import facilitator_url

    server = app.listen(port, address=host, xheaders=hub)
    rooms = app.settings["rooms"]
    # Look for idle rooms every 30 s, or twice within the idle limit when it is shorter.
    PeriodicCallback(rooms.sweep, min(30_000, rooms.limits.idle * 500)).start()
    if not hub:
        local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        print(f"The room server is running ({len(app.settings['scenarios'])} scenarios).")
        print(
            f"Facilitator (keep it to yourself): {facilitator_url(f'http://{local}:{port}', key)}"
        )
        if host in ("127.0.0.1", "localhost", "::1"):
            print("Phones cannot reach this computer-only address; see --host in --help.")
        else:
            print(f"Phones join at: {rooms.public_url or f'http://{host}:{port}'}/")
        print("Ctrl-C stops it and ends every room.", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        server.stop()
