"""The reviewer's view: each ending, in each reading it has (text and debrief as resolved),
followed by every path that reaches it, so "true to every path" can be judged one ending at a
time (``python -m coursekit paths --by-ending``, _build/paths/<id>.by-ending.md).

Paths are numbered as in the ordinary review copy (review.py), where each can be read in full.
"""

from __future__ import annotations

from pathlib import Path

from .models import Scenario, Section
from .paths import Step, all_paths, replay, resolve
from .review import choice_line, reading_link


def by_ending_markdown(scenario: Scenario, sections: dict[str, Section] | None = None) -> str:
    s = scenario.play
    paths = all_paths(s)
    endings = {e.id: e for e in s.endings}
    reached: dict[str, dict[tuple[str, str], list[tuple[int, list[Step]]]]] = {
        e.id: {} for e in s.endings
    }
    for number, steps in enumerate(paths, 1):
        played = replay(s, steps)
        facts = played[-1].after
        end = endings[played[-1].next]
        reading = (resolve(end.text, facts).strip(), resolve(end.debrief, facts).strip())
        reached[end.id].setdefault(reading, []).append((number, played))
    lines = [
        f"# {s.title} ({s.id}): every ending beside every path that reaches it",
        "",
        f"Module {s.module} · {len(s.endings)} endings · {len(paths)} distinct paths. "
        f"Path numbers are those of `_build/paths/{s.id}.md`, where each path reads in full.",
        "",
    ]
    for e in s.endings:
        readings = reached[e.id]
        count = sum(len(v) for v in readings.values())
        lines += [f"## Ending “{e.title}” ({e.id}): {count} paths", ""]
        for k, ((text, debrief), found) in enumerate(readings.items(), 1):
            if len(readings) > 1:
                lines += [f"### As read on {len(found)} of them ({k} of {len(readings)})", ""]
            lines += [text, "", f"*Debrief:* {debrief}", ""]
            for number, played in found:
                lines += _path(number, len(paths), played, sections)
    return "\n".join(lines).rstrip() + "\n"


def _path(
    number: int, total: int, played: list[Step], sections: dict[str, Section] | None
) -> list[str]:
    facts = ", ".join(sorted(played[-1].after)) or "none"
    out = [f"#### Path {number} of {total} · facts at the end: {facts}", ""]
    for k, st in enumerate(played, 1):
        out.append(f"{k}. **{st.node.id}**: {choice_line(st)}")
        if st.node.ask:
            out.append(f"   - ✎ the learner writes first: {st.node.ask.strip()}")
        if st.choice.remember:
            out.append("   - remembers: " + ", ".join(st.choice.remember))
        link = reading_link(st.choice, sections)
        if link:
            out.append(f"   - {link}")
    return out + [""]


def write_by_ending(
    scenarios: list[Scenario], out: Path, sections: dict[str, Section] | None = None
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for s in scenarios:
        path = out / f"{s.id}.by-ending.md"
        path.write_text(by_ending_markdown(s, sections), encoding="utf-8")
        written.append(path)
    return written
