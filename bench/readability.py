"""Print each reading's grade level (Flesch-Kincaid) and length; the aim is grade 12 or below.

Run with `make readability`. Markup (labels, roles, directives, links, tables) is stripped
first, so only the prose is scored.
"""

from __future__ import annotations

import re
from pathlib import Path

import textstat

BOOK = Path(__file__).resolve().parent.parent / "book"


def prose(markdown: str) -> str:
    text = re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M)  # directives, code
    text = re.sub(r"^\(.*?\)=\s*$", "", text, flags=re.M)  # labels
    text = re.sub(r"\{[a-z]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)  # {term}`x <y>` -> x
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"^\s*\|.*\|\s*$", "", text, flags=re.M)  # tables
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return re.sub(r"[*_`>]", "", text)


def main() -> None:
    print(f"{'page':34} {'words':>6} {'grade (Flesch-Kincaid)':>23} {'reading ease':>13}")
    for page in sorted(BOOK.glob("*/reading.md")) + sorted(BOOK.glob("*.md")):
        if page.name == "AUTHORING.md":
            continue
        text = prose(page.read_text(encoding="utf-8"))
        words = len(text.split())
        print(
            f"{page.relative_to(BOOK.parent).as_posix():34} {words:>6} "
            f"{textstat.flesch_kincaid_grade(text):>23.1f} "
            f"{textstat.flesch_reading_ease(text):>13.1f}"
        )


if __name__ == "__main__":
    main()
