"""The teaching checks of `coursekit check` (coursekit/content/teaching.py): each fires on a
fixture scenario built to break it, at `path: field: reason (line N)`, and stays silent on
tests/fixtures/teaching-scenario.yml, which is built to pass them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.content import write_scenario
from support.teaching import fixed_by_last, inert, model_first, teaching

from coursekit.content import load_scenario
from coursekit.content.teaching import TeachingConfig, teaching_report
from coursekit.content.tells import marker_pattern


def findings(tmp_path: Path, data: dict, config: TeachingConfig | None = None) -> list[str]:
    path = write_scenario(tmp_path, data, name=f"{data['id']}.yml")
    return teaching_report({data["id"]: load_scenario(path)}, config).findings


def line(tmp_path: Path, data: dict, needle: str) -> int:
    """The line of the written file where ``needle`` first appears."""
    text = (tmp_path / "scenarios" / "module1" / f"{data['id']}.yml").read_text(encoding="utf-8")
    return next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)


def test_the_scenario_built_to_pass_raises_nothing(tmp_path):
    path = write_scenario(tmp_path, teaching(), name="m1-teach.yml")
    report = teaching_report({"m1-teach": load_scenario(path)})
    assert report.findings == []
    (summary,) = report.scenarios
    assert summary == (
        "m1-teach: 9 paths; ending fixed by the last decision: no; decisions that change what "
        "comes later: rota; early mistakes after which one right last move still reaches a good "
        "ending: 1 of 2, with no trace 1"
    )
    module, course = report.modules
    assert "model choices by position: first 1, second 1, third 1 (top 33%" in module
    assert "model choice the longest in 1 of 3" in module
    assert course.startswith("course: ending fixed by the last decision in 0 of 1 scenarios")


def test_an_ending_fixed_by_the_last_decision_and_every_mistake_undone(tmp_path):
    data = fixed_by_last(teaching())
    found = findings(tmp_path, data)
    path, nodes = tmp_path / "scenarios/module1/m1-teach.yml", line(tmp_path, data, "nodes:")
    assert found == [
        f"{path}: nodes: every early mistake (2) can be undone by one right last move with no "
        "trace in the ending: path 1 of `coursekit paths m1-teach` makes 1 and still reaches "
        "'end-together' word for word as the model choices do; let a serious mistake cost "
        f"something on some path (line {nodes})",
        f"{path}: nodes: the ending is fixed by the last decision alone (after any history the "
        "same last choice reaches the same ending), as in 1 of 1 scenarios; at most a fifth may "
        f"be: let an earlier choice change where a last move lands (line {nodes})",
    ]


def test_no_earlier_decision_that_changes_what_comes_later(tmp_path):
    found = findings(tmp_path, inert(teaching()))
    assert any("nodes: no earlier decision changes which decision or ending" in f for f in found)
    for routes in (teaching(), fixed_by_last(teaching())):
        assert not any("no earlier decision" in f for f in findings(tmp_path, routes))


def test_model_choices_in_one_position(tmp_path):
    data = model_first(teaching())
    found = [f for f in findings(tmp_path, data) if "listed first" in f]
    assert len(found) == 3
    assert found[0] == (
        f"{tmp_path / 'scenarios/module1/m1-teach.yml'}: nodes[0].choices[0].model: the model "
        "choice is listed first, as 3 of the 3 model choices of module 1 are (100%; no position "
        f"may hold over 40%): move some (line {line(tmp_path, data, 'model: true')})"
    )


def test_model_choices_that_are_the_longest(tmp_path):
    data = teaching()
    data["nodes"][0]["choices"][1]["text"] = (
        "Bring the rota to the next meeting, as an open question."
    )
    found = [f for f in findings(tmp_path, data) if "is the longest" in f]
    assert [f.split(": ")[1] for f in found] == [
        "nodes[0].choices[1].text",
        "nodes[2].choices[2].text",
    ]
    assert "(56 characters, the next 50), as in 2 of 3 model choices of module 1" in found[0]
    assert found[0].endswith(f"(line {line(tmp_path, data, 'Bring the rota')})")


def test_a_word_only_the_model_choice_uses(tmp_path):
    data = teaching()
    for node in data["nodes"]:
        for c in node["choices"]:
            c["text"] = c["text"].replace("Ask", "Tell").replace("ask", "call")
    data["nodes"][1]["choices"][0]["text"] = "Ask the cooks, and take the task they give you."
    data["nodes"][2]["choices"][2]["text"] = "Check in weekly, and hold the sheet for a month."
    found = [f for f in findings(tmp_path, data) if "only the model choice says" in f]
    assert [f.split(": ", 2)[1:] for f in found] == [
        [
            "nodes[1].choices[0].text",
            "only the model choice says 'ask' here; in module 1 'ask' is in 1 model choices and "
            f"0 others, so a learner can pick by the word (line {line(tmp_path, data, 'Ask the')})",
        ],
        [
            "nodes[2].choices[2].text",
            "only the model choice says 'check in' here; in module 1 'check in' is in 1 model "
            "choices and 0 others, so a learner can pick by the word "
            f"(line {line(tmp_path, data, 'Check in weekly')})",
        ],
    ]
    # the list of words is the course's to choose (exercises/checks.yml)
    mine = TeachingConfig(marker_words=["question"])
    assert [f.split(": ")[1] for f in findings(tmp_path, teaching(), mine)] == [
        "nodes[0].choices[1].text"
    ]


def test_a_decision_without_a_model_choice(tmp_path):
    data = teaching()
    del data["nodes"][2]["choices"][2]["model"]
    for c in data["nodes"][1]["choices"]:
        c["model"] = True
    found = [f.split(": ", 2)[1:] for f in findings(tmp_path, data)]
    text = (tmp_path / "scenarios/module1/m1-teach.yml").read_text(encoding="utf-8").splitlines()
    third = [n for n, row in enumerate(text, 1) if row.strip() == "choices:"][2]
    assert ["nodes[2].choices", f"no choice is marked 'model: true' (line {third})"] in found
    every = [f for f in found if f[0] == "nodes[1].choices"]
    assert every and every[0][1].startswith("every choice is marked 'model: true'")
    for node in data["nodes"]:
        for c in node["choices"]:
            c.pop("model", None)
    (none,) = findings(tmp_path, data)
    assert none.split(": ", 2)[1] == "nodes" and "no choice is marked 'model: true'" in none


def test_feedback_whose_shape_tells_the_kind_of_choice(tmp_path):
    data = teaching()
    for node in data["nodes"]:
        for c in node["choices"]:
            if c.get("model"):
                c["feedback"] = c["feedback"] + " It works because the cooks decide."
            else:
                c["feedback"] = c["feedback"] + " But it costs the kitchen."
    found = [f.split(": ", 2)[1:] for f in findings(tmp_path, data)]
    shaped = {f[1].split(":")[0]: f for f in found if f[1].startswith("feedback that")}
    assert sorted(shaped) == [
        "feedback that has a sentence opening 'But …'",
        "feedback that has a sentence opening 'It works because …'",
    ]
    but = shaped["feedback that has a sentence opening 'But …'"]
    assert but[0] == "nodes[0].choices[0].feedback"
    assert but[1].startswith(
        "feedback that has a sentence opening 'But …': 6 of 6 feedback texts of other choices "
        "in module 1 do, and 0 of 3 of model choices; the shape tells a learner which kind of "
        "choice they made; also m1-teach.yml lines "
    )
    # the same words on every kind of choice tell nothing
    for node in data["nodes"]:
        for c in node["choices"]:
            c["feedback"] = c["text"] + " But it works because it is yours."
    assert not any("feedback that" in f for f in findings(tmp_path, data))


def test_good_endings_that_close_alike(tmp_path):
    """The closer words are one family: "nobody thanks you" in one good ending and "no one owes
    you" in another close alike, in the last sentence or the one before it."""
    data = teaching()
    together = data["endings"][0]
    together["text"] = "The kitchen runs. Nobody thanks you, and that is fine."
    found = findings(tmp_path, data)
    assert found == []  # one good ending in this module: nothing is shared
    second = {**teaching(), "id": "m1-teach-two"}
    second["endings"][0]["text"] = "No one owes you a word for it. The pantry fills."
    second["endings"][0]["debrief"] = "Shared work lasts longer than a rota."
    write_scenario(tmp_path, data, name="m1-teach.yml")
    write_scenario(tmp_path, second, name="m1-teach-two.yml")
    from coursekit.content import load_all

    report = teaching_report(load_all(tmp_path)[0])
    closers = [f.split(": ", 2)[1:] for f in report.findings if "closes on" in f]
    family = "'thank', 'owes you', 'that is all', 'nothing back'"
    assert closers == [  # m1-teach-two.yml sorts first
        [
            "endings[0].text",
            f"closes on 'owes you': 2 of the 2 good endings of module 1 close on one of {family} "
            "(at most a quarter may): a closer shared across endings tells the learner this is "
            f"the good one (line {line(tmp_path, second, 'No one owes')})",
        ],
        [
            "endings[0].text",
            f"closes on 'thank': 2 of the 2 good endings of module 1 close on one of {family} "
            "(at most a quarter may): a closer shared across endings tells the learner this is "
            f"the good one (line {line(tmp_path, data, 'Nobody thanks')})",
        ],
    ]
    assert "good endings that close on a closer word: 2 of 2" in report.modules[0]
    # further back than the last two sentences, the same words close nothing
    second["endings"][0]["text"] = "No one owes you a word. The pantry fills. It stays full."
    write_scenario(tmp_path, second, name="m1-teach-two.yml")
    assert not any("closes on" in f for f in teaching_report(load_all(tmp_path)[0]).findings)


