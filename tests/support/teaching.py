"""tests/fixtures/teaching-scenario.yml, built to pass every teaching check, and the ways the
tests break it: model choices first, an ending fixed by the last decision, no earlier decision
that matters."""

from __future__ import annotations

import yaml

from .env import FIXTURES


def teaching() -> dict:
    return yaml.safe_load((FIXTURES / "teaching-scenario.yml").read_text(encoding="utf-8"))


def model_first(data: dict) -> dict:
    for node in data["nodes"]:
        node["choices"].sort(key=lambda c: not c.get("model"))
    return data


def fixed_by_last(data: dict) -> dict:
    """The same last choice always lands the same way: taking over the rota costs nothing."""
    meeting = data["nodes"][1]
    meeting["choices"][0]["next"] = "end-together"
    meeting["choices"][1]["next"] = "end-thin"
    meeting["choices"][0]["feedback"] = [
        {"when": "took-over", "text": "You get the washing up."},
        {"text": "You get the washing up, and it is enough."},
    ]
    meeting["text"] = "The meeting starts."
    return data


def inert(data: dict) -> dict:
    """Every first choice leads to the meeting, and nothing remembered changes what follows."""
    fixed_by_last(data)
    del data["nodes"][2]
    data["nodes"][0]["choices"][2]["next"] = "meeting"
    data["nodes"][0]["choices"][0]["remember"] = []
    data["nodes"][1]["choices"][0]["feedback"] = "You get the washing up."
    return data
