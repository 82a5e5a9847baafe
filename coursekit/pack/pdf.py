"""Printing HTML to PDF with Debian's chromium, headless (``--print-to-pdf``), and joining
PDFs with pypdf. Nothing is fetched: pages are local files; chromium gets no network."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]


class PrintError(RuntimeError):
    pass


def print_pdf(page: Path, pdf: Path, timeout: int = 120, scripts: bool = False) -> Path:
    """Print one local HTML file to ``pdf``; a clear error when chromium is missing or fails.
    ``scripts``: give the page's scripts two seconds to draw (book pages) before printing."""
    if not Path(CHROMIUM).exists():
        raise PrintError(
            f"{CHROMIUM} is missing: run `make chromium` (Debian's chromium prints the PDFs)"
        )
    pdf.parent.mkdir(parents=True, exist_ok=True)
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    with tempfile.TemporaryDirectory(prefix="coursekit-print-") as profile:
        wait = ["--virtual-time-budget=2000"] if scripts else []
        cmd = [
            CHROMIUM,
            *FLAGS,
            *sandbox,
            *wait,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PrintError(
                f"{page}: chromium did not finish printing it in {timeout} s"
            ) from None
    if proc.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise PrintError(
            f"{page}: chromium could not print it (exit {proc.returncode}): "
            f"{proc.stderr.strip()[-500:]}"
        )
    return pdf


def join_pdfs(parts: list[Path], out: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part))
    with open(out, "wb") as fh:
        writer.write(fh)
    return out
