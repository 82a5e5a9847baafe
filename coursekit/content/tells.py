"""Is the answer given away? Where a module's model choices (``model: true``) sit, how long
they are, and which words only they use (exercises/README.md, "Teaching checks").

Each function takes a module's scenarios and returns a summary for the report and findings
as (source, location, reason).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from .errors import Loc, line_of
from .load import source_lines
from .models import PlayerNode, Scenario

POSITION_SHARE = 0.4  # no position may hold more of a module's model choices
LONGEST_SHARE = 1 / 3  # the model choice may be the longest in at most this share
AVOID_MIN = 4  # decisions where a marker word is in some choices, not all, before it is judged
AVOID_RATIO = 1.25  # avoiding the word may find the model choice at most this times chance
AVOID_EXCESS = 1.5  # ... and at most this many decisions above chance
ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")

Finding = tuple[str, tuple[Any, ...], str]


def decisions(scenarios: list[Scenario]) -> Iterator[tuple[Scenario, int, PlayerNode, list[int]]]:
    """(scenario, node index, node, indices of its model choices) for every decision."""
    for s in scenarios:
        for i, node in enumerate(s.play.nodes):
            yield s, i, node, [j for j, c in enumerate(node.choices) if c.model]


def unmarked(scenarios: list[Scenario]) -> list[Finding]:
    """A scenario with no model choice at all, a decision without one, a decision where
    every choice is one."""
    out: list[Finding] = []
    for s in scenarios:
        marks = [m for _, _, _, m in decisions([s])]
        if not any(marks):
            out.append(
                (
                    s.source,
                    ("nodes",),
                    "no choice is marked 'model: true'; mark the model choice (or choices) of "
                    "every decision so the checks can see what gives the answer away",
                )
            )
            continue
        for _, i, node, model in decisions([s]):
            if not model:
                out.append((s.source, ("nodes", i, "choices"), "no choice is marked 'model: true'"))
            elif len(model) == len(node.choices):
                out.append(
                    (
                        s.source,
                        ("nodes", i, "choices"),
                        "every choice is marked 'model: true'; a mark means one choice (or a "
                        "few) is the move the scenario teaches",
                    )
                )
    return out


def positions(module: str, scenarios: list[Scenario]) -> tuple[str, list[Finding]]:
    """No position may hold over 40% of the model choices of decisions with 3+ choices."""
    at = [(s, i, j) for s, i, node, m in decisions(scenarios) for j in m if len(node.choices) >= 3]
    if not at:
        return "", []
    counts = Counter(j for _, _, j in at)
    top, most = counts.most_common(1)[0]
    summary = (
        "model choices by position: "
        + ", ".join(
            f"{ORDINAL[j] if j < len(ORDINAL) else j + 1} {counts[j]}" for j in sorted(counts)
        )
        + f" (top {most / len(at):.0%}; at most {POSITION_SHARE:.0%})"
    )
    if most <= POSITION_SHARE * len(at):
        return summary, []
    reason = (
        f"the model choice is listed {_ordinal(top)}, as {most} of the {len(at)} model choices "
        f"of {module} are ({most / len(at):.0%}; no position may hold over "
        f"{POSITION_SHARE:.0%}): move some"
    )
    return summary, [
        (s.source, ("nodes", i, "choices", j, "model"), reason) for s, i, j in at if j == top
    ]


def _ordinal(j: int) -> str:
    return ORDINAL[j] if j < len(ORDINAL) else f"number {j + 1}"


def lengths(module: str, scenarios: list[Scenario]) -> tuple[str, list[Finding]]:
    """The model choice may be the longest of its decision in at most a third of them
    (longest: longer than every other choice, ties are not)."""
    at, longest = 0, []
    for s, i, node, model in decisions(scenarios):
        sizes = [len(c.text.strip()) for c in node.choices]
        for j in model:
            at += 1
            others = [n for k, n in enumerate(sizes) if k != j]
            if sizes[j] > max(others):
                longest.append((s, i, j, sizes[j], max(others)))
    if not at:
        return "", []
    summary = f"model choice the longest in {len(longest)} of {at} (at most a third)"
    if len(longest) <= LONGEST_SHARE * at:
        return summary, []
    return summary, [
        (
            s.source,
            ("nodes", i, "choices", j, "text"),
            f"the model choice is the longest of its decision ({n} characters, the next {m}), "
            f"as in {len(longest)} of {at} model choices of {module}; at most a third may be",
        )
        for s, i, j, n, m in longest
    ]


ENDING = r"(?:s|es|d|ed|ing)?"  # the inflections a marker word may take


def marker_pattern(phrase: str) -> re.Pattern[str]:
    """A marker's whole words, each with an inflection: 'ask' finds asks, asked, asking;
    'check in' finds checked in, never 'check into' or 'task'."""
    words = phrase.lower().split()
    return re.compile(r"\b" + (ENDING + r"\s+").join(map(re.escape, words)) + ENDING + r"\b", re.I)


def marker_words(
    module: str, scenarios: list[Scenario], markers: list[str]
) -> tuple[str, list[Finding]]:
    """A marker word may be in no more model choices than other choices of the module; where
    it is in more, each decision where only the model choice says it is reported. Nor may
    its absence mark the answer (``avoided_markers``)."""
    patterns = {m: marker_pattern(m) for m in markers}
    in_model: Counter[str] = Counter()
    in_other: Counter[str] = Counter()
    alone: list[tuple[str, Scenario, int, int]] = []  # (marker, scenario, node, choice index)
    decisions_alone = set()
    for s, i, node, model in decisions(scenarios):
        if not model:
            continue
        says = [{m for m, p in patterns.items() if p.search(c.text)} for c in node.choices]
        for j, words in enumerate(says):
            for m in words:
                (in_model if j in model else in_other)[m] += 1
        other_words = set().union(*(w for j, w in enumerate(says) if j not in model))
        for j in model:
            for m in sorted(says[j] - other_words):
                alone.append((m, s, i, j))
                decisions_alone.add((s.source, i))
    if not in_model and not in_other:
        return "", []
    marked = sum(1 for _, _, _, m in decisions(scenarios) if m)
    summary = (
        f"a marker word only in the model choice in {len(decisions_alone)} of {marked} decisions ("
        + ", ".join(
            f"'{m}' {in_model[m]} model / {in_other[m]} other"
            for m in markers
            if in_model[m] or in_other[m]
        )
        + ")"
    )
    findings = [
        (
            s.source,
            ("nodes", i, "choices", j, "text"),
            f"only the model choice says '{m}' here; in {module} '{m}' is in {in_model[m]} model "
            f"choices and {in_other[m]} others, so a learner can pick by the word",
        )
        for m, s, i, j in alone
        if in_model[m] > in_other[m]
    ]
    return summary, findings + avoided_markers(module, scenarios, patterns)


def avoided_markers(
    module: str, scenarios: list[Scenario], patterns: dict[str, re.Pattern[str]]
) -> list[Finding]:
    """A learner who, wherever some choices say a marker word and some do not, picks among
    those that do not: over AVOID_MIN such decisions or more, that learner may find a model
    choice no more than AVOID_RATIO times as often as one who picks at random (and no more
    than AVOID_EXCESS decisions above it). Otherwise the word marks the wrong answers;
    reported once, at the first decision where the model choice alone lacks it."""
    findings: list[Finding] = []
    for m, p in patterns.items():
        avoid = chance = 0.0
        decided = 0
        counted: list[tuple[str, Loc]] = []
        for s, i, node, model in decisions(scenarios):
            says = [bool(p.search(c.text)) for c in node.choices]
            if not model or all(says) or not any(says):
                continue
            decided += 1
            lacking = [j for j, said in enumerate(says) if not said]
            avoid += sum(j in model for j in lacking) / len(lacking)
            chance += len(model) / len(says)
            if all(j in model for j in lacking):
                counted.append((s.source, ("nodes", i, "choices", lacking[0], "text")))
        if (
            decided < AVOID_MIN
            or not counted
            or avoid < AVOID_RATIO * chance
            or avoid - chance < AVOID_EXCESS
        ):
            continue
        (source, loc), *rest = counted
        findings.append(
            (
                source,
                loc,
                f"only the model choice does not say '{m}' here; in {module}, picking a choice "
                f"without '{m}' wherever some choices say it finds a model choice in "
                f"{avoid:.1f} of {decided} decisions, against {chance:.1f} by chance: the word "
                f"marks the wrong answers; let some model choices say it{also_at(rest)}",
            )
        )
    return findings


def also_at(rest: list[tuple[str, Loc]]) -> str:
    """'; also FILE lines N, M' for the other places a finding stands for."""
    if not rest:
        return ""
    by_file: dict[str, list[int | None]] = defaultdict(list)
    for source, loc in rest:
        by_file[source].append(line_of(loc, source_lines(source)))
    names = [
        f"{source.rsplit('/', 1)[-1]} line{'s' if len(at) > 1 else ''} "
        + ", ".join(str(n) for n in at)
        for source, at in by_file.items()
    ]
    return "; also " + "; ".join(names)
