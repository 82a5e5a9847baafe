"""The learner notebooks in a real JupyterLab and Notebook 7 (one server on loopback, shared
by the module), driven in headless Chromium: scenarios played by mouse and keyboard, the path
read from Python, a reflection saved into the .ipynb, progress resumed after a kernel
restart, the dark theme, and a damaged progress file. Plus the progress file on its own."""

from __future__ import annotations

import base64
import json
import re
import shlex
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect
from support.browser import focused, past_the_words_box, tab_until
from support.contrast import COLORS, PIXEL_SHARES, contrast, luminance, parse_rgb
from support.env import run
from support.lab import (
    OFFLINE_FLAGS,
    add_cell_at_end_and_run,
    fits_width,
    jupyterlab,
    menu,
    play_by_clicking,
    play_by_keyboard,
    run_all,
)

from coursekit.notebook_parts import ANSWER_PLACEHOLDER
from coursekit.notebooks import NOTEBOOKS
from coursekit.widget import PROGRESS_FILE

NOTEBOOK = "module1.ipynb"
# A format-2 scenario (memory, variants, the learner's words) played in its own notebook.
MEMORY_SCENARIO = Path(__file__).resolve().parent / "fixtures" / "player-scenario.yml"
MEMORY_NOTEBOOK = "memory.ipynb"
MEMORY_CELL = """import yaml
from pathlib import Path
from coursekit.content import Scenario
from coursekit.progress import ProgressFile
from coursekit.widget import ScenarioWidget
ScenarioWidget(Scenario.model_validate(yaml.safe_load(Path("player-scenario.yml").read_text())),
               sections={}, progress=ProgressFile(Path.cwd()))"""
WORDS = "Ana, would you like me to raise it, or back you up when you do?"


def make_lab_command() -> list[str]:
    """The command `make lab` runs (the README's), as `make -n` prints it without running it."""
    out = run(["make", "-n", "-s", "lab"]).stdout.replace("\\\n", " ")
    lines = [line for line in out.splitlines() if re.search(r"/jupyter lab ", line)]
    assert len(lines) == 1, f"`make -n lab` prints no single `jupyter lab` command:\n{out}"
    command = shlex.split(lines[0])
    missing = [flag for flag in OFFLINE_FLAGS if flag not in command]
    assert not missing, (
        f"`make lab` lacks {missing}: loopback only, nothing fetched from other hosts"
    )
    return command


def with_flags(command: list[str], flags: dict) -> list[str]:
    """The command with these --Class.trait flags set (traitlets refuses a flag given twice)."""
    kept = [arg for arg in command if arg.split("=")[0] not in flags]
    return kept + [f"{name}={value}" for name, value in flags.items()]


def scenario_ids(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        c.metadata["coursekit"]["scenario"]
        for c in nb.cells
        if c.cell_type == "code" and "scenario" in c.metadata.get("coursekit", {})
    ]