def test_feedback_that_opens_alike_on_one_kind_of_choice(tmp_path):
    data = teaching()
    for node in data["nodes"]:
        for c in node["choices"]:
            if not c.get("model"):
                c["feedback"] = (
                    "That is tempting, and " + c["feedback"][0].lower() + c["feedback"][1:]
                )
    found = [f for f in findings(tmp_path, data) if "feedback that" in f]
    assert len(found) == 1 and found[0].split(": ", 2)[1:] == [
        "nodes[0].choices[0].feedback",
        "feedback that opens 'that is tempting …': 6 of 6 feedback texts of other choices in "
        "module 1 do, and 0 of 3 of model choices; the shape tells a learner which kind of "
        "choice they made; also m1-teach.yml lines "
        + ", ".join(
            str(line(tmp_path, data, f"That is tempting, and {w}"))
            for w in ("it waits", "the vote", "nobody notices", "the kitchen", "people")
        )
        + f" (line {line(tmp_path, data, 'That is tempting, and nobody asked')})",
    ]


def test_good_endings_that_close_on_the_same_sentence(tmp_path):
    from coursekit.content import load_all

    data, second = teaching(), {**teaching(), "id": "m1-teach-two"}
    second["endings"][0]["text"] = "The pantry fills."
    second["endings"][0]["debrief"] = "Shared work lasts."  # the debrief of m1-teach's good ending
    write_scenario(tmp_path, data, name="m1-teach.yml")
    write_scenario(tmp_path, second, name="m1-teach-two.yml")
    found = [f.split(": ", 2)[1:] for f in teaching_report(load_all(tmp_path)[0]).findings]
    reason = "closes on the same sentence as 1 other good ending(s) of module 1"
    assert found == [
        ["endings[0].debrief", f"{reason} (line {line(tmp_path, second, 'Shared work lasts')})"],
        ["endings[0].debrief", f"{reason} (line {line(tmp_path, data, 'Shared work lasts')})"],
    ]
    second["endings"][0]["debrief"] = "What was shared lasted."
    write_scenario(tmp_path, second, name="m1-teach-two.yml")
    assert teaching_report(load_all(tmp_path)[0]).findings == []


