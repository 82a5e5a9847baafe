"""The one safe formatter (coursekit/textformat.py) on its own: paragraphs, emphasis and
lists come out as structure; everything else stays the text it was."""

from __future__ import annotations

from docutils import nodes

from coursekit.textformat import blocks, plain_markdown, to_html, to_markdown, to_nodes

PROMPT = """Choose a situation. It can be *imagined*.

1. Describe it briefly,
   in a few lines.
2. Name one pattern.
"""


def test_paragraphs_emphasis_and_lists():
    assert blocks(PROMPT, lists=True) == [
        ("p", [(False, "Choose a situation. It can be "), (True, "imagined"), (False, ".")]),
        ("ol", [[(False, "Describe it briefly, in a few lines.")], [(False, "Name one pattern.")]]),
    ]
    assert blocks("Intro:\n- one\n- two", lists=True) == [
        ("p", [(False, "Intro:")]),
        ("ul", [[(False, "one")], [(False, "two")]]),
    ]
    assert blocks(PROMPT) == [
        blocks(PROMPT, lists=True)[0],
        ("p", [(False, "1. Describe it briefly, in a few lines. 2. Name one pattern.")]),
    ]


def test_docutils_nodes_are_text_only():
    made = to_nodes(PROMPT + "\n\n<script>alert(1)</script> ```{include} x```", lists=True)
    assert [type(n) for n in made] == [nodes.paragraph, nodes.enumerated_list, nodes.paragraph]
    assert not any(isinstance(n, nodes.raw) for top in made for n in top.findall())
    assert made[2].astext() == "<script>alert(1)</script> ```{include} x```"


def test_html_is_escaped():
    assert (
        to_html("a *b* <i>x</i> & 'q'\n\nc")
        == "<p>a <em>b</em> &lt;i&gt;x&lt;/i&gt; &amp; &#x27;q&#x27;</p><p>c</p>"
    )


def test_markdown_shows_the_text_and_nothing_else():
    assert (
        to_markdown("See [a](javascript:x) <b>b</b> $x$ *c*")
        == "See \\[a\\](javascript:x) \\<b\\>b\\</b\\> \\$x\\$ *c*"
    )
    assert (
        to_markdown("# not a heading\n\n(label)=\n\n3. not a list")
        == "\\# not a heading\n\n\\(label)=\n\n3\\. not a list"
    )
    assert to_markdown(PROMPT, lists=True).endswith(
        "1. Describe it briefly, in a few lines.\n2. Name one pattern."
    )
    assert plain_markdown("Title: {eval-rst}`x`") == "Title: \\{eval-rst\\}\\`x\\`"
