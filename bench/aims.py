"""One line per aim of the course's benchmarks: ours / reference / ratio, the reference measured
in the same run (interleaved, medians), beside the machine's load average, since other work
on a shared machine moves every absolute figure."""

from __future__ import annotations

import os


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def aim(name: str, ours: float, reference: float, unit: str, ref_name: str, at_most: float | None):
    """Print one aim (or, with ``at_most`` None, a figure beside its reference); returns the
    ratio."""
    ratio = ours / reference if reference else float("inf")
    verdict = (
        "a figure, no aim"
        if at_most is None
        else f"aim <= {at_most:g}: {'met' if ratio <= at_most else 'NOT met'}"
    )
    print(
        f"{'AIM' if at_most is not None else 'FIGURE'} {name}: ours {ours:,.1f} {unit} / "
        f"{ref_name} {reference:,.1f} {unit} = {ratio:.2f} ({verdict}; {load()})"
    )
    return ratio
