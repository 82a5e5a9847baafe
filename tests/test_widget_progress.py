"""The scenario widget and its progress file without a server: each choice saved and resumed
by a new widget, damaged or foreign progress files ignored with a note, a path that no longer
fits cut with a note, the front end's path rules, and progress that cannot be saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.content import good_scenario, scenario_model

from coursekit.widget import PROGRESS_FILE, PROGRESS_MARK, ProgressFile, ScenarioWidget, valid_path

GOOD = scenario_model(good_scenario())


def widget(folder: Path) -> ScenarioWidget:
    return ScenarioWidget(GOOD, progress=ProgressFile(folder))


def test_progress_is_saved_on_each_choice_and_resumed_by_a_new_widget(tmp_path):
    first = widget(tmp_path)
    assert first.path == [] and first.notice == ""
    first.path = [{"node": "a", "choice": 1}, {"node": "b", "choice": 0}]
    data = json.loads((tmp_path / PROGRESS_FILE).read_text())
    assert data["coursekit"] == PROGRESS_MARK
    again = widget(tmp_path)
    assert again.path == first.path and again.notice == ""
    assert again.choices_made() == ["Two", "One"]


@pytest.mark.parametrize(
    "content,expected",
    [
        ("not json at all", f"{PROGRESS_FILE}: is not valid JSON (line 1)"),
        (
            '{"notes": "someone else\'s file"}',
            f"{PROGRESS_FILE}: coursekit: is not a coursekit progress file",
        ),
        ("[1, 2]", f"{PROGRESS_FILE}: coursekit: is not a coursekit progress file"),
        (
            json.dumps({"coursekit": PROGRESS_MARK, "scenarios": []}),
            f"{PROGRESS_FILE}: scenarios: must be an object",
        ),
        (
            json.dumps({"coursekit": PROGRESS_MARK, "scenarios": {"m1-test": {"path": "a,b"}}}),
            f"{PROGRESS_FILE}: scenarios.m1-test.path: must be a list",
        ),
    ],
)
def test_a_damaged_or_foreign_progress_file_is_ignored_with_a_note(tmp_path, content, expected):
    (tmp_path / PROGRESS_FILE).write_text(content)
    w = widget(tmp_path)
    assert w.path == [] and w.notice.startswith(expected), w.notice
    w.path = [{"node": "a", "choice": 2}]
    assert (
        json.loads((tmp_path / PROGRESS_FILE).read_text())["scenarios"]["m1-test"]["path"] == w.path
    )
    kept = [p.read_text() for p in tmp_path.glob("coursekit-unreadable-*.progress.json")]
    if "scenarios.m1-test" in expected:  # a readable file is updated in place
        assert kept == []
    else:  # what could not be read is kept, never overwritten
        assert kept == [content] and "it is kept as coursekit-unreadable-" in w.notice


def test_a_path_that_no_longer_fits_is_cut_with_a_note(tmp_path):
    stale = [{"node": "a", "choice": 0}, {"node": "gone", "choice": 0}, {"node": "b", "choice": 1}]
    (tmp_path / PROGRESS_FILE).write_text(
        json.dumps(
            {
                "coursekit": PROGRESS_MARK,
                "scenarios": {"m1-test": {"path": stale}, "m2-other": {"path": [1]}},
            }
        )
    )
    w = widget(tmp_path)
    assert w.path == [{"node": "a", "choice": 0}]
    assert "scenarios.m1-test.path: only 1 of the 3 saved choices still fit" in w.notice
    w.path = [{"node": "a", "choice": 0}, {"node": "b", "choice": 1}]
    saved = json.loads((tmp_path / PROGRESS_FILE).read_text())["scenarios"]
    assert saved["m2-other"] == {"path": [1]}, "another scenario's progress is kept as it was"


def test_valid_path_matches_the_front_end_rules():
    assert valid_path(GOOD.play, None) == []
    assert valid_path(GOOD.play, [{"node": "a", "choice": True}]) == []
    assert valid_path(GOOD.play, [{"node": "a", "choice": 3}]) == []
    assert valid_path(GOOD.play, ["<b>x</b>"]) == []
    # Nothing is kept after an ending is reached.
    assert valid_path(GOOD.play, [{"node": "a", "choice": 2}, {"node": "b", "choice": 0}]) == [
        {"node": "a", "choice": 2}
    ]


def test_progress_that_cannot_be_saved_says_so_and_play_goes_on(tmp_path):
    w = widget(tmp_path / "no-such-folder")
    w.path = [{"node": "a", "choice": 0}]
    assert w.path == [{"node": "a", "choice": 0}]
    assert (
        "your choices cannot be saved" in w.notice and "lost when the kernel restarts" in w.notice
    )
