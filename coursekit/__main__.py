"""Command line: ``python -m coursekit check`` validates every content file; ``paths`` writes
the review copies; the rest writes notebooks and runs the grading tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import EXERCISES, ContentError, load_all
from .content.style import style_warnings
from .facilitator_commands import add_facilitator_commands
from .grading import cli as grading_cli
from .readings import reading_sections, unknown_reading_labels

PATHS_OUT = EXERCISES.parent / "_build" / "paths"


def check() -> int:
    try:
        scenarios, reflections = load_all(EXERCISES)
    except ContentError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    problems = unknown_reading_labels(scenarios, reading_sections())
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for warning in style_warnings(scenarios):
        print(f"warning: {warning}", file=sys.stderr)
    prompts = sum(len(r.prompts) for r in reflections.values())
    print(f"OK: {len(scenarios)} scenarios, {prompts} reflection prompts")
    return 0


def paths(which: str, out: Path = PATHS_OUT) -> int:
    """Review copies of the scenarios named by ``which``: a scenario id, a module (module1 or
    1), or all."""
    from .content import load_course
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
    for path in write_review_copies(sorted(chosen, key=lambda s: s.source), out):
        print(f"wrote {path}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every scenario and reflection file")
    sub.add_parser("notebooks", help="write notebooks/<module>.ipynb from the content data")
    review = sub.add_parser(
        "paths", help="write every distinct path of scenarios to _build/paths/<id>.md"
    )
    review.add_argument("which", help="a scenario id, a module (module1 or 1), or all")
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
        return check()
    if args.command == "paths":
        return paths(args.which)
    if args.command == "schema":
        from .content.editor_schema import write_editor_schemas

        for path in write_editor_schemas(EXERCISES / "schema"):
            print(f"wrote {path}")
        return 0
    if args.command in grading_cli.COMMANDS:
        return grading_cli.run(args, check)
    status = check()
    if status:
        return status
    from .notebooks import write_learner_notebooks

    for path in write_learner_notebooks():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
