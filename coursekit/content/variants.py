"""Variants that can never show: an error in every mode (exercises/README.md, "Checks").

A variant never shows when its own condition cannot hold (``[x, not x]``), when an earlier
variant holds whenever it does (an empty ``when``, the same condition twice, or a narrower one
after a broader one), or when, on every path that reaches its place, an earlier variant is
the one shown. Works on the normalized scenario and its paths (``paths.all_paths``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .models import Conditional, PlayerScenario
from .paths import Facts, Steps, choose, holds

Loc = tuple[Any, ...]
Problems = list[tuple[Loc, str]]
Variants = Sequence[Conditional]


def variant_places(s: PlayerScenario) -> Iterator[tuple[Loc, Variants]]:
    """(location, variants) of every list of variants: texts, feedback, nexts, debriefs."""
    for i, node in enumerate(s.nodes):
        yield ("nodes", i, "text"), node.text
        for j, c in enumerate(node.choices):
            yield ("nodes", i, "choices", j, "feedback"), c.feedback
            yield ("nodes", i, "choices", j, "next"), c.next
    for i, e in enumerate(s.endings):
        yield ("endings", i, "text"), e.text
        yield ("endings", i, "debrief"), e.debrief


def _fact_sets(s: PlayerScenario, paths: list[Steps]) -> dict[Loc, set[Facts]]:
    """Every distinct set of facts that holds at each place, over every path."""
    nodes = {n.id: (i, n) for i, n in enumerate(s.nodes)}
    endings = {e.id: i for i, e in enumerate(s.endings)}
    seen: dict[Loc, set[Facts]] = {}
    for steps in paths:
        facts: Facts = frozenset()
        target = ""
        for node_id, j in steps:
            i, node = nodes[node_id]
            seen.setdefault(("nodes", i, "text"), set()).add(facts)
            facts, target = choose(node.choices[j], facts)
            for key in ("feedback", "next"):
                seen.setdefault(("nodes", i, "choices", j, key), set()).add(facts)
        for key in ("text", "debrief"):
            seen.setdefault(("endings", endings[target], key), set()).add(facts)
    return seen


def _static(variants: Variants) -> dict[int, str]:
    """Variants that never show whatever the facts: {index: reason}."""
    dead = {}
    for k, v in enumerate(variants[:-1]):
        conds = set(v.when)
        clash = sorted(c for c in conds if not c.startswith("not ") and f"not {c}" in conds)
        if not conds:
            dead[k] = "an empty 'when' always holds, so no later variant can show; remove it"
            break
        if clash:
            dead[k] = f"can never show: its 'when' asks for both '{clash[0]}' and 'not {clash[0]}'"
        for j, earlier in enumerate(variants[:k]):
            if k in dead:
                break
            before = set(earlier.when)
            if before == conds:
                dead[k] = f"can never show: variant {j} has the same condition and comes first"
            elif before < conds:
                dead[k] = (
                    f"can never show: variant {j} comes first and holds whenever this one does "
                    f"({_cond(earlier.when)} is part of {_cond(v.when)})"
                )
    return dead


def _cond(when: list[str]) -> str:
    return "[" + ", ".join(when) + "]"


def dead_variants(s: PlayerScenario, paths: list[Steps]) -> Problems:
    """``paths`` as ``paths.all_paths`` lists them."""
    problems: Problems = []
    seen = _fact_sets(s, paths)
    for loc, variants in variant_places(s):
        if len(variants) < 2:
            continue
        dead = _static(variants)
        sets = seen.get(loc)
        for k, v in enumerate(variants[:-1]):
            where = loc + (k, "when")
            if k in dead:
                problems.append((where, dead[k]))
                if not v.when:
                    break
                continue
            if sets is None:
                continue  # a place no path reaches is reported by the graph checks
            hold = [f for f in sets if holds(v.when, f)]
            shown = [f for f in hold if not any(holds(e.when, f) for e in variants[:k])]
            if not hold:
                problems.append(
                    (where, f"never shows: {_cond(v.when)} holds on no path that reaches here")
                )
            elif not shown:
                first = next(
                    j for j, e in enumerate(variants[:k]) if any(holds(e.when, f) for f in hold)
                )
                problems.append(
                    (
                        where,
                        f"never shows: on every path where {_cond(v.when)} holds, "
                        f"an earlier variant (variant {first}) is shown instead",
                    )
                )
    return problems
