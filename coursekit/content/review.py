"""Review copies: every distinct path of a scenario as the linear text a learner reads on it.

``review_blocks`` gives the copy as plain (kind, text) blocks, so the Markdown file of
``python -m coursekit paths`` and the authors' page (sphinx/branchmap.py) say the same thing;
``review_markdown`` writes it for _build/paths/<id>.md.
"""

from __future__ import annotations

from pathlib import Path

from .models import PlayerChoice, PlayerScenario, Scenario, Section
from .paths import Step, all_paths, replay, resolve

# Block kinds: title, meta, heading (one path), step (a decision), text, ask, choice,
# feedback, reading, facts, ending, debrief, question.


def reading_link(choice: PlayerChoice, sections: dict[str, Section] | None = None) -> str | None:
    """'Reading: <title> (<label>, <doc>)' for a choice's reading section, its label looked up
    in ``sections`` (readings.reading_sections); the label alone when it is not found."""
    label = choice.reading
    if not label:
        return None
    found = (sections or {}).get(label)
    return f"Reading: {found.title} ({label}, {found.doc})" if found else f"Reading: {label}"


def model_choices(scenario: Scenario) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """For facilitators and authors: (decision number, node id, [(choice index, text)]) of
    every decision's model choices (``model: true``), in the order of the nodes."""
    return [
        (i, node.id, [(j, c.text) for j, c in enumerate(node.choices) if c.model])
        for i, node in enumerate(scenario.nodes, 1)
    ]


def choice_line(st: Step, author: bool = True) -> str:
    """'Choice 2 of 3 (model choice): …' as the review copies show a decision's choice; the
    model mark only in the author's copy."""
    mark = " (model choice)" if author and st.choice.model else ""
    return f"Choice {st.index + 1} of {len(st.node.choices)}{mark}: {st.choice.text.strip()}"


def review_blocks(
    scenario: Scenario | PlayerScenario,
    sections: dict[str, Section] | None = None,
    author: bool = True,
) -> list[tuple[str, str]]:
    """``sections`` resolves reading labels to titles; ``author``: mark the model choices
    (False: exactly what a learner can read)."""
    s = scenario.play if isinstance(scenario, Scenario) else scenario
    paths = all_paths(s)
    endings = {e.id: e for e in s.endings}
    out = [
        ("title", f"{s.title} ({s.id}): every path"),
        (
            "meta",
            f"Module {s.module} · {len(s.nodes)} decision points · {len(s.endings)} endings · "
            f"{len(paths)} distinct paths",
        ),
    ]
    if s.content_note:
        out.append(("meta", f"Content note: {s.content_note.strip()}"))
    out.append(("meta", f"Opening: {s.opening.strip()}"))
    for number, steps in enumerate(paths, 1):
        played = replay(s, steps)
        ending = endings[played[-1].next]
        facts = played[-1].after
        out.append(("heading", f"Path {number} of {len(paths)}: ending “{ending.title}”"))
        for k, st in enumerate(played, 1):
            out.append(("step", f"Decision {k} ({st.node.id})"))
            out.append(("text", st.text.strip()))
            if st.node.ask:
                out.append(("ask", f"[The learner writes first] {st.node.ask.strip()}"))
            out.append(("choice", choice_line(st, author)))
            out.append(("feedback", st.feedback.strip()))
            link = reading_link(st.choice, sections)
            if link:
                out.append(("reading", link))
            if st.choice.remember:
                out.append(("facts", "Remembered: " + ", ".join(st.choice.remember)))
        out.append(("ending", f"Ending: {ending.title} ({ending.id})"))
        out.append(("text", resolve(ending.text, facts).strip()))
        out.append(("debrief", resolve(ending.debrief, facts).strip()))
        out.append(("debrief", f"What this practised: {s.goal.strip()}"))
        out += [("question", q.strip()) for q in ending.questions]
    return out


def review_markdown(
    scenario: Scenario | PlayerScenario,
    sections: dict[str, Section] | None = None,
    author: bool = True,
) -> str:
    lines: list[str] = []
    previous = ""
    for kind, text in review_blocks(scenario, sections, author):
        if previous == "question" and kind != "question":
            lines.append("")
        previous = kind
        if kind == "title":
            lines += [f"# {text}", ""]
        elif kind == "heading":
            lines += [f"## {text}", ""]
        elif kind in ("step", "ending"):
            lines += [f"### {text}", ""]
        elif kind == "ask":
            lines += [f"> ✎ {text}", ""]
        elif kind == "choice":
            lines += [f"**{text}**", ""]
        elif kind == "feedback":
            lines += ["*Feedback:*", "", text, ""]
        elif kind == "facts":
            lines += [f"`{text}`", ""]
        elif kind == "reading":
            lines += [f"→ {text}", ""]
        elif kind == "debrief":
            lines += [
                f"*{text[:20]}*{text[20:]}"
                if text.startswith("What this practised:")
                else f"*Debrief:* {text}",
                "",
            ]
        elif kind == "question":
            lines += [f"- {text}"]
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip() + "\n"


def write_review_copies(
    scenarios: list[Scenario], out: Path, sections: dict[str, Section] | None = None
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for s in scenarios:
        path = out / f"{s.id}.md"
        path.write_text(review_markdown(s, sections), encoding="utf-8")
        written.append(path)
    return written
