"""Debian's Chromium for the browser tests: its flags, a page that records every request,
dialog and error, and what tests ask of a page (focus, Tab, axe-core, the projector view)."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# An init script: no CSS transitions or animations, so a screenshot or a measurement is taken
# of the page at rest.
NO_TRANSITIONS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent =
    '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.append(style);
});"""


class Page:
    """A browser page in a fresh profile that records every request and dialog."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def foreign_requests(self, base: str) -> list[str]:
        host = urlparse(base).netloc
        return [
            u
            for u in self.requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != host
        ]


def focused(page) -> dict:
    """What has keyboard focus, and which scenario (if any) it belongs to."""
    return page.evaluate("""() => {
        const a = document.activeElement;
        return {tag: a.tagName, type: a.type || '', id: a.id || '',
                text: (a.textContent || '').trim(), cls: a.className || '',
                inScenario: !!a.closest('.ck-scenario'),
                scenario:
                    a.closest('[data-coursekit-scenario]')?.dataset.coursekitScenario ?? null};
    }""")


def tab_until(page, wanted, limit=400) -> dict:
    """Press Tab until the focused element satisfies `wanted`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    pytest.fail(f"Tab never reached the wanted element; last focused: {focused(page)}")


def projector_fit(dialog) -> list[int]:
    """[height needed, height of the screen] of the projector view: the first is where its
    last line ends (the stage shrunk to its content), so it fits when it is at most the second."""
    return dialog.evaluate("""d => {
        const stage = d.querySelector('.ck-dm-stage');
        stage.style.flexGrow = '0';
        const end = d.querySelector('.ck-dm-foot').getBoundingClientRect().bottom + d.scrollTop
            - d.getBoundingClientRect().top + parseFloat(getComputedStyle(d).paddingBottom);
        stage.style.flexGrow = '';
        const scrolled = d.scrollHeight > d.clientHeight ? d.scrollHeight : 0;
        return [Math.max(Math.ceil(end), scrolled), d.clientHeight];
    }""")


def close_dialog(page, dialog, key: str = "Escape") -> None:
    """Press `key` in an open dialog and wait until the dialog has left the page. A closed
    <dialog> is hidden at once, but its "close" handlers (remove it, focus back on the button
    that opened it) run a task later: wait for them, as a person sees the focus come back."""
    handle = dialog.element_handle()
    page.keyboard.press(key)
    page.wait_for_function("d => !d.isConnected", arg=handle)


def past_the_words_box(region, words: str = "") -> None:
    """At a decision that asks for the learner's own words first: write `words` and show the
    choices, or skip when `words` is empty. Does nothing at a decision that does not ask."""
    choice, box = region.locator(".ck-choice").first, region.locator(".ck-words-box")
    choice.or_(box).first.wait_for()
    if box.is_visible():
        if words:
            box.fill(words)
            region.get_by_role("button", name="Show the choices").click()
        else:
            region.get_by_role("button", name="Skip", exact=True).click()
    choice.wait_for()


def axe_violations(page, context: str | None = None) -> list[str]:
    """axe-core's violations on the page, or within the elements matching `context`
    (axe-playwright-python ships axe; nothing is fetched)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
