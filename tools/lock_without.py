"""Drop packages from a pip-compile lock file: `python3 tools/lock_without.py requirements.lock`.

Left out, with the reason (the venv is installed with `pip install --no-deps`, so nothing pulls
them back, and `pip check` after the install proves every real requirement is still met):

- rfc3987-syntax and its lark: jsonschema imports it to check the "iri" string format, and it
  builds an Earley parser from a grammar at import, adding about 1.9 s to every command that
  reads a notebook (nbgrader, `coursekit sheet`, jupyter-book). Only jupyter-events asks for it,
  through jsonschema's format-nongpl extra, to validate Jupyter's own event schemas, none of
  which this course emits or checks. Without it jsonschema skips that one format.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LEFT_OUT = {"rfc3987-syntax", "lark"}


def without(text: str, names: set[str]) -> str:
    """The lock text without the blocks (pin line, hashes, `# via` lines) of `names`."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        pin = re.match(r"^([A-Za-z0-9._-]+)==", line)
        if pin:
            skipping = pin.group(1).lower().replace("_", "-") in names
        elif not line.startswith((" ", "\t")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(without(path.read_text(encoding="utf-8"), LEFT_OUT), encoding="utf-8")
    print(f"{path}: left out {', '.join(sorted(LEFT_OUT))} (see tools/lock_without.py)")
