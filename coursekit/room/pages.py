"""The room server's pages: the facilitator's scenario list and projector page, the page where
a phone types the room code, and the phone's voting page. Each is a small HTML shell; every
text in it is escaped, and the data the ES modules read is JSON in a script element that never
runs. Nothing loads from another host (the Content-Security-Policy says so to the browser)."""

from __future__ import annotations

import html
import json
from urllib.parse import quote


def csp(host: str) -> str:
    socket = f"ws://{host} wss://{host}" if host and " " not in host and ";" not in host else ""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {socket}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


def _json(data) -> str:
    return json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def shell(prefix: str, title: str, body: str, css: list[str], module: str = "", data=None) -> str:
    e = html.escape
    links = "".join(f'<link rel="stylesheet" href="{e(prefix)}static/{c}">' for c in css)
    script = f'<script type="module" src="{e(prefix)}static/{module}"></script>' if module else ""
    blob = (
        f'<script type="application/json" id="ck-room-data">{_json(data)}</script>' if data else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{e(title)}</title>{links}</head><body>{body}{blob}{script}</body></html>"
    )


def message_page(prefix: str, title: str, text: str) -> str:
    body = f'<main class="ck-room"><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></main>'
    return shell(prefix, title, body, ["room-phone.css"])


def join_page(prefix: str, code: str = "", unknown: bool = False) -> str:
    e = html.escape
    problem = (
        '<p class="ck-room-problem" role="alert">No room has that code. Check the code on the '
        "screen at the front and type it again.</p>"
        if unknown
        else ""
    )
    body = (
        '<main class="ck-room"><h1>Join the room</h1>'
        "<p>Type the room code on the screen at the front. You vote anonymously: no name, no "
        "account.</p>"
        f"{problem}"
        f'<form method="get" action="{e(prefix)}join">'
        '<label for="ck-code">Room code</label>'
        f'<input id="ck-code" name="code" value="{e(code)}" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" maxlength="12" required '
        'aria-describedby="ck-code-help">'
        '<p id="ck-code-help" class="ck-room-help">Eight letters and digits, like K7QM-4TXD.</p>'
        '<button type="submit" class="ck-room-button">Join</button></form></main>'
    )
    return shell(prefix, "Join the room", body, ["room-phone.css"])


def phone_page(prefix: str, code: str) -> str:
    body = (
        '<main class="ck-room" id="ck-room"><h1>Room vote</h1>'
        '<p class="ck-room-status" role="status">Connecting to the room…</p>'
        "<noscript><p>The vote needs JavaScript.</p></noscript></main>"
    )
    data = {"prefix": prefix, "code": code}
    return shell(prefix, "Room vote", body, ["room-phone.css"], "room-phone.js", data)


def index_page(prefix: str, key: str, settings: dict) -> str:
    e = html.escape
    items = []
    for scenario_id, data in sorted(settings["scenarios"].items()):
        title = data["scenario"]["title"]
        href = f"{prefix}discuss/{quote(scenario_id)}?key={quote(key)}"
        items.append(f'<li><a href="{e(href)}">{e(title)}</a> <code>{e(scenario_id)}</code></li>')
    body = (
        '<main class="ck-room ck-room-wide"><h1>Room votes: choose a scenario</h1>'
        "<p>Open a scenario in discussion mode on the projector. Press <kbd>V</kbd> there to "
        "let the room vote: a QR code, the room code and this server's address appear, and "
        "phones follow the decision on screen. Keep this page's address to yourself: it holds "
        "the facilitator key.</p>"
        f'<ul class="ck-room-list">{"".join(items)}</ul></main>'
    )
    return shell(prefix, "Room votes", body, ["room-phone.css"])


def projector_page(prefix: str, key: str, data: dict) -> str:
    e = html.escape
    title = data["scenario"]["title"]
    body = (
        f'<main class="ck-room ck-room-wide"><h1>{e(title)}</h1>'
        "<p>Discussion mode with phone votes. The room votes anonymously; only the counts "
        "reach this screen.</p>"
        '<p><button type="button" class="ck-room-button" id="ck-room-open">'
        "Open discussion mode</button></p></main>"
    )
    payload = {**data, "room": {"prefix": prefix, "key": key}}
    return shell(
        prefix, title, body, ["discussion.css", "room-phone.css"], "room-projector.js", payload
    )
