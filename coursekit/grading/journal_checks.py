"""Whose a journal submission is, checked before it reaches the grading sheet (journals.py):
its student id against the roster in the gradebook (compared as roster.py compares ids: case
and Unicode form do not make another student, so the match must be unique), and against the
journal imported before for the same learner and module, which a later file replaces (saying
what it replaces) and an older file never does.

The journals imported are listed in grading/<module>-journals.json as {student: {"file",
"exported"}} (a list of ids, as older versions wrote it, still reads)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .common import GradingError
from .gradebook import journal_list, roster
from .roster import fold


class Owners:
    """The roster's id for each file's student, from the gradebook's roster (folded as roster.py
    folds ids). With no roster, ids are checked only against each other: the first spelling
    of an id stands for it, and `note` says so."""

    def __init__(self, root: Path):
        self.by_fold: dict[str, list[str]] = {}
        has_db = (Path(root) / "gradebook.db").exists()
        for sid in roster(root) if has_db else {}:
            self.by_fold.setdefault(fold(sid), []).append(sid)
        self.checked = bool(self.by_fold)
        self.note = (
            ""
            if self.checked
            else f"{Path(root) / 'gradebook.db'}: no roster: the files' student ids are checked "
            "only against each other; import the class list with `python -m coursekit roster "
            "<file>`"
        )

    def __call__(self, path: Path, student: str) -> str:
        """GradingError when no roster id, or more than one, fits ``student``."""
        if not self.checked:
            return self.by_fold.setdefault(fold(student), [student])[0]
        found = self.by_fold.get(fold(student), [])
        if not found:
            raise GradingError(
                f"{path}: student: '{student}' is not on the roster in the gradebook; not "
                "imported (check the id with the learner, or import the class list with "
                "`python -m coursekit roster <file>`)"
            )
        if len(found) > 1:
            raise GradingError(
                f"{path}: student: '{student}' matches {' and '.join(sorted(found))} on the "
                "roster, which differ only in case or accents; not imported"
            )
        return found[0]


def earlier(root: Path, module: str) -> dict[str, dict[str, str]]:
    """{student: {"file", "exported"}} of the journals imported before."""
    listed = journal_list(root, module)
    if not listed.exists():
        return {}
    try:
        data = json.loads(listed.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if isinstance(data, list) and all(isinstance(n, str) for n in data):
        return {n: {"file": "", "exported": ""} for n in data}
    if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values()):
        return {
            k: {"file": str(v.get("file", "")), "exported": str(v.get("exported", ""))}
            for k, v in data.items()
        }
    raise GradingError(
        f"{listed}: file: must be the list of journals `sheet import-journals` writes"
    )


def when(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def older_than_before(path: Path, student: str, exported: str, before: dict | None) -> None:
    """Refuses a journal exported before the one already imported for this learner."""
    was = before or {}
    new, old = when(exported), when(was.get("exported", ""))
    if new and old and new < old:
        raise GradingError(
            f"{path}: exported: {exported} is older than {student}'s journal imported before "
            f"({was['file']}, exported {was['exported']}); not imported, the newer one is kept"
        )


def left_of_two(student: str, new: tuple[Path, dict], kept: tuple[Path, dict]) -> tuple[Path, str]:
    """Of two files of one learner in one folder, (the file not imported, why): the later
    export is imported; of two exported at the same moment, the second is left out."""
    (path, sub), (other, was) = new, kept
    later, earlier_one = when(sub["exported"]), when(was["exported"])
    if later and earlier_one and later > earlier_one:
        return other, (
            f"{other}: student: '{student}' handed in a later journal too ({path.name}, "
            f"exported {sub['exported']}); not imported, the later one is"
        )
    return path, (
        f"{path}: student: '{student}' is also in {other.name}"
        + (", exported later" if later and earlier_one and later < earlier_one else "")
        + "; not imported"
    )


def replaced(
    path: Path, student: str, before: dict, old: dict, new: dict, grades: dict[str, list[str]]
) -> str:
    """What a later journal replaces, as one line: the rows before ({prompt: row}), the answers
    now ({prompt: text}), and each prompt's grade columns."""
    was = f" ({before['file']}, exported {before['exported']})" if before["file"] else ""
    same = [p for p in new if p in old and old[p]["answer"] == new[p]]
    graded = [
        p for p in old if p not in same and any((old[p].get(c) or "").strip() for c in grades[p])
    ]
    parts = [f"{len(same)} answer{'s' if len(same) != 1 else ''} unchanged (grades kept)"]
    if graded:
        parts.append(
            f"grades of {len(graded)} changed or withdrawn answer"
            f"{'s' if len(graded) != 1 else ''} dropped: {', '.join(graded)}"
        )
    gone = [p for p in old if p not in new]
    if gone:
        parts.append(f"no longer shared: {', '.join(gone)}")
    return f"{path}: {student}: replaces the journal imported before{was}: " + "; ".join(parts)


def unstorable(text: str) -> bool:
    """Text no UTF-8 file can hold (a lone surrogate, as a JSON \\ud800 escape gives)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
