"""The class view as one HTML page: per scenario, its branch map drawn by Graphviz with how
many learners took each choice, and beside it the same numbers as a text table."""

from __future__ import annotations

import html
import shutil
import subprocess

from ..content import Module, PlayerScenario
from ..content.paths import resolve
from .counts import FEWER, HIDDEN, K, Shown

LETTERS = "ABCDEFGHI"
e = html.escape
# Where a small group gets a count it can use: its own room, live, with nothing kept.
ROOM_VOTE = (
    "For a live count in a small group, take a room vote in discussion mode instead: press "
    "<strong>Discuss with a group</strong> under the scenario in the book, and count the "
    "room&rsquo;s hands at each decision. That count is the room&rsquo;s own and "
    "is kept only on the facilitator&rsquo;s computer."
)
STYLE = """body{font-family:system-ui,sans-serif;color:#111;background:#fff;margin:1.5rem;
line-height:1.45}
section{border-top:2px solid #111;margin-top:2rem}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2rem;align-items:start}
@media (max-width:900px){.pair{grid-template-columns:1fr}}
figure{margin:0;overflow:auto}figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border:1px solid #555;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}
caption{font-weight:700;text-align:left;margin-bottom:.3rem}
.problems,.why{background:#fff4d6;border-left:4px solid #8a5300;padding:.5rem 1rem}"""


def _dot_text(text: str, width: int = 28) -> str:
    """A label for dot: quoted, escaped, wrapped."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    joined = "\\n".join(w.replace("\\", "\\\\").replace('"', '\\"') for w in lines[:4])
    return f'"{joined}"'


def dot_source(scenario: PlayerScenario, view: Shown) -> str:
    out = [
        "digraph G {",
        'rankdir=TB; node [fontname="DejaVu Sans", fontsize=11]; edge [fontname="DejaVu Sans", '
        "fontsize=10];",
    ]
    for i, node in enumerate(scenario.nodes):
        out.append(f'"n:{node.id}" [shape=box, label={_dot_text(f"Decision {i + 1}")}];')
    for end in scenario.endings:
        count = view.endings.get(end.id, "")
        label = _dot_text(f"{end.title}: {count}")
        out.append(f'"n:{end.id}" [shape=box, style="rounded,bold", label={label}];')
    for node in scenario.nodes:
        for i, choice in enumerate(node.choices):
            label = _dot_text(f"{LETTERS[i]}: {view.choices.get((node.id, i), '')}", 18)
            for target in dict.fromkeys(v.next for v in choice.next):
                out.append(f'"n:{node.id}" -> "n:{target}" [label={label}];')
    out.append("}")
    return "\n".join(out)


def svg(scenario: PlayerScenario, view: Shown) -> str:
    dot = shutil.which("dot")
    if not dot:
        return (
            "<p>(Graphviz's dot is missing, so the map is not drawn: run <code>make "
            "graphviz</code>. The table has every number.)</p>"
        )
    proc = subprocess.run(
        [dot, "-Tsvg"], input=dot_source(scenario, view), capture_output=True, text=True, timeout=60
    )
    if proc.returncode != 0:
        return (
            f"<p>(The map could not be drawn: {e(proc.stderr.strip()[:200])}. The table has every "
            "number.)</p>"
        )
    body = proc.stdout[proc.stdout.find("<svg") :]
    return body.replace(
        "<svg",
        '<svg role="img" aria-label="Branch map with counts; the table beside it has the same '
        'numbers"',
        1,
    )


def table(scenario: PlayerScenario, view: Shown) -> str:
    rows = []
    for i, node in enumerate(scenario.nodes):
        situation = resolve(node.text, frozenset())
        for k, choice in enumerate(node.choices):
            first = (
                f'<th scope="rowgroup" rowspan="{len(node.choices)}">Decision {i + 1}: '
                f"{e(situation[:140])}"
                f"{'…' if len(situation) > 140 else ''}</th>"
                if k == 0
                else ""
            )
            rows.append(
                f"<tr>{first}<td>{LETTERS[k]}. {e(choice.text)}</td>"
                f"<td class='n'>{e(view.choices.get((node.id, k), ''))}</td></tr>"
            )
    endings = "".join(
        f"<tr><td>{e(end.title)}</td><td class='n'>{e(view.endings.get(end.id, ''))}</td></tr>"
        for end in scenario.endings
    )
    return (
        "<div><table><caption>Choices</caption><thead><tr><th scope='col'>Decision</th>"
        "<th scope='col'>Choice</th><th scope='col'>Learners</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        "<table><caption>Endings</caption><thead><tr><th scope='col'>Ending</th>"
        f"<th scope='col'>Learners</th></tr></thead><tbody>{endings}</tbody></table></div>"
    )


def page(
    module: Module,
    sections: list[tuple[PlayerScenario, Shown]],
    sources: str,
    problems: list[str],
) -> str:
    parts = []
    for scenario, view in sections:
        head = f"<h2>{e(scenario.title)}</h2><p>Learners who played it: {e(view.learners)}.</p>"
        if view.withheld:
            parts.append(
                f"<section>{head}<p>No counts are shown: {e(view.withheld)}.</p></section>"
            )
            continue
        if not view.shown:
            parts.append(
                f"<section>{head}<p class='why'>No counts are shown: fewer than {K} learners "
                f"played this scenario. A count is shown only from {K} learners up, so that no "
                f"one's choice can be picked out of a small group. {ROOM_VOTE}</p></section>"
            )
            continue
        blank = [
            str(i + 1)
            for i, node in enumerate(scenario.nodes)
            if all(
                view.choices.get((node.id, k)) in (FEWER, HIDDEN) for k in range(len(node.choices))
            )
        ]
        at = f"decision {blank[0]}" if len(blank) == 1 else f"decisions {', '.join(blank[:-1])}"
        at += f" and {blank[-1]}" if len(blank) > 1 else ""
        why = (
            f"<p class='why'>At {at} every choice was taken by fewer than {K} learners, or its "
            "count would show one that was, so no count is shown there: a count of a small "
            f"group could point at someone. {ROOM_VOTE}</p>"
            if blank
            else ""
        )
        parts.append(
            f"<section>{head}{why}<div class='pair'><figure>{svg(scenario, view)}</figure>"
            f"{table(scenario, view)}</div></section>"
        )
    # The files are named on the console only: their paths hold students' names.
    notes = (
        f"<p class='problems'>{len(problems)} problem(s) with the files read: the command's output "
        "names them. What could be used is counted.</p>"
        if problems
        else ""
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Class view: "
        f"{e(module.title)}</title><style>{STYLE}</style></head><body><main><h1>Class view: "
        f"{e(module.title)}</h1><p>How many learners took each choice, from {e(sources)}. Counts "
        f"under {K} (0 included) are shown as &ldquo;fewer than {K}&rdquo;; where the others would "
        "let a hidden count be worked out, the smallest other count is &ldquo;hidden&rdquo; too. "
        f"No one's path is kept here.</p><p>Each learner counts once for a scenario: a "
        "submission by its student, a shared file by the random number the learner's browser "
        "puts in every file it shares. Shared files are self-declared: a learner can change "
        "that number, and one who both hands in the notebook and shares a path counts twice. "
        "A scenario whose learners differ from an earlier view's by fewer than "
        f"{K} is not drawn again until more have played it.</p>"
        f"{notes}{''.join(parts)}</main></body></html>"
    )
