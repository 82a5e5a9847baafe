"""The data files of the mounts whose kind keeps its data out of the page (coursekit.mount,
``data_file``): each written once into _static/coursekit-data/<hash>.js as the HTML writer
meets it, named by its content, and the ones no page names any more removed when the build
ends (an edited scenario leaves its old file behind otherwise).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from sphinx.util.osutil import relative_uri

from ..mount import data_file_text

DATA_DIR = "_static/coursekit-data"
NAMED = re.compile(r"coursekit-data/([0-9a-f]{16})\.js")


def data_src(builder, data: object) -> str:
    """Write ``data``'s file unless it is there (the same data is the same file), and return
    its URL from the page being written."""
    name, text = data_file_text(data)
    path = Path(builder.outdir) / DATA_DIR / f"{name}.js"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Pages are written in parallel: a whole file or none, never half of one.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    page = builder.get_target_uri(builder.current_docname)
    return relative_uri(page, f"{DATA_DIR}/{name}.js")


def drop_unused(app, exception) -> None:
    """Remove the data files that no page of the site names."""
    folder = Path(app.outdir) / DATA_DIR
    if exception is not None or app.builder.format != "html" or not folder.is_dir():
        return
    named = {
        name
        for page in Path(app.outdir).rglob("*.html")
        for name in NAMED.findall(page.read_text(encoding="utf-8"))
    }
    for path in folder.iterdir():
        if path.stem not in named:
            path.unlink()
