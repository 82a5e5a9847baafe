"""`python -m coursekit class-view module1` on a class of 12 nbgrader submissions and two
"share my path" files: counts per choice, small counts hidden (and a second count where
one hidden count could be worked out), no individual path or name in the output, broken
files named, and the page looked at in the browser with 0 axe violations."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from support.browser import axe_violations
from support.env import BIN, ROOT, run, serve

from coursekit.classview import write_class_view
from coursekit.classview.counts import FEWER, HIDDEN, suppressed, tally
from coursekit.content import load_all
from coursekit.content.paths import all_paths
from coursekit.progress import PROGRESS_MARK

SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def ally_week():
    return load_all()[0]["m1-ally-week"].play


def by_first_choice(scenario) -> dict[int, list]:
    groups: dict[int, list] = {}
    for steps in all_paths(scenario):
        groups.setdefault(steps[0][1], []).append(steps)
    return groups


def class_of_12(tmp_path, scenario):
    """8 students open with option D (index 3), 3 with C, 1 with A; one also has a broken file."""
    groups = by_first_choice(scenario)
    plan = [3] * 8 + [2] * 3 + [0]
    submitted = tmp_path / "submitted"
    for n, first in enumerate(plan):
        steps = groups[first][n % len(groups[first])]
        folder = submitted / f"student{n:02d}" / "module1"
        folder.mkdir(parents=True)
        path = [{"node": node, "choice": i, "words": "MY PRIVATE WORDS"} for node, i in steps]
        (folder / "coursekit.progress.json").write_text(
            json.dumps(
                {
                    "coursekit": PROGRESS_MARK,
                    "scenarios": {
                        scenario.id: {"title": "x", "path": path, "updated": "2026-01-01"}
                    },
                }
            )
        )
    broken = submitted / "student99" / "module1"
    broken.mkdir(parents=True)
    (broken / "coursekit.progress.json").write_text("{not json")
    shared = tmp_path / "shared"
    shared.mkdir()
    for n in range(2):
        steps = groups[3][n]
        (shared / f"share-{n}.json").write_text(
            json.dumps(
                {
                    "coursekit": "coursekit shared path",
                    "scenario": scenario.id,
                    "path": [{"node": a, "choice": b} for a, b in steps],
                }
            )
        )
    return submitted, shared


def test_small_counts_are_hidden_and_cannot_be_worked_out(ally_week):
    groups = by_first_choice(ally_week)
    first = ally_week.nodes[0].id
    paths = [groups[3][0]] * 8 + [groups[2][0]] * 3 + [groups[0][0]]
    view = suppressed(ally_week, tally(ally_week, paths))
    assert view.choices[(first, 3)] == HIDDEN, (
        "8 is hidden too, or 12 - 8 would give away the 3 + 1 below 5"
    )
    assert view.choices[(first, 2)] == FEWER and view.choices[(first, 0)] == FEWER
    assert view.choices[(first, 1)] == FEWER, "a 0 is a count under 5 too"
    sixteen = [groups[3][0]] * 6 + [groups[2][0]] * 9 + [groups[0][0]]
    view = suppressed(ally_week, tally(ally_week, sixteen))
    assert [view.choices[(first, i)] for i in (0, 1, 2, 3)] == [FEWER, FEWER, "9", HIDDEN], (
        "the smallest shown count"
    )
    assert suppressed(ally_week, tally(ally_week, paths[:4])).shown is False, (
        "fewer than 5 learners: nothing shown"
    )
    ten = [groups[3][0]] * 10
    assert suppressed(ally_week, tally(ally_week, ten)).choices[(first, 3)] == "10", (
        "only zeros hidden: nothing to protect"
    )


def class_view_command(*args):
    """`python -m coursekit class-view module1 ...` as an instructor runs it."""
    return run([BIN / "python", "-m", "coursekit", "class-view", "module1", *args])


@pytest.mark.browser
def test_class_view_of_twelve_submissions(tmp_path, ally_week, new_page):
    submitted, shared = class_of_12(tmp_path, ally_week)
    out = tmp_path / "view" / "module1.html"
    proc = class_view_command("--submitted", submitted, "--shared", shared, "--out", out)
    assert (
        "student99/module1/coursekit.progress.json: file: not valid JSON (line 1); left out"
        in proc.stdout
    )
    text = out.read_text()
    assert "MY PRIVATE WORDS" not in text and not re.search(r"student\d\d", text), (
        "no words, no names"
    )
    assert "1 problem(s) with the files read" in text
    assert not re.search(r'"node": *"|"choice": *[0-9]', text), "no individual path"
    assert "Learners who played it: 14." in text
    assert "<svg" in text and "fewer than 5" in text
    first = ally_week.nodes[0].choices
    assert f"D. {first[3].text}" in text.replace("&#x27;", "'").replace("&quot;", '"')
    base, server = serve(out.parent)
    try:
        p = new_page(viewport={"width": 1600, "height": 1000})
        p.page.goto(f"{base}/module1.html")
        row = p.page.locator("tr", has_text=first[0].text[:30]).first
        assert row.locator("td.n").inner_text() == "fewer than 5"
        SHOTS.mkdir(parents=True, exist_ok=True)
        p.page.screenshot(path=str(SHOTS / "class-view.png"))
        assert axe_violations(p.page) == []
        assert p.foreign_requests(base) == []
    finally:
        server.shutdown()
        server.server_close()


def shared_file(folder, name, scenario, steps, sharer=None):
    data = {"coursekit": "coursekit shared path", "scenario": scenario.id}
    data["path"] = [{"node": a, "choice": b} for a, b in steps]
    if sharer:
        data["sharer"] = sharer
    (folder / name).write_text(json.dumps(data))


def learners_line(tmp_path, submitted, shared) -> str:
    """What the class view says of Ally Week's learners."""
    out = tmp_path / "view.html"
    write_class_view("module1", submitted, shared, out)
    return re.search(r"Ally Week</h2><p>Learners who played it: ([^.]+)\.", out.read_text())[1]


