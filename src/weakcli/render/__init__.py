"""Renderers: one per output format, all behind one interface.

Each lookup has one method (`cause`, `tests`, `search`, ...) that returns the whole output as
text; `renderer_for` picks the renderer for a `Format` and an output stream. The text formats
build a `document.Document` and differ only in how they draw it; JSON writes the data itself.
Rich is imported only when output goes to a colour terminal.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from weakcli.kb.records import CauseRecord, GlossaryRecord, TestRecord
from weakcli.kb.store import KB
from weakcli.render import document
from weakcli.render.formats import ExportFormat, Format

if TYPE_CHECKING:
    from weakcli.lookup.search import Hit


class Renderer(Protocol):
    """Everything a lookup can print, in one format."""

    def causes(self, kb: KB, causes: Sequence[CauseRecord]) -> str: ...
    def cause(self, kb: KB, cause: CauseRecord) -> str: ...
    def tests(self, kb: KB, tests: Sequence[TestRecord]) -> str: ...
    def test(self, kb: KB, test: TestRecord) -> str: ...
    def search(self, kb: KB, query: str, hits: Sequence[Hit]) -> str: ...
    def red_flags(self, kb: KB) -> str: ...
    def compare(self, kb: KB, first: CauseRecord, second: CauseRecord) -> str: ...
    def glossary(self, kb: KB, terms: Sequence[GlossaryRecord]) -> str: ...
    def term(self, kb: KB, term: GlossaryRecord) -> str: ...


class Exporter(Renderer, Protocol):
    """A format for documents to keep: also the whole knowledge base as a handbook."""

    def handbook(self, kb: KB) -> str: ...


class PageRenderer:
    """A text format: the pages come from `document`; a subclass only draws a Document."""

    def render(self, page: document.Document) -> str:
        raise NotImplementedError

    def causes(self, kb: KB, causes: Sequence[CauseRecord]) -> str:
        return self.render(document.causes_page(kb, causes))

    def cause(self, kb: KB, cause: CauseRecord) -> str:
        return self.render(document.cause_page(kb, cause))

    def tests(self, kb: KB, tests: Sequence[TestRecord]) -> str:
        return self.render(document.tests_page(kb, tests))

    def test(self, kb: KB, test: TestRecord) -> str:
        return self.render(document.test_page(kb, test))

    def search(self, kb: KB, query: str, hits: Sequence[Hit]) -> str:
        return self.render(document.search_page(kb, query, hits))

    def red_flags(self, kb: KB) -> str:
        return self.render(document.red_flags_page(kb))

    def compare(self, kb: KB, first: CauseRecord, second: CauseRecord) -> str:
        return self.render(document.compare_page(kb, first, second))

    def glossary(self, kb: KB, terms: Sequence[GlossaryRecord]) -> str:
        return self.render(document.glossary_page(kb, terms))

    def term(self, kb: KB, term: GlossaryRecord) -> str:
        return self.render(document.term_page(kb, term))

    def handbook(self, kb: KB) -> str:
        return self.render(document.handbook_page(kb))


def renderer_for(fmt: Format, stream: TextIO, environ: Mapping[str, str] = os.environ) -> Renderer:
    """The renderer for `fmt`; `text` is drawn with Rich only on a colour terminal."""
    if fmt is Format.JSON:
        from weakcli.render.json import JsonRenderer

        return JsonRenderer()
    if fmt is Format.MARKDOWN:
        from weakcli.render.markdown import MarkdownRenderer

        return MarkdownRenderer()
    is_terminal = _is_terminal(stream)
    if is_terminal and wants_colour(environ):
        from weakcli.render.terminal import TerminalRenderer

        return TerminalRenderer.for_stream(stream)
    from weakcli.render.text import TextRenderer

    return TextRenderer(width=shutil.get_terminal_size().columns if is_terminal else None)


def exporter_for(fmt: ExportFormat) -> Exporter:
    if fmt is ExportFormat.JSON:
        from weakcli.render.json import JsonRenderer

        return JsonRenderer()
    from weakcli.render.markdown import MarkdownRenderer

    return MarkdownRenderer()


def wants_colour(environ: Mapping[str, str]) -> bool:
    """False with NO_COLOR set to anything (https://no-color.org) or TERM=dumb."""
    return not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
