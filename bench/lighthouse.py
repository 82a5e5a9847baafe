"""Page weight, requests, layout shift and Lighthouse scores for every kind of page, beside a
stock Jupyter Book page built in the same run. Called by bench/benchmark.py (`make bench`);
alone: `python bench/lighthouse.py [built_html_folder]`.

Both sites are served gzip-compressed by coursekit.serve, as a static host serves them.
Lighthouse is npm's (package.json, `npm ci`), run against Debian's chromium (CHROME_PATH)
with its default mobile profile; figures are medians of RUNS runs (BENCH_RUNS, default 5),
the pages interleaved (home, scenario, journal, notebook, ... in turn, the order reversed every
other run) after one warm-up run, printed with the load average over the runs. On a busy
machine the performance score falls with the machine's load (blocking time is measured, then
multiplied): compare with the stock page of the same run. The slow-phone LCP is simulated from
the requests that ended before the page's first paint: it moves in steps of one simulated round
trip (150 ms, about 0.11x of the home page's), so the LCP's range across runs is printed too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from aims import aim  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.env import BIN, ROOT  # noqa: E402

from coursekit.serve import serve_in_thread  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
KINDS = {
    "home": "/book/intro.html",
    "reading": "/book/module1/reading.html",
    "scenarios": "/book/module1/scenarios.html",
    "reflections": "/book/module1/reflections.html",
    "notebook": "/notebooks/module1.html",
    "journal": "/book/journal.html",
    "search": "/search.html",
}
LIGHTHOUSE_KINDS = ("home", "scenarios", "journal", "notebook", "reading")
# Aims: these pages' slow-phone LCP within 1.1x of the home page's, measured in the same run.
LCP_AIM = ("scenarios", "journal", "notebook")
STOCK = "/markdown.html"  # a plain page of the book `jupyter-book create` makes
CLS_SCRIPT = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
})
  .observe({type: 'layout-shift', buffered: true});
"""


def build_stock(tmp: Path) -> Path:
    """The template book of `jupyter-book create`, built without executing its notebook
    (it needs numpy and matplotlib): the theme's stock page weight."""
    subprocess.run([BIN / "jupyter-book", "create", tmp / "stock"], check=True, capture_output=True)
    config = tmp / "stock" / "_config.yml"
    config.write_text(
        config.read_text().replace("execute_notebooks: force", "execute_notebooks: 'off'")
    )
    subprocess.run([BIN / "jupyter-book", "build", tmp / "stock"], check=True, capture_output=True)
    return tmp / "stock" / "_build" / "html"


def weigh(browser, url: str, mobile: bool) -> dict:
    """Bytes (decoded), bytes over the wire, requests and layout shift of one cold load."""
    context = browser.new_context(
        **({"viewport": {"width": 412, "height": 823}, "is_mobile": True} if mobile else {})
    )
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda r: requests.append(r))
    page.add_init_script(CLS_SCRIPT)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    cls = page.evaluate("window.__cls")
    sizes = [len(r.response().body()) if r.response() else 0 for r in requests]
    wire = [r.sizes()["responseBodySize"] for r in requests]
    html = [w for r, w in zip(requests, wire, strict=True) if r.resource_type == "document"]
    context.close()
    return {
        "bytes": sum(sizes),
        "wire": sum(wire),
        "requests": len(sizes),
        "cls": cls,
        "html_wire": html[0] if html else 0,
    }