def answer_cells(path: Path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    return {
        c.metadata["coursekit"]["answer"]: c.source
        for c in nb.cells
        if "answer" in c.metadata.get("coursekit", {})
    }


@pytest.fixture(scope="module")
def lab(tmp_path_factory, site):
    """`make lab`'s JupyterLab server (which also serves Notebook 7), on a free loopback port
    with no token, rooted in a temporary folder holding one copy of the module 1 notebook per
    test, with its own config, settings and runtime folders. Stopped also when a test fails."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    root = tmp / "course"
    for folder in ("lab", "notebook7", "dark", "reading"):
        (root / folder).mkdir(parents=True)
        shutil.copy(NOTEBOOKS / NOTEBOOK, root / folder / NOTEBOOK)
    for folder in ("memory", "memory7"):
        (root / folder).mkdir()
        shutil.copy(MEMORY_SCENARIO, root / folder / MEMORY_SCENARIO.name)
        nbformat.write(
            nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell(MEMORY_CELL)],
                metadata={
                    "kernelspec": {
                        "name": "python3",
                        "display_name": "Python 3",
                        "language": "python",
                    }
                },
            ),
            root / folder / MEMORY_NOTEBOOK,
        )
    command = with_flags(
        make_lab_command(),
        {
            "--ServerApp.root_dir": root,
            "--ServerApp.open_browser": False,
            "--IdentityProvider.token": "",
            "--ServerApp.password": "",
            "--LabApp.default_url": "/lab",
        },
    )
    # The published book, as _config.yml's html.baseurl would name it: the built book served.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COURSEKIT_BOOK_URL", f"{site}/")
        with jupyterlab(command, root, tmp) as (url, _log):
            env.delenv("COURSEKIT_BOOK_URL")
            yield url, root


@pytest.fixture
def lab_page(new_page):
    p = new_page(viewport={"width": 1280, "height": 900})
    p.page.set_default_timeout(60_000)
    return p


def saved_path(folder: Path, scenario_id: str) -> list:
    data = json.loads((folder / PROGRESS_FILE).read_text())
    return data["scenarios"][scenario_id]["path"]


def test_lab_play_print_reflect_save_and_resume_after_restart(lab, lab_page):
    url, root = lab
    folder = root / "lab"
    ids = scenario_ids(folder / NOTEBOOK)
    page = lab_page.page
    page.goto(f"{url}/lab/tree/lab/{NOTEBOOK}?reset")  # ?reset: no tabs from other tests
    players = run_all(page, folder / NOTEBOOK, len(ids))
    assert page.locator(".jp-LabShell").count() == 1
    # JupyterLab asks about its news a moment after it starts: by now the question would show.
    assert not page.get_by_text("get notified about official Jupyter news").count()
    assert not page.locator(".Toastify__toast").count(), page.locator(".Toastify").inner_text()
    region = players.first
    assert fits_width(region)
    light = region.evaluate(COLORS, [".ck-primary"])
    assert luminance(parse_rgb(light["player"]["bg"])) > 0.8, (
        light
    )  # JupyterLab Light: a light player
    assert contrast(light[".ck-primary"]["fg"], light[".ck-primary"]["bg"]) >= 4.5, light

    chosen = play_by_clicking(region)
    assert len(chosen) >= 2
    assert region.locator(".ck-path li").all_inner_texts() == chosen
    assert len(saved_path(folder, ids[0])) == len(chosen)

    code = (
        f"import json, os\nfrom coursekit.widget import scenario\n"
        f"print(json.dumps({{'pid': os.getpid(), 'choices': scenario({ids[0]!r}).choices_made()}}))"
    )
    output = add_cell_at_end_and_run(page, code)
    output.first.wait_for()
    printed = json.loads(output.first.text_content())
    assert printed["choices"] == chosen

    prompt_id = next(iter(answer_cells(folder / NOTEBOOK)))
    answer = "Solidarity means I follow the lead of the people affected, and I keep showing up."
    cell = (
        page.locator(".jp-MarkdownCell")
        .filter(has_text=ANSWER_PLACEHOLDER.strip("*").split(".")[0])
        .first
    )
    cell.click()
    page.keyboard.press("Enter")  # edit the markdown source
    cell.locator(".cm-editor.cm-focused").wait_for()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(answer)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 20
    while answer_cells(folder / NOTEBOOK)[prompt_id] != answer:
        assert time.monotonic() < deadline, "the saved notebook never held the reflection"
        time.sleep(0.2)

    menu(page, "Kernel", "Restart Kernel and Run All Cells…")
    page.locator(".jp-Dialog").get_by_role("button", name="Confirm Kernel Restart").click()
    region.get_by_text(f"You chose: {chosen[-1]}", exact=True).wait_for()
    region.get_by_role("button", name="See how it ends").click()
    assert region.locator(".ck-path li").all_inner_texts() == chosen
    deadline = time.monotonic() + 60
    while (after := json.loads(output.first.text_content() or "{}")).get("pid") in (
        None,
        printed["pid"],
    ):
        assert time.monotonic() < deadline, "the path cell did not run again in the new kernel"
        time.sleep(0.2)
    assert after["choices"] == chosen
    assert lab_page.foreign_requests(url) == []
    assert lab_page.errors == []


def test_in_the_reading_is_a_link_to_the_book_that_opens_the_section(lab, lab_page, site):
    url, root = lab
    folder = root / "reading"
    page = lab_page.page
    page.goto(f"{url}/lab/tree/reading/{NOTEBOOK}?reset")
    region = run_all(page, folder / NOTEBOOK, len(scenario_ids(folder / NOTEBOOK))).first
    region.get_by_role("button", name="Begin").click()
    past_the_words_box(region)
    region.locator(".ck-choice").first.click()
    link = region.locator(".ck-reading a")
    href = link.get_attribute("href")
    assert href.startswith(f"{site}/book/module1/reading.html#"), href
    with page.context.expect_page() as opened:
        link.click()  # a new tab: the notebook stays open where it was
    book = opened.value
    book.wait_for_load_state()
    label = href.split("#", 1)[1]
    assert book.url == href
    heading = book.locator(f'[id="{label}"] + :is(h2, h3, h4)')  # Sphinx: the label, then it
    assert link.inner_text() in heading.inner_text()
    assert page.locator(".jp-LabShell").count() == 1
    assert lab_page.errors == []


def test_notebook7_opens_and_plays_by_keyboard(lab, lab_page):
    url, root = lab
    folder = root / "notebook7"
    ids = scenario_ids(folder / NOTEBOOK)
    page = lab_page.page
    # Notebook 7.6's own shortcuts plugin throws on a settings change (notebook_core bundle);
    # any other error, ours included (scenario.js runs from a blob: URL), fails the test.
    errors = []
    page.on(
        "pageerror",
        lambda e: (
            errors.append(e) if "/static/notebook/notebook_core." not in (e.stack or "") else None
        ),
    )
    page.goto(f"{url}/notebooks/notebook7/{NOTEBOOK}")
    players = run_all(page, folder / NOTEBOOK, len(ids))
    assert page.locator(".jp-LabShell").count() == 0  # Notebook 7's own shell, not JupyterLab's
    assert "/notebooks/" in page.url and "/lab" not in page.url
    region = players.nth(1)
    chosen = play_by_keyboard(page, region)
    summary = region.locator(".ck-path li").all_inner_texts()
    assert [item.split("\n\nYou wrote: ")[0] for item in summary] == chosen
    saved = saved_path(folder, ids[1])
    assert len(saved) == len(chosen)
    # the words typed at a decision that asks first are kept with the path and shown in the summary
    for step, item in zip(saved, summary, strict=True):
        assert ("words" in step) == ("You wrote: What I would say." in item)
    assert lab_page.foreign_requests(url) == []
    assert [f"{e.message}\n{e.stack}" for e in errors] == []


def test_memory_and_words_by_keyboard_and_a_player_left_from_before_a_restart(lab, lab_page):
    """A scenario that remembers, played by keyboard in JupyterLab: the learner's words before
    the choices, an ending whose text depends on the first choice, the words in the summary
    and in coursekit.progress.json. After a kernel restart the old player says its step is
    not saved and pauses, instead of taking clicks that would be lost."""
    url, root = lab
    folder = root / "memory"
    page = lab_page.page
    page.goto(f"{url}/lab/tree/memory/{MEMORY_NOTEBOOK}?reset")
    region = run_all(page, folder / MEMORY_NOTEBOOK, 1).first
    assert "Practise asking" not in region.inner_text()  # the goal waits for the ending
    region.get_by_role("button", name="Begin").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "TEXTAREA"
    page.keyboard.insert_text(WORDS)
    tab_until(page, lambda f: f["text"] == "Show the choices", limit=3)
    page.keyboard.press("Enter")
    for _ in range(2):  # the second choice: ask Ana first (remembers "asked")
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(region.locator('[aria-live="polite"]')).to_contain_text("Asking first lets Ana decide")
    page.keyboard.press("Enter")  # Continue
    expect(region.locator(".ck-situation")).to_contain_text(
        "Ana tells you she would rather raise it herself"
    )
    for _ in range(3):  # the third choice: ask the organiser
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "See how it ends"
    page.keyboard.press("Enter")
    expect(region.locator(".ck-text")).to_contain_text("Because you asked Ana first")
    expect(region.locator(".ck-path li").first).to_contain_text(f"You wrote: {WORDS}")
    expect(region.locator(".ck-goal")).to_contain_text("Practise asking the person affected")
    expected = [{"node": "notice", "choice": 1, "words": WORDS}, {"node": "later", "choice": 2}]
    deadline = time.monotonic() + 20
    while not (folder / PROGRESS_FILE).exists() or saved_path(folder, "m1-memory") != expected:
        assert time.monotonic() < deadline, (
            "coursekit.progress.json never held the path with the words"
        )
        time.sleep(0.2)

    menu(page, "Kernel", "Restart Kernel…")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(state="attached")
    region.get_by_role("button", name="Back").click()
    expect(region.locator(".ck-stale")).to_contain_text("Re-run this cell", timeout=15_000)
    assert region.locator(".ck-controls button:not([disabled])").count() == 0
    assert saved_path(folder, "m1-memory") == expected, (
        "nothing was saved, and the learner was told"
    )
    assert lab_page.foreign_requests(url) == []


def test_notebook7_plays_memory_by_keyboard_skipping_the_words(lab, lab_page):
    """The same scenario in Notebook 7: words skipped, the first choice remembered; the
    ending's text is the one for a learner who spoke up without asking."""
    url, root = lab
    folder = root / "memory7"
    page = lab_page.page
    errors = []  # Notebook 7.6's own shortcuts plugin throws on a settings change: not ours
    page.on(
        "pageerror",
        lambda e: (
            errors.append(e) if "/static/notebook/notebook_core." not in (e.stack or "") else None
        ),
    )
    page.goto(f"{url}/notebooks/memory7/{MEMORY_NOTEBOOK}")
    region = run_all(page, folder / MEMORY_NOTEBOOK, 1).first
    region.get_by_role("button", name="Begin").focus()
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["text"] == "Skip", limit=4)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first choice: raise it with the team (remembers "spoke-up")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # Continue
    expect(region.locator(".ck-situation")).to_contain_text("After the meeting, people look to you")
    for _ in range(3):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # See how it ends
    expect(region.locator(".ck-text")).to_contain_text("nobody asked her how she wanted it done")
    assert "You wrote" not in region.locator(".ck-path").inner_text()
    expected = [{"node": "notice", "choice": 0}, {"node": "later", "choice": 2}]
    deadline = time.monotonic() + 20
    while not (folder / PROGRESS_FILE).exists() or saved_path(folder, "m1-memory") != expected:
        assert time.monotonic() < deadline, "coursekit.progress.json never held the path"
        time.sleep(0.2)
    assert lab_page.foreign_requests(url) == []
    assert [f"{e.message}\n{e.stack}" for e in errors] == []


