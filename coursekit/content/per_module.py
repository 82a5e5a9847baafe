"""A course file keyed by module folder (arc.yml, sessions.yml): each module's entry parsed by
the caller's ``parse``, every problem of every module collected, and every module of course.yml
required, each problem as ``path: field: reason``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import ContentError, Lines
from .yamlfile import read_content_file

MODULE = re.compile(r"^module[0-9]+$")
T = TypeVar("T")


def load_per_module(
    path: Path, what: str, modules: list[str] | None, parse: Callable[[str, object, Lines], T]
) -> dict[str, T]:
    """{module folder: parse(folder, its value, the file's lines)}; ``what`` names an entry in
    the messages ("arc", "slides"). ``parse`` raises ContentError for its own problems."""
    data, lines = read_content_file(path)
    if not isinstance(data, dict):
        raise ContentError([f"{path}: file: must be a mapping of module folders to their {what}"])
    problems: list[str] = []
    found: dict[str, T] = {}
    for name, value in data.items():
        if not MODULE.match(str(name)):
            problems.append(f"{path}: {name}: not a module folder name (module1, module2, ...)")
            continue
        try:
            found[name] = parse(name, value, lines)
        except ContentError as exc:
            problems += exc.problems
    problems += [
        f"{path}: {m}: missing; every module of course.yml needs its {what}"
        for m in modules or []
        if m not in data
    ]
    if problems:
        raise ContentError(problems)
    return found
