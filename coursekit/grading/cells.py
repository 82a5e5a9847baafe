"""CSV cells that spreadsheets show as text and give back unchanged.

A cell starting with = + - @ (or a tab or carriage return) would be run as a formula by
Excel, LibreOffice and Google Sheets. Such cells are written with a leading apostrophe, which
spreadsheets read as "this is text"; so is a cell that itself starts with an apostrophe, so
that reading strips exactly one apostrophe and gives back what was written.
Excel keeps at most 32,767 characters in a cell; longer answers are written whole, and a
sheet saved from Excel that cut them is still imported, with a note for that row.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from .common import GradingError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # answers of any length (the default is 131,072)


def to_cell(text: str) -> str:
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(FORMULA_STARTS + ("'",)) else text


def from_cell(text: str | None) -> str:
    text = text or ""
    return text[1:] if text.startswith("'") else text


def same_text(a: str, b: str) -> bool:
    """Spreadsheets may change line endings and trailing spaces; nothing else counts as same."""
    return normalize(a) == normalize(b)


def normalize(s: str) -> str:
    return "\n".join(
        line.rstrip() for line in s.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    )


def cut_by_spreadsheet(in_sheet: str, answer: str) -> bool:
    """The sheet holds the start of an answer longer than Excel keeps in a cell."""
    sheet, full = normalize(in_sheet), normalize(answer)
    return (
        len(answer) > EXCEL_CELL_LIMIT
        and len(sheet) >= EXCEL_CELL_LIMIT - 200
        and full.startswith(sheet)
    )


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig: spreadsheet programs then read accents and quotes correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: to_cell(v) if isinstance(v, str) else v for k, v in row.items()})


def _parse(path: Path, text: str, delimiter: str) -> tuple[list[str], list[dict]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(reader.fieldnames or []), list(reader)
    except csv.Error as exc:
        raise GradingError(f"{path}: file: cannot be read as CSV ({exc})") from None


def read_csv(path: Path, needed: list[str]) -> tuple[list[str], list[dict[str, str] | None]]:
    """Header and rows of a CSV saved by a spreadsheet (comma or semicolon), cells as written;
    a row with more cells than the header has columns is None."""
    path = Path(path)
    try:
        with path.open(
            encoding="utf-8-sig", newline=""
        ) as f:  # a carriage return in a cell stays one
            text = f.read()
    except UnicodeDecodeError:
        raise GradingError(
            f"{path}: file: not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'"
        ) from None
    except OSError as exc:
        raise GradingError(
            f"{path}: file: cannot be read ({exc.__class__.__name__}: {exc})"
        ) from None
    header, table = _parse(path, text, ",")
    if not set(needed) <= set(header):  # spreadsheets in some languages save with semicolons
        header, table = max(
            (header, table), _parse(path, text, ";"), key=lambda t: len(set(needed) & set(t[0]))
        )
    rows: list[dict[str, str] | None] = []
    for row in table:
        if None in row:
            rows.append(None)  # more cells than the header has columns
        else:
            rows.append({k: from_cell(v) for k, v in row.items()})
    return header, rows
