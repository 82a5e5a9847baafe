"""Command line: ``python -m coursekit check`` validates every content file; ``paths`` writes
the review copies; the rest writes notebooks and runs the grading tools."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import EXERCISES, ContentError, load_all
from .content.style import style_warnings
from .facilitator_commands import add_facilitator_commands
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
    prompts = sum(len(r["prompts"]) for r in reflections.values())
    print(f"OK: {len(scenarios)} scenarios, {prompts} reflection prompts")
    return 0


def paths(which: str, out: Path = PATHS_OUT) -> int:
    """Review copies of the scenarios named by ``which``: a scenario id, a module (module1 or
    1), or all."""
    from .content import load_course
    from .content.review import write_review_copies

    try:
        scenarios, _ = load_all(EXERCISES)
        modules = {m["id"]: m["number"] for m in load_course(EXERCISES)["modules"]}
    except ContentError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    number = modules.get(which, int(which) if which.isdigit() else None)
    chosen = [s for s in scenarios.values() if which in ("all", s["id"]) or s["module"] == number]
    if not chosen:
        print(f"paths: '{which}' is no scenario id, module ({', '.join(modules)}) or 'all'", file=sys.stderr)
        return 1
    for path in write_review_copies(sorted(chosen, key=lambda s: s["source"]), out):
        print(f"wrote {path}")
    return 0


def add_grading_commands(sub) -> None:
    course = dict(default=None, type=Path, help="the nbgrader course folder (default: the current "
                  "folder if it has nbgrader_config.py, else exercises/)")
    sub.add_parser("sources", help="write the nbgrader source notebooks exercises/source/<module>/ from the data")
    grade = sub.add_parser("autograde", help="nbgrader autograde for the class, with a per-student summary")
    grade.add_argument("module")
    grade.add_argument("--course", **course)
    grade.add_argument("--force", action="store_true", help="grade again submissions graded before")
    grade.add_argument("--jobs", type=int, default=1, help="nbgrader processes to run side by side")
    sheet = sub.add_parser("sheet", help="grading sheet (CSV) with the rubric: export, or import into the gradebook")
    sheet.add_argument("action", choices=["export", "import", "import-journals", "journal-feedback"],
                       help="import-journals <module> <folder>: journal submission files into the sheet; "
                       "journal-feedback <module>: feedback files for them (grading/journals.py)")
    sheet.add_argument("module")
    sheet.add_argument("file", nargs="?", type=Path, help="the sheet (default: grading/<module>-sheet.csv)")
    sheet.add_argument("--course", **course)
    sheet.add_argument("--force", action="store_true", help="export: replace an existing sheet")


def grading_command(args) -> int:
    from . import grading

    if args.command == "sources":
        status = check()
        if not status:
            for path in grading.write_source_notebooks():
                print(f"wrote {path}")
        return status
    root = args.course or (Path.cwd() if (Path.cwd() / "nbgrader_config.py").exists() else EXERCISES)
    try:
        if args.command == "autograde":
            return grading.autograde(root, args.module, force=args.force, jobs=max(1, args.jobs))
        if args.action in ("import-journals", "journal-feedback"):
            return journals_command(root, args)
        if args.action == "export":
            path, rows = grading.export_sheet(root, args.module, args.file, force=args.force)
            print(f"wrote {path}: {rows} rows; fill in the criterion columns and the comment, then "
                  f"`python -m coursekit sheet import {args.module}`")
        else:
            path = args.file or grading.default_sheet(root, args.module)
            count = grading.import_sheet(root, args.module, path)
            print(f"{path}: {count} answers graded in the gradebook")
    except grading.GradingError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    return 0


def journals_command(root: Path, args) -> int:
    from .grading import journals

    if args.action == "journal-feedback":
        journals.journal_feedback(root, args.module)
        return 0
    if args.file is None:
        print(f"sheet import-journals: give the folder of submission files: "
              f"python -m coursekit sheet import-journals {args.module} <folder>", file=sys.stderr)
        return 2
    return journals.import_journals(root, args.module, args.file)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every scenario and reflection file")
    sub.add_parser("notebooks", help="write notebooks/<module>.ipynb from the content data")
    review = sub.add_parser("paths", help="write every distinct path of scenarios to _build/paths/<id>.md")
    review.add_argument("which", help="a scenario id, a module (module1 or 1), or all")
    sub.add_parser("schema", help="write the JSON Schemas for editors, exercises/schema/*.schema.json")
    add_grading_commands(sub)
    add_facilitator_commands(sub)
    args = parser.parse_args(argv)
    if getattr(args, "run", None):  # commands that bring their own runner (coursekit.facilitator_commands)
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
    if args.command in ("sources", "autograde", "sheet"):
        return grading_command(args)
    status = check()
    if status:
        return status
    from .notebooks import write_learner_notebooks

    for path in write_learner_notebooks():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
