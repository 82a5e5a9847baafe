"""Where "In the reading: …" links point in Jupyter (coursekit/book_link.py): the address
_config.yml names for the published book, else the course's own build as the Jupyter server
serves it, else nowhere. The link itself, clicked in JupyterLab: test_jupyterlab.py."""

from __future__ import annotations

import pytest
from support.env import ROOT

from coursekit.book_link import address, book_url, files_url, published_url


@pytest.mark.parametrize(
    ("baseurl", "expected"),
    [
        ("https://course.example.org/allyship", "https://course.example.org/allyship/"),
        ("https://course.example.org/", "https://course.example.org/"),
        ("", ""),
        ("javascript:alert(1)", ""),
        ("file:///home/me/_build/html/", ""),
        ('https://x.org/"><script>', ""),
    ],
)
def test_the_published_address_comes_from_config_and_only_as_http(tmp_path, baseurl, expected):
    (tmp_path / "_config.yml").write_text(f"title: t\nhtml:\n  baseurl: '{baseurl}'\n")
    assert published_url(tmp_path) == expected


def test_a_broken_or_missing_config_names_no_address(tmp_path):
    assert published_url(tmp_path) == ""
    (tmp_path / "_config.yml").write_text("html: [unclosed\n")
    assert published_url(tmp_path) == ""
    assert published_url(ROOT) == address("")  # this course names none yet: a local build


def test_the_local_build_as_the_jupyter_server_serves_it(tmp_path):
    build = tmp_path / "course" / "_build" / "html"
    build.mkdir(parents=True)
    server = {"root_dir": str(tmp_path / "course"), "base_url": "/user/ana/"}
    assert files_url(build, server) == "/user/ana/files/_build/html/"
    assert files_url(build, {"root_dir": str(tmp_path / "elsewhere"), "base_url": "/"}) == ""
    assert files_url(build, {}) == ""


def test_the_environment_names_the_book_first(tmp_path, monkeypatch):
    book_url.cache_clear()
    monkeypatch.setenv("COURSEKIT_BOOK_URL", "https://course.example.org/allyship")
    assert book_url(tmp_path) == "https://course.example.org/allyship/"
    book_url.cache_clear()
    monkeypatch.delenv("COURSEKIT_BOOK_URL")
    assert book_url(tmp_path) == ""  # no address, no build: the title as plain text
    book_url.cache_clear()
