"""Serve the built book on loopback as a static host would: text files gzip-compressed when
the browser accepts it, and an optional sub-path (``--prefix /course``, as on GitHub Pages).

``python -m coursekit.serve [--port 8000] [--prefix /course] [folder]``; a busy port is
reported in one line (try ``make serve PORT=8001``), not as a traceback.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path

COMPRESSED = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".svg",
    ".txt",
    ".map",
    ".xml",
    ".ipynb",
    ".md",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text, and a prefix under which the folder is served."""

    prefix = ""
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".ipynb": "application/x-ipynb+json",
    }

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if self.prefix:
            if not (path == self.prefix or path.startswith(self.prefix + "/")):
                return str(Path(self.directory) / "__not_under_prefix__")
            path = path[len(self.prefix) :] or "/"
        return super().translate_path(path)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the usual redirect to the folder's address
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSED
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def make_server(folder: Path, port: int = 0, prefix: str = "") -> http.server.ThreadingHTTPServer:
    handler = functools.partial(
        type("PrefixHandler", (Handler,), {"prefix": prefix.rstrip("/")}), directory=str(folder)
    )
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_in_thread(folder: Path, prefix: str = ""):
    """Start a server on a free loopback port; returns (base_url, server). Call
    server.shutdown() and server.server_close() to stop it."""
    server = make_server(folder, 0, prefix)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}", server


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.serve")
    parser.add_argument("folder", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="", help="serve the site under this path, e.g. /course")
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").exists():
        print(
            f"{args.folder}/index.html is missing: build the book first (make build)",
            file=sys.stderr,
        )
        return 1
    try:
        server = make_server(args.folder, args.port, args.prefix)
    except OSError as exc:
        print(
            f"Port {args.port} on 127.0.0.1 is busy ({exc.strerror}): another server is running "
            f"there. Stop it, or choose another port: make serve PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 1
    print(
        f"The course is served from {args.folder}: open http://127.0.0.1:{args.port}"
        f"{args.prefix.rstrip('/')}/ in your browser (Ctrl-C stops the server)",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
