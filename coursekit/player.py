"""What the scenario front end is given, its start view written ahead in the page, and the
one ES module anywidget loads. The mount point around them is coursekit.mount's."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from .content import PlayerScenario, Scenario, Section
from .readings import reading_sections
from .textformat import to_html

ASSETS = Path(__file__).resolve().parent / "assets"
PLAYER = ASSETS / "coursekit"
SCENARIO_JS = PLAYER / "scenario.js"
SCENARIO_CSS = PLAYER / "scenario.css"
# Never in the learner's view: the facilitator's notes, and which choices are the model ones.
NOT_FOR_LEARNERS: dict[str, Any] = {
    "facilitator": True,
    "nodes": {"__all__": {"choices": {"__all__": {"model"}}}},
}


def normalize_scenario(scenario: Scenario) -> dict[str, Any]:
    """The scenario in the player's normalized form (``Scenario.play``) as JSON data, without
    what is not for learners (the facilitator's notes, which choices are the model ones)."""
    return scenario.play.model_dump(exclude=NOT_FOR_LEARNERS)


def player_data(scenario: Scenario, sections: dict[str, Section] | None = None) -> dict[str, Any]:
    """The scenario as the front end reads it (the page's JSON, the widget's state):
    normalized, each choice's reading label resolved to {label, title, doc}, and nothing that
    is not for learners."""
    sections = reading_sections() if sections is None else sections
    data = normalize_scenario(scenario)
    for node, played in zip(data["nodes"], scenario.play.nodes, strict=True):
        for choice, chosen in zip(node["choices"], played.choices, strict=True):
            found = sections.get(chosen.reading) if chosen.reading else None
            choice["reading"] = (
                {"label": chosen.reading, "title": found.title, "doc": found.doc} if found else None
            )
    return data


def most_decisions(scenario: PlayerScenario) -> int:
    """As mostDecisions() in paths.js: the most decisions on any path from the first node."""
    nodes = {n.id: n for n in scenario.nodes}
    memo: dict[str, int] = {}

    def depth(node_id: str) -> int:
        if node_id not in nodes:
            return 0
        if node_id not in memo:
            memo[node_id] = 1
            memo[node_id] = 1 + max(depth(v.next) for c in nodes[node_id].choices for v in c.next)
        return memo[node_id]

    return depth(scenario.nodes[0].id) if scenario.nodes else 0


def start_view_html(scenario: PlayerScenario) -> str:
    """The player's start screen as startView() in scenario-views.js draws it, written into the page
    so that mounting the player shifts nothing. Every text is escaped."""
    e = html.escape
    total = most_decisions(scenario)
    note = (
        '<div class="ck-note" role="note"><strong>Content note: </strong>'
        f"{e(scenario.content_note)}</div>"
        if scenario.content_note
        else ""
    )
    return (
        f'<section class="ck-scenario" aria-label="Scenario: {e(scenario.title)}" '
        'data-view="start"><p class="ck-notice" role="status"></p>'
        '<div class="ck-stale" role="alert"></div>'
        f'<div class="ck-bar">{total} decision{"" if total == 1 else "s"} at most</div>'
        f'<div class="ck-body"><p class="ck-title">{e(scenario.title)}</p>{note}'
        f'<div class="ck-text">{to_html(scenario.opening)}</div></div>'
        '<div class="ck-live" aria-live="polite"></div><div class="ck-controls">'
        '<button type="button" class="ck-button ck-primary">Begin</button></div></section>'
    )


def stage_html(scenario: PlayerScenario) -> str:
    """What a scenario's mount shows before the player runs: its start view."""
    return f'<div class="ck-stage">{start_view_html(scenario)}</div>'


# import { a, b } from "./x.js";  and  export { a } from "./x.js";  (one line each)
IMPORT = re.compile(r'^(import|export) \{[^}]*\} from "\./([\w-]+\.js)";\n', re.M)


def player_esm(entry: Path = SCENARIO_JS) -> str:
    """scenario.js with the sibling modules it imports inlined: anywidget loads its module
    from a blob: URL, where relative imports cannot resolve. Each file is inlined once."""
    seen: set[str] = set()

    def inline(path: Path) -> str:
        seen.add(path.name)
        source = path.read_text(encoding="utf-8")

        def replace(match: re.Match) -> str:
            if match.group(1) == "export" or match.group(2) in seen:
                return ""  # the inlined module's own exports are the bundle's exports
            return (
                f"// ---- {match.group(2)}\n"
                + inline(path.parent / match.group(2))
                + f"// ---- {path.name}\n"
            )

        return IMPORT.sub(replace, source)

    return inline(entry)


def discussion_payload(scenario: Scenario, sections: dict[str, Section]) -> dict[str, Any]:
    """What discussion mode is given (the book's pages, the room server's projector page): the
    scenario as the player reads it, plus the facilitator's notes (or None), as JSON."""
    notes = scenario.facilitator.model_dump() if scenario.facilitator else None
    return {"scenario": player_data(scenario, sections), "notes": notes}
