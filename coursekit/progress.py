"""The learner's scenario progress in a kernel: ``coursekit.progress.json`` beside the notebook.

Re-running a scenario cell after a kernel restart, or on reopening the notebook, resumes where
the learner left off; the file travels with an nbgrader submission. Several kernels (two
notebooks in one folder) may write it at once: each save takes a lock, reads the file again
and changes only its own scenario, then replaces the file atomically, so no kernel loses
another's progress. A damaged or foreign file is never trusted and never a traceback: it is
ignored with a note shown above the player, and kept aside rather than overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .content import PlayerScenario
from .content.paths import valid_path

PROGRESS_FILE = "coursekit.progress.json"
LOCK_FILE = ".coursekit.progress.lock"
PROGRESS_MARK = "coursekit scenario progress"
MAX_BYTES = 4_000_000  # far beyond any real progress; a bigger file is not ours


class ProgressFile:
    """``{"coursekit": PROGRESS_MARK, "scenarios": {id: {"title", "path", "updated"}}}``.

    Problems come back as one-line notes for the learner that name the file and field."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / PROGRESS_FILE
        self.lock = FileLock(Path(folder) / LOCK_FILE, timeout=10)
        self.unreadable = ""  # why the file on disk cannot be used, if it cannot

    def _read(self) -> dict:
        self.unreadable = ""
        try:
            if self.path.stat().st_size > MAX_BYTES:
                self.unreadable = (
                    f"is larger than {MAX_BYTES // 1_000_000} MB, too large to be progress"
                )
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as exc:
            self.unreadable = f"cannot be read ({exc.__class__.__name__})"
            return {}
        except json.JSONDecodeError as exc:
            self.unreadable = f"is not valid JSON (line {exc.lineno})"
            return {}
        except (ValueError, RecursionError):
            self.unreadable = "is not valid JSON (nested too deeply)"
            return {}
        if not isinstance(data, dict) or data.get("coursekit") != PROGRESS_MARK:
            self.unreadable = (
                f'coursekit: is not a coursekit progress file (no "coursekit": "{PROGRESS_MARK}")'
            )
            return {}
        if not isinstance(data.get("scenarios"), dict):
            self.unreadable = "scenarios: must be an object of scenario ids"
            return {}
        return data["scenarios"]

    def load(self, scenario: PlayerScenario) -> tuple[list[dict[str, Any]], str]:
        """(the saved path that still fits the scenario, a note for the learner or "")."""
        sid = scenario.id
        entry = self._read().get(sid)
        if self.unreadable:
            return [], (
                f"{self.path.name}: {self.unreadable}. Your saved progress is ignored and this "
                "scenario starts from the beginning; the file is kept aside when you make a choice."
            )
        if entry is None:
            return [], ""
        saved = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(saved, list):
            return (
                [],
                f"{self.path.name}: scenarios.{sid}.path: must be a list of choices; ignored, this "
                "scenario starts from the beginning.",
            )
        kept = valid_path(scenario, saved)
        if len(kept) < len(saved):
            return kept, (
                f"{self.path.name}: scenarios.{sid}.path: only {len(kept)} of the {len(saved)} "
                "saved choices still fit this scenario (it has changed); you resume from there."
            )
        return kept, ""

    def save(self, scenario: PlayerScenario, path: list[dict[str, Any]]) -> tuple[bool, str]:
        """Write this scenario's path, keeping every other scenario's as it is on disk now:
        (saved, "" or a note)."""
        aside = None
        try:
            if not self.path.parent.is_dir():  # the lock would create it: not ours to make
                raise FileNotFoundError(2, "No such folder")
            with self.lock:
                scenarios = self._read()  # again, under the lock: another kernel may have written
                if self.unreadable:  # never overwrite what we cannot read: keep it for the learner
                    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                    aside = self.path.with_name(f"coursekit-unreadable-{stamp}.progress.json")
                    os.replace(self.path, aside)
                scenarios[scenario.id] = {
                    "title": scenario.title,
                    "path": path,
                    "updated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                }
                self._write({"coursekit": PROGRESS_MARK, "scenarios": scenarios})
        except Timeout:
            return False, (
                f"{self.path}: your choices cannot be saved: another kernel holds {LOCK_FILE} "
                "(if no other notebook is running, delete that file). The scenario still works."
            )
        except OSError as exc:
            return False, (
                f"{self.path}: your choices cannot be saved ({exc.strerror or exc}). The scenario "
                "still works, but your place will be lost when the kernel restarts."
            )
        if aside:
            return True, (
                f"{self.path.name}: {self.unreadable}; it is kept as {aside.name}, "
                "and your progress is now saved afresh."
            )
        return True, ""

    def _write(self, data: dict) -> None:
        text = json.dumps(data, indent=1, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(prefix=".coursekit-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
