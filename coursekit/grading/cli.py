"""The grading commands of ``python -m coursekit``: every problem printed as one line per
problem (``file: field: what is wrong``), never a traceback."""

from __future__ import annotations

import os
import sys
from pathlib import Path

COMMANDS = (
    "sources",
    "autograde",
    "sheet",
    "status",
    "feedback",
    "export",
    "collect",
    "roster",
    "fairness",
    "extension",
)


def add_commands(sub) -> None:
    course = dict(
        default=None,
        type=Path,
        help="the nbgrader course folder (default: the current "
        "folder if it has nbgrader_config.py, else exercises/)",
    )
    sources = sub.add_parser(
        "sources",
        help="write the nbgrader source notebooks source/<module>/ from the data, with your "
        "own exemplars from reflections-private/<module>.yml where it gives them",
    )
    sources.add_argument("--course", **course)
    grade = sub.add_parser(
        "autograde", help="nbgrader autograde for the class, with a per-student summary"
    )
    grade.add_argument("module")
    grade.add_argument("--course", **course)
    grade.add_argument("--force", action="store_true", help="grade again submissions graded before")
    grade.add_argument("--jobs", type=int, default=1, help="nbgrader processes to run side by side")
    sheet = sub.add_parser(
        "sheet", help="grading sheet (CSV) with the rubric: export, or import into the gradebook"
    )
    sheet.add_argument(
        "action",
        choices=["export", "import", "import-journals", "journal-feedback"],
        help="import-journals <module> <folder>: learners' journal submission files into the "
        "sheet; "
        "journal-feedback <module>: feedback files for them (grading/journals.py)",
    )
    sheet.add_argument("module")
    sheet.add_argument(
        "file", nargs="?", type=Path, help="the sheet (default: grading/<module>-sheet.csv)"
    )
    sheet.add_argument("--course", **course)
    sheet.add_argument("--force", action="store_true", help="export: replace an existing sheet")
    sheet.add_argument(
        "--anonymous",
        action="store_true",
        help="export: pseudonyms instead of student ids, in a shuffled order per prompt",
    )
    status = sub.add_parser(
        "status", help="who is graded, to grade, missing, blank, late or set aside"
    )
    status.add_argument("module")
    status.add_argument("--course", **course)
    for name, text in (
        ("feedback", "nbgrader generate_feedback, once every answer is graded"),
        (
            "export",
            "grades of a module as CSV (plain, Canvas or Moodle), once every answer is graded",
        ),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("module")
        cmd.add_argument("--course", **course)
        cmd.add_argument(
            "--allow-ungraded",
            action="store_true",
            help="go ahead although answers are still to grade",
        )
        if name == "export":
            cmd.add_argument("--format", choices=["plain", "canvas", "moodle"], default="plain")
            cmd.add_argument(
                "--out",
                type=Path,
                default=None,
                help="the file (default: grading/<module>-<format>.csv)",
            )
            cmd.add_argument(
                "--column",
                default=None,
                help="canvas: the gradebook column to fill, e.g. 'Module 1 (4411)' (default: "
                "the column of the imported Canvas gradebook that names the module)",
            )
    collect = sub.add_parser(
        "collect", help="file an LMS download (Canvas, Moodle, Blackboard) under submitted/"
    )
    collect.add_argument("module")
    collect.add_argument("download", type=Path, help="the downloaded .zip or folder")
    collect.add_argument("--course", **course)
    collect.add_argument(
        "--map",
        type=Path,
        default=None,
        help="a CSV of name,student lines (the names as collect prints them), or Moodle's "
        "grading worksheet: settles names that fit no one or several students",
    )
    collect.add_argument(
        "--dry-run", action="store_true", help="print the file -> student table; file nothing"
    )
    roster = sub.add_parser(
        "roster", help="import the class list from an LMS CSV into the gradebook"
    )
    roster.add_argument("file", type=Path)
    roster.add_argument("--course", **course)
    fair = sub.add_parser(
        "fairness", help="drift over grading order, and agreement between two graders"
    )
    fair.add_argument("module")
    fair.add_argument(
        "--second", type=Path, default=None, help="a second grader's sheet of the same answers"
    )
    fair.add_argument("--course", **course)
    ext = sub.add_parser(
        "extension", help="a student's own due date for a module (nbgrader's extension)"
    )
    ext.add_argument("module")
    ext.add_argument("student")
    ext.add_argument("--until", help='the new due date and time, e.g. "2026-03-08 17:00 UTC"')
    ext.add_argument("--clear", action="store_true", help="take the extension back")
    ext.add_argument("--course", **course)


def course_root(args, exercises: Path) -> Path:
    return args.course or (
        Path.cwd() if (Path.cwd() / "nbgrader_config.py").exists() else exercises
    )


def run(args, check) -> int:
    from . import GradingError
    from .common import EXERCISES

    root = course_root(args, EXERCISES)
    if args.command == "sources":
        return write_sources(root)
    bin_dir = str(Path(sys.executable).parent)  # nbgrader's gradebook runs `alembic`
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    try:
        return _dispatch(args, root)
    except GradingError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1


def write_sources(root: Path) -> int:
    """The source notebooks of the course folder ``root`` (the repository's exercises/, or an
    instructor's copy such as the hub's course folder); the reflection files they are made
    from are validated as they are read."""
    from . import GradingError
    from .sources import write_source_notebooks

    try:
        written = write_source_notebooks(root)
    except GradingError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    for path, private in written:
        print(f"wrote {path}")
        if private:
            print(
                f"  {private} of its exemplars are your own (reflections-private/): this file is "
                "now private; never commit or publish it"
            )
    return 0


def _dispatch(args, root: Path) -> int:
    if args.command == "autograde":
        from .autograding import autograde

        return autograde(root, args.module, force=args.force, jobs=max(1, args.jobs))
    if args.command == "sheet" and args.action in ("import-journals", "journal-feedback"):
        return journals_command(root, args)
    if args.command == "sheet":
        from .sheet_commands import sheet

        return sheet(root, args)
    if args.command == "status":
        from .status import print_status

        return print_status(root, args.module)
    if args.command in ("feedback", "export"):
        from .release import export, feedback

        if args.command == "feedback":
            return feedback(root, args.module, args.allow_ungraded)
        return export(root, args.module, args.format, args.out, args.allow_ungraded, args.column)
    if args.command == "collect":
        from .lms import collect

        return collect(root, args.module, args.download, args.map, args.dry_run)
    if args.command == "roster":
        from .roster import import_roster

        return import_roster(root, args.file)
    if args.command == "extension":
        from .extensions import grant

        return grant(root, args.module, args.student, args.until, args.clear)
    from .fairness import print_fairness

    return print_fairness(root, args.module, args.second)


def journals_command(root: Path, args) -> int:
    from . import journals

    if args.action == "journal-feedback":
        from .gradebook import journal_students

        written = {
            p.name.removesuffix(f"-{args.module}-feedback.json")
            for p in journals.journal_feedback(root, args.module)
        }
        print(
            f"{args.module}: feedback for {len(written)} journal learners in "
            f"feedback-journals/{args.module}/"
        )
        for student in sorted(journal_students(root, args.module) - written):
            print(f"  {student}: no feedback: none of their answers is fully graded in the sheet")
        return 0 if written else 1
    if args.file is None:
        print(
            f"sheet import-journals: give the folder of submission files: "
            f"python -m coursekit sheet import-journals {args.module} <folder>",
            file=sys.stderr,
        )
        return 2
    return journals.import_journals(root, args.module, args.file)
