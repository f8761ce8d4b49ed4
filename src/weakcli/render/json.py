"""JSON: strict (no NaN or Infinity), two-space indent, or one line per document (JSON Lines).

Every lookup carries the knowledge-base version, the disclaimer and the red flags next to what
was asked for, keys sorted; records are written as they are in the validated knowledge base. A
triage result is its versioned contract (`weakcli.triage.report`), fields in contract order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from weakcli import DISCLAIMER, __version__
from weakcli.kb.records import CauseRecord, GlossaryRecord, TestRecord
from weakcli.kb.store import KB
from weakcli.lookup.lists import in_common, select_causes, sorted_terms, sorted_tests
from weakcli.textsafe import clean

if TYPE_CHECKING:
    from weakcli.lookup.search import Hit
    from weakcli.triage.report import Report


class JsonRenderer:
    between = ""

    def __init__(self, *, one_line: bool = False) -> None:
        self.one_line = one_line

    def causes(self, kb: KB, causes: Sequence[CauseRecord]) -> str:
        fields = ("id", "name", "aliases", "category", "level", "urgency", "prevalence", "summary")
        return self._dump(kb, causes=[{key: c[key] for key in fields} for c in causes])  # type: ignore[literal-required]

    def cause(self, kb: KB, cause: CauseRecord) -> str:
        return self._dump(kb, cause=cause)

    def tests(self, kb: KB, tests: Sequence[TestRecord]) -> str:
        fields = ("id", "name", "aliases", "kind", "measures")
        return self._dump(kb, tests=[{key: t[key] for key in fields} for t in tests])  # type: ignore[literal-required]

    def test(self, kb: KB, test: TestRecord) -> str:
        return self._dump(kb, test=test)

    def search(self, kb: KB, query: str, hits: Sequence[Hit]) -> str:
        return self._dump(
            kb,
            query=clean(query),
            hits=[
                {
                    "kind": hit.kind,
                    "id": hit.id,
                    "title": hit.title,
                    "field": hit.field,
                    "text": hit.text,
                    "match": [hit.start, hit.end],
                    "score": hit.score,
                }
                for hit in hits
            ],
        )

    def red_flags(self, kb: KB) -> str:
        return self._dump(kb)

    def compare(self, kb: KB, first: CauseRecord, second: CauseRecord) -> str:
        return self._dump(kb, compare=[first, second], in_common=in_common(first, second))

    def glossary(self, kb: KB, terms: Sequence[GlossaryRecord]) -> str:
        return self._dump(kb, glossary=list(terms))

    def term(self, kb: KB, term: GlossaryRecord) -> str:
        return self._dump(kb, term=term)

    def handbook(self, kb: KB) -> str:
        return self._dump(
            kb,
            causes=select_causes(kb),
            tests=sorted_tests(kb),
            treatments=sorted(kb.treatments.values(), key=lambda t: t["id"]),
            findings=sorted(kb.findings.values(), key=lambda f: f["id"]),
            questions=list(kb.questions.values()),
            glossary=sorted_terms(kb),
            sources=sorted(kb.sources.values(), key=lambda s: s["id"]),
        )

    def report(self, report: Report) -> str:
        return self._json(report, sort_keys=False)

    def failed(self, source: str, message: str) -> str:
        """An input of a batch that could not be read: a result of its own, so that a batch
        has one result per input, in input order."""
        return self._json({"input": source, "error": message}, sort_keys=False)

    def _dump(self, kb: KB, **payload: Any) -> str:
        from weakcli.render.pages import urgent_first  # not needed for a triage result

        document = {
            "weakcli": __version__,
            "kb_version": kb.version,
            "disclaimer": DISCLAIMER,
            "red_flags": urgent_first(kb),
            **payload,
        }
        return self._json(document, sort_keys=True)

    def _json(self, document: object, *, sort_keys: bool) -> str:
        if self.one_line:
            compact = json.dumps(
                document,
                allow_nan=False,
                sort_keys=sort_keys,
                ensure_ascii=False,
                separators=(",", ":"),
            )
            return compact + "\n"
        return (
            json.dumps(document, allow_nan=False, sort_keys=sort_keys, indent=2, ensure_ascii=False)
            + "\n"
        )
