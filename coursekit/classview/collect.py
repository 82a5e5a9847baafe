"""The class's paths through a module's scenarios, read from nbgrader submissions
(``submitted/<student>/<module>/coursekit.progress.json``) and from learners' "share my
path" files. Only the choices are kept: no student name, no date, no learner's words.

Each learner counts once per scenario: a submission by its student folder, a shared file by
the random ``sharer`` number the learner's browser puts in every file it shares (self-declared:
a learner can change it), or, in a file without one, by its content (the same file handed in
twice counts once). The keys (``Found``) leave this module only as hashes in the
cohort memory (cohorts.py), never on the page.

A file that cannot be used is reported as ``path: field: reason`` and left out."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..content import PlayerScenario, Scenario
from ..content.paths import Steps, valid_path
from ..progress import PROGRESS_FILE, PROGRESS_MARK

SHARE_MARK = "coursekit shared path"
MAX_BYTES = 4_000_000
SHARER = re.compile(r"[0-9a-f]{32}")
Found = dict[str, dict[str, Steps]]  # {scenario id: {learner key: path}}


def _read_json(path: Path) -> tuple[object, str]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return (
                None,
                f"{path}: file: larger than any coursekit file ({MAX_BYTES} bytes); left out",
            )
        return json.loads(path.read_text(encoding="utf-8")), ""
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{path}: file: cannot be read ({exc.__class__.__name__}); left out"
    except json.JSONDecodeError as exc:
        return None, f"{path}: file: not valid JSON (line {exc.lineno}); left out"


def _steps(scenario: PlayerScenario, path: object, where: str, problems: list[str]) -> Steps | None:
    if not isinstance(path, list):
        problems.append(f"{where}: must be a list of choices; left out")
        return None
    kept = valid_path(scenario, path)
    if len(kept) < len(path):
        problems.append(
            f"{where}: only {len(kept)} of {len(path)} choices fit the scenario; the rest left out"
        )
    return [(step["node"], step["choice"]) for step in kept] or None


def from_submissions(
    submitted: Path, module: str, scenarios: dict[str, PlayerScenario], problems: list[str]
) -> Found:
    """{scenario id: {student: path}} from nbgrader's submitted folder."""
    found: Found = {sid: {} for sid in scenarios}
    for progress in sorted(Path(submitted).glob(f"*/{module}/{PROGRESS_FILE}")):
        data, problem = _read_json(progress)
        if problem:
            problems.append(problem)
            continue
        if (
            not isinstance(data, dict)
            or data.get("coursekit") != PROGRESS_MARK
            or not isinstance(data.get("scenarios"), dict)
        ):
            problems.append(
                f'{progress}: coursekit: not a coursekit progress file (no "coursekit": '
                f'"{PROGRESS_MARK}"); left out'
            )
            continue
        for sid, entry in data["scenarios"].items():
            if sid in scenarios and isinstance(entry, dict):
                steps = _steps(
                    scenarios[sid], entry.get("path"), f"{progress}: scenarios.{sid}.path", problems
                )
                if steps:
                    found[sid][f"submitted/{progress.parent.parent.name}"] = steps
    return found


def from_shared(
    folder: Path,
    scenarios: dict[str, PlayerScenario],
    problems: list[str],
    found: Found,
) -> None:
    """Adds the paths of "share my path" files (*.json in ``folder``) to ``found``, one per
    sharer (or per distinct file, for files without a sharer) and scenario."""
    for shared in sorted(Path(folder).glob("*.json")):
        data, problem = _read_json(shared)
        if problem:
            problems.append(problem)
            continue
        if not isinstance(data, dict) or data.get("coursekit") != SHARE_MARK:
            problems.append(
                f'{shared}: coursekit: not a shared path (no "coursekit": "{SHARE_MARK}"); left out'
            )
            continue
        sid = data.get("scenario")
        if sid not in scenarios:
            continue  # another module's scenario, or one no longer in the course
        steps = _steps(scenarios[sid], data.get("path"), f"{shared}: path", problems)
        if not steps:
            continue
        sharer = data.get("sharer")
        if isinstance(sharer, str) and SHARER.fullmatch(sharer):
            key = f"shared/{sharer}"
        else:
            digest = hashlib.sha256(json.dumps([sid, steps]).encode()).hexdigest()
            key = f"shared-file/{digest}"
        if key in found[sid]:
            problems.append(
                f"{shared}: sharer: the same learner's path for {sid} is counted from another "
                "file already; counted once"
            )
            continue
        found[sid][key] = steps


def module_scenarios(all_scenarios: dict[str, Scenario], number: int) -> dict[str, PlayerScenario]:
    return {sid: s.play for sid, s in sorted(all_scenarios.items()) if s.module == number}
