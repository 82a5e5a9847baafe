"""Where a course widget sits in a page: its mount point as HTML, one builder for every kind,
and what a page that holds one needs (its page loader and stylesheets).

A mount is ``<div class=… data-coursekit-<kind>="<id>">`` holding the widget's data as JSON
(escaped for <script>), then what the page shows before the loader runs (a scenario's start
view, so mounting shifts nothing) and a note for browsers without JavaScript. The large data of
a kind marked ``data_file`` (scenarios, the journal) is not in the page: the mount names its
data file instead (``data-ck-src``, see data_file_text), so the page's HTML, which must arrive
before the first paint, does not grow with the course. The Sphinx
extension writes it for its ``course_mount`` nodes (sphinx/mounts.py); the notebook widget
writes it for the book's copy of a notebook (widget.py). A new kind of widget is one row of
``KINDS``.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    css_class: str  # the mount's class
    loaders: tuple[str, ...]  # ES modules (in _static) the page loads when it holds one
    styles: tuple[str, ...]  # stylesheets (in _static) the page links when it holds one
    noscript: str = ""  # HTML shown without JavaScript; {title} is the widget's title
    hidden: bool = False  # data only: nothing of it shows until its loader uses it
    data_file: bool = False  # its data in a file of its own, loaded by the page's loader


KINDS: dict[str, Kind] = {
    "scenario": Kind(
        "coursekit-scenario",
        ("coursekit/scenario-page.js",),
        ("coursekit/scenario.css",),
        "This scenario, &ldquo;{title}&rdquo;, needs JavaScript to play. Everything it needs "
        "is part of this site.",
        data_file=True,
    ),
    "reflection": Kind(
        "ck-reflection",
        # optout-page.js: a learner may skip a prompt for an alternative activity
        ("coursekit/reflection-page.js", "coursekit/optout-page.js"),
        ("coursekit/scenario.css", "coursekit/study.css", "coursekit/discussion.css"),
        "Writing your answer on this page needs JavaScript. The module&rsquo;s learner "
        "notebook has the same prompt.",
    ),
    "journal": Kind(
        "ck-journal",
        ("coursekit/journal-page.js",),
        # arc.css: the journal's confidence table (.ck-arc-table)
        ("coursekit/scenario.css", "coursekit/study.css", "coursekit/arc.css"),
        "The journal needs JavaScript: it reads your work from this browser&rsquo;s storage.",
        data_file=True,
    ),
    "discussion": Kind(  # beside a scenario: what discussion mode needs (sphinx/facilitator.py)
        "ck-discussion-data",
        ("coursekit/discussion-page.js",),
        ("coursekit/discussion.css",),
        hidden=True,
        data_file=True,  # the same file as the scenario's beside it: the data is written once
    ),
    "slides": Kind(  # a module's session slides: the handout, and the projector view
        "ck-slides-mount",
        ("coursekit/slides-page.js",),
        ("coursekit/discussion.css", "coursekit/slides.css"),
    ),
    "arc": Kind(  # confidence ratings, an action plan, the follow-ups (sphinx/arc.py)
        "ck-arc-mount",
        ("coursekit/arc-page.js",),
        ("coursekit/scenario.css", "coursekit/study.css", "coursekit/arc.css"),
        "This part of the page needs JavaScript: it keeps your answers in this browser.",
    ),
}


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def data_file_text(data: object) -> tuple[str, str]:
    """A widget's data as a file of its own: (name, text). The text is a classic script that
    files the data under its name in ``globalThis.coursekitData``; mount.js loads it with a
    <script> element, which works on file:// pages too (the offline copy), where fetch()
    cannot read a file. The name is the data's hash, so the same data (a scenario on its
    module page, in discussion mode, on the notebook page) is one file, and a file whose data
    changed has a new name, which no browser has cached."""
    text = script_json(data)
    name = hashlib.sha256(text.encode()).hexdigest()[:16]
    return name, f'(globalThis.coursekitData ??= {{}})["{name}"] = {text};\n'


def mount_html(
    kind: str, mount_id: str, data: object, view: str = "", title: str = "", src: str = ""
) -> str:
    """The mount point of one widget. ``view``: HTML the page shows before the loader runs
    (already escaped); ``title``: the widget's title, for the note without JavaScript;
    ``src``: the URL of the data's file (data_file_text), written instead of the data."""
    k = KINDS[kind]
    e = html.escape
    noscript = (
        f"<noscript><p>{k.noscript.format(title=e(title))}</p></noscript>" if k.noscript else ""
    )
    held = (
        f' data-ck-src="{e(src)}">'
        if src
        else f'><script type="application/json">{script_json(data)}</script>'
    )
    return (
        f'<div class="{k.css_class}" data-coursekit-{kind}="{e(mount_id)}"'
        f"{' hidden' if k.hidden else ''}{held}{view}{noscript}</div>"
    )
