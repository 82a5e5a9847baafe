"""Scenarios on paper (coursekit/pack/paper.py) agree with the player on every path: a group
that answers the cards' questions about its earlier choices truthfully reads the same texts
and reaches the same cards as a learner making the same choices on the page."""

from __future__ import annotations

import pytest

from coursekit.content import Scenario, load_all
from coursekit.content.paths import all_paths, choose, resolve
from coursekit.pack.paper import Paper

SCENARIOS, _ = load_all()


def on_paper(paper: Paper, variants, at, made, known=frozenset()):
    """What a group reads: the first variant whose questions it answers yes to."""
    for asked, value in paper.variants(variants, at, known):
        if asked is None or all(a.answer(made) for a in asked):
            return value
    raise AssertionError(f"{at}: no variant applies on paper")


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_paper_follows_every_path_as_the_player_does(sid):
    s = SCENARIOS[sid].play
    paper = Paper(s)
    nodes = {n.id: n for n in s.nodes}
    endings = {e.id: e for e in s.endings}
    for path in all_paths(s):
        facts, made, here = frozenset(), set(), s.nodes[0].id
        for node_id, index in path:
            node = nodes[node_id]
            assert on_paper(paper, node.text, here, made) == resolve(node.text, facts)
            choice = node.choices[index]
            made.add((node_id, index))
            known = frozenset(choice.remember)
            facts, target = choose(choice, facts)
            assert on_paper(paper, choice.next, here, made, known) == target, path
            assert on_paper(paper, choice.feedback, here, made, known) == resolve(
                choice.feedback, facts
            )
            here = target
        end = endings[here]
        for variants in (end.text, end.debrief):
            assert on_paper(paper, variants, here, made) == resolve(variants, facts), path


def test_cards_are_numbered_in_play_order_without_gaps():
    for sid, scenario in SCENARIOS.items():
        paper = Paper(scenario)
        cards = paper.cards()
        assert [c.number for c in cards] == list(range(1, paper.total + 1)), sid
        assert [c.kind for c in cards].count("ending") == len(scenario.endings), sid
        for card in cards:
            if card.kind == "decision":
                for choice in paper.nodes[card.ref].choices:
                    targets = [v.next for v in choice.next]
                    assert all(paper.number[t] > card.number for t in targets), (sid, card.ref)


def test_a_route_that_depends_on_an_earlier_choice_asks_about_it():
    s = {
        "id": "x",
        "title": "X",
        "module": 1,
        "goal": "Practise.",
        "opening": "Start.",
        "nodes": [
            {
                "id": "one",
                "text": "First.",
                "choices": [
                    {"text": "Speak", "feedback": "Spoke.", "remember": ["spoke"], "next": "two"},
                    {"text": "Wait", "feedback": "Waited.", "next": "two"},
                    {"text": "Leave", "feedback": "Left.", "next": "bad"},
                ],
            },
            {
                "id": "two",
                "text": "Second.",
                "choices": [
                    {
                        "text": "Go",
                        "feedback": "Went.",
                        "next": [{"when": "spoke", "next": "good"}, {"next": "bad"}],
                    },
                    {"text": "Stop", "feedback": "Stopped.", "next": "bad"},
                    {"text": "Pause", "feedback": "Paused.", "next": "bad"},
                ],
            },
        ],
        "endings": [
            {"id": "good", "title": "Good", "text": "G.", "debrief": "D.", "questions": []},
            {"id": "bad", "title": "Bad", "text": "B.", "debrief": "D.", "questions": []},
        ],
    }
    paper = Paper(Scenario.model_validate(s))
    go = paper.nodes["two"].choices[0]
    assert paper.route(go, "two") == (
        "If your group chose A on card 2, go to card 5, the ending “Good”. "
        "Otherwise, go to card 4, the ending “Bad”."
    )
    assert paper.ending_key() == [
        (
            4,
            "Bad",
            ["card 2, option C", "card 3, option A", "card 3, option B", "card 3, option C"],
        ),
        (5, "Good", ["card 3, option A, if your group chose A on card 2"]),
    ]
