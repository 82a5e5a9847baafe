"""What the scenario front end is given, its start view written ahead in the page, and the
one ES module anywidget loads."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .content.paths import normalize
from .readings import reading_sections
from .textformat import to_html

ASSETS = Path(__file__).resolve().parent / "assets"
PLAYER = ASSETS / "coursekit"
SCENARIO_JS = PLAYER / "scenario.js"
SCENARIO_CSS = PLAYER / "scenario.css"
# Never in the learner's view: the loader's bookkeeping and the facilitator's notes.
NOT_FOR_LEARNERS = ("source", "facilitator")
NOT_FOR_LEARNERS_IN_A_CHOICE = ("model",)


def normalize_scenario(scenario: dict) -> dict:
    """The scenario in the player's normalized form (content.paths.normalize), without what
    is not for learners (the facilitator's notes, which choices are the model ones)."""
    data = normalize({k: v for k, v in scenario.items() if k not in NOT_FOR_LEARNERS})
    for node in data["nodes"]:
        node["choices"] = [
            {k: v for k, v in c.items() if k not in NOT_FOR_LEARNERS_IN_A_CHOICE}
            for c in node["choices"]
        ]
    return data


def player_data(scenario: dict, sections: dict[str, dict] | None = None) -> dict:
    """The scenario as the front end reads it: normalized, each choice's reading label
    resolved to {label, title, doc}, and nothing that is not for learners."""
    sections = reading_sections() if sections is None else sections
    data = normalize_scenario(scenario)
    for node in data["nodes"]:
        for choice in node["choices"]:
            label = choice.get("reading")
            found = sections.get(label) if label else None
            choice["reading"] = (
                {"label": label, "title": found["title"], "doc": found["doc"]} if found else None
            )
    return data


def script_json(data) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def most_decisions(data: dict) -> int:
    """As mostDecisions() in paths.js: the most decisions on any path from the first node."""
    nodes = {n["id"]: n for n in data["nodes"]}
    memo: dict[str, int] = {}

    def depth(node_id: str) -> int:
        if node_id not in nodes:
            return 0
        if node_id not in memo:
            memo[node_id] = 1
            memo[node_id] = 1 + max(
                depth(v["next"]) for c in nodes[node_id]["choices"] for v in c["next"]
            )
        return memo[node_id]

    return depth(data["nodes"][0]["id"]) if data["nodes"] else 0


def start_view_html(data: dict) -> str:
    """The player's start screen as startView() in scenario.js draws it, written into the page
    so that mounting the player shifts nothing. Every text is escaped."""
    e = html.escape
    total = most_decisions(data)
    note = (
        f'<div class="ck-note" role="note"><strong>Content note: </strong>{e(data["content_note"])}</div>'
        if data.get("content_note")
        else ""
    )
    return (
        f'<section class="ck-scenario" aria-label="Scenario: {e(data["title"])}" data-view="start">'
        '<p class="ck-notice" role="status"></p><div class="ck-stale" role="alert"></div>'
        f'<div class="ck-bar">{total} decision{"" if total == 1 else "s"} at most</div>'
        f'<div class="ck-body"><p class="ck-title">{e(data["title"])}</p>{note}'
        f'<div class="ck-text">{to_html(data["opening"])}</div></div>'
        '<div class="ck-live" aria-live="polite"></div><div class="ck-controls">'
        '<button type="button" class="ck-button ck-primary">Begin</button></div></section>'
    )


def mount_html(data: dict) -> str:
    """The static page's mount point: the data, and the start view that scenario-page.js
    replaces with the live player."""
    return (
        f'<div class="coursekit-scenario" data-coursekit-scenario="{html.escape(data["id"])}">'
        f'<script type="application/json">{script_json(data)}</script>'
        f'<div class="ck-stage">{start_view_html(data)}</div>'
        f"<noscript><p>This scenario, &ldquo;{html.escape(data['title'])}&rdquo;, needs JavaScript "
        "to play. Everything it needs is part of this site.</p></noscript></div>"
    )


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
