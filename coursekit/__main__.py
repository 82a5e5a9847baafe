"""Command line: ``python -m coursekit check`` validates every content file; ``paths`` writes
the review copies; the rest writes notebooks and runs the grading tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import EXERCISES, ContentError, load_all
from .content.artefacts import text_artefacts
from .content.load import content_files
from .content.style import style_warnings
from .content.teaching import load_config, teaching_report
from .facilitator_commands import add_facilitator_commands
from .grading import cli as grading_cli
from .readings import reading_sections, unknown_reading_labels

PATHS_OUT = EXERCISES.parent / "_build" / "paths"


def check(strict: bool = False, teaching: bool = False) -> int:
    """Validate every content file. ``teaching``: also measure consequences and model choices
    (content/teaching.py) and print the report; ``strict``: every warning is an error."""
    return checked_content(strict, teaching)[0]


def checked_content(strict: bool = False, teaching: bool = False) -> tuple[int, tuple | None]:
    """``check``'s exit status, and the content it read (scenarios, reflections) when it
    passed: `coursekit notebooks` writes from it instead of reading every file again."""
    try:
        scenarios, reflections = load_all(EXERCISES)
        config = load_config(EXERCISES) if teaching else None
    except ContentError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1, None
    problems = unknown_reading_labels(scenarios, reading_sections())
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1, None
    warnings = style_warnings(scenarios) + text_artefacts(content_files(EXERCISES))
    if teaching:
        report = teaching_report(scenarios, config)
        print("\n".join(report.scenarios + report.modules))
        warnings += report.findings
    sys.stdout.flush()
    for warning in warnings:
        print(f"{'error' if strict else 'warning'}: {warning}", file=sys.stderr)
    prompts = sum(len(r.prompts) for r in reflections.values())
    counted = f"{len(scenarios)} scenarios, {prompts} reflection prompts"
    if strict and warnings:
        print(f"FAILED (--strict): {len(warnings)} problems in {counted}", file=sys.stderr)
        return 1, None
    more = f"; {len(warnings)} warnings (errors under --strict)" if warnings else ""
    print(f"OK: {counted}{more}")
    return 0, (scenarios, reflections)


def paths(which: str, out: Path = PATHS_OUT, by_ending: bool = False) -> int:
    """Review copies of the scenarios named by ``which``: a scenario id, a module (module1 or
    1), or all. ``by_ending``: the reviewer's view, each ending beside every path to it."""
    from .content import load_course
    from .content.by_ending import write_by_ending
    from .content.review import write_review_copies

    try:
        scenarios, _ = load_all(EXERCISES)
        modules = {m.id: m.number for m in load_course(EXERCISES).modules}
    except ContentError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    number = modules.get(which, int(which) if which.isdigit() else None)
    chosen = [s for s in scenarios.values() if which in ("all", s.id) or s.module == number]
    if not chosen:
        print(
            f"paths: '{which}' is no scenario id, module ({', '.join(modules)}) or 'all'",
            file=sys.stderr,
        )
        return 1
    write = write_by_ending if by_ending else write_review_copies
    for path in write(sorted(chosen, key=lambda s: s.source), out, reading_sections()):
        print(f"wrote {path}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit")
    sub = parser.add_subparsers(dest="command", required=True)
    checking = sub.add_parser(
        "check", help="validate every content file; measure consequences and model choices"
    )
    checking.add_argument(
        "--strict", action="store_true", help="every warning is an error (the test command)"
    )
    notebooks = sub.add_parser(
        "notebooks", help="write notebooks/<module>.ipynb from the content data"
    )
    notebooks.add_argument(
        "--sources",
        action="store_true",
        help="also write the nbgrader source notebooks (as `sources` does), in this process",
    )
    building = sub.add_parser(
        "build",
        help="make build: (with --notebooks) write the notebooks and nbgrader sources, then "
        "jupyter-book build ARGS, in one process",
    )
    building.add_argument(
        "--notebooks", action="store_true", help="first write notebooks as `notebooks --sources`"
    )
    building.add_argument("args", nargs=argparse.REMAINDER, help="jupyter-book build's arguments")
    review = sub.add_parser(
        "paths", help="write every distinct path of scenarios to _build/paths/<id>.md"
    )
    review.add_argument("which", help="a scenario id, a module (module1 or 1), or all")
    review.add_argument(
        "--by-ending",
        action="store_true",
        help="write _build/paths/<id>.by-ending.md: each ending beside every path that reaches it",
    )
    sub.add_parser(
        "schema", help="write the JSON Schemas for editors, exercises/schema/*.schema.json"
    )
    grading_cli.add_commands(sub)
    add_facilitator_commands(sub)
    args = parser.parse_args(argv)
    if getattr(
        args, "run", None
    ):  # commands that bring their own runner (coursekit.facilitator_commands)
        return args.run(args)
    if args.command == "check":
        return check(strict=args.strict, teaching=True)
    if args.command == "paths":
        return paths(args.which, by_ending=args.by_ending)
    if args.command == "schema":
        from .content.editor_schema import write_editor_schemas

        for path in write_editor_schemas(EXERCISES / "schema"):
            print(f"wrote {path}")
        return 0
    if args.command in grading_cli.COMMANDS:
        return grading_cli.run(args, check)
    if args.command == "build":
        return build(args.notebooks, args.args)
    return write_notebooks(args.sources)


def write_notebooks(sources: bool) -> int:
    """Check the content, then write each learner notebook whose text changed (and with
    ``sources``, the nbgrader source notebooks) from what the check read."""
    status, content = checked_content()
    if status:
        return status
    from .notebooks import write_learner_notebooks

    for path in write_learner_notebooks(content=content):
        print(f"wrote {path}")
    if sources:
        return grading_cli.write_sources(EXERCISES)
    return 0


def build(notebooks: bool, args: list[str]) -> int:
    """`make build`: after a data edit, the notebooks written and the book built in one Python
    process, so the book's build reuses the content files the check parsed (yamlfile.py) and
    the modules both import, instead of a second start-up (bench/author_loop.py)."""
    if notebooks:
        status = write_notebooks(sources=True)
        if status:
            return status
        sys.stdout.flush()
    from jupyter_book.cli.main import main as jupyter_book

    try:
        jupyter_book(["build", *args], prog_name="jupyter-book")
    except SystemExit as exc:  # click ends its command with the exit status (or a message)
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
