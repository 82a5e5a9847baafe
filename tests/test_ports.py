"""`make serve` and `make lab` check their port first (coursekit/ports.py): a port where a
server listens is busy; a port whose server stopped a moment ago, its connections still in
TIME_WAIT, is free, as it is for the server that will bind it (SO_REUSEADDR)."""

from __future__ import annotations

import socket
import subprocess
import sys

from support.env import ROOT


def check(port: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coursekit.ports", str(port), "lab"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_listening_port_is_busy_and_a_just_stopped_one_is_free():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    busy = check(port)
    assert busy.returncode == 1
    assert f"Port {port} on 127.0.0.1 is busy" in busy.stderr
    assert f"make lab PORT={port + 1}" in busy.stderr
    # One request served, the server closes first: its side of the connection is in TIME_WAIT.
    client = socket.create_connection(("127.0.0.1", port))
    conn, _ = server.accept()
    conn.close()
    client.recv(1)
    client.close()
    server.close()
    freed = check(port)
    assert freed.returncode == 0, freed.stderr
    assert freed.stderr == ""
