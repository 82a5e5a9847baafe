"""The room server's two WebSockets: a phone's (``/r/<code>/ws``: hello, vote, line) and the
facilitator's screen's (``/facilitator/ws``: hello with the key, then show, close-vote,
show-line, drop-line, end). Every message is JSON text within the size limit; a phone's also
within its rate; what is refused is answered with an error, and too many refusals close
that phone's socket, never the room."""

from __future__ import annotations

import hmac
import json
from typing import TYPE_CHECKING

import segno
from tornado import web, websocket

from .state import Bucket, Decision, Refused, Room, clean_code

if TYPE_CHECKING:
    from .server import Rooms


def client_address(handler: web.RequestHandler) -> str:
    return handler.request.remote_ip or "?"


class Socket(websocket.WebSocketHandler):
    limit = 1024

    def initialize(self, rooms: Rooms):
        self.rooms = rooms

    @property
    def max_message_size(self):
        return self.limit

    def get_compression_options(self):
        return None

    def send(self, message: dict) -> None:
        try:
            self.write_message(json.dumps(message))
        except websocket.WebSocketClosedError:
            pass

    def close(self, code=None, reason=None):
        with_reason = reason[:120] if reason else None
        super().close(code, with_reason)

    def parse(self, raw) -> dict:
        if isinstance(raw, bytes):
            raise Refused("messages are JSON text")
        try:
            message = json.loads(raw)
        except ValueError:
            raise Refused("not JSON") from None
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            raise Refused("a message is an object with a type")
        return message


class PhoneSocket(Socket):
    room: Room | None = None
    token: str = ""
    rooms: Rooms

    async def get(self, code):
        self.code = clean_code(code)
        if self.rooms.blocked(client_address(self)):
            raise web.HTTPError(429)
        if self.code not in self.rooms.rooms:
            self.rooms.missed(client_address(self))
            raise web.HTTPError(404)
        if len(self.rooms.phones[self.code]) >= self.rooms.limits.max_phones:
            raise web.HTTPError(503, reason="the room is full")
        if self.rooms.connections >= self.rooms.limits.max_connections:
            raise web.HTTPError(503, reason="the server is full")
        self.limit = self.rooms.limits.phone_message
        self.bucket = Bucket(self.rooms.limits.rate, self.rooms.limits.burst)
        self.strikes = 0
        await super().get(code)

    def open(self, code):
        self.room = self.rooms.rooms.get(self.code)
        if self.room is None:
            self.close(4404, "no such room")
            return
        self.rooms.connections += 1
        self.counted = True

    def on_message(self, raw):
        room = self.room
        if room is None or room.ended:
            return
        if not self.bucket.take():
            return self.refuse("too many messages; slow down")
        try:
            message = self.parse(raw)
            kind = message["type"]
            if kind == "hello":
                return self.hello(message.get("token"))
            if not self.token:
                raise Refused("say hello first")
            if kind == "vote":
                choice = room.vote(self.token, message.get("decision"), message.get("choice"))
                self.send({"type": "voted", "decision": room.decision.id, "choice": choice})
                self.rooms.counts_soon(room)
            elif kind == "line":
                line = room.add_line(self.token, message.get("decision"), message.get("text"))
                self.send({"type": "line-sent"})
                self.rooms.to_screens(room, {"type": "line", "id": line.id, "text": line.text})
            else:
                raise Refused(f"unknown message type {kind[:40]!r}")
        except Refused as exc:
            self.refuse(str(exc))

    def hello(self, token) -> None:
        room = self.room
        assert room is not None
        if self.token:
            raise Refused("already said hello")
        if token is not None and not room.valid_token(token):
            self.send({"type": "refused", "reason": "that device token is not from this room"})
            token = None
        self.token = token or room.new_token()
        phones = self.rooms.phones[room.code]
        for other, theirs in list(phones.items()):
            if theirs == self.token:  # the same phone come back: its old socket goes
                phones.pop(other)
                other.close(4000, "opened again elsewhere")
        phones[self] = self.token
        self.send({"type": "welcome", "token": self.token, **room.phone_state(self.token)})
        self.rooms.counts_soon(room)

    def refuse(self, reason: str) -> None:
        self.strikes += 1
        self.send({"type": "error", "reason": reason})
        if self.strikes >= self.rooms.limits.strikes:
            self.close(1008, "too many refused messages")

    def on_close(self):
        if getattr(self, "counted", False):
            self.rooms.connections -= 1
            self.counted = False
        if self.room is not None:
            phones = self.rooms.phones.get(self.room.code, {})
            if phones.get(self) is not None:
                phones.pop(self)
                self.rooms.counts_soon(self.room)


class FacilitatorSocket(Socket):
    room: Room | None = None

    async def get(self):
        if self.rooms.connections >= self.rooms.limits.max_connections:
            raise web.HTTPError(503, reason="the server is full")
        self.limit = self.rooms.limits.facilitator_message
        self.trusted = False
        await super().get()

    def open(self):
        self.rooms.connections += 1
        self.counted = True

    def on_message(self, raw):
        try:
            message = self.parse(raw)
            kind = message["type"]
            if not self.trusted:
                if kind != "hello" or not self.rooms.is_facilitator(message.get("key")):
                    self.close(4003, "the facilitator key is wrong")
                    return
                self.trusted = True
                return self.hello(message)
            room = self.room
            if room is None or room.ended:
                raise Refused("no room is open")
            if kind == "show":
                room.open_vote(Decision.from_message(message.get("decision")))
                if not message.get("open", True):
                    room.close_vote()
                self.rooms.to_phones(room)
            elif kind == "close-vote":
                room.close_vote()
                self.rooms.to_phones(room)
            elif kind == "show-line":
                line = room.show_line(message.get("id"))
                self.rooms.to_screens(room, {"type": "shown", "id": line.id, "text": line.text})
                return
            elif kind == "drop-line":
                room.drop_line(message.get("id"))
                self.rooms.to_screens(room, {"type": "dropped", "id": message.get("id")})
                return
            elif kind == "end":
                self.rooms.end(room, "The facilitator closed the room. Thank you for taking part.")
                return
            else:
                raise Refused(f"unknown message type {kind[:40]!r}")
            self.rooms.to_screens(room, self.rooms.counts(room))
        except Refused as exc:
            self.send({"type": "error", "reason": str(exc)})

    def hello(self, message: dict) -> None:
        """A new room, or (after a reload or a dropped connection) the room this screen had."""
        code = clean_code(message.get("code") or "")
        room = self.rooms.rooms.get(code)
        if room is None or not hmac.compare_digest(
            str(message.get("room_key", "")).encode(), room.key.encode()
        ):
            room = self.rooms.create()
        self.room = room
        self.rooms.screens[room.code].add(self)
        join = self.rooms.join_url(room, self.request)
        qr = segno.make(join, error="m").svg_data_uri(scale=8, border=2, dark="#111111")
        self.send(
            {
                "type": "room",
                "code": room.code,
                "room_key": room.key,
                "join": join,
                "address": join.rsplit("/r/", 1)[0] + "/",
                "qr": qr,
                "waiting": [{"id": ln.id, "text": ln.text} for ln in room.waiting.values()],
                "shown": [{"id": ln.id, "text": ln.text} for ln in room.shown],
            }
        )
        self.send(self.rooms.counts(room))

    def on_message_error(self):  # pragma: no cover - tornado calls on_close
        pass

    def on_close(self):
        if getattr(self, "counted", False):
            self.rooms.connections -= 1
            self.counted = False
        if self.room is not None:
            self.rooms.screens.get(self.room.code, set()).discard(self)
