"""`python -m coursekit facilitator-pack`: per module, the pack printed by Debian's chromium in
regular and large print, on A4 and US Letter, read back from the PDFs: every sheet a front and
its back, every page beginning with its label, cards numbered without gaps, each ending on its
own card, routing that asks about earlier choices instead of "ask the facilitator", the
learner's-words prompt on its own side before the options; and pages looked at as images."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from statistics import median

import pytest
from support.env import BIN, ROOT, run

from coursekit.content import load_all
from coursekit.pack.paper import Paper

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"
LABEL = re.compile(
    r"^(?P<sheet>.+?)(?: · part (?P<part>\d+) of (?P<parts>\d+))? · (?P<side>front|back)$"
)
CARD = re.compile(r"^(?P<title>.+) · card (?P<n>\d+) of (?P<of>\d+)$")
PACKS = [
    f"{m}-cards{s}-{p}"
    for m in ("module1", "module2", "module3", "module4")
    for s in ("", "-large-print")
    for p in ("a4", "letter")
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    proc = run([BIN / "python", "-m", "coursekit", "facilitator-pack", "--out", out], timeout=900)
    assert "took" in proc.stdout
    return out


def pages(pdf) -> list[list[str]]:
    """Each page's lines, as pdftotext reads them (NFKC: ligatures read as their letters)."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(pdf)).pages:
        text = unicodedata.normalize("NFKC", page.extract_text())
        out.append([line.strip() for line in text.splitlines() if line.strip()])
    return out


@pytest.mark.parametrize("name", PACKS)
def test_every_sheet_is_a_front_and_its_back(pack, name):
    texts = pages(pack / f"{name}.pdf")
    assert texts and len(texts) % 2 == 0, f"{name}: {len(texts)} pages, not an even number"
    labels = [LABEL.match(t[0]) for t in texts]
    bad = [k + 1 for k, m in enumerate(labels) if not m]
    assert bad == [], f"{name}: pages not beginning with their label: {bad[:10]}"
    for k in range(0, len(labels), 2):
        front, back = labels[k], labels[k + 1]
        assert front["side"] == "front" and back["side"] == "back", f"{name}: page {k + 1}"
        assert (front["sheet"], front["part"]) == (back["sheet"], back["part"]), (
            f"{name}: page {k + 2}"
        )


@pytest.mark.parametrize("name", PACKS)
def test_cards_are_numbered_without_gaps_and_each_ending_has_its_own(pack, name):
    scenarios, _ = load_all()
    texts = pages(pack / f"{name}.pdf")
    module = int(name[6])
    fronts = [t for t in texts if t[0].endswith("· front")]
    firsts = [t for t in fronts if LABEL.match(t[0])["part"] in (None, "1")]  # a card's first side
    found: dict[str, set[int]] = {}
    for t in fronts:
        card = CARD.match(LABEL.match(t[0])["sheet"])
        if card:
            found.setdefault(card["title"], set()).add(int(card["n"]))
            assert int(card["of"]) == Paper(scenarios_by_title(scenarios)[card["title"]]).total
    mine = [s for s in scenarios.values() if s.module == module]
    assert sorted(found) == sorted(s.title for s in mine), "every scenario has its cards"
    for s in mine:
        total = Paper(s).total
        assert found[s.title] == set(range(1, total + 1)), f"{s.id}: no card number skipped"
        ending_cards = [
            t for t in firsts if t[0].startswith(f"{s.title} · card") and t[1].startswith("Ending:")
        ]
        assert len(ending_cards) == len(s.endings)
        # Each ending card is named by the longest title its heading begins with ("Her call"
        # and "Her call, at a distance" are two endings); a long title may wrap in large print.
        titles = [end.title for end in s.endings]
        names = [
            max(
                (x for x in titles if " ".join(t[1:3]).startswith(f"Ending: {x}")),
                key=len,
                default="(no ending named)",
            )
            for t in ending_cards
        ]
        assert sorted(names) == sorted(titles), f"{s.id}: each ending on one ending card"
    whole = "\n".join("\n".join(t) for t in texts)
    assert "On some paths this text differs" not in whole and "ask the facilitator" not in whole


