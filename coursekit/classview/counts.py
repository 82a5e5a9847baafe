"""How many learners took each choice and reached each ending, with small counts hidden.

Rule (k = 5): a count under 5 (0 included) is shown as "fewer than 5". So that the hidden
counts of a group (the choices at one decision, or the endings) cannot be worked out by
subtracting the shown ones from the learners who got there, when the hidden counts of a
group add up to more than 0, its smallest shown count is hidden too ("hidden"). With fewer
than 5 learners in all, nothing is shown.
No individual path is kept: only these totals leave this module."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from ..content import PlayerScenario
from ..content.paths import Steps, replay

K = 5
FEWER = f"fewer than {K}"
HIDDEN = "hidden"


@dataclass
class Tally:
    """The raw totals, before hiding: learners, and how many took each choice (node id,
    index), each arrow (node id, index, target) and reached each ending."""

    learners: int
    choices: dict[tuple[str, int], int]
    edges: dict[tuple[str, int, str], int]
    endings: dict[str, int]


@dataclass
class Shown:
    """The totals as text, safe to show; ``shown`` is False when too few learners played."""

    learners: str
    shown: bool
    choices: dict[tuple[str, int], str] = field(default_factory=dict)
    endings: dict[str, str] = field(default_factory=dict)
    withheld: str = ""  # why the counts of enough learners are not drawn (cohorts.py)


def tally(scenario: PlayerScenario, paths: list[Steps]) -> Tally:
    choices: Counter[tuple[str, int]] = Counter()
    edges: Counter[tuple[str, int, str]] = Counter()
    endings: Counter[str] = Counter()
    ending_ids = {e.id for e in scenario.endings}
    for steps in paths:
        for step in replay(scenario, steps):
            choices[(step.node.id, step.index)] += 1
            edges[(step.node.id, step.index, step.next)] += 1
            if step.next in ending_ids:
                endings[step.next] += 1
    return Tally(len(paths), dict(choices), dict(edges), dict(endings))


K_ = TypeVar("K_")


def _hide_group(counts: dict[K_, int]) -> dict[K_, str]:
    """{key: count} -> {key: text} with the rule above."""
    shown = {k: (FEWER if n < K else str(n)) for k, n in counts.items()}
    if sum(n for n in counts.values() if n < K) > 0:
        visible = [(n, i) for i, (k, n) in enumerate(counts.items()) if n >= K]
        if visible:
            shown[list(counts)[min(visible)[1]]] = HIDDEN
    return shown


def suppressed(scenario: PlayerScenario, raw: Tally) -> Shown:
    if raw.learners < K:
        return Shown(FEWER, False)
    choices: dict[tuple[str, int], str] = {}
    for node in scenario.nodes:
        group = {(node.id, i): raw.choices.get((node.id, i), 0) for i in range(len(node.choices))}
        choices.update(_hide_group(group))
    endings = _hide_group({e.id: raw.endings.get(e.id, 0) for e in scenario.endings})
    return Shown(str(raw.learners), True, choices, endings)
