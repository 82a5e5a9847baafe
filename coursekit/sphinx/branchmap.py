"""``{branch-map}``: for authors, a map of each scenario (decision points, choices, endings)
drawn by Graphviz's ``dot``, with the review copy of every path as its text alternative.

Usage in a MyST page::

    ```{branch-map} all
    ```
    (or a module id such as module1, or one scenario id)

Content text reaches the SVG only through DOT's quoted strings (escaped here) and comes
out of dot XML-escaped; the review copy is HTML-escaped block by block.

The page is read again whenever a content file changes (the author's data-edit loop), so each
scenario's map and review copy is kept in the build environment under a digest of what it is
made from, and only an edited scenario's is drawn again. The review copy (megabytes of every
path's text) is not in the site's search index: the maps' titles are, and search finds the
scenarios' own pages.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..content import Scenario, Section
from ..content.review import review_blocks

logger = logging.getLogger(__name__)
SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


def dot_quote(text: str) -> str:
    """A DOT quoted string: only \\ and " are special inside; escape sequences such as \\N are
    neutralised by doubling every backslash."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def short(text: str, limit: int = 38) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def scenario_dot(scenario: Scenario) -> str:
    s = scenario.play
    lines = [
        "digraph map {",
        '  rankdir=LR; bgcolor="transparent";',
        '  node [fontname="sans-serif", fontsize=11, shape=box, style="rounded,filled", '
        'fillcolor="#eef3fb", color="#1f4e99"];',
        '  edge [fontname="sans-serif", fontsize=10, color="#333333", fontcolor="#222222"];',
    ]
    for i, node in enumerate(s.nodes):
        head = f"{i + 1}. {node.id}" + (" ✎" if node.ask else "")
        label = f'{dot_quote(head)} + "\\n" + {dot_quote(short(node.text[-1].text))}'
        lines.append(f"  {dot_quote(node.id)} [label={label}];")
    for e in s.endings:
        lines.append(
            f"  {dot_quote(e.id)} [label={dot_quote('Ending: ' + short(e.title))}, "
            'shape=box, style="filled", fillcolor="#fdf1dc", color="#8a5300", penwidth=2];'
        )
    for node in s.nodes:
        for k, choice in enumerate(node.choices, 1):
            for v in choice.next:
                cond = f" if {' and '.join(v.when)}" if v.when else ""
                style = ", style=dashed" if len(choice.next) > 1 else ""
                lines.append(
                    f"  {dot_quote(node.id)} -> {dot_quote(v.next)} "
                    f"[label={dot_quote(f'choice {k}{cond}')}{style}];"
                )
    lines.append("}")
    return "\n".join(lines)


def dot_svg(source: str, name: str) -> str:
    """The map as inline SVG with an accessible name, or raise RuntimeError."""
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError(
            "Graphviz's `dot` is missing: install Debian's graphviz (`make graphviz`)"
        )
    proc = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"dot failed: {proc.stderr.strip()[:300]}")
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    root.set("style", "max-width: 100%; height: auto")  # its own size, smaller on a narrow screen
    root.set("role", "img")
    root.set("aria-label", name)
    root.set("class", "ck-branch-map")
    for group in root.findall(f"{{{SVG}}}g"):
        for old_title in group.findall(f"{{{SVG}}}title"):  # the graph's own title ("map")
            group.remove(old_title)
    for a in root.iter(f"{{{SVG}}}a"):  # dot draws links only when asked; never let one through
        a.attrib.clear()
    return ET.tostring(root, encoding="unicode")


