"""Where a scenario's "In the reading: …" links point in Jupyter, as on the book's pages.

In order: ``$COURSEKIT_BOOK_URL``; the published book's address, when ``_config.yml`` names
it (``html: baseurl:``, which also gives every page its canonical link); else this course's
own build (``_build/html``, as `make build` or `make serve` writes it) as the Jupyter server
that started this kernel serves it (``<base_url>files/<path>/``, when the build lies under the
server's root). Else "": the section's title shows as plain text.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from urllib.parse import quote

import yaml

from .content import find_course_root

ADDRESS = re.compile(r"^https?://[^\s\"'<>]+$")


def published_url(root: Path) -> str:
    """The book's address from root/_config.yml (html.baseurl), ending in "/", or ""."""
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return ""
    html = config.get("html") if isinstance(config, dict) else None
    url = str((html or {}).get("baseurl") or "").strip() if isinstance(html, dict) else ""
    return address(url)


def address(url: str) -> str:
    """An http(s) address ending in "/", or "" for anything else."""
    url = url.strip()
    if not ADDRESS.match(url):
        return ""
    return url if url.endswith("/") else url + "/"


def files_url(build: Path, server: dict) -> str:
    """The URL path at which a Jupyter server (its runtime info: root_dir, base_url) serves
    the folder `build`, or "" when the folder is not under its root."""
    try:
        relative = build.resolve().relative_to(Path(server["root_dir"]).resolve())
    except (KeyError, TypeError, ValueError, OSError):
        return ""
    base = str(server.get("base_url") or "/")
    base = base if base.endswith("/") else base + "/"
    return f"{base}files/{quote(relative.as_posix())}/"


def kernel_server() -> dict | None:
    """The running Jupyter server that started this kernel (its parent process), if any."""
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:
        return None
    parent = os.getppid()
    return next((s for s in list_running_servers() if s.get("pid") == parent), None)


@functools.cache
def book_url(root: Path | None = None) -> str:
    """Where the reading links of a scenario played in this kernel point ("" for nowhere);
    looked up once per kernel."""
    root = root or find_course_root()
    chosen = address(os.environ.get("COURSEKIT_BOOK_URL", "")) or published_url(root)
    if chosen:
        return chosen
    build = root / "_build" / "html"
    if not (build / "index.html").is_file():
        return ""
    server = kernel_server()
    return files_url(build, server) if server else ""
