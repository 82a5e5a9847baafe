"""Measure the content core: `coursekit check` on the whole course, writing every review copy
(`coursekit paths all`), and the fast test lane (`make test-fast`). The teaching checks
(content/teaching.py) are timed in-process beside the loader's own checks of the same files,
on the course and on two generated scenarios near the 500-path limit (one wide, one 60
decisions deep); the process's CPU beside Python starting and importing coursekit. Prints
figures; asserts nothing. Run with `make bench` (or `.venv/bin/python bench/content.py
--no-tests`).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list, runs: int) -> tuple[float, float, float]:
    """(median wall, fastest wall, median CPU) seconds of ``runs`` runs of a command from the
    repository root. CPU time (user + system of the command and its children) stays honest
    on a busy shared machine, where wall time does not."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def in_process() -> tuple[float, float]:
    """Loading and checking every file, and writing every review copy, without start-up."""
    import tempfile

    from coursekit.content import load_all
    from coursekit.content.review import write_review_copies
    from coursekit.content.style import style_warnings

    start = time.perf_counter()
    scenarios, _ = load_all(ROOT / "exercises")
    style_warnings(scenarios)
    loaded = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_review_copies(list(scenarios.values()), Path(tmp))
        written = time.perf_counter() - start
    return loaded, written


def big_scenario(choices_first: int = 6, depth: int = 5) -> dict:
    """A scenario of choices_first * 3**(depth - 1) paths (486 by default): every choice
    remembers a fact, every node text varies on the facts so far, the last decision's next
    depends on the first, one model choice per decision."""
    nodes = []
    for d in range(depth):
        n = choices_first if d == 0 else 3
        last = d == depth - 1
        facts = [f"f{d}-{k}" for k in range(n)]
        earlier = [f"f{d - 1}-{k}" for k in range(3 if d > 1 else choices_first)] if d else []
        nodes.append(
            {
                "id": f"d{d}",
                "text": [{"when": f, "text": f"After {f}, decision {d}."} for f in earlier]
                + [{"text": f"Decision {d}."}],
                "choices": [
                    {
                        "text": f"Option {k} of decision {d}, said plainly.",
                        "remember": [facts[k]],
                        "feedback": f"What option {k} of decision {d} leads to.",
                        "model": k == d % n,
                        "next": [{"when": "f0-0", "next": "end-a"}, {"next": f"end-{'abc'[k]}"}]
                        if last
                        else f"d{d + 1}",
                    }
                    for k in range(n)
                ],
            }
        )
    used = {c for node in nodes for v in node["text"] for c in [v.get("when")] if c}
    for node in nodes:  # a fact no condition reads is an error: the last decision's facts
        for c in node["choices"]:
            c["remember"] = [f for f in c["remember"] if f in used or f == "f0-0"]
    return {
        "id": "m1-big",
        "title": "Near the limit",
        "module": 1,
        "goal": "Measure.",
        "opening": "You arrive.",
        "nodes": nodes,
        "endings": [
            {"id": f"end-{x}", "title": x, "text": x, "debrief": x, "questions": [x]} for x in "abc"
        ],
    }


def deep_scenario(doubling: int = 2, depth: int = 60) -> dict:
    """A scenario at the decision limit and near the path limit (471 paths by default, the
    longest 60 decisions): in the first ``doubling`` decisions two choices go on, after that
    one; the others end the scenario. The first choice is remembered and varies every tenth
    node's text and where the last move lands."""
    nodes = []
    for d in range(depth):
        last, goes_on = d == depth - 1, 2 if d < doubling else 1
        nodes.append(
            {
                "id": f"d{d}",
                "text": [{"when": "early", "text": f"Decision {d}, after the early move."}]
                + [{"text": f"Decision {d}."}]
                if d % 10 == 9
                else f"Decision {d}.",
                "choices": [
                    {
                        "text": f"Option {k} of decision {d}, said plainly.",
                        **({"remember": ["early"]} if d == 0 and k == 0 else {}),
                        "feedback": f"What option {k} of decision {d} leads to.",
                        "model": k == d % 3,
                        "next": [{"when": "early", "next": "end-a"}, {"next": "end-b"}]
                        if last
                        else f"d{d + 1}"
                        if k < goes_on
                        else f"end-{'abc'[k]}",
                    }
                    for k in range(3)
                ],
            }
        )
    return {**big_scenario(), "nodes": nodes}


def cpu(fn, runs: int = 5) -> float:
    """Median CPU seconds of ``fn()`` in this process."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def teaching_cost() -> tuple[tuple[float, float], tuple[float, float, int]]:
    """((loader, teaching) CPU on the course, (loader, teaching, paths) on the big scenario)."""
    import tempfile

    import yaml

    from coursekit.content import load_all, load_scenario
    from coursekit.content.paths import all_paths
    from coursekit.content.teaching import load_config, teaching_report

    scenarios, _ = load_all(ROOT / "exercises")
    config = load_config(ROOT / "exercises")
    course = (
        cpu(lambda: load_all(ROOT / "exercises")),
        cpu(lambda: teaching_report(scenarios, config)),
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "exercises" / "scenarios" / "module1" / "m1-big.yml"
        path.parent.mkdir(parents=True)
        (path.parents[2] / "course.yml").write_text(
            (ROOT / "exercises" / "course.yml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        near = []
        for made in (big_scenario(), deep_scenario()):
            path.write_text(yaml.safe_dump(made, sort_keys=False), encoding="utf-8")
            big = load_scenario(path)
            count = len(all_paths(big.play))
            longest = max(len(p) for p in all_paths(big.play))
            near.append(
                (
                    cpu(lambda p=path: load_scenario(p)),
                    cpu(lambda b=big: teaching_report({b.id: b})),
                    count,
                    longest,
                )
            )
    return course, near


def main() -> None:
    py = sys.executable
    start_up = timed([py, "-c", "import coursekit.__main__"], 5)
    check = timed([py, "-m", "coursekit", "check"], 5)
    paths = timed([py, "-m", "coursekit", "paths", "all"], 3)
    loaded, written = in_process()
    print(
        f"{'coursekit check (whole course, process)':48} median {check[0]:.2f} s, fastest "
        f"{check[1]:.2f} s, CPU {check[2]:.2f} s"
    )
    print(f"{'  of which loading and checking in-process':48} {loaded:.2f} s")
    print(f"{'  reference: start Python, import coursekit':48} CPU {start_up[2]:.2f} s")
    (load, teach), near = teaching_cost()
    print(
        f"{'  teaching checks, whole course (CPU)':48} {teach:.3f} s, beside loading and the "
        f"loader's checks {load:.3f} s"
    )
    for big_load, big_teach, count, longest in near:
        label = f"{count} paths, up to {longest} decisions: teaching checks"
        print(
            f"{label:48} CPU {big_teach:.3f} s, beside loading it with the loader's checks "
            f"{big_load:.3f} s"
        )
    print(
        f"{'coursekit paths all (all review copies)':48} median {paths[0]:.2f} s, fastest "
        f"{paths[1]:.2f} s, CPU {paths[2]:.2f} s"
    )
    print(f"{'  of which writing in-process':48} {written:.2f} s")
    print(f"{'load average (uptime)':48} {os.getloadavg()[0]:.2f}")
    if "--no-tests" not in sys.argv:
        fast = timed(["make", "test-fast"], 1)
        label = 'make test-fast (ruff, pytest -m "not browser and not slow")'
        print(f"{label:48} {fast[0]:.1f} s, CPU {fast[2]:.1f} s")


if __name__ == "__main__":
    main()
