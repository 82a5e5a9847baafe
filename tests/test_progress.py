"""The kernel-side progress file (coursekit/progress.py): the shared path cases, the learner's
words, progress from before format 2, damaged files as notes, and two real kernels writing
one file at once without losing each other's updates."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support.content import memory_scenario, scenario_model
from support.env import ROOT

from coursekit.content.yamlfile import read_yaml
from coursekit.progress import LOCK_FILE, PROGRESS_FILE, PROGRESS_MARK, ProgressFile, valid_path
from coursekit.widget import ScenarioWidget

CASES = json.loads((ROOT / "tests" / "fixtures" / "path-cases.json").read_text())
SCENARIO = memory_scenario()  # the scenario of the cases, as a Scenario


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_shared_path_case(case):
    assert valid_path(SCENARIO.play, case["path"]) == case["expect"]["kept"]


def test_the_widget_state_is_the_player_form_without_what_is_not_for_learners():
    notes = {
        "key_point": "never for learners",
        "usual_choice": "u",
        "misconception": "m",
        "questions": ["q"],
        "alternative": "a",
    }
    author = read_yaml(ROOT / "tests" / "fixtures" / "memory-scenario.yml")[0]
    data = ScenarioWidget(scenario_model({**author, "facilitator": notes})).scenario
    assert "facilitator" not in data and "source" not in data
    assert {k: data[k] for k in CASES["scenario"]} == CASES["scenario"]
    assert all("model" not in c for n in data["nodes"] for c in n["choices"])


def widget(folder: Path) -> ScenarioWidget:
    return ScenarioWidget(SCENARIO, progress=ProgressFile(folder))


def test_words_are_saved_with_the_path_and_resumed(tmp_path):
    w = widget(tmp_path)
    w.path = [{"node": "first", "choice": 1, "words": "I would ask her what she wants."}]
    saved = json.loads((tmp_path / PROGRESS_FILE).read_text())["scenarios"]["t-memory"]["path"]
    assert saved == [{"node": "first", "choice": 1, "words": "I would ask her what she wants."}]
    assert widget(tmp_path).path == saved


def test_progress_from_before_format_2_resumes(tmp_path):
    (tmp_path / PROGRESS_FILE).write_text(
        json.dumps(
            {
                "coursekit": PROGRESS_MARK,
                "scenarios": {
                    "t-memory": {
                        "title": "Memory test",
                        "path": [{"node": "first", "choice": 0}],
                        "updated": "2026-01-01T00:00:00+00:00",
                    }
                },
            }
        )
    )
    w = widget(tmp_path)
    assert w.path == [{"node": "first", "choice": 0}] and w.notice == ""


def test_each_save_is_answered_with_its_revision(tmp_path):
    w = widget(tmp_path)
    assert w.confirm_saves
    with w.hold_trait_notifications():  # as one message from the player: path and revision together
        w.revision = 3
        w.path = [{"node": "first", "choice": 2}]
    assert w.saved_revision == 3


@pytest.mark.parametrize(
    "content,expected",
    [
        ("[" * 100_000 + "]" * 100_000, "is not valid JSON"),
        ("x" * 5_000_000, "too large to be progress"),
        (b"\xff\xfe\x00garbage", "cannot be read"),
    ],
)
def test_a_damaged_file_is_a_note_and_is_set_aside(tmp_path, content, expected):
    path = tmp_path / PROGRESS_FILE
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    w = widget(tmp_path)
    assert w.path == [] and expected in w.notice, w.notice
    w.path = [{"node": "first", "choice": 0}]
    assert "it is kept as coursekit-unreadable-" in w.notice
    assert len(list(tmp_path.glob("coursekit-unreadable-*.progress.json"))) == 1
    assert json.loads(path.read_text())["scenarios"]["t-memory"]["path"] == w.path


WRITER = """
import json
import subprocess
from pathlib import Path
from coursekit.content import PlayerScenario
from coursekit.progress import ProgressFile
scenario = PlayerScenario.model_validate_json({scenario!r})
progress = ProgressFile(Path({folder!r}))
for i in range({rounds}):
    saved, note = progress.save(scenario, [{{"node": "first", "choice": 0, "words": str(i)}}])
    assert saved, note
"""


@pytest.mark.slow  # starts two kernels
def test_two_kernels_writing_one_file_lose_nothing(tmp_path):
    """Two real kernels save their own scenario 200 times each, at the same time: each one's
    last save is in the file (without the lock and re-read, one overwrote the other's)."""
    from jupyter_client.manager import start_new_kernel

    rounds, kernels = 200, []
    try:
        for _ in ("s-one", "s-two"):
            km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
            kernels.append((km, kc))
        msgs = [
            kc.execute(
                WRITER.format(
                    scenario=SCENARIO.play.model_copy(update={"id": sid}).model_dump_json(),
                    folder=str(tmp_path),
                    rounds=rounds,
                )
            )
            for (_, kc), sid in zip(kernels, ("s-one", "s-two"), strict=True)
        ]
        for (_, kc), msg in zip(kernels, msgs, strict=True):
            while True:
                reply = kc.get_shell_msg(timeout=120)
                if reply["parent_header"].get("msg_id") == msg:
                    break
            assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        for km, kc in kernels:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    scenarios = json.loads((tmp_path / PROGRESS_FILE).read_text())["scenarios"]
    for sid in ("s-one", "s-two"):
        assert scenarios[sid]["path"][0]["words"] == str(rounds - 1), sid
    assert not list(tmp_path.glob(".coursekit-*.tmp"))


def test_the_progress_file_and_its_lock_stay_out_of_git(tmp_path):
    """What running a notebook leaves beside it (the path and the lock that guards it)."""
    widget = ScenarioWidget(SCENARIO, progress=ProgressFile(tmp_path))
    widget.path = [{"node": SCENARIO.play.nodes[0].id, "choice": 0}]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([PROGRESS_FILE, LOCK_FILE]), left
    for name in left:
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", f"notebooks/{name}"], cwd=ROOT, check=False
        )
        assert ignored.returncode == 0, f"notebooks/{name} is not git-ignored"
