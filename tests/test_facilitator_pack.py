"""`python -m coursekit facilitator-pack`: per module a PDF of scenario cards (each card
starts a page), the agreements, the discussion questions and the facilitator notes, printed
by Debian's chromium; a large-print variant; a card page looked at as an image."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from support.env import BIN, ROOT, run

from coursekit.content import load_all

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    proc = run(
        [BIN / "python", "-m", "coursekit", "facilitator-pack", "--module", "module1", "--out", out]
    )
    assert "took" in proc.stdout
    return out


def pages(pdf):
    from pypdf import PdfReader

    # NFKC: the PDF's ligatures ("ﬁ") read as the letters they join.
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(str(pdf)).pages]


def expected_cards(scenario) -> list[str]:
    s = scenario.play
    labels = [f"{s.id} · card 1"]
    for i in range(len(s.nodes)):
        labels += [
            f"{s.id} · card {i + 2} · decision {i + 1}",
            f"{s.id} · card {i + 2} · back",
        ]
    return labels + [
        f"{s.id} · ending card {2 + 2 * len(s.nodes)}",
        f"{s.id} · facilitator notes",
    ]


def test_module_pack_has_every_card_on_its_own_page(pack):
    scenarios, _ = load_all()
    mine = sorted((s for s in scenarios.values() if s.module == 1), key=lambda s: s.id)
    texts = pages(pack / "module1-cards.pdf")
    starts = [t.strip().splitlines()[0].strip() for t in texts if t.strip()]
    wanted = [label for s in mine for label in expected_cards(s)]
    assert starts[:3] == [
        "Module 1 · facilitator pack",
        "Community agreements",
        "Discussion questions",
    ]
    assert [s for s in starts if "·" in s and not s.startswith("Module")] == wanted, (
        "each card starts a page, in order"
    )
    assert len(texts) >= 3 + len(wanted)
    whole = "\n".join(texts)
    assert "Question ideas, not people." in whole and "Essay A says solidarity means" in whole
    first = mine[0]
    assert first.facilitator.questions[0][:40] in " ".join(whole.split())
    assert "Before you choose, each say aloud" in whole


def test_large_print_variant_has_the_same_cards_in_bigger_type(pack):
    regular, large = (
        pages(pack / "module1-cards.pdf"),
        pages(pack / "module1-cards-large-print.pdf"),
    )
    assert len(large) > len(regular)

    def label(texts):
        return [t.strip().splitlines()[0] for t in texts if "· card" in t.split("\n")[0]]

    assert label(large) == label(regular)


def test_a_card_page_looks_like_a_card(pack):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: `make facilitator-pack` installs Debian's poppler-utils")
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "5",
            "-l",
            "5",
            "-singlefile",
            pack / "module1-cards.pdf",
            SHOTS / "card-page",
        ],
        check=True,
        timeout=60,
    )
    png = SHOTS / "card-page.png"
    assert png.stat().st_size > 5000, "the card page is not blank"
