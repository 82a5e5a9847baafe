"""coursekit.quietly, which `make serve` builds the book through: what the command printed goes
to the log, a person reads one line for the work and one for its end; a failure names the
problems the log holds and where the log is, and passes the exit status on."""

from __future__ import annotations

import sys

from support.env import run

PRINTS_A_LOT = "for i in range(500): print(f'INFO fontTools.subset: step {i}')"
FAILS = (
    "import sys\n"
    "for i in range(300): print(f'reading sources... [{i}%] book/page{i}')\n"
    "print('[IPKernelApp] WARNING | Kernel is running over TCP without encryption.')\n"
    "print('book/module1/reading.md:12: WARNING: undefined label: m1-nowhere', file=sys.stderr)\n"
    "print('build finished with problems, 1 warning.')\n"
    "sys.exit(3)\n"
)


def quietly(tmp_path, code: str):
    log = tmp_path / "out" / "build.log"
    command = [sys.executable, "-m", "coursekit.quietly", log, "Building", "--"]
    return log, run([*command, sys.executable, "-c", code], check=False)


def test_a_command_that_works_is_two_lines_and_its_output_is_in_the_log(tmp_path):
    log, proc = quietly(tmp_path, PRINTS_A_LOT)
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0] == f"Building (all it prints goes to {log})"
    assert proc.stdout.splitlines()[1].startswith("Done in ")
    assert len(proc.stdout.splitlines()) == 2 and proc.stderr == ""
    assert log.read_text().count("fontTools") == 500


def test_a_failure_names_its_problems_and_the_log_and_keeps_the_exit_status(tmp_path):
    log, proc = quietly(tmp_path, FAILS)
    assert proc.returncode == 3
    said = proc.stdout
    assert "It failed after" in said and "(exit status 3)" in said
    assert "  book/module1/reading.md:12: WARNING: undefined label: m1-nowhere" in said
    assert "build finished with problems, 1 warning." in said
    assert "without encryption" not in said  # a kernel's notice is no problem of the build
    assert said.rstrip().endswith(f"All it printed is in {log}.")
    assert len(said.splitlines()) < 25
    assert "reading sources... [0%]" in log.read_text()


def test_a_command_that_cannot_start_is_said_plainly(tmp_path):
    log = tmp_path / "build.log"
    proc = run(
        [sys.executable, "-m", "coursekit.quietly", log, "Building", "--", tmp_path / "nothing"],
        check=False,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "nothing" in proc.stdout + proc.stderr


def test_without_a_command_it_says_how_it_is_used():
    proc = run([sys.executable, "-m", "coursekit.quietly", "log"], check=False)
    assert proc.returncode == 2 and "usage: python -m coursekit.quietly" in proc.stderr
