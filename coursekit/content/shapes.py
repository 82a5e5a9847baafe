"""Feedback whose shape tells the learner which kind of choice they made, and closing lines
that the good endings of a module share (exercises/README.md, "Teaching checks").

A *shape* is a feature of a feedback text: how it opens (first three words), a sentence that
opens with a turn ("But …", "Still …") or with the same three words ("It works because …"), a
phrase of three words in its closing sentence. A shape marks the kind when it is common in the
feedback of one kind (model choices, or the others) and rare in the other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .models import Scenario
from .tells import also_at, marker_pattern

Loc = tuple[Any, ...]

COMMON = 1 / 4  # a shape in at least this share of one kind's feedback texts …
RARE = 1 / 3  # … and in at most this fraction of that share in the other kind's
AT_LEAST = 3  # texts, for a shape to count at all
SHARED_CLOSER = 1 / 4  # of a module's good endings, at most this share may close alike
TURNS = {"but", "however", "still", "yet", "instead", "though", "although", "unfortunately"}
SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n\s*\n")
WORD = re.compile(r"[\w'’-]+")

Finding = tuple[str, Loc, str]


def sentences(text: str) -> list[list[str]]:
    """Each sentence as its lowercased words."""
    out = []
    for part in SENTENCE.split(text.strip()):
        words = [w.lower().replace("’", "'") for w in WORD.findall(part)]
        if words:
            out.append(words)
    return out


def shapes(text: str) -> set[str]:
    said = sentences(text)
    if not said:
        return set()
    found = {f"opens '{' '.join(said[0][:3])} …'"} if len(said[0]) >= 3 else set()
    for k, words in enumerate(said):
        if k and words[0] in TURNS:
            found.add(f"has a sentence opening '{words[0].capitalize()} …'")
        if len(words) >= 3:
            found.add(f"has a sentence opening '{' '.join(words[:3]).capitalize()} …'")
    last = said[-1]
    found |= {
        f"closes on a sentence with '{' '.join(last[i : i + 3])}'" for i in range(len(last) - 2)
    }
    return found


def feedback_shapes(module: str, scenarios: list[Scenario]) -> tuple[str, list[Finding]]:
    """Shapes common in one kind of feedback and rare in the other: one finding per shape, at
    its first text of the kind it marks, naming the others."""
    where: dict[str, dict[bool, list[tuple[str, Loc]]]] = defaultdict(lambda: {True: [], False: []})
    totals = {True: 0, False: 0}
    for s in scenarios:
        for i, node in enumerate(s.play.nodes):
            if not any(c.model for c in node.choices):
                continue
            for j, c in enumerate(node.choices):
                kind = c.model
                for k, v in enumerate(c.feedback):
                    totals[kind] += 1
                    loc = ("nodes", i, "choices", j, "feedback") + (
                        (k, "text") if len(c.feedback) > 1 else ()
                    )
                    for shape in shapes(v.text):
                        where[shape][kind].append((s.source, loc))
    if not all(totals.values()):
        return "", []
    findings: list[Finding] = []
    marking = 0
    told: set[tuple[bool, tuple[tuple[str, Loc], ...], tuple[tuple[str, Loc], ...]]] = set()
    for shape, found in sorted(where.items(), key=lambda item: _priority(item[0])):
        share = {kind: len(found[kind]) / totals[kind] for kind in (True, False)}
        for kind in (True, False):
            if (
                len(found[kind]) >= AT_LEAST
                and share[kind] >= COMMON
                and share[not kind] <= RARE * share[kind]
            ):
                same = (kind, tuple(found[kind]), tuple(found[not kind]))
                if same in told:
                    continue  # one template seen through several of its words: said once
                told.add(same)
                marking += 1
                first, rest = found[kind][0], found[kind][1:]
                findings.append(
                    (
                        first[0],
                        first[1],
                        f"feedback that {shape}: {len(found[kind])} of {totals[kind]} feedback "
                        f"texts of {_kind(kind)} in {module} do, and {len(found[not kind])} of "
                        f"{totals[not kind]} of {_kind(not kind)}; the shape tells a learner which "
                        f"kind of choice they made{also_at(rest)}",
                    )
                )
    summary = f"feedback shapes that mark the kind of choice: {marking}"
    return summary, findings


def _priority(shape: str) -> tuple[int, int]:
    """Of shapes seen in the same texts, the most general is named: an opening before a
    sentence opening before a closing phrase, the shorter first."""
    return (0 if shape.startswith("opens") else 1 if shape.startswith("has") else 2, len(shape))


def _kind(model: bool) -> str:
    return "model choices" if model else "other choices"


def shared_closers(
    module: str, scenarios: list[Scenario], good: dict[str, frozenset[str]], words: list[str]
) -> tuple[str, list[Finding]]:
    """``good``: {scenario id: the endings that paths of model choices reach}. The closer words
    are one family ("no one thanks you", "owes you nothing", "that is all"): at most a quarter
    of the module's good endings may close on any of them (have one in the last two sentences
    of a text or debrief variant); an identical closing sentence may close only one."""
    patterns = {w: marker_pattern(w) for w in words}
    closing: list[tuple[str, Loc, str, str]] = []  # (source, loc, ending key, last sentence)
    closer: dict[str, tuple[str, Loc, str]] = {}  # ending key -> (source, loc, word), first closer
    count = 0
    for s in scenarios:
        for i, e in enumerate(s.play.endings):
            if e.id not in good.get(s.id, ()):
                continue
            count += 1
            key = f"{s.id}/{e.id}"
            for field, variants in (("text", e.text), ("debrief", e.debrief)):
                for k, v in enumerate(variants):
                    said = [x.strip() for x in SENTENCE.split(v.text.strip()) if x.strip()]
                    loc = ("endings", i, field) + ((k, "text") if len(variants) > 1 else ())
                    closing.append((s.source, loc, key, said[-1]))
                    found = [w for w, p in patterns.items() if p.search(" ".join(said[-2:]))]
                    if found and key not in closer:
                        closer[key] = (s.source, loc, found[0])
    if not count:
        return "", []
    findings: list[Finding] = []
    if len(closer) >= 2 and len(closer) > SHARED_CLOSER * count:
        family = ", ".join(f"'{w}'" for w in words)
        findings += [
            (
                src,
                loc,
                f"closes on '{w}': {len(closer)} of the {count} good endings of {module} close "
                f"on one of {family} (at most a quarter may): a closer shared across endings "
                "tells the learner this is the good one",
            )
            for src, loc, w in closer.values()
        ]
    same: dict[str, list[tuple[str, Loc, str]]] = defaultdict(list)
    for src, loc, key, last in closing:
        same[" ".join(w.lower() for w in WORD.findall(last))].append((src, loc, key))
    for text, alike in same.items():
        if text and len({key for _, _, key in alike}) > 1:
            findings += [
                (
                    src,
                    loc,
                    f"closes on the same sentence as {len(alike) - 1} other good ending(s) "
                    f"of {module}",
                )
                for src, loc, _ in alike
            ]
    summary = f"good endings that close on a closer word: {len(closer)} of {count}"
    return summary, findings
