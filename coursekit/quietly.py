"""``python -m coursekit.quietly LOG WHAT -- COMMAND ...``: run COMMAND with everything it
prints kept in LOG, and show a person only what they need (`make serve` builds the book this
way): one line saying what is being done and where the log is, a line that follows the
command's progress on a terminal, then the time it took. When the command fails, the problems
the log names (Sphinx's warnings and errors, tracebacks' last lines) are printed, then the end
of the log and its path, and the command's exit status is returned."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

# Lines of a failed build worth showing; the kernels' "running over TCP" notice is not one.
PROBLEM = re.compile(r"WARNING|ERROR|CRITICAL|Error|error:|failed|Traceback")
NOISE = re.compile(r"Kernel is running over TCP|without encryption")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MOST_PROBLEMS = 30
TAIL = 12


def clean(line: str) -> str:
    """One line of the command's output as plain text: colours removed, and of a line that a
    progress bar rewrote (carriage returns), only what was last written."""
    return ANSI.sub("", line.rstrip("\r\n")).split("\r")[-1].rstrip()


def problems(lines: list[str]) -> list[str]:
    """The lines that name a problem, each once, in order."""
    found: list[str] = []
    for line in lines:
        if PROBLEM.search(line) and not NOISE.search(line) and line not in found:
            found.append(line)
    return found[:MOST_PROBLEMS]


def failure_report(lines: list[str], log: Path) -> str:
    """What a person reads when the command failed: the problems, the end of the log, where
    the whole log is."""
    named = problems(lines)
    tail = [line for line in lines[-TAIL:] if line not in named and not NOISE.search(line)]
    parts = (["The problems it names:"] + [f"  {line}" for line in named] if named else []) + (
        ["The end of its output:"] + [f"  {line}" for line in tail] if tail else []
    )
    return "\n".join(parts + [f"All it printed is in {log}."])


def duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def run(log: Path, what: str, command: list[str], out=sys.stdout) -> int:
    """Run ``command``, its output to ``log``; tell ``out`` what a person needs. Returns the
    command's exit status."""
    log.parent.mkdir(parents=True, exist_ok=True)
    live = out.isatty()
    print(f"{what} (all it prints goes to {log})", file=out, flush=True)
    start = time.monotonic()
    lines: list[str] = []
    shown = 0.0
    with open(log, "w", encoding="utf-8", errors="replace") as keep:
        try:
            proc = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                errors="replace",
            )
        except OSError as exc:
            print(f"Could not start {command[0]}: {exc.strerror}", file=out, flush=True)
            return 127
        assert proc.stdout is not None
        try:
            for raw in proc.stdout:
                keep.write(raw)
                line = clean(raw)
                if not line:
                    continue
                lines.append(line)
                if live and time.monotonic() - shown > 0.2:
                    shown = time.monotonic()
                    print(f"\r\x1b[K  {line[:76]}", end="", file=out, flush=True)
            status = proc.wait()
        except KeyboardInterrupt:
            proc.wait()
            status = 130
    if live:
        print("\r\x1b[K", end="", file=out, flush=True)
    took = duration(time.monotonic() - start)
    if status == 0:
        print(f"Done in {took}.", file=out, flush=True)
    elif status == 130:
        print("Stopped.", file=out, flush=True)
    else:
        print(f"It failed after {took} (exit status {status}).", file=out)
        print(failure_report(lines, log), file=out, flush=True)
    return status


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 4 or args[2] != "--":
        print("usage: python -m coursekit.quietly LOG WHAT -- COMMAND ...", file=sys.stderr)
        return 2
    return run(Path(args[0]), args[1], args[3:])


if __name__ == "__main__":
    sys.exit(main())
