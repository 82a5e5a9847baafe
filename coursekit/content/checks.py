"""Checks that span a whole scenario: ids, the graph (graphlib), the size limits, and facts.

Each check returns problems as (location, reason); the loader adds the file and the line.
The limits come before any walk over paths, so a huge scenario costs nothing to refuse.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter
from typing import Any

from .models import PlayerScenario, Reflections
from .paths import Steps, all_paths, replay
from .variants import dead_variants, variant_places

MAX_DECISIONS = 60
MAX_PATHS = 500
Loc = tuple[Any, ...]
Problems = list[tuple[Loc, str]]


def check_scenario(s: PlayerScenario) -> Problems:
    problems = _ids_and_targets(s)
    if problems:
        return problems
    edges = {n.id: [v.next for c in n.choices for v in c.next] for n in s.nodes}
    problems = _graph(s, edges)
    if problems:
        return problems
    problems = _limits(s, edges)
    if problems:
        return problems
    paths = all_paths(s)
    return _reach_and_facts(s, paths) or dead_variants(s, paths)


def _ids_and_targets(s: PlayerScenario) -> Problems:
    problems: Problems = []
    seen: dict[str, str] = {}
    places = [("nodes", i, n.id) for i, n in enumerate(s.nodes)]
    places += [("endings", i, e.id) for i, e in enumerate(s.endings)]
    for kind, i, place in places:
        if place in seen:
            problems.append(
                ((kind, i, "id"), f"duplicate id '{place}' (also used by {seen[place]})")
            )
        seen.setdefault(place, f"{kind}[{i}]")
    for i, node in enumerate(s.nodes):
        for j, choice in enumerate(node.choices):
            plain = len(choice.next) == 1
            for k, v in enumerate(choice.next):
                if v.next not in seen:
                    loc = ("nodes", i, "choices", j, "next") + (() if plain else (k, "next"))
                    problems.append((loc, f"'{v.next}' is not the id of a node or an ending"))
    return problems


def _graph(s: PlayerScenario, edges: dict[str, list[str]]) -> Problems:
    problems: Problems = []
    try:
        TopologicalSorter(edges).prepare()
    except CycleError as exc:
        cycle = list(exc.args[1])
        if cycle[1] not in edges.get(cycle[0], []):
            cycle.reverse()
        problems.append(
            (
                ("nodes",),
                "choices lead round in a circle: "
                + " -> ".join(cycle)
                + " (use the Back button instead)",
            )
        )
    reached, todo = set(), [s.nodes[0].id]
    while todo:
        here = todo.pop()
        if here not in reached:
            reached.add(here)
            todo.extend(edges.get(here, []))
    for i, node in enumerate(s.nodes):
        if node.id not in reached:
            problems.append((("nodes", i), f"'{node.id}' cannot be reached from the first node"))
    for e in s.endings:
        if e.id not in reached:
            problems.append((("endings",), f"'{e.id}' cannot be reached from the first node"))
    finishing = {e.id for e in s.endings}
    changed = True
    while changed:
        changed = False
        for nid, targets in edges.items():
            if nid not in finishing and any(t in finishing for t in targets):
                finishing.add(nid)
                changed = True
    for i, node in enumerate(s.nodes):
        if node.id in reached and node.id not in finishing:
            problems.append((("nodes", i), f"no ending can be reached from '{node.id}'"))
    return problems


def _limits(s: PlayerScenario, edges: dict[str, list[str]]) -> Problems:
    """Longest path and number of paths, counted on the graph (every target of a conditional
    next counts): exact without conditions, an upper bound with them."""
    targets = {n.id: [{v.next for v in c.next} for c in n.choices] for n in s.nodes}
    longest: dict[str, int] = {}
    count: dict[str, int] = {}
    for nid in TopologicalSorter(
        {k: set(v) for k, v in edges.items()}
    ).static_order():  # targets first
        if nid not in edges:
            longest[nid], count[nid] = 0, 1
            continue
        longest[nid] = 1 + max(longest[t] for t in edges[nid])
        count[nid] = sum(count[t] for choice in targets[nid] for t in choice)
    start = s.nodes[0].id
    problems: Problems = []
    if longest[start] > MAX_DECISIONS:
        problems.append(
            (
                ("nodes",),
                f"a path through this scenario has {longest[start]} decisions; "
                f"at most {MAX_DECISIONS} are allowed (split it into shorter scenarios)",
            )
        )
    elif count[start] > MAX_PATHS and len(all_paths(s, MAX_PATHS + 1)) > MAX_PATHS:
        problems.append(
            (
                ("nodes",),
                f"this scenario has more than {MAX_PATHS} distinct paths; "
                "nobody can review them all (join branches, or split it)",
            )
        )
    return problems


def _reach_and_facts(s: PlayerScenario, paths: list[Steps]) -> Problems:
    problems: Problems = []
    node_index = {n.id: i for i, n in enumerate(s.nodes)}
    seen_at: dict[Loc, set[str]] = {}  # place -> facts that may hold there (union over paths)
    reached: set[str] = set()

    def note(loc: Loc, facts: frozenset[str]) -> None:
        seen_at.setdefault(loc, set()).update(facts)

    for steps in paths:
        for st in replay(s, steps):
            i, j = node_index[st.node.id], st.index
            reached.add(st.node.id)
            note(("nodes", i, "text"), st.before)
            note(("nodes", i, "choices", j, "feedback"), st.after)
            note(("nodes", i, "choices", j, "next"), st.after)
            if st.next not in node_index:
                reached.add(st.next)
                e = next(k for k, e in enumerate(s.endings) if e.id == st.next)
                note(("endings", e, "text"), st.after)
                note(("endings", e, "debrief"), st.after)
    for i, node in enumerate(s.nodes):
        if node.id not in reached:
            problems.append(
                (
                    ("nodes", i),
                    f"'{node.id}' is reached on no path: the conditions never lead there",
                )
            )
    for i, ending in enumerate(s.endings):
        if ending.id not in reached:
            problems.append(
                (
                    ("endings", i),
                    f"'{ending.id}' is reached on no path: the conditions never lead there",
                )
            )

    set_where: dict[str, Loc] = {}
    for i, node in enumerate(s.nodes):
        for j, choice in enumerate(node.choices):
            for fact in choice.remember:
                set_where.setdefault(fact, ("nodes", i, "choices", j, "remember"))
    used: set[str] = set()
    for loc, variants in variant_places(s):
        for k, v in enumerate(variants):
            for cond in v.when:
                fact = cond.removeprefix("not ")
                used.add(fact)
                where = loc + (k, "when")
                if fact not in set_where:
                    problems.append((where, f"fact '{fact}' is remembered by no choice"))
                elif loc in seen_at and fact not in seen_at[loc]:
                    problems.append(
                        (where, f"fact '{fact}' is remembered on no path before this point")
                    )
    for fact, loc in set_where.items():
        if fact not in used:
            problems.append(
                (loc, f"fact '{fact}' is used by no condition (remove it, or vary a text on it)")
            )
    return problems


def check_reflections(reflections: Reflections) -> Problems:
    problems: Problems = []
    seen = set()
    for i, prompt in enumerate(reflections.prompts):
        if prompt.id in seen:
            problems.append((("prompts", i, "id"), f"duplicate id '{prompt.id}'"))
        seen.add(prompt.id)
        total = sum(c.max for c in prompt.rubric)
        if total != prompt.points:
            problems.append(
                (
                    ("prompts", i, "rubric"),
                    f"criteria add up to {total} points but the prompt is worth {prompt.points}",
                )
            )
    return problems
