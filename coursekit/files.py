"""Write generated files only when their content changes, so their modification time (which
Sphinx and make read) moves only when there is something new in them."""

from __future__ import annotations

from pathlib import Path

import nbformat


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` unless the file already holds exactly that; True if written."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_notebook_if_changed(nb: nbformat.NotebookNode, path: Path) -> bool:
    """nbformat.write, skipped when the file already holds the same notebook text."""
    return write_if_changed(path, nbformat.writes(nb) + "\n")
