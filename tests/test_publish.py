"""Publishing: the GitHub Pages workflow is valid and runs the tests before it deploys, and the
built site works served under a sub-path (/course/, as GitHub Pages serves a project site),
compressed as a static host serves it."""

from __future__ import annotations

import gzip
import urllib.request
from urllib.parse import urlparse

import pytest
import yaml
from support.browser import past_the_words_box
from support.env import ROOT

from coursekit.serve import serve_in_thread

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_pages_workflow_tests_then_deploys_the_built_site():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = flow["jobs"]["test-and-build"], flow["jobs"]["deploy"]
    runs = [s.get("run", "") for s in build["steps"]]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    test_at = next(i for i, r in enumerate(runs) if r.strip() == "make test")
    build_at = next(i for i, r in enumerate(runs) if r.strip() == "make build")
    upload_at = uses.index("actions/upload-pages-artifact")
    assert test_at < build_at < upload_at, (
        "the tests must pass before the site is built and uploaded"
    )
    assert build["steps"][upload_at]["with"]["path"] == "_build/html"
    # The print files the guides point to (book/facilitator-guide.md, "Printed cards").
    prints = next(i for i, r in enumerate(runs) if "make facilitator-pack book-pdf" in r)
    assert build_at < prints < upload_at and "_build/html/print/" in runs[prints]
    assert "chromium" in runs[0] and "bookworm" in build["container"]
    assert deploy["needs"] == "test-and-build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


@pytest.fixture(scope="module")
def course_site(built_book):
    base, server = serve_in_thread(built_book, prefix="/course")
    yield base
    server.shutdown()
    server.server_close()


def test_served_compressed(course_site):
    request = urllib.request.Request(
        course_site + "/book/intro.html", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert b"<html" in gzip.decompress(response.read())


def test_site_works_under_a_sub_path(course_site, new_page):
    p = new_page()
    page = p.page
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.goto(course_site + "/")  # the root index.html redirects to the first page
    page.wait_for_url("**/course/book/intro.html")
    page.locator("a.right-next").click()  # a relative link, followed under the sub-path
    page.wait_for_url("**/course/book/module1/index.html")
    page.goto(course_site + "/book/module1/scenarios.html")
    region = page.locator(".ck-scenario").first
    region.get_by_role("button", name="Begin").click()
    past_the_words_box(region)
    assert region.locator(".ck-situation").inner_text().strip()
    for path in (
        "/book/journal.html",
        "/book/module1/reflections.html",
        "/notebooks/module1.html",
        "/search.html?q=solidarity",
    ):
        page.goto(course_site + path, wait_until="networkidle")
    page.locator("#search-results li").first.wait_for(timeout=20000)
    assert failed == []
    outside = [
        u
        for u in p.requests
        if urlparse(u).scheme.startswith("http") and not urlparse(u).path.startswith("/course/")
    ]
    assert outside == [], f"requests outside /course/: {outside}"
    assert p.errors == []
