"""``python -m coursekit.ports PORT NAME``: exit 1 with a plain sentence when PORT on 127.0.0.1
is taken, so `make lab` and `make serve` say so (and how to choose another) before starting."""

from __future__ import annotations

import socket
import sys


def port_free(port: int) -> bool:
    """Whether a server could listen on ``port``. The test socket sets SO_REUSEADDR as Jupyter's
    and http.server's sockets do, so connections of a stopped server lingering in TIME_WAIT do
    not count as busy, while a server still listening there does."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main(argv=None) -> int:
    port, name = (argv or sys.argv[1:]) + ["serve"] * (2 - len(argv or sys.argv[1:]))
    if port_free(int(port)):
        return 0
    print(
        f"Port {port} on 127.0.0.1 is busy: another server (perhaps an earlier `make {name}`) is "
        f"running there. Stop it, or choose another port: make {name} PORT={int(port) + 1}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
