"""CommonMark/GFM documents: the handbook and one page per lookup.

Byte-identical between runs (no dates, stable order). Every piece of knowledge-base text goes
through `weakcli.textsafe`, so it cannot become HTML, a link other than http(s), a broken table
or a heading. The only raw HTML is the `<a id>` anchors written here from slugs.
"""

from __future__ import annotations

from weakcli.render.base import PageRenderer
from weakcli.render.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Line,
    Link,
    Mark,
    Paragraph,
    Ref,
    Section,
    anchors,
)
from weakcli.textsafe import (
    anchor_id,
    md_anchor,
    md_cell,
    md_heading,
    md_internal_link,
    md_link,
    md_text,
)


class MarkdownRenderer(PageRenderer):
    """The red flags and the disclaimer come first: a printed page starts with them."""

    between = "\n---\n\n"

    def render(self, page: Document) -> str:
        targets = set(anchors((*page.safety, *page.body)))
        out: list[str] = [md_heading(1, page.title)]
        for block in (*page.safety, *page.body):
            _block(block, 2, targets, out)
        return "\n".join(out) + "\n"


def _block(block: Block, depth: int, anchors: set[str], out: list[str]) -> None:
    if isinstance(block, Section):
        out.append("")
        heading = md_heading(min(depth, 6), block.title)
        if block.anchor:  # an anchor inside the heading: a stable target in every renderer
            hashes, _, title = heading.partition(" ")
            heading = f"{hashes} {md_anchor(block.anchor)}{title}"
        out.append(heading)
        for child in block.blocks:
            if block.alert and not isinstance(child, Section):
                quoted: list[str] = []
                _block(child, depth + 1, anchors, quoted)
                out.append(">" if out[-1].startswith(">") else "")
                out += [f"> {line}".rstrip() for line in quoted[1:]]
            else:
                _block(child, depth + 1, anchors, out)
        return
    out.append("")
    if isinstance(block, Paragraph):
        out.append(_spans(block.line, anchors))
    elif isinstance(block, Facts):
        out += [f"- **{md_text(label)}:** {_spans(line, anchors)}" for label, line in block.rows]
    elif isinstance(block, Bullets):
        for item in block.items:
            out.append(f"- {_spans(item.line, anchors)}")
            out += [f"  - {_spans(child, anchors)}" for child in item.children]
    else:
        out.append(_row([md_cell(h) for h in block.header]))
        out.append(_row(["---"] * len(block.header)))
        out += [_row([_spans(cell, anchors) or " " for cell in row]) for row in block.rows]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _spans(line: Line, anchors: set[str]) -> str:
    parts: list[str] = []
    for span in line:
        if isinstance(span, Link):
            parts.append(md_link(span.label, span.url))
        elif isinstance(span, Ref):
            if anchor_id(span.anchor) in anchors:
                parts.append(md_internal_link(span.label, span.anchor))
            else:
                parts.append(md_text(span.label))
        elif isinstance(span, Mark):
            parts.append(_strong(span.text))
        else:
            parts.append(_text(span))
    return "".join(parts)


def _text(text: str) -> str:
    """`md_text`, keeping one space at either end where the text had white space."""
    core = md_text(text)
    if not core:
        return " " if text and text.isspace() else ""
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() else ""
    return before + core + after


def _strong(text: str) -> str:
    core = md_text(text)
    return _text(text).replace(core, f"**{core}**", 1) if core else _text(text)
