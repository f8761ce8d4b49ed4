"""The validated knowledge base as plain dictionaries, for everything that only reads it.

`weakcli.kb.models` validates; these `TypedDict`s describe the same shapes, so that lookups and
the triage engine never import pydantic (tests/kb/test_records.py keeps the two in step).
Treat them as read-only.
"""

from __future__ import annotations

from typing import TypedDict

from weakcli.kb.vocab import (
    AgeBand,
    AgeShare,
    Category,
    FindingKind,
    Frequency,
    Level,
    Onset,
    Prevalence,
    Sex,
    SexShare,
    TestKind,
    TreatmentKind,
    Urgency,
)


class SourceRecord(TypedDict):
    id: str
    title: str
    publisher: str
    url: str


class GlossaryRecord(TypedDict):
    id: str
    term: str
    aliases: list[str]
    definition: str
    sources: list[str]


class HpoRecord(TypedDict):
    id: str
    label: str


class FindingRecord(TypedDict):
    id: str
    label: str
    kind: FindingKind
    hpo: list[HpoRecord]
    background: Frequency
    attribute: str | None
    implies: list[str]


RuleRecord = TypedDict("RuleRecord", {"all": list[str], "any": list[str], "not": list[str]})


class OptionRecord(TypedDict):
    id: str
    label: str
    finding: str | None


class QuestionRecord(TypedDict):
    id: str
    text: str
    why: str
    topic: str
    finding: str | None
    options: list[OptionRecord]
    any_of: list[str]
    ask_if: RuleRecord | None
    test: str | None


class RedFlagRecord(TypedDict):
    id: str
    name: str
    why: str
    rules: list[RuleRecord]
    urgency: Urgency
    action: str
    causes: list[str]
    sources: list[str]


class TestResultRecord(TypedDict):
    id: str
    label: str
    meaning: str
    finding: str | None


class TestRecord(TypedDict):
    id: str
    name: str
    aliases: list[str]
    kind: TestKind
    measures: str
    procedure: str
    preparation: str
    risks: str
    turnaround: str
    results: list[TestResultRecord]
    sources: list[str]


class TreatmentRecord(TypedDict):
    id: str
    name: str
    aliases: list[str]
    kind: TreatmentKind
    description: str
    sources: list[str]


class PatternRecord(TypedDict):
    onset: list[Onset]
    distribution: str
    course: str
    age: str


class FindingLinkRecord(TypedDict):
    finding: str
    frequency: Frequency


class TestLinkRecord(TypedDict):
    test: str
    shows: str


class TreatmentLinkRecord(TypedDict):
    treatment: str
    note: str


class DailyLifeRecord(TypedDict):
    activities: str
    mobility: str
    falls: str


class CodesRecord(TypedDict):
    icd10cm: list[str]
    mondo: list[str]
    snomed: list[str]


class PeopleRecord(TypedDict):
    age: dict[AgeBand, AgeShare]
    sex: dict[Sex, SexShare]
    source: str


class CauseRecord(TypedDict):
    id: str
    name: str
    aliases: list[str]
    category: Category
    level: Level
    summary: str
    mechanism: str
    pattern: PatternRecord
    prevalence: Prevalence
    people: PeopleRecord
    findings_for: list[FindingLinkRecord]
    findings_against: list[FindingLinkRecord]
    red_flags: list[str]
    tests: list[TestLinkRecord]
    treatments: list[TreatmentLinkRecord]
    daily_life: DailyLifeRecord
    urgency: Urgency
    seek_care: str
    doctor_questions: list[str]
    codes: CodesRecord
    sources: list[str]


class KnowledgeBaseRecord(TypedDict):
    version: str
    sources: list[SourceRecord]
    glossary: list[GlossaryRecord]
    findings: list[FindingRecord]
    questions: list[QuestionRecord]
    red_flags: list[RedFlagRecord]
    tests: list[TestRecord]
    treatments: list[TreatmentRecord]
    causes: list[CauseRecord]
