"""The validated knowledge base as read-only sections of plain dictionaries.

Nothing here parses or validates: a `KB` is made from a validated record (`weakcli.kb.validate`)
or from the cache (`weakcli.kb.cache`), whose entries are decoded only when first read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

if TYPE_CHECKING:
    from weakcli.kb.records import (
        CauseRecord,
        FindingRecord,
        GlossaryRecord,
        KnowledgeBaseRecord,
        QuestionRecord,
        RedFlagRecord,
        SourceRecord,
        TestRecord,
        TreatmentRecord,
    )

SECTIONS: Final = (
    "sources",
    "glossary",
    "findings",
    "questions",
    "red_flags",
    "tests",
    "treatments",
    "causes",
)


class Entries(Mapping[str, Any]):
    """Entries of one section by id, each decoded from the cache only when first read.

    A lookup of one cause decodes that cause, not the whole knowledge base, so its cost stays
    flat as the knowledge base grows.
    """

    __slots__ = ("_body", "_decoded", "_spans")

    def __init__(self, body: bytes, spans: dict[str, tuple[int, int]]) -> None:
        self._body = body
        self._spans = spans
        self._decoded: dict[str, Any] = {}

    @classmethod
    def of(cls, entries: list[Any]) -> Entries:
        section = cls(b"", {})
        section._decoded = {entry["id"]: entry for entry in entries}
        section._spans = dict.fromkeys(section._decoded, (0, 0))
        return section

    def __getitem__(self, key: str) -> Any:
        try:
            return self._decoded[key]
        except KeyError:
            start, end = self._spans[key]
            entry = self._decoded[key] = json.loads(self._body[start:end])
            return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, key: object) -> bool:
        return key in self._spans


class KB:
    """A validated knowledge base: each section's entries by id, in file order. Read-only."""

    causes: Mapping[str, CauseRecord]
    tests: Mapping[str, TestRecord]
    findings: Mapping[str, FindingRecord]
    questions: Mapping[str, QuestionRecord]
    red_flags: Mapping[str, RedFlagRecord]
    treatments: Mapping[str, TreatmentRecord]
    sources: Mapping[str, SourceRecord]
    glossary: Mapping[str, GlossaryRecord]

    def __init__(self, sections: dict[str, Entries], version: str, path: Path, sha256: str) -> None:
        for name in SECTIONS:
            setattr(self, name, sections[name])
        self.version = version
        self.path = path
        self.sha256 = sha256

    @classmethod
    def from_record(cls, record: KnowledgeBaseRecord, path: Path, sha256: str) -> KB:
        entries = cast(dict[str, Any], record)
        sections = {name: Entries.of(entries[name]) for name in SECTIONS}
        return cls(sections, record["version"], path, sha256)
