"""The study pages and the journal file in the browser: the journal page, the course's
prompts, a reflection box, what the browser stores, playing a scenario, downloading and
importing a journal."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from coursekit.content import load_all

JOURNAL = "/book/journal.html"
_, COURSE_REFLECTIONS = load_all()
PROMPTS = {module: data.prompts for module, data in COURSE_REFLECTIONS.items()}
FIRST = PROMPTS["module1"][0]


def reflections_url(module: str) -> str:
    return f"/book/{module}/reflections.html"


def box(page, prompt):
    return page.locator(f'[data-coursekit-reflection="{prompt.id}"]')


def stored(page) -> dict:
    """Everything the course keeps in this browser profile, parsed."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('coursekit:'))
        .map(k => [k, JSON.parse(localStorage.getItem(k))]))""")


def stored_work(page) -> dict:
    """What the journal carries of what this profile keeps: not the pages' own state (the
    screen a scenario was left on, the name typed to share)."""
    return {
        k: v
        for k, v in stored(page).items()
        if not k.startswith("coursekit:screen:") and k != "coursekit:share:student"
    }


def write_answer(page, prompt, text, tick=1):
    """Type an answer (and tick the first `tick` criteria) into a prompt's box and wait until
    saved."""
    b = box(page, prompt)
    b.locator("textarea").fill(text)
    for i in range(tick):
        b.locator("input[type=checkbox]").nth(i).check()
    b.locator(".ck-status").filter(has_text="Saved in this browser").wait_for()


def play(page, scenario_id, decisions=None) -> None:
    """Take the first choice at every decision: to an ending, or `decisions` times."""
    region = page.locator(f'[data-coursekit-scenario="{scenario_id}"] .ck-scenario')
    region.get_by_role("button", name="Begin").click()
    made = 0
    while decisions is None or made < decisions:
        choice, skip = (
            region.locator(".ck-choice").first,
            region.get_by_role("button", name="Skip", exact=True),
        )
        choice.or_(skip).first.wait_for()
        if skip.is_visible():  # a decision that asks for the learner's own words first
            skip.click()
        choice.click()
        made += 1
        onward = region.locator(".ck-controls .ck-primary")
        if onward.inner_text() == "See how it ends":
            onward.click()
            return
        if decisions is None or made < decisions:
            onward.click()


def download(page, button_name) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    return Path(info.value.path())


def import_journal(page, path):
    page.locator("#ck-journal-import").set_input_files(str(path))
    message = page.locator(".ck-message")
    message.wait_for()
    return message


def canonical(content) -> str:
    """The journal's checksum input, as journal.js writes it: keys sorted, no spaces."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def checksum(content) -> str:
    """The sha256 that journal.js writes beside a file's content."""
    return hashlib.sha256(canonical(content).encode()).hexdigest()


def signed(content: dict, **header) -> str:
    """A file as journal-format.js writes one: ``header`` (format, version, ...), then the
    checksum of ``content``, then ``content``."""
    return json.dumps({**header, "sha256": checksum(content), "content": content})