def test_dark_theme_is_legible_and_a_damaged_progress_file_is_a_note(lab, lab_page, tmp_path):
    url, root = lab
    folder = root / "dark"
    damaged = '{"coursekit": "scenario progress", "scen'
    (folder / PROGRESS_FILE).write_text(damaged)
    ids = scenario_ids(folder / NOTEBOOK)
    page = lab_page.page
    page.goto(f"{url}/lab/tree/dark/{NOTEBOOK}?reset")
    page.locator(".jp-Notebook").wait_for()
    menu(page, "Settings", "Theme", "JupyterLab Dark")
    try:
        page.locator("body[data-jp-theme-light='false']").wait_for(state="attached")
        players = run_all(page, folder / NOTEBOOK, len(ids))
        region = players.first
        notice = region.locator(".ck-notice")
        expect(notice).to_contain_text(f"{PROGRESS_FILE}: is not valid JSON")
        colors = region.evaluate(COLORS, [".ck-bar", ".ck-notice", ".ck-primary"])
        region.get_by_role("button", name="Begin").click()
        past_the_words_box(region)
        assert fits_width(region)
        colors.update(region.evaluate(COLORS, [".ck-choice", ".ck-text"]))
        player_bg = colors["player"]["bg"]
        assert luminance(parse_rgb(player_bg)) < 0.05, (
            f"the player is not dark in the dark theme: {colors}"
        )
        for part in ("player", ".ck-choice", ".ck-primary", ".ck-notice"):
            assert contrast(colors[part]["fg"], colors[part]["bg"]) >= 4.5, (part, colors[part])
        for part in (".ck-bar", ".ck-text"):  # text on the player's own background
            assert contrast(colors[part]["fg"], player_bg) >= 4.5, (part, colors[part])

        png = region.screenshot(path=tmp_path / "scenario-dark.png", animations="disabled")
        shares = page.evaluate(PIXEL_SHARES, base64.b64encode(png).decode())
        assert shares["dark"] > 0.6 and shares["light"] > 0.01, shares

        tab_until(
            page, lambda f: f["inScenario"] and "ck-choice" in f["cls"], limit=5
        )  # by keyboard
        page.keyboard.press("Enter")
        notice.get_by_text("it is kept as coursekit-unreadable-").wait_for()
        kept = list(folder.glob("coursekit-unreadable-*.progress.json"))
        assert [k.read_text() for k in kept] == [damaged]
        assert len(saved_path(folder, ids[0])) == 1
    finally:
        menu(page, "Settings", "Theme", "JupyterLab Light")
        page.locator("body[data-jp-theme-light='true']").wait_for(state="attached")
    assert lab_page.foreign_requests(url) == []
    assert lab_page.errors == []
