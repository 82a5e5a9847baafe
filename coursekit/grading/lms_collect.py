"""``python -m coursekit collect <module> <download>``: every notebook of an LMS download filed
as submitted/<student>/<module>/<module>.ipynb, or named with the reason it was not.

It never guesses. A file whose name fits no student of the roster, or more than one (two
students with the same full name, ids that differ only in case or accents, a user name that
holds the LMS's own separator), or whose person is also matched by another name in the same
download, is not filed: it is listed with the reason, and the command ends with status 1. A
mapping file (``--map``) settles such names once: CSV lines ``name,student`` with the name as
the listing prints it, or Moodle's grading worksheet (Identifier, Email address).

Newest work wins by the LMS's own order (lms_names.py): when a student handed in more than
once, the newest notebook is filed and the others are kept in grading/<module>-older/; a
download older than what is already in submitted/ never replaces it. ``--dry-run`` prints
the file -> student table and what it would replace, and files nothing. What was filed is
recorded in grading/<module>-collected.json (source, order, late, checksum).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .cells import read_csv
from .common import GradingError
from .lms_download import Entry, read_download
from .lms_names import Named, candidates, parse, short
from .roster import fold, usable_id


@dataclass
class Item:
    entry: Entry
    named: Named | None
    kind: str = (
        "notebook"  # notebook, file, unchanged, older, kept, refused, other, receipt, checkpoint
    )
    student: str | None = None
    why: str = ""

    @property
    def parsed(self) -> Named:
        """Its name as parsed; every item matched to a student has one."""
        if self.named is None:
            raise ValueError(f"{self.entry.path}: its name fits no LMS layout")
        return self.named

    @property
    def owner(self) -> str:
        """The student it is filed for; every item matched to a student has one."""
        if self.student is None:
            raise ValueError(f"{self.entry.path}: no student")
        return self.student


def read_map(path: Path, people: dict) -> dict[str, str]:
    """{download name or "participant <n>": student} from a --map file."""
    header, rows = read_csv(Path(path), [])
    by_email = {fold(v["email"]): s for s, v in people.items() if v.get("email")}
    out, problems = {}, []
    worksheet = "Identifier" in header and "Email address" in header
    if not worksheet and not {"name", "student"} <= set(header):
        raise GradingError(
            f"{path}: file: needs the columns name,student (or Moodle's grading worksheet, "
            "with Identifier and Email address)"
        )
    for number, row in enumerate(rows, start=2):
        if row is None:
            problems.append(f"{path}: row {number}: has more cells than the header has columns")
            continue
        if worksheet:
            m = re.fullmatch(r"\s*\D*?(\d+)\s*", row["Identifier"] or "")
            student = by_email.get(fold(row["Email address"] or ""))
            if m and student:
                out[f"participant {m[1]}"] = student
            continue
        name, student = (row["name"] or "").strip(), (row["student"] or "").strip()
        if not name:
            continue
        if not usable_id(student) or (people and student not in people):
            problems.append(
                f"{path}: row {number}: student: '{short(student, 40)}' is not on the roster"
            )
            continue
        out[name] = student
    if problems:
        raise GradingError(problems)
    return out


def resolve(named: Named, people: dict, mapping: dict) -> tuple[str | None, str]:
    if named.key in mapping:
        return mapping[named.key], ""
    if named.layout == "Moodle" and f"participant {named.number}" in mapping:
        return mapping[f"participant {named.number}"], ""
    hint = f'name the student with a line "{short(named.key)},<student id>" in a --map file'
    if not people and not named.anonymous:
        if named.layout == "Moodle":
            return (
                None,
                "Moodle names files by full name: import the class list first (`python -m "
                "coursekit roster`)",
            )
        sid = named.name
        if named.layout == "Blackboard":
            if named.name.count("_") != 1:
                return None, (
                    f"cannot tell where the assignment's name ends and the user name begins in "
                    f"'{short(named.name)}'; import the class list, or {hint}"
                )
            sid = named.name.split("_")[1]
        if not usable_id(sid):
            return (
                None,
                f"'{short(sid)}' cannot be a student id (1 to 64 letters, digits, . _ -); {hint}",
            )
        return sid, ""
    found, why = candidates(named, people)
    if len(found) == 1:
        return found.pop(), ""
    if named.anonymous:
        return None, f"{why}; {hint}"
    if not found:
        return None, f"{why}; add them to the roster, or {hint}"
    return None, (
        f"{named.layout}'s '{short(named.name)}' fits {len(found)} students of the roster "
        f"({', '.join(sorted(found))}); {hint}"
    )


def _classify(entries: list[Entry]) -> list[Item]:
    items = []
    for e in entries:
        named = parse(e.name, e.mtime)
        it = Item(e, named)
        if e.problem:
            it.kind, it.why = "refused", e.problem
        elif ".ipynb_checkpoints" in PurePosixPath(e.name).parts:
            it.kind = "checkpoint"
        elif named and named.receipt:
            it.kind = "receipt"
        elif not e.name.lower().endswith(".ipynb"):
            it.kind = "other"
        elif named is None:
            it.kind, it.why = "refused", "its name fits no LMS layout (Canvas, Moodle, Blackboard)"
        items.append(it)
    return items


def _match(items: list[Item], people: dict, mapping: dict) -> None:
    keyed = [i for i in items if i.named and i.kind in ("notebook", "other")]
    resolved = {i.parsed.key: resolve(i.parsed, people, mapping) for i in keyed}
    keys_of = defaultdict(set)
    for key, (student, _) in resolved.items():
        if student:
            keys_of[fold(student)].add(key)
    for keys in keys_of.values():
        if len(keys) > 1:
            shown = ", ".join(f"'{short(k, 40)}'" for k in sorted(keys))
            for key in keys:
                resolved[key] = (
                    None,
                    (
                        f"{len(keys)} people in the download ({shown}) fit the same student "
                        f"'{resolved[key][0]}'; say who is who with lines "
                        '"<name>,<student id>" in a --map file'
                    ),
                )
    for i in keyed:
        i.student, why = resolved[i.parsed.key]
        if i.kind == "notebook" and not i.student:
            i.kind, i.why = "refused", why
        elif i.student and not usable_id(i.student):
            i.kind, i.why = (
                "refused",
                f"the student id '{short(i.student)}' cannot be a folder name",
            )


def _choose(items: list[Item], module: str, record: dict, root: Path) -> dict[str, tuple]:
    """{student: (item, bytes, sha256)}: each student's newest notebook, with what it does."""
    groups = defaultdict(list)
    for i in items:
        if i.kind == "notebook":
            groups[i.owner].append(i)
    chosen = {}
    for student, its in sorted(groups.items()):
        its.sort(
            key=lambda i: (i.parsed.order, PurePosixPath(i.entry.name).name == f"{module}.ipynb")
        )
        newest = its[-1]
        if (
            len(its) > 1
            and its[-2].parsed.order == newest.parsed.order
            and (
                PurePosixPath(its[-2].entry.name).name == PurePosixPath(newest.entry.name).name
                or PurePosixPath(newest.entry.name).name != f"{module}.ipynb"
            )
        ):
            for i in its:
                i.kind, i.why = (
                    "refused",
                    (
                        f"{student} has {len(its)} notebooks here and nothing says which is "
                        "newest; keep one in the download"
                    ),
                )
            continue
        for i in its[:-1]:
            i.kind, i.why = "older", f"older than {short(newest.entry.path)}"
        try:
            data = newest.entry.read()
        except GradingError as exc:
            newest.kind, newest.why = "refused", exc.problems[0].split(": file: ", 1)[-1]
            continue
        digest = hashlib.sha256(data).hexdigest()
        filed = record.get(student, {})
        target = Path(root) / "submitted" / student / module / f"{module}.ipynb"
        order = list(newest.parsed.order)
        if filed.get("sha256") == digest:
            newest.kind = "unchanged"
        elif target.exists():
            before = filed.get("order")
            if before and before[0] == order[0] and before > order:
                newest.kind, newest.why = (
                    "older",
                    (
                        f"{student}'s newer work ({short(filed.get('from', '?'))}) is already in "
                        "submitted/"
                    ),
                )
            elif not before or before[0] != order[0]:
                newest.kind, newest.why = (
                    "kept",
                    (
                        f"submitted/{student}/{module}/{module}.ipynb came from "
                        f"{short(filed.get('from') or 'elsewhere (not this command)')}, and "
                        "nothing says which is newer: it stays; compare the two and put the one "
                        "to grade there"
                    ),
                )
            else:
                newest.kind, newest.why = "file", f"replaces {short(filed.get('from', '?'))}"
        else:
            newest.kind = "file"
        newest.student = student
        chosen[student] = (newest, data, digest)
    return chosen


