"""Read one YAML content file: size and nesting limits first, duplicate keys refused, and the
line of every mapping key and list item remembered, so a problem can name its line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Lines, Loc

MAX_BYTES = 256 * 1024
MAX_DEPTH = 50
MAX_ITEMS = 200_000  # values built, anchors and aliases included: no "billion laughs"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 10x faster


class YamlProblem(Exception):
    """``field: reason`` for the file as a whole (the caller adds the path)."""

    def __init__(self, field: str, reason: str):
        self.field, self.reason = field, reason
        super().__init__(f"{field}: {reason}")


def read_yaml(path: Path) -> tuple[object, Lines]:
    """(the data, {location tuple: line number}) or raise YamlProblem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlProblem(
                "file",
                f"is {size // 1024} KB; a content file may be at most {MAX_BYTES // 1024} KB",
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlProblem("file", f"cannot be read ({exc.__class__.__name__}: {exc})") from None
    return parse_yaml(text)


def read_content_file(path: Path) -> tuple[object, Lines]:
    """``read_yaml`` for a content loader: its problem as a ContentError naming the file."""
    try:
        return read_yaml(path)
    except YamlProblem as exc:
        raise ContentError([f"{path}: {exc.field}: {exc.reason}"]) from None


@lru_cache(maxsize=512)
def parse_yaml(text: str) -> tuple[object, Lines]:
    """The data and lines of one file's text. The same text is parsed once per process (`coursekit
    build` checks the content, writes the notebooks and builds the book from it, and the check
    reads every file a second time): callers read what it returns and never change it."""
    try:
        _check_depth(text)
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}
            builder = _Builder(loader)
            return builder.build(node, ()), builder.lines
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {getattr(mark, 'line', 0) + 1}" if mark else "file"
        raise YamlProblem(
            where, f"not valid YAML ({getattr(exc, 'problem', None) or exc})"
        ) from None


def _check_depth(text: str) -> None:
    """Walk the parser's events (no recursion) and refuse deep nesting before building anything."""
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    f"line {getattr(event.start_mark, 'line', 0) + 1}",
                    f"nested deeper than {MAX_DEPTH} levels; content files are never that deep",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines: Lines = {}
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc) -> object:
        self.count += 1
        if self.count > MAX_ITEMS:
            raise YamlProblem(
                "file", f"builds more than {MAX_ITEMS} values (anchors and aliases included)"
            )
        if isinstance(node, yaml.MappingNode):
            result: dict[object, object] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise YamlProblem(f"line {line}", "a key must be a plain name")
                if key in result:
                    first = self.lines.get(loc + (key,))
                    raise YamlProblem(
                        f"line {line}", f"duplicate key '{key}' (first on line {first})"
                    )
                self.lines[loc + (key,)] = line
                result[key] = self.build(value_node, loc + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.lines[loc + (i,)] = item.start_mark.line + 1
                items.append(self.build(item, loc + (i,)))
            return items
        return self.loader.construct_object(node, deep=True)
