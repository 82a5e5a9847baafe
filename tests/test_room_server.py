"""The room server (python -m coursekit room) through real WebSockets on loopback: counts that
are exact, a changed vote counted once, the counts kept and who-chose-what forgotten when a
vote closes, lines that reach only the facilitator, and hostile input (a wrong key, forged and
foreign tokens, oversize and malformed messages, floods, more sockets than allowed, guessed
codes) refused while the room goes on. The browser test is test_room_browser.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys

from support.room import DECISION, facilitator, free_port, get, phone, room_server
from support.roots import lay_out_root

from coursekit.room.server import Limits


def run(coro):
    """In a thread of its own: a browser test in the same session may hold an event loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_votes_are_counted_once_and_only_counts_outlive_the_vote():
    async def go():
        async with room_server() as (host, rooms):
            screen, room = await facilitator(host)
            phones = [await phone(host, room["code"]) for _ in range(5)]
            screen.send({"type": "show", "decision": DECISION})
            for p, _ in phones:
                assert (await p.next("state"))["decision"]["choices"] == DECISION["choices"]
            for i, (p, _) in enumerate(phones):
                p.send({"type": "vote", "decision": "n1", "choice": i % 2})
                assert (await p.next("voted"))["choice"] == i % 2
            phones[0][0].send({"type": "vote", "decision": "n1", "choice": 2})  # a change of mind
            await phones[0][0].next("voted")
            counts = None
            while counts != [2, 2, 1]:
                counts = (await screen.next("counts"))["counts"]
            # A late joiner sees the decision on screen, and its own (no) vote.
            late, welcome = await phone(host, room["code"])
            assert welcome["decision"]["id"] == "n1" and welcome["open"] and welcome["mine"] is None
            # Coming back with its token, a phone finds its own vote, and counts once.
            again, back = await phone(host, room["code"], phones[0][1]["token"])
            assert back["mine"] == 2
            again.send({"type": "vote", "decision": "n1", "choice": 2})
            await again.next("voted")
            assert rooms.rooms[room["code"]].counts() == [2, 2, 1]
            screen.send({"type": "close-vote"})
            closed = await screen.next("counts")
            while closed["open"]:
                closed = await screen.next("counts")
            assert closed["counts"] == [2, 2, 1]
            assert rooms.rooms[room["code"]].votes == {}, "no per-device record after closing"
            late.send({"type": "vote", "decision": "n1", "choice": 0})
            assert "closed" in (await late.next("error"))["reason"]
            screen.send({"type": "end"})
            assert (await late.next("ended"))["reason"]
            assert await late.next() is None, "the phone's socket is closed"

    run(go())


def test_lines_reach_the_facilitator_first_and_only_at_a_decision_that_asks():
    async def go():
        async with room_server() as (host, _):
            screen, room = await facilitator(host)
            p, _ = await phone(host, room["code"])
            screen.send({"type": "show", "decision": DECISION})
            await p.next("state")
            p.send({"type": "line", "decision": "n1", "text": "hello"})
            assert "own words" in (await p.next("error"))["reason"]
            screen.send({"type": "show", "decision": {**DECISION, "choices": [], "words": True}})
            await p.next("state")
            p.send(
                {"type": "line", "decision": "n1", "text": "  <b>I'd ask her</b>\u202e\n first "}
            )
            await p.next("line-sent")
            line = await screen.next("line")
            assert line["text"] == "<b>I'd ask her</b> first", "one plain line, no bidi control"
            p.send({"type": "line", "decision": "n1", "text": "x" * 201})
            assert "200" in (await p.next("error"))["reason"]
            screen.send({"type": "show-line", "id": line["id"]})
            assert (await screen.next("shown"))["text"] == line["text"]
            screen.send({"type": "show-line", "id": 999})
            assert (await screen.next("error"))["reason"] == "no such line is waiting"

    run(go())