def _keep_aside(root: Path, module: str, item: Item) -> str:
    """An older notebook of a student, kept where nbgrader never grades it."""
    folder = Path(root) / "grading" / f"{module}-older" / item.owner
    name = re.sub(r"[^\w.() -]", "_", PurePosixPath(item.entry.name).name)[-120:]
    try:
        data = item.entry.read()
    except GradingError:
        return "it could not be read, so it is not kept"
    folder.mkdir(parents=True, exist_ok=True)
    target, n = folder / name, 1
    while target.exists() and target.read_bytes() != data:
        n += 1
        target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
    target.write_bytes(data)
    return f"kept in {target.relative_to(root)}"


def collect(root, module, download, people, mapping=None, dry_run=False, out=sys.stdout) -> int:
    """File ``download``; print what was filed and everything that was not. 0 when every file
    of the download reached a student's folder (or was an older copy of their work), else 1."""
    root = Path(root)
    record_path = root / "grading" / f"{module}-collected.json"
    try:
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise GradingError(
            f"{record_path}: file: damaged; move it away and collect again"
        ) from None
    items = _classify(read_download(Path(download)))
    _match(items, people, mapping or {})
    chosen = _choose(items, module, record, root)
    filed = {s: v for s, v in chosen.items() if v[0].kind == "file"}
    if not dry_run:
        for student, (item, data, digest) in filed.items():
            folder = (root / "submitted" / student / module).resolve()
            if not folder.is_relative_to((root / "submitted").resolve()):
                item.kind, item.why = "refused", "its student folder would be outside submitted/"
                continue
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{module}.ipynb").write_bytes(data)
            record[student] = {
                "from": item.entry.path,
                "layout": item.named.layout,
                "late": item.named.late,
                "order": list(item.named.order),
                "sha256": digest,
            }
        for item in items:
            if item.kind in ("older", "kept") and item.student:
                item.why += f"; {_keep_aside(root, module, item)}"
        record_path.parent.mkdir(parents=True, exist_ok=True)
        record_path.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    return report(module, items, dry_run, out)


