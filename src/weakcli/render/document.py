"""A small document tree: what a page says, apart from how each format draws it.

The builders (`pages` for the knowledge base, `report` for a triage result) decide the content;
`text`, `terminal` and `markdown` decide only how it looks. Every document carries its warning
signs and the disclaimer in `safety`, so no format can leave them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from weakcli import DISCLAIMER


@dataclass(frozen=True)
class Link:
    """A link to a web page (only http(s) ever becomes a live link)."""

    label: str
    url: str


@dataclass(frozen=True)
class Ref:
    """A mention of a part of the document: a link when the document holds `anchor`, else the
    label, followed by `lookup` (the id to look it up with) where that helps."""

    label: str
    anchor: str
    lookup: str | None = None


@dataclass(frozen=True)
class Mark:
    """The part of a search hit that matched."""

    text: str


Span = str | Link | Ref | Mark
Line = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    line: Line


@dataclass(frozen=True)
class Facts:
    """Label: value pairs."""

    rows: tuple[tuple[str, Line], ...]


@dataclass(frozen=True)
class Item:
    line: Line
    children: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    """Rows of cells; the first column names the row."""

    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    anchor: str | None = None
    alert: bool = False
    """The red flags and the disclaimer: shown so that they cannot be missed."""


Block = Paragraph | Facts | Bullets | Table | Section


@dataclass(frozen=True)
class Document:
    title: str
    body: tuple[Block, ...]
    safety: tuple[Section, ...] = field(default=())


GET_HELP: Final = "Get help now"
ABOUT: Final = "Educational, not a diagnosis"


def disclaimer() -> Section:
    return Section(ABOUT, (Paragraph((DISCLAIMER,)),), alert=True)


def anchors(blocks: Iterable[Block]) -> Iterable[str]:
    """The anchor ids of every section in `blocks`, at any depth: the targets a page holds."""
    from weakcli.textsafe import anchor_id

    for block in blocks:
        if isinstance(block, Section):
            if block.anchor:
                yield anchor_id(block.anchor)
            yield from anchors(block.blocks)
