"""The class view's memory of the cohorts it has shown, so that two views cannot be compared
to work out a few learners' paths: a view made after one late learner, beside the one made
before, would show that learner's path as the difference.

Rule (k = 5, as counts.py): a scenario's counts are drawn only when its learners are the same
as in every earlier view that drew them, or differ from each by at least 5 learners (joined
or gone). The memory is a private file beside the gradebook (grading/, kept out of git): per
module and scenario, each drawn cohort as hashes of its learner keys, and the time it was
drawn. Deleting it starts a new class."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from .counts import K

FORMAT = "coursekit class-view cohorts"


def memory_path(submitted: Path, module: str) -> Path:
    return Path(submitted).parent / "grading" / f"class-view-{module}.json"


def hashed(keys) -> list[str]:
    return sorted(hashlib.sha256(k.encode()).hexdigest()[:24] for k in keys)


def read(path: Path) -> tuple[dict[str, list[dict]], str]:
    """{scenario id: [{"drawn": time, "learners": [hash]}]}, and a problem ("" if none).
    A memory that cannot be read is a problem: drawing nothing is safer than forgetting."""
    if not path.exists():
        return {}, ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        views = data["scenarios"] if data.get("format") == FORMAT else None
        if isinstance(views, dict) and all(
            isinstance(v, list)
            and all(isinstance(c, dict) and isinstance(c.get("learners"), list) for c in v)
            for v in views.values()
        ):
            return views, ""
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, KeyError, TypeError):
        pass
    return {}, (
        f"{path}: file: not a class-view memory this command wrote; no counts are drawn until "
        "it is repaired or deleted (deleting it starts a new class)"
    )


def too_close(earlier: list[dict], learners: list[str]) -> tuple[int, str] | None:
    """(how many learners differ, when that view was drawn) for the earlier view this cohort
    is too close to, or None when the counts may be drawn."""
    now = set(learners)
    close = [
        (len(now ^ set(view["learners"])), str(view.get("drawn", "earlier"))) for view in earlier
    ]
    close = [c for c in close if 0 < c[0] < K]
    return min(close) if close else None


def remember(path: Path, views: dict[str, list[dict]], drawn: dict[str, list[str]]) -> None:
    """Adds each drawn cohort not remembered yet; the file is made private (0600)."""
    when = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    changed = False
    for sid, learners in drawn.items():
        known = views.setdefault(sid, [])
        if all(sorted(v["learners"]) != learners for v in known):
            known.append({"drawn": when, "learners": learners})
            changed = True
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"format": FORMAT, "scenarios": views}, indent=1), "utf-8")
        path.chmod(0o600)
