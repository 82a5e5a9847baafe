"""Room votes on loopback: vote-to-projector latency and the server's memory for 30 and 300
voters, beside the same messages through a bare WebSocket relay (tornado, one handler that
forwards each phone's message to the projector's socket) measured in the same run,
interleaved. `make bench-room`; also part of `make bench`.

For each size: every voter connects; then (1) one vote at a time, 40 times, each timed from
the phone's send to the projector's message that shows it; (2) every voter at once, timed
until the projector has seen all of them. Memory: each server's resident size after the
voters joined and voted, and before any (its baseline). Medians of 3 rounds."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.room import free_port  # noqa: E402

SIZES, ROUNDS, SINGLE = (30, 300), 3, 40
DECISION = {"id": "n1", "text": "What do you do first?", "choices": ["Ask", "Post", "Wait"]}


def echo_main(port: int) -> None:
    """The reference: phones' messages forwarded, as they are, to the projector's socket."""
    from tornado import web, websocket

    screens: set = set()

    class Screen(websocket.WebSocketHandler):
        def open(self):
            screens.add(self)

        def on_close(self):
            screens.discard(self)

    class Phone(websocket.WebSocketHandler):
        def on_message(self, message):
            for s in screens:
                s.write_message(message)

    async def serve():
        web.Application([("/screen", Screen), ("/phone", Phone)]).listen(port, "127.0.0.1")
        await asyncio.Event().wait()

    asyncio.run(serve())


def start(kind: str) -> tuple[subprocess.Popen, int, str]:
    port = free_port()
    if kind == "echo":
        cmd = [sys.executable, __file__, "--echo", str(port)]
    else:
        cmd = [sys.executable, "-m", "coursekit", "room", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    key = ""
    if kind == "room":
        for line in proc.stdout:
            if line.startswith("Facilitator"):
                key = line.rsplit("key=", 1)[1].strip()
                break
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            import socket

            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port, key
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{kind} server did not start")


async def ws(url: str):
    return await websocket_connect(HTTPRequest(url), max_message_size=1 << 20)


class Room:
    """The room server: the projector's socket, a room, phones that have said hello."""

    async def setup(self, port: int, key: str, n: int):
        self.screen = await ws(f"ws://127.0.0.1:{port}/facilitator/ws")
        self.screen.write_message(json.dumps({"type": "hello", "key": key}))
        code = (await self.until(lambda m: m["type"] == "room"))["code"]
        self.screen.write_message(json.dumps({"type": "show", "decision": DECISION}))
        await self.until(lambda m: m["type"] == "counts")
        self.phones = []
        for _ in range(n):
            p = await ws(f"ws://127.0.0.1:{port}/r/{code}/ws")
            p.write_message(json.dumps({"type": "hello"}))
            await p.read_message()
            self.phones.append(p)
        await self.until(lambda m: m["type"] == "counts" and m["phones"] == n)
        self.counts = [0, 0, 0]
        self.mine = [None] * n

    async def until(self, wanted):
        while True:
            m = json.loads(await self.screen.read_message())
            if wanted(m):
                return m

    def vote(self, i: int, choice: int) -> None:
        self.phones[i].write_message(
            json.dumps({"type": "vote", "decision": "n1", "choice": choice})
        )
        if self.mine[i] is not None:
            self.counts[self.mine[i]] -= 1
        self.counts[choice] += 1
        self.mine[i] = choice

    async def seen(self) -> None:
        want = list(self.counts)
        await self.until(lambda m: m["type"] == "counts" and m["counts"] == want)


class Echo:
    async def setup(self, port: int, key: str, n: int):
        self.screen = await ws(f"ws://127.0.0.1:{port}/screen")
        self.phones = [await ws(f"ws://127.0.0.1:{port}/phone") for _ in range(n)]
        self.pending = 0

    def vote(self, i: int, choice: int) -> None:
        self.phones[i].write_message(
            json.dumps({"type": "vote", "decision": "n1", "choice": choice})
        )
        self.pending += 1

    async def seen(self) -> None:
        while self.pending:
            await self.screen.read_message()
            self.pending -= 1


async def measure(kind: str, port: int, key: str, n: int) -> dict:
    client = Room() if kind == "room" else Echo()
    await client.setup(port, key, n)
    single = []
    for k in range(SINGLE):
        t = time.perf_counter()
        client.vote(k % n, k % 3)
        await client.seen()
        single.append(time.perf_counter() - t)
    t = time.perf_counter()
    for i in range(n):
        client.vote(i, (i + 1) % 3)
    await client.seen()
    burst = time.perf_counter() - t
    return {"single": statistics.median(single), "burst": burst, "sockets": client}


def one_round(kind: str, n: int) -> dict:
    proc, port, key = start(kind)
    try:
        process = psutil.Process(proc.pid)
        baseline = process.memory_info().rss
        result = asyncio.run(measure(kind, port, key, n))
        result["rss"], result["baseline"] = process.memory_info().rss, baseline
        result.pop("sockets")
        return result
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    print(
        f"Room votes on loopback; load average {os.getloadavg()[0]:.2f} (uptime: "
        f"{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()})"
    )
    print(
        "median of 3 rounds, room and relay interleaved; single = one vote to the projector "
        f"(median of {SINGLE}); burst = every voter at once, until the projector shows all"
    )
    print(
        f"{'voters':>6}  {'server':<12} {'single ms':>9} {'burst ms':>9} {'RSS MB':>7} "
        f"{'(idle MB)':>9}"
    )
    for n in SIZES:
        rows: dict[str, list[dict]] = {"room": [], "echo": []}
        for _ in range(ROUNDS):
            for kind in ("room", "echo"):
                rows[kind].append(one_round(kind, n))
        for kind, label in (("room", "room server"), ("echo", "bare relay")):
            r = rows[kind]

            def med(key, r=r):
                return statistics.median(x[key] for x in r)

            print(
                f"{n:>6}  {label:<12} {1000 * med('single'):>9.2f} {1000 * med('burst'):>9.1f} "
                f"{med('rss') / 2**20:>7.1f} {med('baseline') / 2**20:>9.1f}"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--echo"]:
        echo_main(int(sys.argv[2]))
    else:
        sys.exit(main())
