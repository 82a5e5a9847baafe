"""The room server (coursekit/room/) on a free loopback port inside an asyncio loop, and
WebSocket clients that speak to it as the projector page and the phone page do."""

from __future__ import annotations

import contextlib
import json
import socket

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from coursekit.room.server import Limits, make_app

KEY = "facilitator-key-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.asynccontextmanager
async def room_server(limits: Limits | None = None, scenarios: dict | None = None):
    """Yields (base url, Rooms) of a room server listening on loopback."""
    port = free_port()
    app = make_app(scenarios or {}, limits, KEY)
    server = app.listen(port, address="127.0.0.1")
    try:
        yield f"127.0.0.1:{port}", app.settings["rooms"]
    finally:
        server.stop()


class Client:
    def __init__(self, ws):
        self.ws = ws

    def send(self, message) -> None:
        self.ws.write_message(message if isinstance(message, str) else json.dumps(message))

    async def next(self, kind: str | None = None, timeout: float = 5) -> dict:
        """The next message (of ``kind``, skipping others); None when the socket closed."""
        import asyncio

        while True:
            raw = await asyncio.wait_for(self.ws.read_message(), timeout)
            if raw is None:
                return None
            message = json.loads(raw)
            if kind is None or message["type"] == kind:
                return message


async def connect(host: str, path: str) -> Client:
    return Client(await websocket_connect(HTTPRequest(f"ws://{host}{path}")))


async def facilitator(host: str, key: str = KEY) -> tuple[Client, dict]:
    """A projector's socket with a new room; returns (client, the room message)."""
    screen = await connect(host, "/facilitator/ws")
    screen.send({"type": "hello", "key": key})
    return screen, await screen.next("room")


async def phone(host: str, code: str, token: str | None = None) -> tuple[Client, dict]:
    """A phone in the room; returns (client, its welcome)."""
    p = await connect(host, f"/r/{code}/ws")
    p.send({"type": "hello", "token": token})
    return p, await p.next("welcome")


async def get(url: str) -> tuple[int, dict, str]:
    try:
        r = await AsyncHTTPClient().fetch(url, follow_redirects=False)
    except HTTPClientError as exc:
        r = exc.response
    return r.code, dict(r.headers), r.body.decode() if r.body else ""


DECISION = {"id": "n1", "text": "What do you do first?", "choices": ["Ask", "Post", "Wait"]}


class Cable:
    """A TCP forwarder in front of the room server, to pull out like a phone's Wi-Fi: ``cut()``
    drops every connection through it and refuses new ones until ``mend()``."""

    def __init__(self, target_port: int):
        import threading

        self.target, self.up, self.conns = target_port, True, []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            server = socket.create_connection(("127.0.0.1", self.target))
            self.conns += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.up = False
        for s in self.conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
                s.close()
        self.conns = []

    def mend(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.listener.close()
