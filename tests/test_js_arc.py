"""The journal's and the calendar's pure logic, run by node's own test runner (tests/js/)."""

from __future__ import annotations

import shutil

import pytest
from support.env import ROOT, run


def test_node_journal_format_and_calendar():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Debian's nodejs (apt-get install nodejs)")
    proc = run(
        [node, "--experimental-detect-module", "--test", "tests/js/arc.test.mjs"],
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "# fail 0" in proc.stdout and "# pass 7" in proc.stdout
