"""What the book's PDF prints where a page has a course widget: the scenario in full, as
numbered sections a reader follows on paper (paper.py, worded for one reader), and forms to
fill in by hand for a reflection, the confidence scale, the action plan and the follow-ups.

Made from the course's data, never from the page: every text is escaped or goes through the
safe formatter (to_html).
"""

from __future__ import annotations

import html

from ..content import ModuleArc, Prompt, Scenario
from ..textformat import to_html
from .paper import Paper

e = html.escape
SCALE = ("not at all confident", "a little", "somewhat", "confident", "very confident")
PLAN_FIELDS = ("What I will do", "Where", "With whom", "By when")
FOLLOW_UP_FIELDS = ("What happened", "What I would do next")


def lines(rows: int) -> str:
    """Ruled lines to write on."""
    return f'<div class="ck-lines" style="height: {rows * 2.1:.1f}em" aria-hidden="true"></div>'


def scenario_form(scenario: Scenario) -> str:
    """Every decision, option, outcome and ending of a scenario, as sections to read in the
    order the reader's choices give."""
    paper = Paper(scenario, noun="section", group=False)
    out = [
        '<div class="ck-paper-scenario">'
        '<p class="ck-paper-how">On paper: read section 1. At each decision, choose an option, '
        "then read only what follows it: it says which section to read next. Where it asks what "
        "you chose earlier, note each option you choose with its section's number as you go.</p>"
    ]
    for card in paper.cards():
        title = card.title if card.number > 1 else "The start"
        out.append(f'<section class="ck-paper-part"><h3>Section {card.number}: {e(title)}</h3>')
        for section in card.sections:
            head, blocks = section if isinstance(section, tuple) else ("", section)
            if head:
                out.append(f"<h4>{e(head)}</h4>")
            out += blocks
        out.append("</section>")
    return "".join(out) + "</div>"


def reflection_form(prompt: Prompt) -> str:
    low, high = prompt.words
    return (
        '<div class="ck-paper-form">'
        f'<p class="ck-paper-how">Write your answer here: about {low}–{high} words. It is yours: '
        "share it only if you choose.</p>"
        f"{lines(max(8, high // 25))}</div>"
    )


def confidence_form(arc: ModuleArc, when: str) -> str:
    """The module's statements with the scale to circle; ``after`` adds a column to copy the
    ratings from the start of the module into."""
    scale = "".join(
        f"<th scope='col'>{i}<br><small>{e(word)}</small></th>" for i, word in enumerate(SCALE, 1)
    )
    before = "<th scope='col'>At the start</th>" if when == "after" else ""
    rows = "".join(
        f"<tr><th scope='row'>{e(s.text)}</th>"
        + "".join("<td><span class='ck-box'></span></td>" for _ in SCALE)
        + ("<td><span class='ck-box wide'></span></td>" if when == "after" else "")
        + "</tr>"
        for s in arc.confidence
    )
    how = "Tick one box for each statement"
    if when == "after":
        how += ", then copy your ratings from the start of the module beside them"
    return (
        f'<div class="ck-paper-form"><p class="ck-paper-how">{how}.</p>'
        f'<table class="ck-paper-scale"><thead><tr><th scope="col">Statement</th>{scale}{before}'
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def plan_form(arc: ModuleArc) -> str:
    fields = "".join(
        f'<div class="ck-paper-field"><p class="ck-paper-label">{e(label)}</p>{lines(2)}</div>'
        for label in PLAN_FIELDS
    )
    return (
        f'<div class="ck-paper-form">{to_html(arc.plan_prompt)}{fields}'
        '<p class="ck-paper-how">Put two reminders in your calendar: in two weeks and in six '
        "weeks, to look back at this plan.</p></div>"
    )


def follow_up_form(arcs: dict[str, ModuleArc], titles: dict[str, str]) -> str:
    out = []
    for module, arc in arcs.items():
        number = module.removeprefix("module")
        fields = "".join(
            f'<div class="ck-paper-field"><p class="ck-paper-label">{e(label)}</p>{lines(3)}</div>'
            for label in FOLLOW_UP_FIELDS
        )
        out.append(
            f'<section class="ck-paper-part"><h3>Module {e(number)}: {e(titles.get(module, ""))}'
            f"</h3>{to_html(arc.follow_up_prompt)}{fields}</section>"
        )
    return '<div class="ck-paper-form">' + "".join(out) + "</div>"
