"""The author's loop: after editing one page, `make build` beside a plain `jupyter-book build`
of the same book, and what trimming the theme (coursekit/sphinx/trim.py) adds to each build.
Works on a copy of the repository (its tracked files, with .venv and node_modules linked), so
the working tree is never touched. Prints figures; asserts nothing.

Run with `make bench` or `.venv/bin/python bench/author_loop.py`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
PAGE = Path("book/module1/reading.md")


def copy_repository(to: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    for name in filter(None, files.decode().split("\0")):
        target = to / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for linked in (".venv", "node_modules"):
        (to / linked).symlink_to(ROOT / linked)
    return to


def timed(cmd: list, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def edit(book: Path, n: int) -> None:
    page = book / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n<!-- edit {n} -->\n", encoding="utf-8")


def trim_seconds(html: Path) -> float:
    """trim_theme's two steps on a fresh copy of the built site's files they rewrite."""
    sys.path.insert(0, str(ROOT))
    from coursekit.sphinx.trim import (
        FONTS,
        icon_codepoints,
        purge_css,
        purgecss_command,
        subset_fonts,
        trimmed_css,
    )

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "html"
        shutil.copytree(html, site)
        start = time.perf_counter()
        purge_css(site, purgecss_command(ROOT))
        subset_fonts(site / FONTS, icon_codepoints(trimmed_css(site)))
        return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_repository(Path(tmp) / "book")
        subprocess.run(
            ["make", "build"], cwd=book, check=True, capture_output=True
        )  # the first, full build
        make, plain = [], []
        for n in range(RUNS):
            edit(book, 2 * n)
            make.append(timed(["make", "build"], book))
            edit(book, 2 * n + 1)
            plain.append(
                timed(
                    [
                        book / ".venv" / "bin" / "jupyter-book",
                        "build",
                        ".",
                        "-W",
                        "-n",
                        "--keep-going",
                    ],
                    book,
                )
            )
        trim = trim_seconds(book / "_build" / "html")
    m, p = statistics.median(make), statistics.median(plain)
    print(
        f"\nAuthor loop: one page edited, then a build (median of {RUNS}; reference: plain "
        "jupyter-book build)"
    )
    print(f"{'make build':32} {m:6.1f} s  ({m / p:.2f}× the plain build)")
    print(f"{'jupyter-book build . -W -n':32} {p:6.1f} s")
    print(
        f"{'  of which trimming the theme':32} {trim:6.1f} s  (PurgeCSS over every page, icon font "
        "subset)"
    )


if __name__ == "__main__":
    main()
