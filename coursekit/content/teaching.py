"""The teaching checks of ``coursekit check`` (exercises/README.md, "Teaching checks"):
consequences per scenario, model choices per module, and a report of both.

Every finding is a warning, and an error under ``coursekit check --strict``. Findings read
``path: field: reason (line N)``. The words that mark an answer come from
``exercises/checks.yml`` (``TeachingConfig``); without that file, the defaults below.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from . import consequences as cq
from . import shapes, tells
from .errors import ContentError, from_validation, line_of, problem
from .fields import Strict, Text
from .load import source_lines
from .models import Scenario
from .yamlfile import read_content_file

CONFIG = "checks.yml"
FIXED_BY_LAST_SHARE = 0.2  # of a course's scenarios, at most this share may end by the last choice
DEFAULT_MARKERS = ("ask", "listen", "check in", "if she agrees", "consent")
DEFAULT_CLOSERS = ("thank", "owes you", "that is all", "nothing back")


Found = tuple[str, tuple[Any, ...], str]  # (source, location, reason)


class TeachingConfig(Strict):
    marker_words: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_MARKERS),
        description="words or phrases that mark the answer when only the model choice uses them",
    )
    closer_words: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_CLOSERS),
        description="words or phrases that mark a good ending when many close on them",
    )


def load_config(root: Path) -> TeachingConfig:
    path = Path(root) / CONFIG
    if not path.exists():
        return TeachingConfig()
    data, lines = read_content_file(path)
    if not isinstance(data, dict):
        raise ContentError([f"{path}: file: must be a YAML mapping of fields"])
    try:
        return TeachingConfig.model_validate(data)
    except ValidationError as exc:
        raise ContentError(from_validation(path, exc, TeachingConfig, lines)) from None


@dataclass
class Report:
    scenarios: list[str] = field(default_factory=list)  # one summary line per scenario
    modules: list[str] = field(default_factory=list)  # one per module, then the course
    findings: list[str] = field(default_factory=list)  # path: field: reason (line N)


@dataclass
class Measured:
    id: str
    source: str
    module: int
    paths: list[cq.Played]
    fixed: bool
    changers: list[str]
    undo: cq.Undo | None


def measure(scenario: Scenario) -> Measured:
    s = scenario.play
    paths = cq.played(s)
    model = {(n.id, j) for n in s.nodes for j, c in enumerate(n.choices) if c.model}
    marked = {node for node, _ in model}
    return Measured(
        s.id,
        scenario.source,
        s.module,
        paths,
        cq.fixed_by_last(paths),
        cq.route_changers(paths),
        cq.undo(paths, model, marked) if model else None,
    )


def teaching_report(scenarios: dict[str, Scenario], config: TeachingConfig | None = None) -> Report:
    config = config or TeachingConfig()
    report, found = Report(), []
    ordered = sorted(scenarios.values(), key=lambda s: s.source)
    measured = [measure(s) for s in ordered]
    for m in measured:
        report.scenarios.append(_scenario_line(m))
        found += _consequence_findings(m)
    fixed = [m for m in measured if m.fixed]
    if len(fixed) > FIXED_BY_LAST_SHARE * len(measured):
        found += [
            (
                m.source,
                ("nodes",),
                "the ending is fixed by the last decision alone (after any history the same "
                f"last choice reaches the same ending), as in {len(fixed)} of {len(measured)} "
                f"scenarios; at most a fifth may be: let an earlier choice change where a last "
                "move lands",
            )
            for m in fixed
        ]
    by_module: dict[int, list[tuple[Scenario, Measured]]] = defaultdict(list)
    for s, m in zip(ordered, measured, strict=True):
        by_module[s.module].append((s, m))
    for number, items in sorted(by_module.items()):
        line, more = _module(number, items, config)
        report.modules.append(line)
        found += more
    inert = sum(not m.changers for m in measured)
    report.modules.append(
        f"course: ending fixed by the last decision in {len(fixed)} of {len(measured)} scenarios; "
        f"no earlier decision changes what comes later in {inert} of {len(measured)}"
    )
    found.sort(key=lambda f: (f[0], _line(f) or 0))
    report.findings = [problem(src, loc, reason, source_lines(src)) for src, loc, reason in found]
    return report


def _line(f: Found) -> int | None:
    return line_of(f[1], source_lines(f[0])) if Path(f[0]).is_file() else None


def _scenario_line(m: Measured) -> str:
    parts = [
        f"{m.id}: {len(m.paths)} paths",
        f"ending fixed by the last decision: {'yes' if m.fixed else 'no'}",
        "decisions that change what comes later: " + (", ".join(m.changers) or "none"),
    ]
    if m.undo is None:
        parts.append("model choices: none marked")
    else:
        parts.append(
            f"early mistakes after which one right last move still reaches a good ending: "
            f"{len(m.undo.recovered)} of {len(m.undo.mistakes)}, with no trace "
            f"{len(m.undo.undone)}"
        )
    return "; ".join(parts)


def _consequence_findings(m: Measured) -> list[Found]:
    out: list[Found] = []
    if not m.changers:
        out.append(
            (
                m.source,
                ("nodes",),
                "no earlier decision changes which decision or ending comes later, only the "
                "wording: give one a real branch, or a conditional next on a remembered fact",
            )
        )
    if m.undo and m.undo.all_undone:
        best = max(m.undo.undone.values(), key=lambda n: _mistakes_on(m, n))
        p = m.paths[best - 1]
        out.append(
            (
                m.source,
                ("nodes",),
                f"every early mistake ({len(m.undo.mistakes)}) can be undone by one right last "
                f"move with no trace in the ending: path {best} of `coursekit paths {m.id}` "
                f"makes {_mistakes_on(m, best)} and still reaches '{p.ending}' word for word as "
                "the model choices do; let a serious mistake cost something on some path",
            )
        )
    return out


def _mistakes_on(m: Measured, number: int) -> int:
    mistakes = m.undo.mistakes if m.undo else ()
    return sum(st in mistakes for st in m.paths[number - 1].steps[:-1])


def _module(
    number: int, items: list[tuple[Scenario, Measured]], config: TeachingConfig
) -> tuple[str, list[Found]]:
    name = f"module {number}"
    scenarios = [s for s, _ in items]
    measured = [m for _, m in items]
    found = tells.unmarked(scenarios)
    parts = [
        f"{name}: {len(items)} scenarios",
        f"ending fixed by the last decision in {sum(m.fixed for m in measured)}",
        f"no earlier decision changes what comes later in {sum(not m.changers for m in measured)}",
    ]
    for check in (tells.positions, tells.lengths):
        summary, more = check(name, scenarios)
        parts += [summary] if summary else []
        found += more
    good = {m.id: m.undo.good for m in measured if m.undo}
    for summary, more in (
        tells.marker_words(name, scenarios, config.marker_words),
        shapes.feedback_shapes(name, scenarios),
        shapes.shared_closers(name, scenarios, good, config.closer_words),
    ):
        parts += [summary] if summary else []
        found += more
    if not any(m.undo for m in measured):
        parts.append("no model choices marked")
    return "; ".join(parts), found
