"""The house plan of CONTRIBUTING.md, checked: each part of coursekit/ imports only the parts
on the floors below it (content/ is the ground and imports nothing of coursekit), and the
grading package stays free of the notebook writer. A new import that climbs fails here with
the file and the line."""

from __future__ import annotations

import ast
from pathlib import Path

from support.env import ROOT

PACKAGE = ROOT / "coursekit"
# What each part may import (besides itself), as CONTRIBUTING.md draws it.
ALLOWED = {
    "content": set(),
    "textformat": set(),
    "mount": set(),
    "files": set(),
    "ports": set(),
    "quietly": set(),
    "serve": set(),
    "offline": set(),
    "hub_assignments": set(),
    "readings": {"content"},
    "book_link": {"content"},
    "progress": {"content"},
    "notebook_parts": {"content", "textformat"},
    "player": {"content", "readings", "textformat"},
    "pack": {"content", "textformat"},
    "classview": {"content", "progress"},
    "notebooks": {"content", "files", "notebook_parts", "textformat"},
    "grading": {"content", "notebook_parts", "textformat"},
    "widget": {"book_link", "content", "mount", "player", "progress"},
    "sphinx": {"content", "mount", "player", "readings", "textformat"},
    "room": {"content", "player", "readings"},
    "facilitator_commands": {"classview", "pack", "room"},
}
TOP = {"__main__", "__init__"}  # the command line and the package: may import every part


def part(module: str) -> str | None:
    """The part of coursekit a dotted module name belongs to."""
    names = module.split(".")
    return names[1] if names[0] == "coursekit" and len(names) > 1 else None


def imports(path: Path, source: str | None = None):
    """(line, part imported) for every import of coursekit in one file (its text, or
    ``source``), relative or not."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    text = source if source is not None else path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                stem = ".".join(base + ([node.module] if node.module else []))
                names = [stem] if node.module else [f"{stem}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if part(name):
                yield node.lineno, part(name)


def test_every_part_imports_only_from_the_floors_below():
    climbs = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if me in TOP:
            continue
        assert me in ALLOWED, f"{path}: a new part of coursekit: give it a floor in ALLOWED"
        for line, other in imports(path):
            if other != me and other not in ALLOWED[me]:
                climbs.append(f"{path.relative_to(ROOT)}:{line}: {me} imports {other}")
    assert climbs == []


def test_the_check_sees_relative_imports():
    """The walker itself: relative imports are found as the part they name."""
    source = "from ..notebooks import NOTEBOOKS\nfrom . import cells\nimport coursekit.sphinx\n"
    found = list(imports(PACKAGE / "grading" / "x.py", source))
    assert found == [(1, "notebooks"), (2, "grading"), (3, "sphinx")]
