"""Measure the book: clean build time, page weight of scenario pages against a plain page, the
time from navigation to the first scenario button a learner can use (its click handler
attached: the start view written into the page is inert until then) against the plain page's
DOMContentLoaded, layout shift (CLS), and the course JavaScript the scenario page loads,
counted from its requests (the player's modules and discussion mode's). Pages are loaded
interleaved, medians of RUNS. Prints figures and each aim as ours / reference / ratio
(aims.py); asserts nothing.

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
from aims import aim, load  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.env import BIN, ROOT, serve  # noqa: E402

RUNS = 5
PLAIN = "plain page (module 1 reading)"
PAGES = {
    "plain page (module 1 overview)": "/book/module1/index.html",
    PLAIN: "/book/module1/reading.html",
    "scenario page (module 1 scenarios)": "/book/module1/scenarios.html",
    "notebook page (module 1 notebook)": "/notebooks/module1.html",
}
# A scenario button is live once the player has attached its click handler and it is in the
# page; the start view's Begin button, written into the HTML, never gets one.
LIVE_BUTTON = """
window.__ck = {cls: 0};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__ck.cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
document.addEventListener('DOMContentLoaded', () => { window.__ck.dcl = performance.now(); });
const handled = new WeakSet();
const attach = EventTarget.prototype.addEventListener;
const seen = () => {
  if (window.__ck.live) return;
  for (const b of document.querySelectorAll('.ck-scenario button')) {
    if (handled.has(b) && b.isConnected && !b.disabled) {
      window.__ck.live = performance.now();
      return;
    }
  }
};
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (type === 'click' && this instanceof HTMLButtonElement) {
    handled.add(this);
    queueMicrotask(seen);
  }
  return attach.call(this, type, ...rest);
};
new MutationObserver(seen).observe(document, {childList: true, subtree: true});
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


def load_page(browser, base: str, url: str) -> dict:
    """One cold load: decoded bytes, requests, the course's modules, and the marks."""
    context = browser.new_context()
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.add_init_script(LIVE_BUTTON)
    page.goto(base + url, wait_until="networkidle")
    marks = page.evaluate("window.__ck")
    bodies = {r.url: r.response().body() if r.response() else b"" for r in finished}
    context.close()
    course_js = {
        u.split("?")[0].rsplit("/", 1)[-1]: b
        for u, b in bodies.items()
        if "/_static/coursekit/" in u and u.split("?")[0].endswith(".js")
    }
    return {
        "bytes": sum(len(b) for b in bodies.values()),
        "requests": len(bodies),
        "modules": course_js,
        **marks,
    }


def median(runs: list[dict], key: str) -> float | None:
    found = [r[key] for r in runs if key in r]
    return statistics.median(found) if found else None


def report_modules(runs: list[dict]) -> None:
    modules = runs[-1]["modules"]
    joined = b"".join(modules.values())
    print(
        f"course JS the scenario page loads: {len(modules)} modules ({', '.join(sorted(modules))})"
        f", {len(joined):,} bytes, {len(gzip.compress(joined, 9)):,} gzipped"
    )


def player_bundle() -> None:
    from coursekit.player import player_esm

    bundle = player_esm().encode()
    print(
        f"player in Jupyter (one bundled module): {len(bundle):,} bytes, "
        f"{len(gzip.compress(bundle, 9)):,} gzipped"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    player_bundle()
    with tempfile.TemporaryDirectory() as tmp:
        seconds = build(Path(tmp))
        print(f"clean build (jupyter-book build -W -n, 4 notebooks executed): {seconds:.1f} s")
        base, server = serve(Path(tmp) / "_build" / "html")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for url in PAGES.values():
                load_page(browser, base, url)  # warm-up, not counted
            runs = {name: [] for name in PAGES}
            for n in range(RUNS):  # interleaved, the order reversed every other run
                for name in PAGES if n % 2 == 0 else list(PAGES)[::-1]:
                    runs[name].append(load_page(browser, base, PAGES[name]))
            browser.close()
        server.shutdown()
        site = lighthouse.report(Path(tmp) / "_build" / "html")  # every page kind, and stock
    report_modules(runs["scenario page (module 1 scenarios)"])
    plain = runs["plain page (module 1 overview)"][-1]["bytes"]
    print(f"\nMedian of {RUNS} loads each, interleaved ({load()}); CLS: the largest (aim <= 0.01)")
    print(
        f"{'page':36} {'bytes':>10} {'requests':>9} {'x plain':>8} {'DCL ms':>8} "
        f"{'live button ms':>15} {'CLS':>7}"
    )
    for name, found in runs.items():
        weight, count = found[-1]["bytes"], found[-1]["requests"]
        live = median(found, "live")
        print(
            f"{name:36} {weight:>10,} {count:>9} {weight / plain:>8.3f} "
            f"{median(found, 'dcl'):>8.1f} {f'{live:.1f}' if live else '-':>15} "
            f"{max(r['cls'] for r in found):>7.3f}"
        )
    reference = median(runs[PLAIN], "dcl")
    for name in ("scenario page (module 1 scenarios)", "notebook page (module 1 notebook)"):
        live = median(runs[name], "live")
        if live is not None:
            aim(f"first live button, {name}", live, reference, "ms", "plain page's DCL", None)
    lighthouse.report_aims(site)


if __name__ == "__main__":
    main()