def review_html(scenario: Scenario, sections: dict[str, Section] | None = None) -> str:
    tags = {
        "title": None,
        "meta": "p",
        "heading": "h3",
        "step": "h4",
        "ending": "h4",
        "text": "p",
        "ask": "p",
        "choice": "p",
        "feedback": "p",
        "facts": "p",
        "reading": "p",
        "debrief": "p",
        "question": "li",
    }
    out, in_list = [], False
    for kind, text in review_blocks(scenario, sections):
        tag = tags[kind]
        if tag is None:
            continue
        if in_list and tag != "li":
            out.append("</ul>")
            in_list = False
        if tag == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        paragraphs = [p for p in text.split("\n\n") if p.strip()] if tag == "p" else [text]
        prefix = {"choice": "<strong>", "ask": "<em>"}.get(kind, "")
        suffix = {"choice": "</strong>", "ask": "</em>"}.get(kind, "")
        label = {"feedback": "Feedback: ", "debrief": ""}.get(kind, "")
        for i, para in enumerate(paragraphs):
            lead = html.escape(label) if i == 0 else ""
            out.append(f"<{tag}>{prefix}{lead}{html.escape(para)}{suffix}</{tag}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


class branch_map_html(nodes.General, nodes.Element):
    """A scenario's map and review copy as HTML (attribute ``html``): written as it is by the
    HTML writer, and, unlike raw HTML, not fed to the search index."""


def visit_branch_map_html(self, node: branch_map_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def skip_branch_map(self, node: branch_map_html) -> None:
    raise nodes.SkipNode


BRANCH_MAP_VISITORS = {b: (skip_branch_map, None) for b in ("latex", "text", "man", "texinfo")}
BRANCH_MAP_VISITORS["html"] = (visit_branch_map_html, None)


def made_from(scenario: Scenario, sections: dict[str, Section] | None) -> str:
    """A digest of everything a scenario's map and review copy are made from."""
    shown = {
        "source": str(scenario.source),
        "scenario": scenario.model_dump(mode="json"),
        "sections": {k: list(v) for k, v in (sections or {}).items()},
    }
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class BranchMapDirective(SphinxDirective):
    """One section per scenario: the map, then every path as text in a <details>."""

    optional_arguments = 1

    def run(self):
        for path in getattr(self.env, "coursekit_files", []):
            self.env.note_dependency(path)
        which = self.arguments[0] if self.arguments else "all"
        scenarios = sorted(
            getattr(self.env, "coursekit_scenarios", {}).values(), key=lambda s: s.source
        )
        chosen = [s for s in scenarios if which in ("all", s.id, f"module{s.module}")]
        # {docname: {digest: section HTML}}: this page's maps as last drawn, replaced each read
        kept = getattr(self.env, "coursekit_branch_maps", None)
        if not isinstance(kept, dict):
            kept = self.env.coursekit_branch_maps = {}
        self.drawn: dict[str, str] = kept.get(self.env.docname, {})
        self.now: dict[str, str] = {}
        if not chosen and not getattr(self.env, "coursekit_broken", set()):
            logger.warning(
                f"branch-map: '{which}' names no scenario, module or 'all'",
                location=self.get_location(),
                type="coursekit",
                subtype="content",
            )
        found = [self.scenario_section(s) for s in chosen]
        kept[self.env.docname] = self.now
        return found

    def scenario_section(self, s: Scenario) -> nodes.section:
        section = nodes.section(ids=[f"map-{s.id}"])
        section += nodes.title(text=f"{s.title} (module {s.module}, {s.id})")
        sections = getattr(self.env, "coursekit_sections", None)
        key = made_from(s, sections)
        shown = self.drawn.get(key)
        if shown is None:
            shown = self.section_html(s, sections)
        self.now[key] = shown
        section += branch_map_html(html=shown)
        return section

    def section_html(self, s: Scenario, sections: dict[str, Section] | None) -> str:
        counts = f"{len(s.nodes)} decision points, {len(s.endings)} endings"
        name = f"Map of “{s.title}”: {counts}. The text of every path follows the map."
        try:
            svg = dot_svg(scenario_dot(s), name)
        except (RuntimeError, OSError, subprocess.TimeoutExpired, ET.ParseError) as exc:
            logger.warning(
                f"{s.source}: branch map: {exc}",
                location=self.get_location(),
                type="coursekit",
                subtype="branchmap",
            )
            svg = ""
        return (
            # white behind the drawing in both colour modes (its labels are dark); the caption
            # follows the theme
            '<figure class="ck-branch-map-figure"><div style="background: #fff; '
            'padding: 0.5rem">'
            f"{svg}</div>"
            f"<figcaption>{html.escape(counts)}; dashed arrows depend on what the "
            "learner chose before; "
            "✎ marks a decision where the learner writes first.</figcaption></figure>"
            '<details class="ck-paths"><summary>Every path of '
            f"“{html.escape(s.title)}”, as text</summary>"
            f"{review_html(s, sections)}</details>"
        )
