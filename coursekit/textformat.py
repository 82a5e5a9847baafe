"""The one safe formatter for content text (scenarios, reflection prompts, rubrics).

Every string from a content file reaches a page or a notebook through this module, as
text: paragraphs (a blank line starts one) and ``*emphasis*``, plus numbered and bulleted
lists where prompts need them (``lists=True``). Nothing else is interpreted: no HTML, no
MyST directive or role, no Markdown link or image. The same rules as ``formatText`` in
assets/coursekit/text.js, so the page's start view written here matches the player's.

Three outputs of one parse:
- ``to_nodes``: docutils nodes for Sphinx pages (text nodes only; no raw node);
- ``to_html``: escaped HTML (the scenario's start view written into the page);
- ``to_markdown``: Markdown with every character that could start markup escaped, for
  notebook cells (JupyterLab's Markdown, and MyST when the book renders the notebook).
"""

from __future__ import annotations

import html
import re

from docutils import nodes

Runs = list[tuple[bool, str]]  # (emphasis?, text)
PARAGRAPH = re.compile(r"\n\s*\n")
EMPHASIS = re.compile(r"(\*[^*\n]+\*)")
ITEM = re.compile(r"^\s*(?:([-*])|(\d+)[.)])\s+(.*)$")


def runs(text: str) -> Runs:
    """One paragraph's text as runs, newlines folded into spaces (as formatText does)."""
    clean = re.sub(r"\s*\n\s*", " ", text).strip()
    parts = EMPHASIS.split(clean)
    return [(i % 2 == 1, part[1:-1] if i % 2 else part) for i, part in enumerate(parts) if part]


def blocks(text, lists: bool = False) -> list[tuple[str, list]]:
    """[("p", runs)] per paragraph; with lists, also ("ol" | "ul", [runs per item])."""
    out: list[tuple[str, list]] = []
    for para in PARAGRAPH.split(str(text or "")):
        if not lists:
            if para.strip():
                out.append(("p", runs(para)))
            continue
        lines: list[str] = []  # the lines of the current plain paragraph
        items: list[str] = []  # the current list's items
        kind = ""

        def flush(kind: str) -> None:
            nonlocal lines, items
            if lines and " ".join(lines).strip():
                out.append(("p", runs("\n".join(lines))))
            if items:
                out.append((kind, [runs(item) for item in items]))
            lines, items = [], []

        for line in para.splitlines():
            match = ITEM.match(line)
            if match:
                this = "ul" if match.group(1) else "ol"
                if lines or (items and this != kind):
                    flush(kind)
                kind = this
                items.append(match.group(3))
            elif items and line.strip():
                items[-1] += "\n" + line  # a continuation of the item
            else:
                lines.append(line)
        flush(kind)
    return out


# ---- docutils --------------------------------------------------------------------------


def _inline(target: nodes.Element, parts: Runs) -> nodes.Element:
    for emphasis, text in parts:
        target += nodes.emphasis(text, text) if emphasis else nodes.Text(text)
    return target


def to_nodes(text, lists: bool = False) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for kind, content in blocks(text, lists):
        if kind == "p":
            result.append(_inline(nodes.paragraph(), content))
            continue
        listing = (
            nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            if kind == "ol"
            else nodes.bullet_list(bullet="-")
        )
        for item in content:
            listing += nodes.list_item("", _inline(nodes.paragraph(), item))
        result.append(listing)
    return result


# ---- HTML ------------------------------------------------------------------------------


def inline_html(parts: Runs) -> str:
    return "".join(f"<em>{html.escape(t)}</em>" if em else html.escape(t) for em, t in parts)


def to_html(text, lists: bool = False, tag: str = "p") -> str:
    out = []
    for kind, content in blocks(text, lists):
        if kind == "p":
            out.append(f"<{tag}>{inline_html(content)}</{tag}>")
        else:
            out.append(
                f"<{kind}>" + "".join(f"<li>{inline_html(i)}</li>" for i in content) + f"</{kind}>"
            )
    return "".join(out)


# ---- Markdown --------------------------------------------------------------------------

# Characters that can start markup anywhere in CommonMark, MyST or Jupyter's Markdown
# (HTML, entities, emphasis, code and fences, links and images, roles, math, tables,
# substitutions); a backslash makes each one plain text.
ANYWHERE = re.compile(r"([\\`*_{}\[\]<>&$|~])")
# Characters that start a block only at the start of a line (headings, quotes, lists,
# MyST targets, comments and colon fences); every paragraph here is one line.
LINE_START = re.compile(r"^([#>+\-=%:(!])")
NUMBERED = re.compile(r"^(\d+)([.)])")


def _line_safe(text: str) -> str:
    return NUMBERED.sub(r"\1\\\2", LINE_START.sub(r"\\\1", text))


def _escape(text: str) -> str:
    return ANYWHERE.sub(r"\\\1", text)


def escape_inline(text) -> str:
    """Text set inside a line of Markdown (not at its start), shown exactly as it is."""
    return _escape(re.sub(r"\s+", " ", str(text)).strip())


def inline_markdown(parts: Runs) -> str:
    """Runs as one line of Markdown: the text escaped, emphasis as *...*."""
    return _line_safe("".join(f"*{_escape(t)}*" if em else _escape(t) for em, t in parts))


def to_markdown(text, lists: bool = False) -> str:
    out = []
    for kind, content in blocks(text, lists):
        if kind == "p":
            out.append(inline_markdown(content))
        else:
            out.append(
                "\n".join(
                    f"{n}. {inline_markdown(item)}"
                    if kind == "ol"
                    else f"- {inline_markdown(item)}"
                    for n, item in enumerate(content, 1)
                )
            )
    return "\n\n".join(out)


def plain_markdown(text) -> str:
    """One line of content text (a title) as Markdown that shows exactly this text."""
    return inline_markdown([(False, re.sub(r"\s+", " ", str(text)).strip())])
