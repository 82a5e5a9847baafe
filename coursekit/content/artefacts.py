"""Text an edit left broken: a double space where a sentence was cut, ", ." where a clause
went missing, a space before a comma, a word said twice. ``coursekit check`` warns (an
error under ``--strict``) and names the file, field and line.

It reads every string of every content file as written (not the loaded models), so the
location it names is the one in the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .errors import Loc, problem
from .yamlfile import read_content_file

# Words a sentence may say twice: "that that" and "had had" are grammar, not a slip.
TWICE_ALLOWED = {"that", "had"}
ARTEFACTS = (
    (re.compile(r"\S[ \t]{2,}\S"), "two spaces inside a line (a sentence cut out?)"),
    (re.compile(r"[,;:][ \t]*[.,;:](?!\.)"), "punctuation with nothing between (a clause lost?)"),
    (re.compile(r"\w[ \t]+[,.;:?!](?![\w.])"), "a space before punctuation"),
)
TWICE = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
QUOTE = re.compile('["\u201c\u201d]')


def strings(data: object, at: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(location, text) of every string in parsed YAML, mapping keys excluded."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, (*at, i))


def reasons(text: str) -> list[str]:
    found = [f"{why}: '{_around(text, m)}'" for rx, why in ARTEFACTS for m in rx.finditer(text)]
    for m in TWICE.finditer(text):
        quoted = len(QUOTE.findall(text[: m.start()])) % 2  # inside quoted speech: meant
        if m.group(1).lower() not in TWICE_ALLOWED and not m.group(1).isdigit() and not quoted:
            found.append(f"a word said twice: '{_around(text, m)}'")
    return found


def _around(text: str, m: re.Match[str]) -> str:
    start, end = max(0, m.start() - 20), min(len(text), m.end() + 20)
    return " ".join(text[start:end].split("\n")).replace("'", "’")


def text_artefacts(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        data, lines = read_content_file(path)
        for loc, text in strings(data):
            out += [problem(path, loc, why, lines) for why in reasons(text)]
    return out