def lighthouse(url: str) -> dict:
    """One Lighthouse run (mobile, simulated throttling): scores 0-100, CLS, LCP, bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile"])
        subprocess.run(
            [
                LIGHTHOUSE,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={flags}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=300,
        )
        report = json.loads(out.read_text())
    audits, cats = report["audits"], report["categories"]
    return {
        **{
            k: round(cats[k]["score"] * 100)
            for k in ("performance", "accessibility", "best-practices", "seo")
        },
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "transfer": audits["total-byte-weight"]["numericValue"],
        "console_errors": len(audits["errors-in-console"]["details"].get("items", [])),
    }


def median_of(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def report(site: Path, lighthouse_runs: int = RUNS) -> dict:
    """Print and return the figures for the built site `site` and a stock book built now."""
    from playwright.sync_api import sync_playwright

    results = {"weight": {}, "lighthouse": {}}
    with tempfile.TemporaryDirectory() as tmp:
        stock = build_stock(Path(tmp))
        ours_base, ours = serve_in_thread(site)
        stock_base, theirs = serve_in_thread(stock)
        urls = {k: ours_base + v for k, v in KINDS.items()} | {"stock page": stock_base + STOCK}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for kind, url in urls.items():
                    results["weight"][kind] = {
                        "desktop": weigh(browser, url, False),
                        "phone": weigh(browser, url, True),
                    }
                browser.close()
            if not lighthouse_runs:
                pass  # BENCH_RUNS=0: weights only
            elif LIGHTHOUSE.exists():
                kinds = (*LIGHTHOUSE_KINDS, "stock page")
                lighthouse(urls[kinds[0]])  # warm-up, not counted: the first run is always slower
                runs = {kind: [] for kind in kinds}
                loads = [os.getloadavg()[0]]
                for n in range(lighthouse_runs):  # interleaved, the order reversed every other run
                    for kind in kinds if n % 2 == 0 else kinds[::-1]:
                        runs[kind].append(lighthouse(urls[kind]))
                    loads.append(os.getloadavg()[0])
                results["lighthouse"] = {kind: median_of(r) for kind, r in runs.items()}
                results["lcp_range"] = {
                    kind: (min(x["lcp_ms"] for x in r), max(x["lcp_ms"] for x in r))
                    for kind, r in runs.items()
                }
                results["load"] = (min(loads), max(loads))
            else:
                print(
                    f"{LIGHTHOUSE} is missing: run `npm ci` (make bench does) for the Lighthouse "
                    "figures"
                )
        finally:
            for server in (ours, theirs):
                server.shutdown()
                server.server_close()
    print_report(results, lighthouse_runs)
    return results


def print_report(results: dict, runs: int) -> None:
    print(
        "\nPage weight (cold load, served gzip; bytes decoded / over the wire), requests, CLS "
        "desktop / phone"
    )
    print(
        f"{'page':12} {'bytes':>10} {'wire':>9} {'HTML wire':>10} {'req':>4} {'CLS desk':>9} "
        f"{'CLS phone':>9}"
    )
    for kind, w in results["weight"].items():
        d, p = w["desktop"], w["phone"]
        print(
            f"{kind:12} {d['bytes']:>10,} {d['wire']:>9,} {d['html_wire']:>10,} "
            f"{d['requests']:>4} {d['cls']:>9.3f} {p['cls']:>9.3f}"
        )
    if results["lighthouse"]:
        low, high = results["load"]
        print(
            f"\nLighthouse {LIGHTHOUSE_KINDS} + stock, mobile, gzip server, median of {runs} "
            f"interleaved (1-minute load average {low:.1f}-{high:.1f} during the runs)"
        )
        print(
            f"{'page':12} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5} {'CLS':>6} {'LCP ms':>7} "
            f"{'LCP range':>11} {'TBT ms':>7} {'transfer':>9} {'errors':>6}"
        )
        for kind, r in results["lighthouse"].items():
            lcp_low, lcp_high = results["lcp_range"][kind]
            print(
                f"{kind:12} {r['performance']:>5.0f} {r['accessibility']:>5.0f} "
                f"{r['best-practices']:>5.0f} {r['seo']:>5.0f} {r['cls']:>6.3f} "
                f"{r['lcp_ms']:>7.0f} {f'{lcp_low:.0f}-{lcp_high:.0f}':>11} {r['tbt_ms']:>7.0f} "
                f"{r['transfer']:>9,.0f} {r['console_errors']:>6.0f}"
            )


def report_aims(results: dict) -> None:
    """The page aims: LCP beside the home page's (same run), and the scenario page's HTML
    beside the home page's (what must arrive before the first paint)."""
    weight = results["weight"]
    aim(
        "scenario page's HTML over the wire",
        weight["scenarios"]["desktop"]["html_wire"],
        weight["home"]["desktop"]["html_wire"],
        "B",
        "home page's",
        None,  # a figure: tests/test_scenario_data.py holds it to the start views alone
    )
    runs = results["lighthouse"]
    if runs:
        for kind in LCP_AIM:
            aim(
                f"Lighthouse slow-phone LCP, {kind} page",
                runs[kind]["lcp_ms"],
                runs["home"]["lcp_ms"],
                "ms",
                "home page's",
                1.1,
            )


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    result = report(folder)
    report_aims(result)
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(result, indent=1))