def test_each_learner_counts_once_whatever_they_handed_in(tmp_path, ally_week):
    """Issue 28, point 8: five copies of one shared file, or five different files from one
    browser, count as one learner: two submissions, one file handed in five times and one
    keen sharer are 4 learners, too few for any count to be drawn."""
    submitted, shared = class_of_12(tmp_path, ally_week)
    for folder in sorted(submitted.iterdir())[2:]:
        shutil.rmtree(folder)
    for f in shared.iterdir():
        f.unlink()
    paths = by_first_choice(ally_week)[3]
    for n in range(5):
        shared_file(shared, f"copy-{n}.json", ally_week, paths[0])
    assert learners_line(tmp_path, submitted, shared) == "fewer than 5"
    for n in range(5):
        shared_file(shared, f"mine-{n}.json", ally_week, paths[n + 1], sharer="ab" * 16)
    assert learners_line(tmp_path, submitted, shared) == "fewer than 5"
    shared_file(shared, "other.json", ally_week, paths[0], sharer="cd" * 16)
    assert learners_line(tmp_path, submitted, shared) == "5", "2 + the copies + ab… + cd…"


def test_a_view_a_few_learners_from_an_earlier_one_is_not_drawn(tmp_path, ally_week):
    """Two views, before and after one late learner, would show that learner's path as the
    difference: the second is refused, with the reason, until 5 learners differ."""
    submitted, _ = class_of_12(tmp_path, ally_week)
    shutil.rmtree(submitted / "student99")
    template = submitted / "student00"
    first = learners_line(tmp_path, submitted, None)
    assert first == "12"
    assert learners_line(tmp_path, submitted, None) == "12", "the same class: drawn again"
    shutil.copytree(template, submitted / "late01")
    proc = class_view_command("--submitted", submitted, "--out", tmp_path / "late.html")
    assert f"{ally_week.id}: not drawn: its learners differ from the view drawn" in proc.stdout
    assert "by 1, fewer than 5" in proc.stdout and "drawn again when 4 more" in proc.stdout
    page = (tmp_path / "late.html").read_text()
    assert "No counts are shown: its learners differ" in page and "<svg" not in page
    for n in range(2, 6):
        shutil.copytree(template, submitted / f"late{n:02d}")
    assert learners_line(tmp_path, submitted, None) == "17", "5 more than the view of 12"
    memory = tmp_path / "grading" / "class-view-module1.json"
    assert oct(memory.stat().st_mode & 0o777) == "0o600"
    assert "student" not in memory.read_text(), "hashes, not names"
    memory.write_text("{not json")
    assert learners_line(tmp_path, submitted, None) == "17"
    page = (tmp_path / "view.html").read_text()
    assert "No counts are shown: the class view&#x27;s memory" in page, "unreadable: nothing drawn"


def test_a_small_group_is_told_why_and_pointed_to_a_room_vote(tmp_path, ally_week):
    """Issue 24, point 8: six learners split 3 / 2 / 1 at the first decision: every count is
    under 5, so the view says why nothing is counted and points to discussion mode's room vote;
    four learners: nothing is drawn, with the same reasons."""
    groups = by_first_choice(ally_week)
    shared = tmp_path / "shared"
    shared.mkdir()
    for n, first in enumerate([3, 3, 3, 2, 2, 0]):
        shared_file(shared, f"s{n}.json", ally_week, groups[first][0], sharer=f"{n:02d}" * 16)
    assert learners_line(tmp_path, tmp_path / "none", shared) == "6"
    page = " ".join((tmp_path / "view.html").read_text().split())
    assert "At decisions 1 and 2 every choice was taken by fewer than 5 learners" in page
    assert "take a room vote in discussion mode" in page and "Discuss with a group" in page
    for f in sorted(shared.iterdir())[4:]:
        f.unlink()
    assert learners_line(tmp_path / "small", tmp_path / "none", shared) == "fewer than 5"
    page = " ".join((tmp_path / "small" / "view.html").read_text().split())
    assert "No counts are shown: fewer than 5 learners played this scenario" in page
    assert "so that no one's choice can be picked out" in page.replace("&#x27;", "'")
    assert "take a room vote in discussion mode" in page
