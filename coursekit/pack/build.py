"""``python -m coursekit facilitator-pack``: per module, the pack as HTML and PDF (A4 and US
Letter, regular and large print), each PDF read back to check its sides line up; and the
commands' parsers, ``book-pdf`` included (book.py)."""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

from ..content import EXERCISES, ContentError, load_all, load_course
from ..content.booktext import markdown_list
from .cards import module_pack
from .pdf import PrintError, print_pdf

PACK_OUT = Path("_build") / "facilitator-pack"


PAPERS = ("a4", "letter")
# The first line of every printed side: "<sheet> · [part p of q · ]front|back".
SIDE_LABEL = re.compile(
    r"^(?P<sheet>.+?)(?: · part (?P<part>\d+) of (?P<parts>\d+))? · (?P<side>front|back)$"
)


def side_labels(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    labels = []
    for page in PdfReader(str(pdf)).pages:
        lines = [
            line.strip() for line in unicodedata.normalize("NFKC", page.extract_text()).splitlines()
        ]
        labels.append(next((line for line in lines if line), ""))
    return labels


def check_sides(pdf: Path) -> list[str]:
    """What is wrong with a printed pack: an odd number of pages, a page that does not begin
    with its side's label (a side that ran over), or a front without its back behind it."""
    labels = side_labels(pdf)
    problems = (
        [f"{pdf}: {len(labels)} pages; a pack printed on both sides needs an even number"]
        if len(labels) % 2
        else []
    )
    for k in range(0, len(labels) - 1, 2):
        front, back = SIDE_LABEL.match(labels[k]), SIDE_LABEL.match(labels[k + 1])
        if not front or front["side"] != "front":
            problems.append(
                f"{pdf}: page {k + 1} should begin with a sheet's front label, "
                f"not {labels[k][:80]!r}"
            )
        elif (
            not back
            or back["side"] != "back"
            or back["sheet"] != front["sheet"]
            or back["part"] != front["part"]
        ):
            problems.append(
                f"{pdf}: page {k + 2} should be the back of {labels[k]!r}, "
                f"not {labels[k + 1][:80]!r}"
            )
    return problems


def write_pack(
    out: Path = PACK_OUT,
    only: str | None = None,
    exercises: Path = EXERCISES,
    papers: tuple[str, ...] = PAPERS,
) -> list[Path]:
    course = load_course(exercises)
    scenarios, reflections = load_all(exercises)
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
        for paper in papers:
            for large, suffix in ((False, ""), (True, "-large-print")):
                page = out / f"{module.id}-cards{suffix}-{paper}.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                text = module_pack(
                    module,
                    mine,
                    agreements,
                    questions,
                    large=large,
                    paper=paper,
                    reflections=reflections.get(module.id),
                )
                page.write_text(text, encoding="utf-8")
                pdf = print_pdf(page, page.with_suffix(".pdf"), scripts=True)
                problems = check_sides(pdf)
                if problems:
                    raise PrintError("\n".join(problems[:10]))
                written.append(pdf)
    if only and not written:
        raise ContentError([f"{exercises / 'course.yml'}: modules: no module '{only}'"])
    return written


def main(args) -> int:
    start = time.perf_counter()
    try:
        if args.command == "facilitator-pack":
            papers = PAPERS if args.paper == "both" else (args.paper,)
            for path in write_pack(Path(args.out), args.module, papers=papers):
                print(f"wrote {path}")
        else:
            from .book import write_book_pdf  # BeautifulSoup: only for this command

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
    pack.add_argument(
        "--paper",
        choices=[*PAPERS, "both"],
        default="both",
        help="A4, US Letter, or both (default)",
    )
    book = sub.add_parser(
        "book-pdf", help="the built book (_build/html) as one PDF for offline reading"
    )
    book.add_argument("--html", default="_build/html")
    book.add_argument("--out", default=str(PACK_OUT / "book.pdf"))
    for parser in (pack, book):
        parser.set_defaults(run=main)
