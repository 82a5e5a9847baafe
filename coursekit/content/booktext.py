"""Plain text from the book's own pages: the items of a list under a heading (the community
agreements in book/intro.md, a reading's discussion questions), for the printed pack and the
session slides, so those texts are written once."""

from __future__ import annotations

import re
from pathlib import Path


def markdown_list(path: Path, heading: str) -> list[str]:
    """The items of the first list under ``## heading`` in a book page, as plain text."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not match:
        raise ValueError(f"{path}: no '## {heading}' section")
    items, current = [], None
    for line in match.group(1).splitlines():
        start = re.match(r"^(?:[-*]|\d+\.)\s+(.*)$", line)
        if start:
            current = [start.group(1)]
            items.append(current)
        elif current is not None and line.strip():
            current.append(line.strip())
        elif current is not None and not line.strip() and items:
            current = None
    # Markdown emphasis and {ref}/{term} roles become plain text on paper.
    clean = [re.sub(r"\{\w+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", " ".join(i)) for i in items]
    return [re.sub(r"\*\*([^*]+)\*\*", r"\1", c) for c in clean]
