"""The player's JavaScript logic under node --test (tests/js/), and the one module anywidget
loads (scenario.js with its sibling modules inlined) importing cleanly on its own."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from support.env import ROOT

from coursekit.player import player_esm

NODE = shutil.which("node")


def node(*args, **kwargs):
    if NODE is None:
        pytest.fail("node is missing: install Debian's nodejs (apt-get install nodejs)")
    return subprocess.run(
        [NODE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs
    )


def test_node_tests_pass():
    proc = node("--test", "tests/js/")
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    assert "# fail 0" in proc.stdout and "# pass 0" not in proc.stdout


def test_the_bundled_player_imports_alone(tmp_path):
    """No relative import is left (a blob: URL could not resolve it), and it exports what the
    page modules and anywidget need."""
    bundle = tmp_path / "player.mjs"
    bundle.write_text(player_esm())
    assert 'from "./' not in bundle.read_text()
    proc = node(
        "--input-type=module",
        "-e",
        f"const m = await import({json.dumps(bundle.as_uri())}); "
        "console.log(JSON.stringify(Object.keys(m).sort()))",
    )
    assert proc.returncode == 0, proc.stderr
    exported = json.loads(proc.stdout)
    assert {"default", "element", "formatText", "validPath", "startView"} <= set(exported)