@pytest.mark.parametrize(
    "variants, reason",
    [
        (
            [{"when": ["took-over", "not took-over"], "text": "A"}, {"text": "B"}],
            "nodes[1].text[0].when: can never show: its 'when' asks for both 'took-over' and "
            "'not took-over'",
        ),
        (
            [{"when": [], "text": "A"}, {"when": "took-over", "text": "B"}, {"text": "C"}],
            "nodes[1].text[0].when: an empty 'when' always holds, so no later variant can show; "
            "remove it",
        ),
        (
            [
                {"when": "took-over", "text": "A"},
                {"when": ["took-over"], "text": "B"},
                {"text": "C"},
            ],
            "nodes[1].text[1].when: can never show: variant 0 has the same condition and comes "
            "first",
        ),
        (
            [
                {"when": "took-over", "text": "A"},
                {"when": ["took-over", "tired"], "text": "B"},
                {"text": "C"},
            ],
            "nodes[1].text[1].when: can never show: variant 0 comes first and holds whenever this "
            "one does ([took-over] is part of [took-over, tired])",
        ),
        (  # tired is only ever remembered with took-over: variant 0 wins on every such path
            [{"when": "took-over", "text": "A"}, {"when": "tired", "text": "B"}, {"text": "C"}],
            "nodes[1].text[1].when: never shows: on every path where [tired] holds, an earlier "
            "variant (variant 0) is shown instead",
        ),
        (  # both facts reach the meeting, never together
            [{"when": ["tired", "asked"], "text": "A"}, {"text": "C"}],
            "nodes[1].text[0].when: never shows: [tired, asked] holds on no path that reaches here",
        ),
    ],
)
def test_a_variant_that_can_never_show_is_an_error(tmp_path, variants, reason):
    from support.content import content_problems

    data = teaching()
    data["nodes"][0]["choices"][0]["remember"] = ["took-over", "tired"]
    data["nodes"][0]["choices"][1]["remember"] = ["asked"]
    data["nodes"][1]["text"] = variants
    data["nodes"][1]["choices"][2]["feedback"] = [  # every fact is used somewhere
        {"when": "asked", "text": "You asked, and still you leave."},
        {"when": "tired", "text": "You are tired."},
        {"text": "Nobody notices you go."},
    ]
    path = write_scenario(tmp_path, data, name="m1-teach.yml")
    (problem,) = content_problems(path)
    assert problem.startswith(f"{path}: {reason} (line ")


