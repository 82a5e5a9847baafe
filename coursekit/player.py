"""What the scenario front end is given, and the HTML mount point the static page uses."""
from __future__ import annotations

import html
import json
from pathlib import Path

from .readings import reading_sections

ASSETS = Path(__file__).resolve().parent / "assets"
SCENARIO_JS = ASSETS / "coursekit" / "scenario.js"
SCENARIO_CSS = ASSETS / "coursekit" / "scenario.css"


def player_data(scenario: dict, sections: dict[str, dict] | None = None) -> dict:
    """The scenario as the front end reads it: each choice's reading label resolved to
    {label, title, doc}, and the loader's bookkeeping (source path) left out."""
    sections = reading_sections() if sections is None else sections
    data = {k: v for k, v in scenario.items() if k != "source"}
    data["nodes"] = []
    for node in scenario["nodes"]:
        choices = []
        for choice in node["choices"]:
            label = choice.get("reading")
            found = sections.get(label) if label else None
            reading = {"label": label, "title": found["title"], "doc": found["doc"]} if found else None
            choices.append({**choice, "reading": reading})
        data["nodes"].append({**node, "choices": choices})
    return data


def script_json(data) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mount_html(data: dict) -> str:
    """The static page's mount point: scenario-page.js finds it and plays the scenario."""
    return (
        f'<div class="coursekit-scenario" data-coursekit-scenario="{html.escape(data["id"])}">'
        f'<script type="application/json">{script_json(data)}</script>'
        f'<noscript><p>This scenario, &ldquo;{html.escape(data["title"])}&rdquo;, needs JavaScript '
        "to play. Everything it needs is part of this site.</p></noscript></div>"
    )
