"""The facilitator pack of a module as one printable HTML document, made from the data.

In order: a cover, the community agreements, the module's discussion questions, then for
each scenario its cards (the opening; one card per decision, with what each option leads
to on the card after it; the endings with their debriefs and questions) and its
facilitator notes. Every card starts a new page and carries a label ("m1-x · card 3") so a
group can find its place. Texts that change with earlier choices are shown as their
default and marked. All text is escaped or goes through the safe formatter.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..content import Module, PlayerChoice, Scenario, Variant
from ..content.review import model_choices
from ..textformat import to_html

LETTERS = "ABCDEFGHI"
e = html.escape
STYLE = Path(__file__).with_name("cards.css")


def markdown_list(path: Path, heading: str) -> list[str]:
    """The items of the first list under ``## heading`` in a book page, as plain text."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not match:
        raise ValueError(f"{path}: no '## {heading}' section")
    items, current = [], None
    for line in match.group(1).splitlines():
        start = re.match(r"^(?:[-*]|\d+\.)\s+(.*)$", line)
        if start:
            current = [start.group(1)]
            items.append(current)
        elif current is not None and line.strip():
            current.append(line.strip())
        elif current is not None and not line.strip() and items:
            current = None
    # Markdown emphasis and {ref}/{term} roles become plain text on paper.
    clean = [re.sub(r"\{\w+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", " ".join(i)) for i in items]
    return [re.sub(r"\*\*([^*]+)\*\*", r"\1", c) for c in clean]


def _shown(variants: list[Variant]) -> str:
    """The default variant's text, marked when other paths read differently."""
    default = variants[-1].text
    mark = (
        '<p class="varies">(On some paths this text differs; the usual version is shown.)</p>'
        if len(variants) > 1
        else ""
    )
    return to_html(default) + mark


def _card(label: str, title: str, body: str, kind: str) -> str:
    return (
        f'<section class="card {kind}"><p class="label">{e(label)}</p>'
        f"<h2>{e(title)}</h2>{body}</section>"
    )


def scenario_cards(scenario: Scenario) -> list[str]:
    s = scenario.play
    number = {n.id: i + 2 for i, n in enumerate(s.nodes)}  # card 1 is the opening
    ending_card = 2 + 2 * len(s.nodes)

    def where(choice: PlayerChoice) -> str:
        target = choice.next[-1].next
        place = f"card {number[target]}" if target in number else f"ending card {ending_card}"
        return place + (
            " (on some paths, another card: ask the facilitator)" if len(choice.next) > 1 else ""
        )

    cards = []
    note = (
        f'<p class="note"><strong>Content note:</strong> {e(s.content_note)}</p>'
        if s.content_note
        else ""
    )
    cards.append(
        _card(
            f"{s.id} · card 1",
            s.title,
            note + to_html(s.opening) + f"<p class='go'>Go on to card {number[s.nodes[0].id]}.</p>",
            "opening",
        )
    )
    for i, node in enumerate(s.nodes):
        n = number[node.id]
        ask = (
            f'<p class="ask"><strong>Before you choose, each say aloud:</strong> {e(node.ask)}</p>'
            if node.ask
            else ""
        )
        options = "".join(
            f"<li><strong>{LETTERS[k]}.</strong> {e(c.text)}</li>"
            for k, c in enumerate(node.choices)
        )
        cards.append(
            _card(
                f"{s.id} · card {n} · decision {i + 1}",
                f"Decision {i + 1}",
                _shown(node.text) + ask + f'<ol class="options">{options}</ol>'
                "<p class='go'>Agree on one option, then turn the card.</p>",
                "decision",
            )
        )
        back = "".join(
            f"<li><strong>{LETTERS[k]}.</strong> {e(c.text)}"
            f"<div class='feedback'>{_shown(c.feedback)}</div>"
            f"<p class='go'>Then: {e(where(c))}.</p></li>"
            for k, c in enumerate(node.choices)
        )
        cards.append(
            _card(
                f"{s.id} · card {n} · back",
                f"Decision {i + 1}: what happens",
                f'<ol class="options">{back}</ol>',
                "back",
            )
        )
    endings = "".join(
        f"<h3>{e(end.title)}</h3>{_shown(end.text)}"
        f"<p><strong>Debrief.</strong></p>{_shown(end.debrief)}"
        f"<ol>{''.join(f'<li>{e(q)}</li>' for q in end.questions)}</ol>"
        for end in s.endings
    )
    cards.append(
        _card(
            f"{s.id} · ending card {ending_card}",
            "Endings, debrief and questions",
            endings,
            "endings",
        )
    )
    return cards


def notes_card(scenario: Scenario) -> str:
    notes = scenario.facilitator
    if not notes:
        body = "<p>This scenario has no facilitator notes yet.</p>"
    else:
        questions = "".join(f"<li>{e(q)}</li>" for q in notes.questions)
        body = (
            f"<h3>Key point</h3>{to_html(notes.key_point)}"
            f"<h3>What groups usually choose, and why</h3>{to_html(notes.usual_choice)}"
            f"<h3>A common misconception</h3>{to_html(notes.misconception)}"
            f"<h3>Debrief questions</h3><ol>{questions}</ol>"
            f"<h3>Alternative activity</h3>{to_html(notes.alternative)}"
        )
    marks = "".join(
        f"<li>Decision {number}: "
        + (", ".join(f"{LETTERS[j]}. {e(text)}" for j, text in chosen) or "none marked")
        + "</li>"
        for number, _, chosen in model_choices(scenario)
    )
    if any(chosen for _, _, chosen in model_choices(scenario)):
        body += f"<h3>Model choices (not for the group's cards)</h3><ul class='model'>{marks}</ul>"
    return _card(
        f"{scenario.id} · facilitator notes",
        f"Facilitator notes: {scenario.title}",
        body,
        "notes",
    )


def module_pack(
    module: Module,
    scenarios: list[Scenario],
    agreements: list[str],
    questions: list[str],
    large: bool = False,
) -> str:
    """One HTML document: the module's whole pack (``large``: the large-print variant)."""
    parts = [
        _card(
            f"Module {module.number} · facilitator pack",
            module.title,
            f"<p>{len(scenarios)} scenarios, each as cards: the opening, one card per decision "
            "with its back, the endings. Then the facilitator notes.</p>"
            "<p>Print single-sided, or double-sided flipping on the long edge so each decision "
            "has its back behind it.</p>",
            "cover",
        ),
        _card(
            "Community agreements",
            "Community agreements",
            "<ul>" + "".join(f"<li>{e(a)}</li>" for a in agreements) + "</ul>",
            "agreements",
        ),
        _card(
            "Discussion questions",
            "Discussion questions",
            "<ol>" + "".join(f"<li>{e(q)}</li>" for q in questions) + "</ol>",
            "questions",
        ),
    ]
    for scenario in scenarios:
        parts += scenario_cards(scenario)
        parts.append(notes_card(scenario))
    size = "large" if large else "regular"
    return (
        '<!doctype html><html lang="en"><head><meta '
        f'charset="utf-8"><title>{e(module.title)}: facilitator pack</title>'
        f"<style>{STYLE.read_text(encoding='utf-8')}</style></head><body "
        f"class='{size}'>{''.join(parts)}</body></html>"
    )
