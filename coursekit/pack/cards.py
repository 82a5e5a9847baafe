"""The facilitator pack of a module as one printable HTML document, made from the data.

Every sheet is printed on both sides: its front on one page and its back on the next, so a
pack printed double-sided (flip on the long edge) puts each back behind its front. In order:
a cover (what is in the pack, how to print it, the materials a session needs), the community
agreements and discussion questions, the module's reflection prompts with room to write,
then for each scenario its cards (paper.py) and the facilitator's sheet (notes, the ending
key, model choices). The sheets' sections are laid out on sides in the page (layout.js), so
a long card becomes numbered parts whose backs still line up; every side starts with its
sheet's label, which names the scenario, so a dropped stack can be sorted. All text is
escaped or goes through the safe formatter.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from ..content import Module, Reflections, Scenario
from ..content.review import model_choices
from ..textformat import to_html
from .paper import LETTERS, Card, Paper, Sect

e = html.escape
HERE = Path(__file__).parent
STYLE, LAYOUT = HERE / "cards.css", HERE / "layout.js"
PAPER = {"a4": ("A4", "210mm", "297mm"), "letter": ("letter", "215.9mm", "279.4mm")}
HOW_TO_PLAY = (
    '<div class="rules"><ol>'
    "<li>Keep the cards in number order, face down, and turn over only the card you are told "
    "to.</li>"
    "<li>One person reads each card aloud. Pass the reading round the group.</li>"
    "<li>At a decision, each person says which option they lean toward and why. Then agree on one. "
    "If you cannot agree, note the other view to try on a second run.</li>"
    "<li>Turn the card and read only what happens after your option; it says where to go next. "
    "Where it asks what your group chose earlier, look at your notes.</li>"
    "<li>Keep a note of each option you choose, with its card number, and of any disagreement.</li>"
    "</ol></div>"
)


def sheet(label: str, title: str, sections: Sequence[Sect], kind: str, count: str = "") -> str:
    """One sheet: its label (on every side), its title, and sections that each start a side;
    a section is a list of blocks, or (its own title, blocks)."""
    body = ""
    for section in sections:
        head, blocks = section if isinstance(section, tuple) else ("", section)
        attr = f' data-title="{e(head)}"' if head else ""
        body += f'<div class="section"{attr}>{"".join(blocks)}</div>'

    attrs = f' data-count="{e(count)}"' if count else ""
    return (
        f'<article class="sheet {kind}" data-label="{e(label)}"{attrs}>'
        f'<h2 class="title">{e(title)}</h2>{body}</article>'
    )


def scenario_cards(scenario: Scenario) -> list[str]:
    """The group's cards of one scenario, in number order."""
    paper = Paper(scenario)
    return [card_sheet(scenario, paper, card) for card in paper.cards(HOW_TO_PLAY)]


def card_sheet(scenario: Scenario, paper: Paper, card: Card) -> str:
    label = f"{scenario.title} · card {card.number} of {paper.total}"
    return sheet(label, card.title, card.sections, card.kind, count=scenario.id)


def notes_card(scenario: Scenario) -> str:
    """The facilitator's sheet: notes, the ending key and the model choices (never on the
    group's cards)."""
    notes = scenario.facilitator
    if not notes:
        front = "<p>This scenario has no facilitator notes yet.</p>"
    else:
        front = (
            f"<h3>Key point</h3>{to_html(notes.key_point)}"
            f"<h3>What groups usually choose, and why</h3>{to_html(notes.usual_choice)}"
            f"<h3>A common misconception</h3>{to_html(notes.misconception)}"
            "<h3>Debrief questions</h3><ol>"
            + "".join(f"<li>{e(q)}</li>" for q in notes.questions)
            + "</ol>"
            f"<h3>Alternative activity</h3>{to_html(notes.alternative)}"
        )
    paper = Paper(scenario)
    key = "".join(
        f"<li><strong>Card {number}, “{e(title)}”</strong>: from "
        + "; ".join(e(r) for r in routes)
        + ".</li>"
        for number, title, routes in paper.ending_key()
    )
    back = f"<h3>Ending key: which options lead to each ending</h3><ul class='key'>{key}</ul>"
    # Numbered as on the cards (paper.py), which may differ from the order of the file.
    chosen = sorted(
        (paper.decision[node_id], marked) for _, node_id, marked in model_choices(scenario)
    )
    marks = "".join(
        f"<li>Decision {number}: "
        + (", ".join(f"{LETTERS[j]}. {e(text)}" for j, text in marked) or "none marked")
        + "</li>"
        for number, marked in chosen
    )
    if any(marked for _, marked in chosen):
        back += f"<h3>Model choices (not for the group's cards)</h3><ul class='model'>{marks}</ul>"
    content = "It has a content note." if scenario.content_note else "No content note."
    return sheet(
        f"{scenario.title} · facilitator's sheet",
        f"Facilitator notes: {scenario.title}",
        [[f"<p>{content} Cards 1 to {paper.total}.</p>" + front], [back]],
        "notes",
    )


