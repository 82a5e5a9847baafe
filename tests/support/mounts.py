"""The data a built page's course widgets are given, as the page's loader reads it: the JSON in
the mount, or the data file the mount names (data-ck-src, coursekit/mount.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

MOUNT = re.compile(
    r'<div class="[^"]*" data-coursekit-(\w+)="([^"]*)"(?: hidden)?'
    r'(?: data-ck-src="([^"]+)">|><script type="application/json">(.*?)</script>)',
    re.S,
)
FILE = re.compile(r'^\(globalThis\.coursekitData \?\?= \{\}\)\["([0-9a-f]{16})"\] = (.*);\n$', re.S)


def data_file(path: Path) -> dict:
    """The data in one data file; asserts its form (named by its own hash, one statement)."""
    found = FILE.match(path.read_text(encoding="utf-8"))
    assert found, f"{path} is not a course data file"
    assert found.group(1) == path.stem
    return json.loads(found.group(2))


def mounts(page: Path) -> list[tuple[str, str, dict]]:
    """(kind, id, data) of every course widget on the built page, in page order."""
    out = []
    for kind, mount_id, src, inline in MOUNT.findall(page.read_text(encoding="utf-8")):
        data = data_file(page.parent / src) if src else json.loads(inline)
        out.append((kind, mount_id, data))
    return out


def mount_data(page: Path, kind: str) -> list[dict]:
    """The data of every widget of one kind on the page."""
    return [data for k, _, data in mounts(page) if k == kind]
