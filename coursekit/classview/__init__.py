"""``python -m coursekit class-view <module>``: a private class map of choices, for the
debrief. Reads progress files in nbgrader submissions and "share my path" files, and
writes one HTML page of counts with small counts hidden (counts.py)."""

from __future__ import annotations

from pathlib import Path

from ..content import EXERCISES, ContentError, load_all, load_course
from .collect import from_shared, from_submissions, module_scenarios
from .counts import suppressed, tally
from .render import page


def write_class_view(
    module_name: str, submitted: Path, shared: Path | None, out: Path, exercises: Path = EXERCISES
) -> tuple[Path, list[str]]:
    course = load_course(exercises)
    module = next((m for m in course.modules if module_name in (m.id, str(m.number))), None)
    if module is None:
        raise ContentError([f"{exercises / 'course.yml'}: modules: no module '{module_name}'"])
    scenarios = module_scenarios(load_all(exercises)[0], module.number)
    problems: list[str] = []
    found = (
        from_submissions(submitted, module.id, scenarios, problems)
        if submitted.is_dir()
        else {sid: [] for sid in scenarios}
    )
    sources = [f"submissions in {submitted}"]
    if shared is not None:
        if not shared.is_dir():
            raise ContentError([f"{shared}: folder: not found (the folder of shared-path files)"])
        from_shared(shared, scenarios, problems, found)
        sources.append(f"shared paths in {shared}")
    sections = [(s, suppressed(s, tally(s, found[sid]))) for sid, s in scenarios.items()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(module, sections, " and ".join(sources), problems), encoding="utf-8")
    return out, problems


def main(args) -> int:
    out = Path(args.out or f"_build/class-view/{args.module}.html")
    try:
        path, problems = write_class_view(
            args.module, Path(args.submitted), Path(args.shared) if args.shared else None, out
        )
    except ContentError as exc:
        print("\n".join(exc.problems))
        return 1
    for problem in problems:
        print(problem)
    print(f"wrote {path}")
    return 0


def add_commands(sub) -> None:
    view = sub.add_parser(
        "class-view",
        help="how many learners took each choice (small counts hidden), as an HTML page",
    )
    view.add_argument("module", help="module1 or 1")
    view.add_argument(
        "--submitted", default=str(EXERCISES / "submitted"), help="nbgrader's submitted folder"
    )
    view.add_argument(
        "--shared", help="a folder of 'share my path' files learners downloaded from the page"
    )
    view.add_argument("--out", help="default _build/class-view/<module>.html")
    view.set_defaults(run=main)
