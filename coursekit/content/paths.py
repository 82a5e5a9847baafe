"""The path semantics of a scenario (exercises/README.md, "Scenarios that remember").

Everything here works on the player's normalized form, ``Scenario.play`` (a
``PlayerScenario``: every text a list of variants, every next a list of branches, the
default last with ``when: []``). The JS player (scenario.js ``validPath``) follows the same
rules; tests/fixtures/path-cases.json pins both.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from .models import Branch, PlayerChoice, PlayerNode, PlayerScenario, Variant

Facts = frozenset[str]
V = TypeVar("V", Variant, Branch)


def holds(when: Iterable[str], facts: Collection[str]) -> bool:
    return all((c[4:] not in facts) if c.startswith("not ") else (c in facts) for c in when)


def pick(variants: list[V], facts: Collection[str]) -> V:
    """The first variant whose condition holds (the last, the default, always does)."""
    for v in variants:
        if holds(v.when, facts):
            return v
    return variants[-1]


def resolve(variants: list[Variant], facts: Collection[str]) -> str:
    """The text a learner reads, given the facts that hold."""
    return pick(variants, facts).text


def choose(choice: PlayerChoice, facts: Facts) -> tuple[Facts, str]:
    """(the facts after making ``choice``, where it leads)."""
    after = facts | set(choice.remember)
    return after, pick(choice.next, after).next


@dataclass
class Walk:
    """A stored path followed: the steps kept (as stored, ``{node, choice}`` plus ``words``
    when that is text), the facts that hold, where the learner stands (a node or an ending
    id), the text shown there and the feedback of the last kept choice."""

    kept: list[dict[str, Any]]
    facts: list[str]
    here: str
    shown: str | None
    feedback: str | None


def valid_path(scenario: PlayerScenario, path: object) -> list[dict[str, Any]]:
    """The stored path cut at the first step that does not fit (see ``Walk.kept``)."""
    return walk(scenario, path).kept


def walk(scenario: PlayerScenario, path: object) -> Walk:
    """Follow a stored path (data from a file or the page: nothing in it is trusted)."""
    nodes = {n.id: n for n in scenario.nodes}
    endings = {e.id: e for e in scenario.endings}
    here = scenario.nodes[0].id
    facts: Facts = frozenset()
    kept: list[dict[str, Any]] = []
    feedback = None
    for step in path if isinstance(path, list) else []:
        node = nodes.get(here)
        if node is None or not isinstance(step, dict) or step.get("node") != here:
            break
        index = step.get("choice")
        if (
            not isinstance(index, int)
            or isinstance(index, bool)
            or not 0 <= index < len(node.choices)
        ):
            break
        choice = node.choices[index]
        facts, here = choose(choice, facts)
        feedback = resolve(choice.feedback, facts)
        words = step.get("words")
        kept.append(
            {
                "node": node.id,
                "choice": index,
                **({"words": words} if isinstance(words, str) else {}),
            }
        )
    place = nodes.get(here) or endings.get(here)
    return Walk(
        kept=kept,
        facts=sorted(facts),
        here=here,
        shown=resolve(place.text, facts) if place else None,
        feedback=feedback,
    )


Steps = list[tuple[str, int]]


def all_paths(scenario: PlayerScenario, limit: int | None = None) -> list[Steps]:
    """Every distinct path from the first node to an ending, as [(node id, choice index)],
    in the order the choices are listed. Stops after ``limit`` paths. The graph must have
    no cycle (the loader checks that first)."""
    nodes = {n.id: n for n in scenario.nodes}
    found: list[Steps] = []
    stack: list[tuple[str, Facts, Steps]] = [(scenario.nodes[0].id, frozenset(), [])]
    while stack and (limit is None or len(found) < limit):
        here, facts, steps = stack.pop()
        node = nodes.get(here)
        if node is None:
            found.append(steps)
            continue
        for index in reversed(range(len(node.choices))):
            after, target = choose(node.choices[index], facts)
            stack.append((target, after, [*steps, (here, index)]))
    return found


@dataclass
class Step:
    """One decision of a path as the learner reads it."""

    node: PlayerNode
    index: int
    choice: PlayerChoice
    before: Facts
    after: Facts
    text: str  # the node's text, resolved with the facts before the choice
    feedback: str  # the choice's feedback, resolved with the facts after it
    next: str  # where the choice leads


def replay(scenario: PlayerScenario, steps: Steps) -> list[Step]:
    """Each step of a path with what the learner reads there."""
    nodes = {n.id: n for n in scenario.nodes}
    facts: Facts = frozenset()
    out = []
    for node_id, index in steps:
        node = nodes[node_id]
        choice = node.choices[index]
        after, target = choose(choice, facts)
        out.append(
            Step(
                node=node,
                index=index,
                choice=choice,
                before=facts,
                after=after,
                text=resolve(node.text, facts),
                feedback=resolve(choice.feedback, after),
                next=target,
            )
        )
        facts = after
    return out