def reflection_sheets(module: Module, reflections: Reflections | None) -> list[str]:
    out = []
    for prompt in reflections.prompts if reflections else []:
        low, high = prompt.words
        out.append(
            sheet(
                f"Module {module.number} reflection · {prompt.title}",
                prompt.title,
                [
                    [
                        to_html(prompt.prompt, lists=True),
                        f'<p class="go">About {low}–{high} words. Your answer is yours: share it '
                        "only if you choose.</p>",
                        '<div class="lines" aria-hidden="true"></div>',
                    ],
                    ['<div class="lines" aria-hidden="true"></div>'],
                ],
                "reflection",
            )
        )
    return out


def cover(module: Module, scenarios: list[Scenario], paper: str, large: bool) -> str:
    size = PAPER[paper][0]
    other = "US Letter" if paper == "a4" else "A4"
    contents = "".join(
        f"<li>{e(s.title)}: cards 1 to {Paper(s).total} on "
        f'<span data-sheets-of="{e(s.id)}">99</span> sheets, and the facilitator\'s sheet'
        + (" (content note)" if s.content_note else "")
        + "</li>"
        for s in scenarios
    )
    front = (
        f"<p>This is the {'large-print ' if large else ''}pack for {size} paper. "
        f"A copy for {other} paper, and a {'regular' if large else 'large'}-print copy, "
        "come with it.</p>"
        "<h3>How to print it</h3><ul>"
        "<li>Print double-sided, flipping on the long edge, at actual size (no “fit to page”). "
        "Every sheet then has its front and its back on one piece of paper.</li>"
        "<li>Each side begins with its sheet's name: the scenario, the card's number, and "
        "front or back. A long card has numbered parts, each its own sheet.</li>"
        "<li>If your printer prints one side only, print the odd pages, put the stack back "
        "in, and print the even pages.</li></ul>"
        f"<h3>In this pack</h3><ul><li>This cover, then the community agreements with the "
        "discussion questions on the back.</li>"
        "<li>The module's reflection prompts, each on its own sheet with room to write.</li>"
        f"{contents}</ul>"
    )
    back = (
        "<h3>For a session</h3><ul>"
        "<li>For each small group of three to five: one scenario's cards, kept in number order "
        "and held with a clip rather than a staple, so cards can be passed round; paper and a "
        "pen for the group's note of its path.</li>"
        "<li>For each person: the reflection prompt sheets you will use, your support "
        "information sheet, and a slip or index card for the exit ticket.</li>"
        "<li>For the room: the agreements on the wall; a clock or timer; a quiet place where "
        "anyone can step out.</li>"
        "<li>For you: each scenario's facilitator's sheet, with the notes and the ending key. "
        "Keep them; they are not for the groups.</li></ul>"
        "<p>If a scenario has a content note, have a second scenario ready without one, so "
        "that anyone can switch.</p>"
    )
    return sheet(
        f"Module {module.number} facilitator pack · cover",
        f"Module {module.number}: {module.title}",
        [[front], [back]],
        "cover",
    )


def module_pack(
    module: Module,
    scenarios: list[Scenario],
    agreements: list[str],
    questions: list[str],
    large: bool = False,
    paper: str = "a4",
    reflections: Reflections | None = None,
) -> str:
    """One HTML document: the module's whole pack (``large``: the large-print variant)."""
    parts = [
        cover(module, scenarios, paper, large),
        sheet(
            f"Module {module.number} · agreements and questions",
            "Community agreements",
            [
                ["<ul>" + "".join(f"<li>{e(a)}</li>" for a in agreements) + "</ul>"],
                [
                    "<h3>Discussion questions</h3><ol>"
                    + "".join(f"<li>{e(q)}</li>" for q in questions)
                    + "</ol>"
                ],
            ],
            "agreements",
        ),
        *reflection_sheets(module, reflections),
    ]
    for scenario in scenarios:
        parts += scenario_cards(scenario)
        parts.append(notes_card(scenario))
    size, width, height = PAPER[paper]
    page = (
        f"@page {{ size: {size}; margin: 0; }} :root {{ --page-w: {width}; --page-h: {height}; }}"
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(module.title)}: facilitator pack</title>"
        f"<style>{page}{STYLE.read_text(encoding='utf-8')}</style></head>"
        f"<body class='{'large' if large else 'regular'}'><main id='sheets'>{''.join(parts)}</main>"
        f"<script>{LAYOUT.read_text(encoding='utf-8')}</script></body></html>"
    )
