"""Session slides (exercises/sessions.yml) on a page (tests/roots/test-slides): the handout on
the page, the projector view driven by keyboard alone with each slide fitting 1920x1080, the
facilitator's notes on N, no axe violations, the page printed as a handout; the data checked,
and a broken file named with its field."""

from __future__ import annotations

import pytest
from support.browser import axe_violations, close_dialog, focused, projector_fit, tab_until
from support.env import ROOT, serve
from support.roots import build_root

from coursekit.content import EXERCISES, ContentError, load_course
from coursekit.content.sessions import load_sessions

SHOTS = ROOT / "_build" / "screenshots"


def test_every_module_has_its_slides_with_practice_and_exit_ticket():
    modules = [m.id for m in load_course().modules]
    decks = load_sessions(EXERCISES, modules)
    assert sorted(decks) == sorted(modules)
    for deck in decks.values():
        kinds = [s.kind for s in deck]
        assert {"agreements", "input", "practice", "exit", "close"} <= set(kinds)
        assert kinds.index("exit") < kinds.index("close")
    text = lambda m: " ".join(f"{s.title} {s.ask} {s.points} {s.notes}" for s in decks[m])  # noqa: E731
    assert "Transformative justice" in text("module3") and "map a pod" in text("module3")
    assert "oppression olympics" in text("module4") and "identity politics" in text("module4")


def test_a_broken_sessions_file_names_the_file_and_field(tmp_path):
    (tmp_path / "sessions.yml").write_text(
        "module1:\n  - title: A\n    kind: lecture\n  - title: B\n    kind: exit\n"
        "  - title: C\n    kind: close\n    pointz: [x]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as exc:
        load_sessions(tmp_path, ["module1", "module2"])
    problems = "\n".join(exc.value.problems)
    wanted = f"{tmp_path / 'sessions.yml'}: module1[0].kind: 'lecture' is not one of"
    assert wanted in problems, problems
    assert "module1[2].pointz: unknown field (did you mean points?) (line 8)" in problems, problems
    assert "module2: missing" in problems, problems


@pytest.fixture(scope="module")
def slides_site(tmp_path_factory):
    files = {
        "exercises/sessions.yml": EXERCISES / "sessions.yml",
        "intro.md": ROOT / "book" / "intro.md",
    }
    out, _ = build_root("slides", tmp_path_factory.mktemp("slides"), files=files)
    base, server = serve(out)
    yield base, out
    server.shutdown()
    server.server_close()


def fits(page, name: str) -> list[tuple[int, str]]:
    """Every slide of one module's deck, opened and closed by keyboard: [(height, title)], each
    at most the 1080 px screen."""
    page.get_by_role("button", name=f"Show the slides: {name}").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    out = []
    total = int(dialog.locator(".ck-dm-where").inner_text().split(" of ")[1].split()[0])
    for _ in range(total):
        height, screen = projector_fit(dialog)
        title = dialog.locator(".ck-sl-title").inner_text()
        assert screen == 1080 and height <= screen, f"{name}, {title}: {height} px tall"
        out.append((height, title))
        page.keyboard.press("PageDown")
    close_dialog(page, dialog)
    return out


@pytest.mark.browser
def test_slides_by_keyboard_alone_each_fitting_one_screen(slides_site, new_page):
    base, _ = slides_site
    deck = load_sessions(EXERCISES)["module3"]
    p = new_page(viewport={"width": 1920, "height": 1080})
    page = p.page
    page.goto(f"{base}/index.html")
    page.locator(".ck-discuss").first.wait_for()
    # The handout and its button (the test site's theme is not the course's).
    assert axe_violations(page, ".ck-slides-mount, .ck-facilitator-tools") == []
    seen = []  # Tab to the third deck's button (Module 3)
    tab_until(page, lambda f: f["text"] == "Show the slides" and len(seen.append(1) or seen) == 3)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Module 3: Accountability, session slides")
    dialog.wait_for()
    where = dialog.locator(".ck-dm-where")
    SHOTS.mkdir(parents=True, exist_ok=True)
    heights = []
    for i, slide in enumerate(deck):
        assert where.inner_text().startswith(f"Slide {i + 1} of {len(deck)}")
        assert dialog.locator(".ck-sl-title").inner_text() == slide.title
        assert focused(page)["text"] == slide.title, "focus on the slide's title"
        height, screen = projector_fit(dialog)
        heights.append((height, slide.title))
        assert screen == 1080 and height <= screen, f"{slide.title}: {height} px tall"
        if slide.kind == "agreements":
            assert "Speak for yourself." in dialog.inner_text(), "the book's agreements"
            page.screenshot(path=str(SHOTS / "slides-agreements.png"))
        if i == 4:
            page.screenshot(path=str(SHOTS / "slides-input.png"))
            assert axe_violations(page) == []
        page.keyboard.press("ArrowRight" if i % 2 else "Space")
    close_dialog(page, dialog)
    for name in ("Module 1: Solidarity", "Module 2: Performative", "Module 4: Intersectionality"):
        heights += fits(page, name)
    print("tallest slides at 1920x1080:", sorted(heights, reverse=True)[:3])
    page.get_by_role("button", name="Show the slides: Module 3").focus()
    page.keyboard.press("Enter")
    dialog.wait_for()
    page.keyboard.press("End")
    assert where.inner_text().startswith(f"Slide {len(deck)} of"), "End: the last slide"
    page.keyboard.press("ArrowRight")
    assert where.inner_text().startswith(f"Slide {len(deck)} of"), "the last slide stays"
    page.keyboard.press("Backspace")
    assert where.inner_text().startswith(f"Slide {len(deck) - 1} of")
    page.keyboard.press("Home")
    assert where.inner_text().startswith("Slide 1 of")
    page.keyboard.press("n")
    notes = dialog.locator(".ck-dm-notes")
    assert notes.is_visible() and "Read the content note aloud" in notes.inner_text()
    page.screenshot(path=str(SHOTS / "slides-notes.png"))
    page.keyboard.press("n")
    assert not notes.is_visible()
    page.keyboard.press("End")
    assert dialog.locator(".ck-sl-title").inner_text() == deck[-1].title
    close_dialog(page, dialog)
    assert focused(page)["text"] == "Show the slides", "focus back on the button"
    assert p.foreign_requests(base) == [] and p.errors == []


@pytest.mark.browser
def test_the_page_prints_as_a_handout(slides_site, new_page, tmp_path):
    from pypdf import PdfReader

    base, out = slides_site
    deck = load_sessions(EXERCISES)["module4"]
    p = new_page()
    p.page.goto(f"{base}/index.html")
    p.page.locator(".ck-discuss").first.wait_for()
    p.page.emulate_media(media="print")
    assert not p.page.get_by_role("button", name="Show the slides").first.is_visible()
    pdf = tmp_path / "slides.pdf"
    p.page.pdf(path=str(pdf), format="A4")
    text = " ".join(" ".join(pg.extract_text().split()) for pg in PdfReader(str(pdf)).pages)
    for slide in deck:
        assert slide.title in text
    assert "Your notes" in text and "Show the slides" not in text
