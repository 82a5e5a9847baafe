"""``python -m coursekit autograde <module>``: nbgrader autograde for the class, where one bad
submission never stops the others. Damaged files and notebooks with none of the module's
prompts are set aside with their reason; a renamed notebook is graded under the right name;
once a class list was imported (`coursekit roster`), a folder whose student is not on it
(an id that differs only in case, say) is set aside too, never graded as a new student;
everything found is written to grading/<module>-autograde.json for `coursekit status`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .common import GradingError, load_module, nbgrader_command, nbgrader_env, record_path, rel
from .gradebook import roster, submissions
from .roster import fold, sidecar
from .submissions import match_by_prompt, read_notebook, tampering


def _find_notebook(folder: Path, module: str) -> tuple[Path | None, str]:
    """The submitted notebook, and a flag when it was handed in under another name."""
    path = folder / f"{module}.ipynb"
    if path.exists():
        return path, ""
    others = sorted(
        (p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts),
        key=lambda p: p.stat().st_mtime,
    )
    if not others:
        return None, ""
    chosen = others[-1]
    shutil.copy2(chosen, path)  # the student's file stays as it was, beside the copy
    note = f"handed in as '{rel(chosen, folder)}': graded as {module}.ipynb"
    if len(others) > 1:
        note += f" (the newest of {len(others)} notebooks)"
    return path, note


NOT_ON_ROSTER = "id: not on the class list"


def _off_roster(root: Path, student: str) -> str:
    """Why ``student`` is no student of the imported class list, or "" (or no list imported)."""
    if not sidecar(root).exists():
        return ""
    known = roster(root)
    if student in known:
        return ""
    close = sorted(s for s in known if fold(s) == fold(student))
    return f"submitted/{student}/: {NOT_ON_ROSTER} in the gradebook; " + (
        f"it differs only in case or accents from '{close[0]}': if it is their work, move it to "
        f"submitted/{close[0]}/"
        if close
        else "import the class list again with them on it (`python -m coursekit roster`), or "
        "move the folder to the right student's id"
    )


def check_submissions(
    root: Path, module: str, students: list[str], release, prompts
) -> dict[str, dict]:
    record = {}
    for student in students:
        entry = record[student] = {"set_aside": "", "tampered": [], "flags": {}, "renamed": ""}
        entry["set_aside"] = _off_roster(root, student)
        if entry["set_aside"]:
            continue
        path, entry["renamed"] = _find_notebook(root / "submitted" / student / module, module)
        if path is None:
            entry["set_aside"] = f"submitted/{student}/{module}/: folder: holds no notebook"
            continue
        nb, problem = read_notebook(path, root)
        if problem or nb is None:
            entry["set_aside"] = problem or f"{rel(path, root)}: file: cannot be read"
            continue
        _, flags = match_by_prompt(nb, prompts)
        if all("prompt not found in the notebook" in flags.get(p.id, []) for p in prompts):
            entry["set_aside"] = (
                f"{rel(path, root)}: file: has none of {module}'s prompts; "
                "not this assignment's notebook"
            )
            continue
        entry["tampered"] = (
            tampering(nb, release) if any(c.metadata.get("nbgrader") for c in nb.cells) else []
        )
    return record


def _run(root: Path, module: str, exclude: list[str], force: bool, only: str | None = None):
    cmd = nbgrader_command(
        "autograde", module, f"--CourseDirectory.student_id_exclude={','.join(exclude)}"
    )
    if only:
        cmd.append(f"--student={only}")
    if force:
        cmd.append("--force")
    return subprocess.run(cmd, cwd=root, env=nbgrader_env(), capture_output=True, text=True)


def _last_error(log: str) -> str:
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["no output"])[-1][:300]


def autograde(root: Path, module: str, force: bool = False, jobs: int = 1, out=sys.stdout) -> int:
    """Grade every submission of ``module``; print one line per student. Returns 0 when every
    submission was graded, 1 when some were set aside."""
    root = Path(root).resolve()
    release_path = root / "release" / module / f"{module}.ipynb"
    if not release_path.exists():
        raise GradingError(
            f"{rel(release_path, root)}: file: missing; run `nbgrader generate_assignment "
            f"{module}` first"
        )
    release, problem = read_notebook(release_path, root)
    if problem:
        raise GradingError(problem)
    prompts = load_module(root, module).prompts
    students = sorted(p.parent.name for p in (root / "submitted").glob(f"*/{module}") if p.is_dir())
    if not students:
        raise GradingError(
            f"{rel(root / 'submitted', root)}: folder: no submissions of {module} (expected "
            f"submitted/<student>/{module}/{module}.ipynb; see `python -m coursekit collect`)"
        )
    record = check_submissions(root, module, students, release, prompts)
    aside = sorted(s for s in students if record[s]["set_aside"])
    gradable = [s for s in students if s not in aside]
    start = time.perf_counter()
    groups = [gradable[i::jobs] for i in range(max(1, min(jobs, len(gradable))))]
    if len(groups) == 1:
        _run(root, module, aside, force)
    else:  # one nbgrader per group; each leaves out everyone it does not grade
        with ThreadPoolExecutor(len(groups)) as pool:
            list(
                pool.map(
                    lambda g: _run(root, module, [s for s in students if s not in g], force), groups
                )
            )
    for student in gradable:  # nbgrader could not grade it among the others: once more, alone
        if not _graded(root, module, student):
            retry = _run(root, module, [], True, only=student)
            if not _graded(root, module, student):
                record[student]["set_aside"] = (
                    f"nbgrader could not grade it: {_last_error(retry.stdout + retry.stderr)}"
                )
    seconds = time.perf_counter() - start
    for student in students:
        graded = root / "autograded" / student / module / f"{module}.ipynb"
        if graded.exists() and not record[student]["set_aside"]:
            nb, _ = read_notebook(graded, root)
            record[student]["flags"] = (
                nb.metadata.get("coursekit", {}).get("flags", {}) if nb else {}
            )
    path = record_path(root, module)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.write_text(json.dumps({**old, **record}, indent=1, sort_keys=True), encoding="utf-8")
    set_aside = _summary(root, module, students, record, out)
    print(
        f"nbgrader autograde took {seconds:.1f} s ({len(groups)} "
        f"process{'es' if len(groups) > 1 else ''})",
        file=out,
    )
    return 1 if set_aside else 0


def _graded(root: Path, module: str, student: str) -> bool:
    return (root / "autograded" / student / module / f"{module}.ipynb").exists()


def _summary(root, module, students, record, out) -> int:
    graded = submissions(root, module)
    lines, aside = [], 0
    for student in students:
        entry = record[student]
        if entry["set_aside"] or student not in graded:
            reason = entry["set_aside"] or "nbgrader did not grade this submission"
            ask = "" if NOT_ON_ROSTER in reason else "; ask for the notebook again"
            lines.append(f"  {student}: SET ASIDE: {reason}{ask}")
            aside += 1
            continue
        answers = graded[student]["answers"].values()
        score, top = sum(a["score"] or 0 for a in answers), sum(a["max"] for a in answers)
        waiting = sum(1 for a in answers if a["needs_grading"])
        blank = sum(1 for a in answers if a["blank"])
        text = f"  {student}: graded, {score:g} of {top:g} points{' so far' if waiting else ''}"
        if waiting:
            text += f"; {waiting} answer{'s' if waiting > 1 else ''} to grade by hand"
        if blank:
            text += f"; {blank} left blank"
        if graded[student]["late"]:
            text += "; LATE"
        if entry["renamed"]:
            text += f"; {entry['renamed']}"
        for pid, flags in sorted(entry["flags"].items()):
            text += f"; {pid or 'notebook'}: " + "; ".join(flags)
        if entry["tampered"]:
            text += "; TAMPERED: " + "; ".join(entry["tampered"])
        lines.append(text)
    print(f"{module}: {len(students) - aside} of {len(students)} submissions graded", file=out)
    print("\n".join(lines), file=out)
    return aside
