"""A scenario on paper: numbered cards, and routing a group can follow without the player.

Cards are numbered without gaps: card 1 is the opening, then each decision in the order a
group can first meet it, then each ending on its own card. Where the web player would use a
remembered fact, paper asks about the choice that set it ("If your group chose B on card 2,
go to card 7, the ending “Back in the room”; otherwise card 8, ..."), and a text that differs
by path is printed once per variant under the same kind of question. Only choices that can
come before a card are asked about, and a question the path already answers is left out.

Each card is a list of sections; a section starts a new side when printed (layout.js), so
the options never share a side with what happens after them. Blocks are HTML strings built
from escaped text and the safe formatter (to_html). The same cards print in the facilitator
pack (one card per sheet) and in the book's PDF (one after another, ``noun="section"``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from typing import cast

from ..content import Branch, PlayerChoice, PlayerEnding, PlayerNode, PlayerScenario, Scenario
from ..content.models import Conditional, Variant
from ..textformat import to_html

LETTERS = "ABCDEFGHI"
# Where the next part of a card is: layout.js writes it once the card is laid out on sides
# (this placeholder is the longest it can be); in one flow (the book) it is left empty.
TURN = '<span class="how">Then take the next sheet of this card, part 99.</span>'
e = html.escape
# A card's section: its blocks, or (its own title, its blocks); each starts a side on paper.
Sect = list[str] | tuple[str, list[str]]


@dataclass(frozen=True)
class Asked:
    """Whether the group made one of ``picks`` (node id, choice index) earlier on its path;
    ``negative``: whether it made none of them."""

    negative: bool
    picks: tuple[tuple[str, int], ...]

    def answer(self, made: set[tuple[str, int]]) -> bool:
        return any(p in made for p in self.picks) != self.negative


@dataclass
class Card:
    number: int
    kind: str  # "opening", "decision" or "ending"
    title: str
    ref: str  # the node or ending id ("" for the opening)
    sections: list[Sect] = field(default_factory=list)


class Paper:
    """The cards of one scenario."""

    def __init__(self, scenario: Scenario | PlayerScenario, noun: str = "card", group: bool = True):
        """``noun``: what a numbered part is called ("card", or "section" in the book);
        ``group``: worded for a group passing cards round, or for one reader of the book."""
        self.s = scenario.play if isinstance(scenario, Scenario) else scenario
        self.noun, self.group = noun, group
        self.who, self.on = ("your group", "on") if group else ("you", "in")
        self.turn = TURN if group else ""
        nodes = {n.id: n for n in self.s.nodes}
        self.endings = {x.id: x for x in self.s.endings}
        order: list[str] = []
        queue = [self.s.nodes[0].id]
        while queue:  # breadth first: the order a group first meets each card
            here = queue.pop(0)
            if here in order:
                continue
            order.append(here)
            for choice in nodes[here].choices if here in nodes else []:
                queue += [v.next for v in choice.next]
        order += [n for n in nodes if n not in order] + [x for x in self.endings if x not in order]
        met = {ref: i for i, ref in enumerate(order)}
        # Decisions in an order where every choice leads to a later card (the graph has no
        # cycle), and among those ready, the one a group meets first; then the endings.
        graph = TopologicalSorter(
            {
                n: {p.id for p in self.s.nodes for c in p.choices for v in c.next if v.next == n}
                for n in nodes
            }
        )
        graph.prepare()
        decisions = []
        while graph.is_active():
            ready = sorted(graph.get_ready(), key=met.__getitem__)
            decisions += ready
            graph.done(*ready)
        ends = sorted(self.endings, key=met.__getitem__)
        self.nodes = nodes
        self.number = {ref: i + 2 for i, ref in enumerate(decisions + ends)}
        self.decision = {ref: i + 1 for i, ref in enumerate(decisions)}
        self.total = 1 + len(decisions) + len(ends)
        self.setters: dict[str, list[tuple[str, int]]] = {}
        for node in self.s.nodes:
            for i, choice in enumerate(node.choices):
                for fact in choice.remember:
                    self.setters.setdefault(fact, []).append((node.id, i))
        self.before = self._before()

    def _before(self) -> dict[str, set[str]]:
        """For each node and ending: the nodes that can come before it on some path."""
        before: dict[str, set[str]] = {ref: set() for ref in [*self.nodes, *self.endings]}
        changed = True
        while changed:
            changed = False
            for node in self.s.nodes:
                for choice in node.choices:
                    for v in choice.next:
                        new = before[node.id] | {node.id}
                        if not new <= before[v.next]:
                            before[v.next] |= new
                            changed = True
        return before

    # ---- questions about earlier choices -------------------------------------------------
    def condition(self, cond: str, at: str, known: frozenset) -> bool | Asked:
        """A condition as a question a group can answer at ``at``, or True/False when the path
        there already decides it (``known``: facts the current choice sets)."""
        negative = cond.startswith("not ")
        fact = cond[4:] if negative else cond
        if fact in known:
            return not negative
        picks = tuple(p for p in self.setters.get(fact, []) if p[0] in self.before[at])
        if not picks:
            return negative
        return Asked(negative, picks)

    def question(self, when: list[str], at: str, known: frozenset) -> bool | tuple[Asked, ...]:
        """All of ``when`` as questions (True: nothing to ask; False: cannot hold here)."""
        asked = []
        for cond in when:
            said = self.condition(cond, at, known)
            if said is False:
                return False
            if said is not True:
                asked.append(said)
        return tuple(asked) or True

    def variants(
        self, variants: Sequence[Conditional], at: str, known: frozenset[str] = frozenset()
    ) -> list[tuple[tuple[Asked, ...] | None, str]]:
        """[(questions or None, value)]: the variants a group can meet at ``at``, in order; the
        first with no question is the last one that can apply."""
        out = []
        for v in variants:
            q = self.question(v.when, at, known)
            if q is False:
                continue
            value = v.next if isinstance(v, Branch) else cast(Variant, v).text
            out.append((None if q is True else q, value))
            if q is True:
                break
        return out

    def say(self, asked: tuple[Asked, ...]) -> str:
        """The questions as a group reads them: "your group chose B on card 2 and ..."."""
        parts = []
        for a in asked:
            by_card: dict[int, list[str]] = {}
            for node_id, i in a.picks:
                by_card.setdefault(self.number[node_id], []).append(LETTERS[i])
            picks = " or ".join(
                f"{' or '.join(letters)} {self.on} {self.noun} {card}"
                for card, letters in sorted(by_card.items())
            )
            parts.append(("did not choose " if a.negative else "chose ") + picks)
        return f"{self.who} " + " and ".join(parts)

    # ---- texts ---------------------------------------------------------------------------
    def place(self, ref: str) -> str:
        if ref in self.endings:
            return f"{self.noun} {self.number[ref]}, the ending “{e(self.endings[ref].title)}”"
        return f"{self.noun} {self.number[ref]} (decision {self.decision[ref]})"

    def route(self, choice: PlayerChoice, at: str) -> str:
        options = self.variants(choice.next, at, frozenset(choice.remember))
        if len(options) == 1:
            return f"Go to {self.place(options[0][1])}."
        said = [f"If {self.say(q or ())}, go to {self.place(ref)}." for q, ref in options[:-1]]
        return " ".join(said) + f" Otherwise, go to {self.place(options[-1][1])}."

    def text(
        self, variants: Sequence[Conditional], at: str, known: frozenset[str] = frozenset()
    ) -> str:
        options = self.variants(variants, at, known)
        if len(options) == 1:
            return to_html(options[0][1])
        out = []
        for k, (q, value) in enumerate(options):
            head = f"If {self.say(q)}:" if q else "Otherwise:"
            if k and q:
                head = f"Otherwise, if {self.say(q)}:"
            out.append(f'<div class="variant"><p class="if">{e(head)}</p>{to_html(value)}</div>')
        return "".join(out)

    # ---- cards ---------------------------------------------------------------------------
    def cards(self, how_to_play: str = "") -> list[Card]:
        s = self.s
        first = s.nodes[0].id
        note = (
            f'<p class="note"><strong>Content note:</strong> {e(s.content_note)}</p>'
            if s.content_note
            else ""
        )
        go = f'<p class="go">Go on to {self.place(first)}.</p>'
        opening = note + to_html(s.opening)
        sections: list[Sect] = (
            [[opening], ("How to play with these cards", [how_to_play, go])]
            if how_to_play
            else [[opening, go]]
        )
        cards = [Card(1, "opening", s.title, "", sections)]
        for node in sorted(self.nodes.values(), key=lambda n: self.number[n.id]):
            cards.append(self.decision_card(node))
        for ref in sorted(self.endings, key=lambda x: self.number[x]):
            cards.append(self.ending_card(self.endings[ref]))
        return cards

    def decision_card(self, node: PlayerNode) -> Card:
        at = node.id
        situation = f'<div class="situation">{self.text(node.text, at)}</div>'
        options = "".join(
            f"<li><strong>{LETTERS[k]}.</strong> {e(c.text)}</li>"
            for k, c in enumerate(node.choices)
        )
        agree = "Agree on one option." if self.group else "Choose one option, then read on."
        choose = f'<ol class="options">{options}</ol><p class="go turn">{agree} {self.turn}</p>'

        outcomes = [
            f'<div class="outcome"><h3>If you chose {LETTERS[k]}: {e(c.text)}</h3>'
            f'<div class="feedback">{self.text(c.feedback, at, frozenset(c.remember))}</div>'
            f'<p class="go">{self.route(c, at)}</p></div>'
            for k, c in enumerate(node.choices)
        ]
        number = self.decision[at]
        after = f"Decision {number}: what happens after each option"
        if node.ask:
            how = (
                "each person says aloud what they would say or do"
                if self.group
                else "say aloud or write down what you would say or do, before you read them"
            )
            then = f"Everyone who wants to speaks first. {self.turn}" if self.group else ""
            ask = (
                f'<div class="ask"><p class="if">In your own words, before the options: {how}.</p>'
                f'<p>{e(node.ask)}</p><p class="go turn">{then}</p></div>'
            )
            sections: list[Sect] = [
                [situation, ask],
                (f"Decision {number}: the options", [choose]),
                (after, outcomes),
            ]
        else:
            sections = [[situation, choose], (after, outcomes)]
        return Card(self.number[at], "decision", f"Decision {number}", at, sections)

    def ending_card(self, end: PlayerEnding) -> Card:
        at = end.id
        questions = "".join(f"<li>{e(q)}</li>" for q in end.questions)
        back = (
            f"<h3>Debrief</h3>{self.text(end.debrief, at)}<h3>Questions</h3><ol>{questions}</ol>"
            f'<p class="go">This is the end of the scenario: {self.place(at)}.</p>'
        )
        return Card(
            self.number[at],
            "ending",
            f"Ending: {end.title}",
            at,
            [[self.text(end.text, at)], (f"Ending: {end.title}: debrief", [back])],
        )

    def ending_key(self) -> list[tuple[int, str, list[str]]]:
        """For the facilitator: each ending with every option that can lead to it, as
        ("card 5, option A, if your group chose B on card 2")."""
        reached: dict[str, list[str]] = {ref: [] for ref in self.endings}
        for node in self.s.nodes:
            at = node.id
            for k, choice in enumerate(node.choices):
                for q, ref in self.variants(choice.next, at, frozenset(choice.remember)):
                    if ref in reached:
                        where = f"{self.noun} {self.number[at]}, option {LETTERS[k]}"
                        reached[ref].append(where + (f", if {self.say(q)}" if q else ""))
        return [
            (self.number[ref], self.endings[ref].title, reached[ref])
            for ref in sorted(self.endings, key=lambda x: self.number[x])
        ]
