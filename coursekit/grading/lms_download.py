"""The files of an LMS download, read safely: a .zip, or the folder it was unpacked into
(where a .zip inside is opened too, one level deep).

Names in a download are data, never paths to follow: a zip entry is read by its name from
the zip and nothing is unpacked; in a folder, symbolic links are refused and nothing outside
the folder is read. An entry larger than ``MAX_BYTES`` (a reflection notebook is tens of
kilobytes; a notebook with pictures a few megabytes) is refused without being read whole:
a small zip can unpack to hundreds of megabytes.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from .common import GradingError

MAX_BYTES = 20 * 1024 * 1024
LIMIT_TEXT = f"{MAX_BYTES // (1024 * 1024)} MB"


@dataclass
class Entry:
    """One file of the download: ``path`` as the download names it, ``problem`` if it cannot
    be read, ``mtime`` as ISO text, ``read()`` its bytes (at most MAX_BYTES)."""

    path: str
    name: str = ""  # its path inside the zip or folder that holds it
    size: int = 0
    mtime: str = ""
    problem: str = ""
    reader: Callable[[], bytes] | None = field(default=None, repr=False)

    def read(self) -> bytes:
        if self.reader is None:
            raise OSError(f"{self.path}: cannot be read")
        return self.reader()


def _bounded(open_entry, name: str) -> bytes:
    with open_entry() as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise GradingError(f"{name}: file: larger than {LIMIT_TEXT} once unpacked; not read")
    return data


def _unsafe(name: str) -> str:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and parts[0].endswith(":")):
        return "its name points outside the download (an absolute path or '..'); not read"
    return ""


def zip_entries(path: Path, shown: str) -> list[Entry]:
    try:
        z = zipfile.ZipFile(path)
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise GradingError(f"{path}: file: not a readable .zip") from None
    out = []
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir():
            continue
        name = f"{shown}:{info.filename}" if shown else info.filename
        when = datetime(*info.date_time).isoformat() if info.date_time[0] >= 1980 else ""
        entry = Entry(name, info.filename, info.file_size, when, _unsafe(info.filename))
        if not entry.problem and info.file_size > MAX_BYTES:
            entry.problem = (
                f"larger than {LIMIT_TEXT} once unpacked ({info.file_size:,} bytes); not read"
            )
        entry.reader = lambda i=info, n=name: _read_zip(z, i, n)
        out.append(entry)
    return out


def _read_zip(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        return _bounded(lambda: z.open(info), name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        raise GradingError(
            f"{name}: file: damaged inside the zip (or encrypted); not read"
        ) from None


def read_download(download: Path) -> list[Entry]:
    """Every file of the download, each with its problem if it must not be read."""
    download = Path(download)
    if download.is_file() and download.suffix.lower() == ".zip":
        return zip_entries(download, "")
    if not download.is_dir():
        raise GradingError(f"{download}: file: not a folder or a .zip download")
    top = download.resolve()
    out = []
    for folder, dirs, files in os.walk(top, followlinks=False):
        for d in [d for d in dirs if (Path(folder) / d).is_symlink()]:
            dirs.remove(d)
            shown = (Path(folder) / d).relative_to(top).as_posix()
            out.append(Entry(shown, shown, problem="a symbolic link; not followed"))
        for name in sorted(files):
            p = Path(folder) / name
            shown = p.relative_to(top).as_posix()
            if p.is_symlink() or not p.is_file():
                out.append(Entry(shown, shown, problem="a symbolic link or special file; not read"))
                continue
            if not p.resolve().is_relative_to(top):
                out.append(Entry(shown, shown, problem="outside the download; not read"))
                continue
            size = p.stat().st_size
            when = (
                datetime.fromtimestamp(p.stat().st_mtime, timezone.utc)
                .replace(tzinfo=None)
                .isoformat()
            )
            if p.suffix.lower() == ".zip":
                out += zip_entries(p, shown)
                continue
            entry = Entry(shown, shown, size, when)
            if size > MAX_BYTES:
                entry.problem = f"larger than {LIMIT_TEXT} ({size:,} bytes); not read"
            entry.reader = lambda p=p, s=shown: _bounded(lambda: p.open("rb"), s)
            out.append(entry)
    return sorted(out, key=lambda e: e.path)