def test_hostile_input_is_refused_and_the_room_goes_on():
    limits = Limits(max_phones=12, max_connections=40, rate=50, burst=20, strikes=30, bad_codes=5)

    async def go():
        async with room_server(limits) as (host, rooms):
            # A wrong facilitator key: the socket is closed, no room is made.
            intruder, _ = await facilitator_or_none(host, "guess")
            assert intruder is None and not rooms.rooms
            screen, room = await facilitator(host)
            code = room["code"]
            screen.send({"type": "show", "decision": DECISION})
            good, _ = await phone(host, code)
            # Forged and foreign tokens give no one's vote: refused, a fresh token instead.
            forged, welcome = await phone_raw(host, code, "abc.def")
            assert welcome[0]["type"] == "refused" and welcome[1]["token"] != "abc.def"
            other_screen, other = await facilitator(host)
            _, theirs = await phone(host, other["code"])
            _, foreign = await phone_raw(host, code, theirs["token"])
            assert foreign[0]["type"] == "refused"
            # Malformed, unknown and out-of-range messages.
            for bad, reason in (
                ("not json", "not JSON"),
                ('["vote"]', "a message is an object"),
                ({"type": "vote", "decision": "n9", "choice": 0}, "not on screen"),
                ({"type": "vote", "decision": "n1", "choice": 7}, "no such choice"),
                ({"type": "vote", "decision": "n1", "choice": True}, "must be a number"),
                ({"type": "show", "decision": DECISION}, "unknown message type"),
            ):
                forged.send(bad)
                got = await forged.next()
                assert got["type"] == "error" and reason in got["reason"], (bad, got)
            # An oversize message closes that phone's socket only.
            forged.send({"type": "line", "decision": "n1", "text": "x" * 5000})
            gone = await forged.next()
            assert gone is None, gone
            # A flood: refused past the rate, then the socket is closed.
            flood, _ = await phone(host, code)
            for _ in range(200):
                flood.send({"type": "vote", "decision": "n1", "choice": 0})
            seen = [m async for m in drain(flood)]
            assert any(m["type"] == "error" and "slow down" in m["reason"] for m in seen)
            # More phones than the room allows: the extra ones are turned away.
            crowd, refused = [], 0
            for _ in range(30):
                try:
                    crowd.append(await phone(host, code))
                except Exception:
                    refused += 1
            assert refused >= 18 and len(rooms.phones[code]) <= 12
            # Guessed codes: after five wrong ones this address is told to wait.
            statuses = [(await get(f"http://{host}/r/ZZZZ-ZZZ{i}"))[0] for i in range(7)]
            assert statuses[:5] == [404] * 5 and statuses[-1] == 429, statuses
            # Through all of it the room still counts the good phone's vote.
            good.send({"type": "vote", "decision": "n1", "choice": 1})
            assert (await good.next("voted"))["choice"] == 1
            assert rooms.rooms[code].counts()[1] >= 1
            other_screen.send({"type": "end"})

    run(go())


async def facilitator_or_none(host, key):
    from support.room import connect

    screen = await connect(host, "/facilitator/ws")
    screen.send({"type": "hello", "key": key})
    return (None if await screen.next() is None else screen), None


async def phone_raw(host, code, token):
    from support.room import connect

    p = await connect(host, f"/r/{code}/ws")
    p.send({"type": "hello", "token": token})
    return p, [await p.next(), await p.next()]


async def drain(client):
    while True:
        try:
            message = await client.next(timeout=2)
        except TimeoutError:
            return
        if message is None:
            return
        yield message


def test_pages_allow_nothing_from_elsewhere_and_need_the_key():
    async def go():
        async with room_server() as (host, _):
            status, headers, body = await get(f"http://{host}/")
            assert status == 200 and "Room code" in body, "without the key: the join page"
            assert "default-src 'none'" in headers["Content-Security-Policy"]
            status, _, body = await get(f"http://{host}/discuss/anything")
            assert status == 403
            status, _, _ = await get(f"http://{host}/static/../room/server.py")
            assert status in (403, 404)

    run(go())


def test_the_command_says_what_a_facilitator_needs():
    out = subprocess.run(
        [sys.executable, "-m", "coursekit", "room", "--help"], capture_output=True, text=True
    ).stdout
    for words in ("--host", "0.0.0.0", "QR code", "room code", "/services/room/", "--idle", "(L)"):
        assert words in out, words


def test_a_room_nobody_moves_on_ends_by_itself(tmp_path):
    """`python -m coursekit room --idle`: after that long without a move on the facilitator's
    screen the room ends, and its phones are told so."""
    src = lay_out_root("facilitator", tmp_path, ["notes-scenario.yml"])
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "coursekit", "room", "--port", str(port), "--idle", "0.02"],
        cwd=src,
        env={**os.environ, "COURSEKIT_ROOT": str(src)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        key = next(ln for ln in proc.stdout if ln.startswith("Facilitator")).rsplit("key=")[1]

        async def go():
            host = f"127.0.0.1:{port}"
            screen, room = await facilitator(host, key.strip())
            p, _ = await phone(host, room["code"])
            ended = await p.next("ended", timeout=10)
            assert "long pause" in ended["reason"], ended
            assert await p.next() is None, "the phone's socket is closed"
            assert (await screen.next("ended"))["reason"] == ended["reason"]

        run(go())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