LABELS = {
    "refused": "NOT FILED",
    "kept": "NOT FILED",
    "other": "NOT A NOTEBOOK",
    "older": "OLDER",
}


def report(module: str, items: list[Item], dry_run: bool, out) -> int:
    filed = [i for i in items if i.kind == "file"]
    unchanged = [i for i in items if i.kind == "unchanged"]
    failed = [i for i in items if i.kind in ("refused", "kept", "other")]
    late = sorted({i.owner for i in filed + unchanged if i.parsed.late})
    verb = "would be filed" if dry_run else "filed"
    print(
        f"{module}: {len(filed)} students {verb} in submitted/"
        + (f", {len(unchanged)} unchanged" if unchanged else "")
        + f"; {len(failed)} files not filed; {len(late)} late"
        + (f" ({', '.join(late)})" if late else "")
        + (" (dry run: nothing was filed)" if dry_run else ""),
        file=out,
    )
    if dry_run:
        for i in sorted(filed + unchanged, key=lambda i: i.owner):
            what = "unchanged" if i.kind == "unchanged" else (i.why or "new")
            print(
                f"  {short(i.entry.path, 120)} -> {i.student} "
                f"({what}{', LATE' if i.parsed.late else ''})",
                file=out,
            )
    for i in items:
        if i.kind in LABELS:
            who = f" ({i.student})" if i.student and i.kind in ("other", "older", "kept") else ""
            why = i.why or "not a notebook, so not graded: open it yourself"
            print(f"  {LABELS[i.kind]} {short(i.entry.path, 100)}{who}: {why}", file=out)
    for kind, what in (
        ("receipt", "Blackboard's receipts (…_attempt_<date>.txt), not submissions"),
        ("checkpoint", "copies Jupyter keeps in .ipynb_checkpoints/, not submissions"),
    ):
        count = sum(1 for i in items if i.kind == kind)
        if count:
            print(f"  LEFT OUT {count} {what}", file=out)
    return 1 if failed else 0
