"""Measure the book: clean build time, page weight of scenario pages against a plain page,
time from DOMContentLoaded to the first scenario button, layout shift (CLS), and the size of
the player's JavaScript. Prints figures; asserts nothing.

Run with `make bench`.
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import lighthouse  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.env import BIN, ROOT, serve  # noqa: E402

PAGES = {
    "plain page (module 1 overview)": "/book/module1/index.html",
    "plain page (module 1 reading)": "/book/module1/reading.html",
    "scenario page (module 1 scenarios)": "/book/module1/scenarios.html",
    "notebook page (module 1 notebook)": "/notebooks/module1.html",
}
# The modules the scenario page loads (scenario-page.js and what it imports).
PAGE_MODULES = [
    "scenario-page.js",
    "scenario.js",
    "scenario-views.js",
    "text.js",
    "paths.js",
    "mount.js",
    "store.js",
]
FIRST_BUTTON = """
window.__ck = {cls: 0};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__ck.cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
document.addEventListener('DOMContentLoaded', () => { window.__ck.dcl = performance.now(); });
new MutationObserver((_, obs) => {
  if (document.querySelector('.ck-scenario button')) {
    window.__ck.button = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def build(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", "--path-output", out],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def weigh(browser, base: str, url: str) -> tuple[int, int, float | None]:
    context = browser.new_context()
    page = context.new_page()
    sizes = []
    page.on(
        "requestfinished", lambda r: sizes.append(len(r.response().body()) if r.response() else 0)
    )
    page.add_init_script(FIRST_BUTTON)
    page.goto(base + url, wait_until="networkidle")
    marks = page.evaluate("window.__ck")
    context.close()
    delay = (
        (marks["button"] - marks["dcl"], marks["button"])
        if "button" in marks and "dcl" in marks
        else None
    )
    return sum(sizes), len(sizes), delay, marks["cls"]


def player_size() -> None:
    from coursekit.player import PLAYER, player_esm

    page = b"".join((PLAYER / name).read_bytes() for name in PAGE_MODULES)
    bundle = player_esm().encode()
    print(
        f"player JS on the page ({len(PAGE_MODULES)} modules): {len(page):,} bytes, "
        f"{len(gzip.compress(page, 9)):,} gzipped; in Jupyter (one bundled module): "
        f"{len(bundle):,} bytes, {len(gzip.compress(bundle, 9)):,} gzipped"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    player_size()
    with tempfile.TemporaryDirectory() as tmp:
        seconds = build(Path(tmp))
        print(f"clean build (jupyter-book build -W -n, 4 notebooks executed): {seconds:.1f} s")
        base, server = serve(Path(tmp) / "_build" / "html")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {}
            for name, url in PAGES.items():
                runs = [weigh(browser, base, url) for _ in range(5)]
                weight, count = runs[-1][0], runs[-1][1]
                delays = [r[2] for r in runs if r[2] is not None]
                results[name] = (
                    weight,
                    count,
                    (
                        statistics.median(d[0] for d in delays),
                        statistics.median(d[1] for d in delays),
                    )
                    if delays
                    else None,
                    max(r[3] for r in runs),
                )
            browser.close()
        server.shutdown()
        lighthouse.report(Path(tmp) / "_build" / "html")  # every page kind, Lighthouse, stock page
    plain = results["plain page (module 1 overview)"][0]
    print(
        "first button: median of 5 loads; negative = the button is there before DOMContentLoaded "
        "fires"
    )
    print("CLS: the largest of 5 loads (aim: at most 0.01)")
    print(
        f"{'page':36} {'bytes':>10} {'requests':>9} {'x plain':>8} {'DCL->button':>12} "
        f"{'nav->button':>12} {'CLS':>7}"
    )
    for name, (weight, count, delay, cls) in results.items():
        rel, absolute = (f"{delay[0]:.1f} ms", f"{delay[1]:.1f} ms") if delay else ("-", "-")
        print(
            f"{name:36} {weight:>10,} {count:>9} {weight / plain:>8.3f} {rel:>12} {absolute:>12} "
            f"{cls:>7.3f}"
        )


if __name__ == "__main__":
    main()
