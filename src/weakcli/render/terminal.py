"""A colour terminal: Rich tables and panels, drawn from the same document as plain text.

Data is only ever handed to Rich as `Text` (never a markup string), with markup, emoji and
highlighting off and control characters removed first: a `[link=...]` or `[/]` in the knowledge
base stays text, and nothing in it can move the cursor, clear the screen or write the clipboard.
The red flags and the disclaimer are panels whose text wraps, so they stay whole at any width.
"""

from __future__ import annotations

from typing import Final, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from weakcli.render.base import PageRenderer
from weakcli.render.document import (
    ABOUT,
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
from weakcli.textsafe import flat, is_web_url, one_line

NARROW: Final = 60
"""Below this many columns a table is drawn as one block per row."""


class TerminalRenderer(PageRenderer):
    def __init__(self, console: Console) -> None:
        self.console = console

    @classmethod
    def for_stream(cls, stream: TextIO) -> TerminalRenderer:
        return cls(
            Console(file=stream, markup=False, emoji=False, highlight=False, soft_wrap=False)
        )

    def render(self, page: Document) -> str:
        with self.console.capture() as capture:
            self.console.print(Text(one_line(page.title), style="bold underline"))
            for block in (*page.body, *page.safety):
                self.console.print(self._block(block, 1))
        return capture.get()

    def _block(self, block: Block, depth: int) -> RenderableType:
        if isinstance(block, Section):
            parts: list[RenderableType] = [self._block(child, depth + 1) for child in block.blocks]
            if block.alert:
                style = "yellow" if block.title == ABOUT else "bold red"
                title = Text(one_line(block.title), style=style)
                return Panel(Group(title, *parts), border_style=style, box=box.HEAVY, expand=True)
            heading = Text(one_line(block.title), style="bold cyan" if depth == 1 else "bold")
            return Group(Text(""), heading, *parts)
        if isinstance(block, Paragraph):
            return spans(block.line)
        if isinstance(block, Facts):
            return Group(*(_label(label) + spans(line) for label, line in block.rows))
        if isinstance(block, Bullets):
            lines: list[RenderableType] = []
            for item in block.items:
                lines.append(Text("- ") + spans(item.line))
                lines += [Padding(Text("- ") + spans(sub), (0, 0, 0, 2)) for sub in item.children]
            return Group(*lines)
        return self._table(block)

    def _table(self, table: Table) -> RenderableType:
        if self.console.width < NARROW:
            rows: list[RenderableType] = []
            for row in table.rows:
                rows.append(spans(row[0]).copy())
                for name, cell in zip(table.header[1:], row[1:], strict=True):
                    line = (_label(name) if name else Text()) + spans(cell)
                    rows.append(Padding(line, (0, 0, 0, 2)))
            return Group(*rows)
        drawn = RichTable(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
        for name in table.header:
            drawn.add_column(Text(one_line(name)), overflow="fold")
        for row in table.rows:
            drawn.add_row(*(spans(cell) for cell in row))
        return drawn


def spans(line: Line) -> Text:
    """A line as Rich `Text`; links are live only for http(s) addresses."""
    text = Text()
    for span in line:
        if isinstance(span, Link):
            text.append(one_line(span.label))
            url = one_line(span.url)
            link = Style(link=url) if is_web_url(url) else Style()
            text.append(f" <{url}>", style=link + Style(dim=True))
        elif isinstance(span, Ref):
            text.append(one_line(span.label))
            if span.lookup not in (None, span.label):
                text.append(f" ({span.lookup})", style="dim")
        elif isinstance(span, Mark):
            text.append(one_line(span.text), style="bold reverse")
        else:
            text.append(flat(span))
    return text


def _label(name: str) -> Text:
    return Text(f"{one_line(name)}: ", style="bold")
