"""Find the labelled sections of the book's readings, so scenario feedback can link to them."""

from __future__ import annotations

import re
from pathlib import Path

from .content import Scenario, Section, find_course_root

BOOK = find_course_root() / "book"
LABEL_BEFORE_HEADING = re.compile(r"^\(([a-z0-9-]+)\)=[ \t]*\n+#+[ \t]+(.+?)[ \t]*$", re.MULTILINE)


def reading_sections(book: Path = BOOK, root: Path | None = None) -> dict[str, Section]:
    """Each section label's page and heading; ``doc`` is relative to ``root`` (the book's
    source root, by default book's parent)."""
    root = book.parent if root is None else root
    sections = {}
    for md in sorted(book.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        doc = md.resolve().relative_to(root.resolve()).with_suffix("").as_posix()
        for label, title in LABEL_BEFORE_HEADING.findall(text):
            sections[label] = Section(doc=doc, title=title.replace("`", ""))
    return sections


def unknown_reading_labels(
    scenarios: dict[str, Scenario], sections: dict[str, Section]
) -> list[str]:
    """Problems, as 'path: field: reason', for choices that name a label no reading has."""
    problems = []
    for s in scenarios.values():
        for i, node in enumerate(s.nodes):
            for j, choice in enumerate(node.choices):
                label = choice.reading
                if label and label not in sections:
                    problems.append(
                        f"{s.source}: nodes[{i}].choices[{j}].reading: "
                        f"no reading section is labelled '{label}'"
                    )
    return problems
