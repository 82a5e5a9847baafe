"""Command line: ``python -m coursekit check`` validates every content file."""
from __future__ import annotations

import argparse
import sys

from .schema import EXERCISES, ContentError, load_all
from .grading import cli as grading_cli
from .readings import reading_sections, unknown_reading_labels


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
    prompts = sum(len(r["prompts"]) for r in reflections.values())
    print(f"OK: {len(scenarios)} scenarios, {prompts} reflection prompts")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every scenario and reflection file")
    sub.add_parser("notebooks", help="write notebooks/<module>.ipynb from the content data")
    grading_cli.add_commands(sub)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check()
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
