"""Anonymous grading: pseudonyms instead of student ids in the sheet, in a shuffled order that
is different for each prompt and the same every time the sheet is exported. The key (pseudonym
to student, and the shuffle's seed) is kept beside the gradebook, never in the sheet; importing
the sheet maps the pseudonyms back."""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path

from .cells import read_csv

PREFIX = "anon-"


def key_path(root: Path, module: str) -> Path:
    return Path(root) / f"{module}-pseudonyms.json"


def _load(root: Path, module: str) -> dict:
    path = key_path(root, module)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"seed": secrets.token_hex(16), "names": {}}


def pseudonymous_order(root: Path, module: str):
    key = _load(root, module)

    def order(prompt_id: str, students: list[str]) -> list[tuple[str, str]]:
        names = key["names"]  # pseudonym -> student
        mine = {student: shown for shown, student in names.items()}
        for student in students:
            if student not in mine:
                shown = PREFIX + secrets.token_hex(3)
                while shown in names:
                    shown = PREFIX + secrets.token_hex(3)
                names[shown], mine[student] = student, shown
        key_path(root, module).write_text(
            json.dumps(key, indent=1, sort_keys=True), encoding="utf-8"
        )
        rank = lambda s: hashlib.sha256(f"{key['seed']}:{prompt_id}:{mine[s]}".encode()).hexdigest()
        return [(s, mine[s]) for s in sorted(students, key=rank)]

    return order


def key_for_sheet(root: Path, module: str, sheet: Path) -> dict | None:
    """pseudonym -> student when ``sheet`` was exported with --anonymous, else None."""
    path = key_path(root, module)
    if not path.exists() or not Path(sheet).exists():
        return None
    _, rows = read_csv(Path(sheet), ["student"])
    if not any(r and (r.get("student") or "").startswith(PREFIX) for r in rows):
        return None
    return json.loads(path.read_text(encoding="utf-8"))["names"]
