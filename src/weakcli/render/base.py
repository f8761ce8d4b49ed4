"""The one interface every output format implements.

Each command has one method that returns its whole output as text. `PageRenderer` builds the
`Document` for each and leaves a subclass only `render()`, which draws a Document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from weakcli.kb.records import CauseRecord, GlossaryRecord, TestRecord
from weakcli.kb.store import KB
from weakcli.render import pages
from weakcli.render.document import Document

if TYPE_CHECKING:
    from weakcli.lookup.search import Hit
    from weakcli.triage.report import Report


class Renderer(Protocol):
    """Everything weakcli can print, in one format."""

    between: str
    """What separates two results written one after the other (a batch of cases)."""

    def causes(self, kb: KB, causes: Sequence[CauseRecord]) -> str: ...
    def cause(self, kb: KB, cause: CauseRecord) -> str: ...
    def tests(self, kb: KB, tests: Sequence[TestRecord]) -> str: ...
    def test(self, kb: KB, test: TestRecord) -> str: ...
    def search(self, kb: KB, query: str, hits: Sequence[Hit]) -> str: ...
    def red_flags(self, kb: KB) -> str: ...
    def compare(self, kb: KB, first: CauseRecord, second: CauseRecord) -> str: ...
    def glossary(self, kb: KB, terms: Sequence[GlossaryRecord]) -> str: ...
    def term(self, kb: KB, term: GlossaryRecord) -> str: ...
    def handbook(self, kb: KB) -> str: ...
    def report(self, report: Report) -> str: ...
    def failed(self, source: str, message: str) -> str: ...


class PageRenderer:
    """A format that draws documents: the pages come from `pages` and `report`."""

    between = "\n"

    def render(self, page: Document) -> str:
        raise NotImplementedError

    def causes(self, kb: KB, causes: Sequence[CauseRecord]) -> str:
        return self.render(pages.causes_page(kb, causes))

    def cause(self, kb: KB, cause: CauseRecord) -> str:
        return self.render(pages.cause_page(kb, cause))

    def tests(self, kb: KB, tests: Sequence[TestRecord]) -> str:
        return self.render(pages.tests_page(kb, tests))

    def test(self, kb: KB, test: TestRecord) -> str:
        return self.render(pages.test_page(kb, test))

    def search(self, kb: KB, query: str, hits: Sequence[Hit]) -> str:
        return self.render(pages.search_page(kb, query, hits))

    def red_flags(self, kb: KB) -> str:
        return self.render(pages.red_flags_page(kb))

    def compare(self, kb: KB, first: CauseRecord, second: CauseRecord) -> str:
        return self.render(pages.compare_page(kb, first, second))

    def glossary(self, kb: KB, terms: Sequence[GlossaryRecord]) -> str:
        return self.render(pages.glossary_page(kb, terms))

    def term(self, kb: KB, term: GlossaryRecord) -> str:
        return self.render(pages.term_page(kb, term))

    def handbook(self, kb: KB) -> str:
        return self.render(pages.handbook_page(kb))

    def report(self, report: Report) -> str:
        from weakcli.render.report import report_page

        return self.render(report_page(report))

    def failed(self, source: str, message: str) -> str:
        """Nothing: a page format reports a batch input it could not read on stderr only."""
        return ""