def scenarios_by_title(scenarios: dict) -> dict:
    return {s.title: s for s in scenarios.values()}


def test_paper_asks_about_earlier_choices_where_the_path_depends_on_them(pack):
    """A choice whose next depends on a fact set earlier: its back asks which option the group
    chose on the card that set it, and names both places."""
    scenarios, _ = load_all()
    text = " ".join(
        " ".join(" ".join(t) for t in pages(pack / f"module{m}-cards-a4.pdf")) for m in (1, 2, 3, 4)
    )
    asked = 0
    for s in scenarios.values():
        paper = Paper(s)
        for node in s.play.nodes:
            for choice in node.choices:
                if len(choice.next) > 1:
                    route = html.unescape(paper.route(choice, node.id))
                    if "If your group" in route:
                        asked += 1
                        assert " ".join(route.replace("“", '"').replace("”", '"').split())[
                            :60
                        ] in text.replace("“", '"').replace("”", '"')
    assert asked >= 3, "the course has choices whose next depends on an earlier one"
    assert "If your group chose" in text and "Otherwise, go to card" in text


def test_the_own_words_prompt_has_its_own_side_before_the_options(pack):
    scenarios, _ = load_all()
    texts = pages(pack / "module3-cards-a4.pdf")
    asks = [n for s in scenarios.values() if s.module == 3 for n in s.nodes if n.ask]
    assert asks
    for node in asks:
        words = " ".join(node.ask.split())[:50]
        k = next(i for i, t in enumerate(texts) if words in " ".join(" ".join(t).split()))
        side = " ".join(texts[k])
        assert "each person says aloud" in side and "turn the card over" in side
        assert not any(
            " ".join(c.text.split())[:40] in " ".join(side.split()) for c in node.choices
        )
        assert " ".join(node.choices[0].text.split())[:40] in " ".join(
            " ".join(texts[k + 1]).split()
        )


def test_a_pack_a_facilitator_can_hand_out(pack):
    scenarios, reflections = load_all()
    texts = pages(pack / "module3-cards-a4.pdf")
    cover = " ".join(texts[0] + texts[1])
    for wanted in (
        "Print double-sided, flipping on the long edge",
        "For a session",
        "exit ticket",
        "support information",
    ):
        assert wanted in cover
    whole = " ".join(" ".join(t) for t in texts)
    for prompt in reflections["module3"].prompts:
        assert f"Module 3 reflection · {prompt.title} · front" in whole
    for s in (s for s in scenarios.values() if s.module == 3):
        assert f"{s.title} · facilitator's sheet · front" in whole
        for end in s.endings:
            assert f"“{end.title}”: from card" in " ".join(whole.split()), "the ending key"
    assert "Community agreements" in whole and "Discussion questions" in whole


def test_large_print_and_letter(pack):
    from pypdf import PdfReader

    a4, letter = (
        PdfReader(str(pack / f"module1-cards-{p}.pdf")).pages[0].mediabox for p in ("a4", "letter")
    )
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    sizes = {}
    for name in ("module1-cards-a4", "module1-cards-large-print-a4"):
        html = subprocess.run(
            ["pdftotext", "-bbox", "-f", "6", "-l", "6", pack / f"{name}.pdf", "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        heights = [
            float(y1) - float(y0)
            for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
        ]
        sizes[name] = median(heights)
    assert sizes["module1-cards-large-print-a4"] >= 1.35 * sizes["module1-cards-a4"], sizes


def test_pages_looked_at_as_images(pack):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: `make test` installs Debian's poppler-utils")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, first, last in (
        ("module3-cards-a4", 1, 24),
        ("module3-cards-large-print-letter", 13, 24),
    ):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                str(first),
                "-l",
                str(last),
                pack / f"{name}.pdf",
                SHOTS / name,
            ],
            check=True,
            timeout=120,
        )
    shots = sorted(SHOTS.glob("module3-cards-a4-*.png"))
    assert len(shots) == 24 and all(p.stat().st_size > 3000 for p in shots), "no blank page image"
