"""``python -m coursekit facilitator-pack``: per module, the pack as HTML and PDF (regular
and large print); ``python -m coursekit book-pdf``: the built book as one PDF."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from ..content import EXERCISES, ContentError, load_all, load_course
from .cards import markdown_list, module_pack
from .pdf import PrintError, join_pdfs, print_pdf

PACK_OUT = Path("_build") / "facilitator-pack"
# Pages of the book left out of its PDF: the journal is this browser's storage, and the
# notebooks repeat the scenario and reflection pages.
NOT_IN_BOOK_PDF = ("book/journal", "notebooks/")


def write_pack(
    out: Path = PACK_OUT, only: str | None = None, exercises: Path = EXERCISES
) -> list[Path]:
    course = load_course(exercises)
    scenarios, _ = load_all(exercises)
    book = exercises.parent / "book"
    agreements = markdown_list(book / "intro.md", "Community agreements")
    written = []
    for module in course.modules:
        if only and only not in (module.id, str(module.number)):
            continue
        mine = sorted(
            (s for s in scenarios.values() if s.module == module.number), key=lambda s: s.id
        )
        questions = markdown_list(book / module.folder / "reading.md", "Discussion questions")
        for large, suffix in ((False, ""), (True, "-large-print")):
            page = out / f"{module.id}-cards{suffix}.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                module_pack(module, mine, agreements, questions, large=large), encoding="utf-8"
            )
            written.append(print_pdf(page, page.with_suffix(".pdf")))
    if only and not written:
        raise ContentError([f"{exercises / 'course.yml'}: modules: no module '{only}'"])
    return written


def book_pages(root: Path) -> list[str]:
    """The book's pages in _toc.yml order (docnames), less those not worth printing."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return [n for n in names if not n.startswith(NOT_IN_BOOK_PDF)]


def write_book_pdf(html: Path, out: Path, root: Path = Path(".")) -> Path:
    """Print every page of the built book (print stylesheet: no navigation) and join them."""
    parts = []
    for name in book_pages(root):
        page = html / f"{name}.html"
        if not page.exists():
            raise PrintError(f"{page}: missing; build the book first (make build)")
        parts.append(
            print_pdf(
                page, out.parent / "book-pages" / f"{name.replace('/', '-')}.pdf", scripts=True
            )
        )
    return join_pdfs(parts, out)


def main(args) -> int:
    start = time.perf_counter()
    try:
        if args.command == "facilitator-pack":
            for path in write_pack(Path(args.out), args.module):
                print(f"wrote {path}")
        else:
            print(f"wrote {write_book_pdf(Path(args.html), Path(args.out))}")
    except ContentError as exc:
        print("\n".join(exc.problems))
        return 1
    except (PrintError, ValueError, OSError) as exc:
        print(f"error: {exc}")
        return 1
    print(f"took {time.perf_counter() - start:.1f} s")
    return 0


def add_commands(sub) -> None:
    pack = sub.add_parser(
        "facilitator-pack", help="scenario cards, agreements, questions and notes per module as PDF"
    )
    pack.add_argument("--module", help="one module (module1 or 1); default every module")
    pack.add_argument("--out", default=str(PACK_OUT))
    book = sub.add_parser(
        "book-pdf", help="the built book (_build/html) as one PDF for offline reading"
    )
    book.add_argument("--html", default="_build/html")
    book.add_argument("--out", default=str(PACK_OUT / "book.pdf"))
    for parser in (pack, book):
        parser.set_defaults(run=main)