def test_a_variant_that_shows_on_some_path_is_no_error(tmp_path):
    data = teaching()
    data["nodes"][0]["choices"][1]["remember"] = ["asked"]
    data["nodes"][1]["text"] = [
        {"when": "took-over", "text": "A"},
        {"when": "asked", "text": "B"},
        {"text": "C"},
    ]
    load_scenario(write_scenario(tmp_path, data, name="m1-teach.yml"))


@pytest.mark.parametrize(
    "text, found",
    [
        ("I asked her", True),
        ("Asking first", True),
        ("She checked in with him", True),
        ("We check in on Fridays", True),
        ("a task for later", False),
        ("check into the hotel", False),
        ("check included", False),
        ("if she agrees to it", True),
    ],
)
def test_a_marker_matches_whole_words_with_their_endings(text, found):
    phrase = "check in" if "check" in text else "if she agrees" if "agrees" in text else "ask"
    assert bool(marker_pattern(phrase).search(text)) is found


def test_a_marker_word_that_marks_the_wrong_choices_is_a_tell_too(tmp_path):
    """When the wrong choices say "ask" and the model ones do not, a learner picks the one that
    does not ask: reported once, at the first such decision, with the lines of the others;
    when some model choices ask too, that learner does no better than chance."""
    from coursekit.content import load_all

    first, second = teaching(), {**teaching(), "id": "m1-teach-two"}
    for data in (first, second):
        for node in data["nodes"]:
            for c in node["choices"]:
                if not c.get("model"):
                    c["text"] = c["text"].rstrip(".") + ", and ask someone else."
        data["nodes"][1]["choices"][0]["text"] = "Let the cooks decide, and take the task."
    write_scenario(tmp_path, first, name="m1-teach.yml")
    write_scenario(tmp_path, second, name="m1-teach-two.yml")
    found = [f for f in teaching_report(load_all(tmp_path)[0]).findings if "does not say" in f]
    assert len(found) == 1, found
    where, reason = found[0].split(": ", 2)[1:]
    assert where == "nodes[0].choices[1].text"
    assert reason.startswith(
        "only the model choice does not say 'ask' here; in module 1, picking a choice without "
        "'ask' wherever some choices say it finds a model choice in 6.0 of 6 decisions, "
        "against 2.0 by chance: the word marks the wrong answers"
    ), reason
    assert "; also m1-teach-two.yml lines " in reason and "m1-teach.yml lines " in reason
    for data in (first, second):
        for node in data["nodes"]:
            model = next(c for c in node["choices"] if c.get("model"))
            model["text"] = model["text"].rstrip(".") + ", and ask the cooks first."
            other = next(c for c in node["choices"] if not c.get("model"))
            other["text"] = other["text"].replace(", and ask someone else.", ".")
        write_scenario(tmp_path, data, name=f"{data['id']}.yml")
    assert not [f for f in teaching_report(load_all(tmp_path)[0]).findings if "does not say" in f]
