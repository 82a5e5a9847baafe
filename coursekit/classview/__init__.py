"""``python -m coursekit class-view <module>``: a private class map of choices, for the
debrief. Reads progress files in nbgrader submissions and "share my path" files, and
writes one HTML page of counts with small counts hidden (counts.py), each learner counted
once (collect.py), and no counts a comparison with an earlier view could break (cohorts.py)."""

from __future__ import annotations

from pathlib import Path

from ..content import EXERCISES, ContentError, PlayerScenario, load_all, load_course
from . import cohorts
from .collect import Found, from_shared, from_submissions, module_scenarios
from .counts import K, Shown, suppressed, tally
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
        else {sid: {} for sid in scenarios}
    )
    sources = [f"submissions in {submitted}"]
    if shared is not None:
        if not shared.is_dir():
            raise ContentError([f"{shared}: folder: not found (the folder of shared-path files)"])
        from_shared(shared, scenarios, problems, found)
        sources.append(f"shared paths in {shared}")
    sections = _withhold_close(
        found, scenarios, cohorts.memory_path(submitted, module.id), problems
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(module, sections, " and ".join(sources), problems), encoding="utf-8")
    return out, problems


def _withhold_close(
    found: Found, scenarios: dict[str, PlayerScenario], memory: Path, problems: list[str]
) -> list[tuple[PlayerScenario, Shown]]:
    """Each scenario's counts, drawn unless an earlier view of a cohort too close to this one
    would let the two be compared; the drawn cohorts are remembered."""
    earlier, problem = cohorts.read(memory)
    if problem:
        problems.append(problem)
    sections: list[tuple[PlayerScenario, Shown]] = []
    drawn: dict[str, list[str]] = {}
    for sid, scenario in scenarios.items():
        view = suppressed(scenario, tally(scenario, list(found[sid].values())))
        learners = cohorts.hashed(found[sid])
        close = cohorts.too_close(earlier.get(sid, []), learners)
        reason = "the class view's memory of earlier views cannot be read" if problem else ""
        if close:
            reason = (
                f"its learners differ from the view drawn {close[1]} by {close[0]}, fewer than "
                f"{K}, so comparing the two would show their paths; it is drawn again when "
                f"{K - close[0]} more have played it"
            )
        if view.shown and reason:
            problems.append(f"{sid}: not drawn: {reason}")
            view = Shown(view.learners, False, withheld=reason)
        elif view.shown:
            drawn[sid] = learners
        sections.append((scenario, view))
    if not problem:
        cohorts.remember(memory, earlier, drawn)
    return sections


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
