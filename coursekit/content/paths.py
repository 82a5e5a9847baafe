"""The path semantics of a scenario (exercises/README.md, "Scenarios that remember").

Everything here works on the player's normalized form (``normalize``): every text a list of
``{when, text}``, every next a list of ``{when, next}``, the default last with ``when: []``.
The JS player (scenario.js ``validPath``) follows the same rules; tests/fixtures/path-cases.json
pins both.
"""

from __future__ import annotations


def _when(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _variants(value, key: str) -> list[dict]:
    if isinstance(value, str):
        return [{"when": [], key: value}]
    return [{"when": _when(v.get("when")), key: v[key]} for v in value]


def normalize(scenario: dict) -> dict:
    """The scenario as the player reads it (author form or already normalized)."""
    out = dict(scenario)
    out["nodes"] = [
        {
            **node,
            "ask": node.get("ask"),
            "text": _variants(node["text"], "text"),
            "choices": [
                {
                    **choice,
                    "remember": _when(choice.get("remember")),
                    "feedback": _variants(choice["feedback"], "text"),
                    "reading": choice.get("reading"),
                    "next": _variants(choice["next"], "next"),
                }
                for choice in node["choices"]
            ],
        }
        for node in scenario["nodes"]
    ]
    out["endings"] = [
        {**e, "text": _variants(e["text"], "text"), "debrief": _variants(e["debrief"], "text")}
        for e in scenario["endings"]
    ]
    return out


def holds(when: list[str], facts) -> bool:
    return all((c[4:] not in facts) if c.startswith("not ") else (c in facts) for c in when)


def resolve(variants: list[dict], facts, key: str = "text"):
    """The first variant whose condition holds (the last always does)."""
    for v in variants:
        if holds(v["when"], facts):
            return v[key]
    return None


def choose(choice: dict, facts: frozenset) -> tuple[frozenset, str]:
    """(the facts after making ``choice``, where it leads)."""
    after = facts | set(choice["remember"])
    return after, resolve(choice["next"], after, "next")


def valid_path(scenario: dict, path) -> list[dict]:
    """The stored path cut at the first step that does not fit: each kept step is
    ``{node, choice}`` plus ``words`` when that was text. Takes the author or the normalized form."""
    return walk(normalize(scenario), path)["kept"]


def walk(scenario: dict, path) -> dict:
    """Follow a stored path: {kept, facts, here, shown, feedback} as the player shows it."""
    nodes = {n["id"]: n for n in scenario["nodes"]}
    endings = {e["id"]: e for e in scenario["endings"]}
    here = scenario["nodes"][0]["id"]
    facts: frozenset = frozenset()
    kept, feedback = [], None
    for step in path if isinstance(path, list) else []:
        node = nodes.get(here)
        if node is None or not isinstance(step, dict) or step.get("node") != here:
            break
        index = step.get("choice")
        if (
            not isinstance(index, int)
            or isinstance(index, bool)
            or not 0 <= index < len(node["choices"])
        ):
            break
        choice = node["choices"][index]
        facts, here = choose(choice, facts)
        feedback = resolve(choice["feedback"], facts)
        kept.append(
            {
                "node": node["id"],
                "choice": index,
                **({"words": step["words"]} if isinstance(step.get("words"), str) else {}),
            }
        )
    place = nodes.get(here) or endings.get(here)
    return {
        "kept": kept,
        "facts": sorted(facts),
        "here": here,
        "shown": resolve(place["text"], facts) if place else None,
        "feedback": feedback,
    }


def all_paths(scenario: dict, limit: int | None = None) -> list[list[tuple[str, int]]]:
    """Every distinct path from the first node to an ending, as [(node id, choice index)],
    in the order the choices are listed. Stops after ``limit`` paths. The graph must have
    no cycle (the loader checks that first)."""
    nodes = {n["id"]: n for n in scenario["nodes"]}
    found: list[list[tuple[str, int]]] = []
    stack = [(scenario["nodes"][0]["id"], frozenset(), [])]
    while stack and (limit is None or len(found) < limit):
        here, facts, steps = stack.pop()
        node = nodes.get(here)
        if node is None:
            found.append(steps)
            continue
        for index in reversed(range(len(node["choices"]))):
            after, target = choose(node["choices"][index], facts)
            stack.append((target, after, steps + [(here, index)]))
    return found


def replay(scenario: dict, steps: list[tuple[str, int]]) -> list[dict]:
    """Each step of a path with what the learner reads: facts before and after, the
    resolved node text, the choice, its feedback, and where it leads."""
    nodes = {n["id"]: n for n in scenario["nodes"]}
    facts: frozenset = frozenset()
    out = []
    for node_id, index in steps:
        node = nodes[node_id]
        choice = node["choices"][index]
        after, target = choose(choice, facts)
        out.append(
            {
                "node": node,
                "index": index,
                "choice": choice,
                "before": facts,
                "after": after,
                "text": resolve(node["text"], facts),
                "feedback": resolve(choice["feedback"], after),
                "next": target,
            }
        )
        facts = after
    return out
