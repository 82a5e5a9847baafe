"""How many learners took each choice and reached each ending, with small counts hidden.

Rule (k = 5): a count under 5 (0 included) is shown as "fewer than 5". So that the hidden
counts of a group (the choices at one decision, or the endings) cannot be worked out by
subtracting the shown ones from the learners who got there, when the hidden counts of a
group add up to more than 0, its smallest shown count is hidden too ("hidden"). With fewer
than 5 learners in all, nothing is shown.
No individual path is kept: only these totals leave this module."""

from __future__ import annotations

from collections import Counter

from ..content.paths import replay

K = 5
FEWER = f"fewer than {K}"
HIDDEN = "hidden"


def tally(scenario: dict, paths: list[list[tuple[str, int]]]) -> dict:
    """{"learners": n, "choices": {(node, index): n}, "edges": {(node, index, target): n},
    "endings": {ending id: n}} (the raw totals, before hiding)."""
    choices, edges, endings = Counter(), Counter(), Counter()
    ending_ids = {e["id"] for e in scenario["endings"]}
    for steps in paths:
        for step in replay(scenario, steps):
            choices[(step["node"]["id"], step["index"])] += 1
            edges[(step["node"]["id"], step["index"], step["next"])] += 1
            if step["next"] in ending_ids:
                endings[step["next"]] += 1
    return {
        "learners": len(paths),
        "choices": dict(choices),
        "edges": dict(edges),
        "endings": dict(endings),
    }


def _hide_group(counts: dict) -> dict:
    """{key: count} -> {key: text} with the rule above."""
    shown = {k: (FEWER if n < K else str(n)) for k, n in counts.items()}
    if sum(n for n in counts.values() if n < K) > 0:
        visible = [(n, i) for i, (k, n) in enumerate(counts.items()) if n >= K]
        if visible:
            shown[list(counts)[min(visible)[1]]] = HIDDEN
    return shown


def suppressed(scenario: dict, raw: dict) -> dict:
    """The totals as text, safe to show: {"learners", "choices": {(node, i): text},
    "endings": {id: text}, "shown": bool}."""
    if raw["learners"] < K:
        return {"learners": FEWER, "shown": False, "choices": {}, "endings": {}}
    choices: dict = {}
    for node in scenario["nodes"]:
        group = {
            (node["id"], i): raw["choices"].get((node["id"], i), 0)
            for i in range(len(node["choices"]))
        }
        choices.update(_hide_group(group))
    endings = _hide_group({e["id"]: raw["endings"].get(e["id"], 0) for e in scenario["endings"]})
    return {"learners": str(raw["learners"]), "shown": True, "choices": choices, "endings": endings}
