"""Plain text: for pipes, files, NO_COLOR and TERM=dumb. No Rich, no escape codes.

Wrapped to `width` when it is known (a terminal), otherwise one line per paragraph so tools such
as grep see whole sentences. A table is drawn as aligned columns when it fits, else as one
block per row, which stays readable at any width.
"""

from __future__ import annotations

import textwrap
from typing import Final

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
    Table,
)
from weakcli.textsafe import one_line

TABLE_WIDTH: Final = 100
"""The widest aligned table when the width is not known."""


class TextRenderer(PageRenderer):
    def __init__(self, width: int | None = None) -> None:
        self.width = max(width, 20) if width else None

    def render(self, page: Document) -> str:
        out: list[str] = [*_underlined(page.title, "=")]
        self._blocks((*page.body, *page.safety), 1, out)
        return "\n".join(out) + "\n"

    def _blocks(self, blocks: tuple[Block, ...], depth: int, out: list[str]) -> None:
        """Blocks one after the other, a blank line between two that are not headed."""
        for index, block in enumerate(blocks):
            if index and not isinstance(block, Section):
                out.append("")
            self._block(block, depth, out)

    def _block(self, block: Block, depth: int, out: list[str]) -> None:
        if isinstance(block, Section):
            out.append("")
            if block.alert:
                out += _underlined(block.title.upper(), "*")
            elif depth == 1:
                out += _underlined(block.title, "-")
            else:
                out.append(f"{one_line(block.title)}:")
            self._blocks(block.blocks, depth + 1, out)
        elif isinstance(block, Paragraph):
            out += self._wrap(spans(block.line))
        elif isinstance(block, Facts):
            for label, line in block.rows:
                out += self._wrap(f"{one_line(label)}: {spans(line)}", indent="  ")
        elif isinstance(block, Bullets):
            for item in block.items:
                out += self._wrap(f"- {spans(item.line)}", indent="  ")
                for sub in item.children:
                    out += self._wrap(f"  - {spans(sub)}", indent="    ")
        else:
            out += self._table(block)

    def _table(self, table: Table) -> list[str]:
        header = [one_line(h) for h in table.header]
        rows = [[spans(cell) for cell in row] for row in table.rows]
        widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
        if sum(widths) + 2 * (len(widths) - 1) <= (self.width or TABLE_WIDTH):
            lines = [header, ["-" * w for w in widths], *rows]
            return [
                "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                for row in lines
            ]
        out: list[str] = []
        for row in rows:
            out += self._wrap(row[0])
            for name, cell in zip(header[1:], row[1:], strict=True):
                if cell:  # an empty cell says nothing: no "Where: " line with nothing after it
                    out += self._wrap(f"  {name}: {cell}" if name else f"  {cell}", indent="    ")
        return out

    def _wrap(self, text: str, indent: str = "") -> list[str]:
        if self.width is None or len(text) <= self.width:
            return [text]
        lead = text[: len(text) - len(text.lstrip())]
        return textwrap.wrap(
            text,
            self.width,
            initial_indent="",
            subsequent_indent=lead + indent,
            break_on_hyphens=False,
        ) or [text]


def spans(line: Line) -> str:
    """A line as plain text: links show their address, references the id to look them up by."""
    parts: list[str] = []
    for span in line:
        if isinstance(span, Link):
            parts.append(f"{span.label} <{span.url}>")
        elif isinstance(span, Ref):
            parts.append(
                span.label if span.lookup in (None, span.label) else f"{span.label} ({span.lookup})"
            )
        elif isinstance(span, Mark):
            parts.append(span.text)
        else:
            parts.append(span)
    return one_line("".join(parts))


def _underlined(title: str, mark: str) -> list[str]:
    text = one_line(title)
    return [text, mark * len(text)]
