"""What the paths of one scenario say about its consequences (exercises/README.md,
"Teaching checks"): is the ending fixed by the last decision alone, which earlier decisions
change which node or ending comes later, and can every early mistake be undone by one right
last move with no trace in the ending.

Works on the player form (``Scenario.play``); every path is walked once
(``played``) and the measures read those walks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import PlayerScenario
from .paths import Facts, all_paths, choose, resolve

Chosen = tuple[str, int]  # a choice made: (node id, choice index)


@dataclass(frozen=True)
class Played:
    """One path: its steps (node id, choice index), the facts after each step, the ending
    reached, and that ending's text and debrief as this path reads them."""

    steps: tuple[Chosen, ...]
    facts: tuple[Facts, ...]
    ending: str
    text: str
    debrief: str

    @property
    def outcome(self) -> tuple[str, str, str]:
        return self.ending, self.text, self.debrief


def played(s: PlayerScenario, limit: int | None = None) -> list[Played]:
    nodes = {n.id: n for n in s.nodes}
    endings = {e.id: e for e in s.endings}
    out = []
    for steps in all_paths(s, limit):
        facts: Facts = frozenset()
        after: list[Facts] = []
        target = ""
        for node_id, index in steps:
            facts, target = choose(nodes[node_id].choices[index], facts)
            after.append(facts)
        end = endings[target]
        out.append(
            Played(
                tuple(steps),
                tuple(after),
                target,
                resolve(end.text, facts),
                resolve(end.debrief, facts),
            )
        )
    return out


def fixed_by_last(paths: list[Played]) -> bool:
    """True when every path that makes the same last (decision, choice) reaches the same
    ending, whatever came before."""
    ends = defaultdict(set)
    for p in paths:
        ends[p.steps[-1]].add(p.ending)
    return all(len(v) == 1 for v in ends.values())


def route_changers(paths: list[Played]) -> list[str]:
    """The decisions, in the order first met, whose choice changes which nodes or ending come
    after it, not only the wording: two paths with the same history make different choices
    there, both go on to another decision, and then meet different decisions or endings. A
    choice that ends the scenario at once is the last decision of its path, not an earlier
    one that matters later."""
    futures: dict[tuple[str, tuple[Chosen, ...]], dict[int, set[tuple[str, ...]]]] = defaultdict(
        lambda: defaultdict(set)
    )
    order: dict[str, int] = {}
    for p in paths:
        nodes = [n for n, _ in p.steps]
        for k, (node, index) in enumerate(p.steps[:-1]):
            order.setdefault(node, len(order))
            futures[(node, p.steps[:k])][index].add((*nodes[k + 1 :], p.ending))
    changers = {
        node
        for (node, _), by_choice in futures.items()
        if len({frozenset(v) for v in by_choice.values()}) > 1
    }
    return sorted(changers, key=lambda node: order[node])


def first_choice_routes(paths: list[Played]) -> bool:
    """True when the first decision's choices lead to different nodes or endings later
    (what ../shared/tools/scenario-structure calls early-decision-changes-route)."""
    routes = defaultdict(set)
    for p in paths:
        routes[p.steps[0][1]].add((tuple(n for n, _ in p.steps[1:]), p.ending))
    return len({frozenset(v) for v in routes.values()}) > 1


def endings_after_every_first_choice(paths: list[Played]) -> bool:
    """True when every ending reached at all can still be reached whatever the first choice."""
    by_first = defaultdict(set)
    for p in paths:
        by_first[p.steps[0][1]].add(p.ending)
    every = set().union(*by_first.values())
    return all(v == every for v in by_first.values())


@dataclass(frozen=True)
class Undo:
    """Early mistakes (a choice that is not a model one, before the last decision of a path)
    and which of them one right last move undoes with no trace: the path's last choice is a
    model one and its ending reads exactly as on a path of model choices only."""

    mistakes: tuple[tuple[str, int], ...]
    undone: dict[Chosen, int]  # (node id, choice index) -> the first path that undoes it
    recovered: frozenset[
        Chosen
    ]  # mistakes after which a model last move still reaches a good ending
    good: frozenset[str]  # the endings that paths of model choices only reach

    @property
    def all_undone(self) -> bool:
        return bool(self.mistakes) and len(self.undone) == len(self.mistakes)


def undo(paths: list[Played], model: set[tuple[str, int]], marked: set[str]) -> Undo:
    """``model``: the (node id, choice index) of every model choice; ``marked``: the decisions
    that have one (a decision without a mark has no mistakes to count)."""
    good = {p.outcome for p in paths if all(st in model for st in p.steps)}
    good_endings = frozenset(ending for ending, _, _ in good)
    mistakes: dict[Chosen, int] = {}
    undone: dict[Chosen, int] = {}
    recovered: set[Chosen] = set()
    for number, p in enumerate(paths, 1):
        early = [st for st in p.steps[:-1] if st[0] in marked and st not in model]
        for st in early:
            mistakes.setdefault(st, number)
        if early and p.steps[-1] in model and p.ending in good_endings:
            recovered.update(early)
            if p.outcome in good:
                for st in early:
                    undone.setdefault(st, number)
    return Undo(
        tuple(sorted(mistakes, key=lambda st: mistakes[st])),
        undone,
        frozenset(recovered),
        good_endings,
    )
