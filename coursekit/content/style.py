"""Warnings about how a scenario reads (``coursekit check`` prints them; they never fail):
a choice that stands out by its length, and feedback that keeps opening the same way."""

from __future__ import annotations

import re
from collections import Counter

from .models import Scenario

LENGTH_RATIO = 1.5
SAME_OPENING = 1 / 3
WORD = re.compile(r"[\w'’-]+")


def choice_length_warnings(scenario: Scenario) -> list[str]:
    out = []
    for i, node in enumerate(scenario.nodes):
        lengths = [len(c.text.strip()) for c in node.choices]
        if min(lengths) and max(lengths) > LENGTH_RATIO * min(lengths):
            longest, shortest = lengths.index(max(lengths)), lengths.index(min(lengths))
            out.append(
                f"{scenario.source}: nodes[{i}].choices: choice {longest} is "
                f"{max(lengths) / min(lengths):.2f}× as long as choice {shortest} ({max(lengths)} "
                f"and {min(lengths)} characters); a choice that stands out can give the answer away"
            )
    return out


def opening(text: str) -> str:
    return " ".join(w.lower() for w in WORD.findall(text)[:3])


def feedback_opening_warnings(scenarios: dict[str, Scenario]) -> list[str]:
    by_module: dict[int, list[str]] = {}
    for s in scenarios.values():
        for node in s.play.nodes:
            for choice in node.choices:
                by_module.setdefault(s.module, []).extend(v.text for v in choice.feedback)
    out = []
    for module, texts in sorted(by_module.items()):
        counts = Counter(opening(t) for t in texts if len(WORD.findall(t)) >= 3)
        if not counts:
            continue
        words, count = counts.most_common(1)[0]
        if count > SAME_OPENING * len(texts):
            out.append(
                f"module {module}: {count} of {len(texts)} feedback texts open with '{words} …'; "
                "vary how feedback begins"
            )
    return out


def style_warnings(scenarios: dict[str, Scenario]) -> list[str]:
    out = [
        w
        for s in sorted(scenarios.values(), key=lambda s: s.source)
        for w in choice_length_warnings(s)
    ]
    return out + feedback_opening_warnings(scenarios)
