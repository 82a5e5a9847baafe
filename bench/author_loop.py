"""The author's loop: after editing one page, `make build` beside a plain `jupyter-book build`
of the same book; after editing a scenario's data (a choice's feedback; its title, which the
learner notebook shows too), `make build` beside the page-edit build (aim: at most 1.2x);
and what trimming the theme (coursekit/sphinx/trim.py) adds to each build. Interleaved,
medians of RUNS.
Works on a copy of the repository (its tracked files, with .venv and node_modules linked), so
the working tree is never touched. Prints figures; asserts nothing.

Run with `make bench` or `.venv/bin/python bench/author_loop.py`.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aims import aim, load

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("AUTHOR_LOOP_RUNS", "3"))  # more for a quieter median
PAGE = Path("book/module1/reading.md")
SCENARIO = Path("exercises/scenarios/module1/m1-ally-week.yml")


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


def in_copy(book: Path) -> dict:
    """The environment every command of the copy runs in: the copy's own coursekit, never the
    one the linked .venv installed (editable, from ROOT). With two, `python -m coursekit build`
    (which finds the copy's next to it) and a plain `jupyter-book build` would build with
    different asset paths, and each would write every page again after the other."""
    return {**os.environ, "PYTHONPATH": str(book)}


def timed(cmd: list, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=in_copy(cwd))
    return time.perf_counter() - start


def edit(book: Path, n: int) -> None:
    page = book / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n<!-- edit {n} -->\n", encoding="utf-8")


def edit_feedback(book: Path, n: int) -> None:
    """A word more in the scenario's first feedback text (nothing its notebook shows)."""
    path = book / SCENARIO
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("feedback: |\n")
    line, newline, tail = rest.partition("\n")
    path.write_text(f"{head}{sep}{line} Edit {n}.{newline}{tail}", encoding="utf-8")


def edit_title(book: Path, n: int) -> None:
    """The scenario's title, which its module's notebook shows as a heading."""
    path = book / SCENARIO
    text = path.read_text(encoding="utf-8")
    title = "Ally Week" if n % 2 else "Ally Week (edited)"
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "utf-8")


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
            ["make", "build"], cwd=book, check=True, capture_output=True, env=in_copy(book)
        )  # the first, full build
        jupyter_book = [book / ".venv" / "bin" / "jupyter-book", "build", ".", "-W", "-n"]
        make, plain, feedback, title = [], [], [], []
        for n in range(RUNS):  # interleaved
            edit(book, 2 * n)
            make.append(timed(["make", "build"], book))
            edit(book, 2 * n + 1)
            plain.append(timed([*jupyter_book, "--keep-going"], book))
            edit_feedback(book, n)
            feedback.append(timed(["make", "build"], book))
            edit_title(book, n)
            title.append(timed(["make", "build"], book))
        trim = trim_seconds(book / "_build" / "html")
    m, p = statistics.median(make), statistics.median(plain)
    f, t = statistics.median(feedback), statistics.median(title)
    print(f"\nAuthor loop: one file edited, then a build (median of {RUNS}, interleaved; {load()})")
    print(f"{'page edit, make build':40} {m:6.1f} s  ({m / p:.2f}x the plain build)")
    print(f"{'page edit, jupyter-book build . -W -n':40} {p:6.1f} s")
    print(f"{'scenario feedback edit, make build':40} {f:6.1f} s")
    print(f"{'scenario title edit, make build':40} {t:6.1f} s  (notebook read, not run)")
    print(
        f"{'  of which trimming the theme':40} {trim:6.1f} s  (PurgeCSS over every page, icon "
        "font subset)"
    )
    aim("data-edit loop (a feedback text)", f, m, "s", "page-edit loop", 1.2)
    aim("data-edit loop (a title its notebook shows)", t, m, "s", "page-edit loop", 1.2)


if __name__ == "__main__":
    main()
