"""The offline copy: a zip of the built book that a learner unpacks and opens from disk.

Browsers refuse ES modules on file:// pages, so the copy's page loaders (scenarios,
reflections, journal) are bundled by esbuild (npm, package-lock.json) into classic scripts
and the pages load them with ``<script defer>``. Everything else is the built site as is,
less the files no page loads (source maps, the theme's unused fontawesome.js).

``python -m coursekit.offline [--site _build/html] [--out _build/course-offline.zip]``
(``make offline``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the course's folder, where npm ci puts esbuild
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
FOLDER = "course"  # what the zip unpacks to
LOADERS = "_static/coursekit/*-page.js"
MODULE_TAG = re.compile(
    r'<script type="module" (src="[^"]*_static/coursekit/[\w-]+-page\.js[^"]*")></script>'
)
LEFT_OUT = (
    re.compile(r"\.map$"),
    re.compile(r"(^|/)scripts/fontawesome\.js$"),
    re.compile(r"(^|/)\.buildinfo$"),
)
README = f"""The course, to read offline
===========================

Unpack this zip anywhere, then open {FOLDER}/index.html in your web browser (double-click it).
Everything works from the folder, with no internet connection: the readings, the scenarios,
the reflections and your journal. What you type and choose is kept in this browser, for
pages opened from this folder; use the journal page to download it or move it to another
browser.
"""


class OfflineError(Exception):
    pass


def bundle_loaders(site: Path) -> list[Path]:
    """Replace each page loader (an ES module importing others) by one classic script."""
    if not ESBUILD.exists():
        raise OfflineError(f"{ESBUILD} is missing: run `npm ci` in {ROOT} (make offline does)")
    loaders = sorted(site.glob(LOADERS))
    if not loaders:
        raise OfflineError(f"{site} has no {LOADERS}: build the book first (make build)")
    for loader in loaders:
        bundled = loader.with_suffix(".bundle.js")
        proc = subprocess.run(
            [
                ESBUILD,
                loader.name,
                "--bundle",
                "--format=iife",
                "--target=es2020",
                "--log-level=warning",
                f"--outfile={bundled.name}",
            ],
            cwd=loader.parent,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise OfflineError(f"esbuild could not bundle {loader.name}:\n{proc.stderr}")
        bundled.replace(loader)
    return loaders


def classic_scripts(site: Path) -> int:
    """Load the bundled page loaders as classic deferred scripts; returns the pages changed."""
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = MODULE_TAG.sub(r"<script defer \1></script>", text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


def make_zip(site: Path, out: Path) -> Path:
    """Write the offline copy of the built site `site` to the zip `out`."""
    if not (site / "index.html").exists():
        raise OfflineError(f"{site}/index.html is missing: build the book first (make build)")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / FOLDER
        shutil.copytree(site, copy)
        bundle_loaders(copy)
        classic_scripts(copy)
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            zf.writestr("README.txt", README)
            for path in sorted(copy.rglob("*")):
                name = path.relative_to(copy).as_posix()
                if path.is_file() and not any(p.search(name) for p in LEFT_OUT):
                    zf.write(path, f"{FOLDER}/{name}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.offline")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "course-offline.zip")
    args = parser.parse_args(argv)
    try:
        out = make_zip(args.site, args.out)
    except OfflineError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): unpack it and open {FOLDER}/index.html"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
