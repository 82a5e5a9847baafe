"""Student and content text in Markdown cells shown as text, never run as HTML.

nbconvert renders Markdown cells with raw HTML passed through (formgrader, feedback pages).
``escape_text`` backslash-escapes every ASCII punctuation character, which CommonMark allows
for each of them: no tag, link, image, math or emphasis can form, and the reader sees exactly
what was typed. Lines inside a paragraph end with a backslash (a hard line break) so the text
keeps its shape. ``unescape_text`` gives the original back.
(A local helper: coursekit.textformat, written in parallel, is the course-wide formatter.)
"""

from __future__ import annotations

import re
import string

_PUNCT = set(string.punctuation)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _escape_line(line: str) -> str:
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in line)


def escape_text(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        escaped = _escape_line(line)
        joined_to_next = i + 1 < len(lines) and line.strip() and lines[i + 1].strip()
        out.append(escaped + ("\\" if joined_to_next else ""))
    return "\n".join(out)


def unescape_text(text: str) -> str:
    return _ESCAPED.sub(lambda m: m.group(1), text)
