"""The knowledge-base schema: strict, frozen pydantic models.

This module is the single definition of what `data/causes.yaml` may contain. It is imported
only when a knowledge base has to be validated (a cache miss, `weakcli kb validate`,
`weakcli kb schema`); everything else reads the validated data as plain dictionaries whose
shapes are described in `weakcli.kb.records`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from weakcli.kb.limits import (
    MAX_ENTRIES,
    MAX_ITEMS,
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    find_bad_character,
)
from weakcli.kb.vocab import (
    ONSETS,
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

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
ICD10CM_PATTERN = r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$"
MONDO_PATTERN = r"^MONDO:[0-9]{7}$"
HPO_PATTERN = r"^HP:[0-9]{7}$"
SNOMED_PATTERN = r"^[1-9][0-9]{5,17}$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"

PATTERN_NAMES = {
    SLUG_PATTERN: "an id (lowercase letters, digits, '-' and '_', at most 64 characters, "
    "starting with a letter or digit)",
    ICD10CM_PATTERN: "an ICD-10-CM code such as G61.0",
    MONDO_PATTERN: "a MONDO id: 'MONDO:' and 7 digits",
    HPO_PATTERN: "an HPO id: 'HP:' and 7 digits",
    SNOMED_PATTERN: "a SNOMED CT id (6 to 18 digits)",
    URL_PATTERN: "an http(s) URL",
}
"""How each pattern is described in an error message."""


def _clean_text(value: str) -> str:
    problem = find_bad_character(value)
    if problem:
        raise ValueError(problem)
    return value


Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN)]
Name = Annotated[
    str,
    StringConstraints(
        strict=True, min_length=1, max_length=MAX_NAME_LENGTH, strip_whitespace=False
    ),
    AfterValidator(_clean_text),
]
Text = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=MAX_TEXT_LENGTH),
    AfterValidator(_clean_text),
]
Url = Annotated[str, StringConstraints(strict=True, pattern=URL_PATTERN, max_length=2000)]
Icd10cm = Annotated[str, StringConstraints(strict=True, pattern=ICD10CM_PATTERN)]
MondoId = Annotated[str, StringConstraints(strict=True, pattern=MONDO_PATTERN)]
HpoId = Annotated[str, StringConstraints(strict=True, pattern=HPO_PATTERN)]
SnomedId = Annotated[str, StringConstraints(strict=True, pattern=SNOMED_PATTERN)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        hide_input_in_errors=True,
        use_attribute_docstrings=True,
        validate_default=False,
    )


class Source(Model):
    """An authoritative reference that statements in the knowledge base rest on."""

    id: Slug
    title: Name
    """The page or article title, as the publisher gives it."""
    publisher: Name
    """Who stands behind it: NINDS, MedlinePlus, NHS, Merck Manual, AAFP, StatPearls, a journal."""
    url: Url


class GlossaryTerm(Model):
    """A medical word explained in plain language."""

    id: Slug
    term: Name
    aliases: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    definition: Text
    sources: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)


class Hpo(Model):
    """A Human Phenotype Ontology term: the exact id and its label."""

    id: HpoId
    label: Name


class Finding(Model):
    """One clinical feature: something a person has or notices, a doctor finds, or a test
    shows. Never two features joined by 'and' or 'or'."""

    id: Slug
    label: Name
    """The feature in plain words, e.g. 'One side of the face droops'."""
    kind: FindingKind
    hpo: list[Hpo] = Field(default_factory=list, max_length=MAX_ITEMS)
    """The HPO terms that mean this feature, each with its exact label."""
    background: Frequency = "occasional"
    """How often the finding occurs in people whose problem has another cause."""
    attribute: Slug | None = None
    """Findings that share an attribute (onset, weakness_pattern, ...) exclude each other:
    when one is present, the others are absent."""
    implies: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Findings that are present whenever this one is (and so, absent ones rule it out)."""


class Rule(Model):
    """A condition over findings: every `all` present, at least one `any` present (when
    given), and no `not` present."""

    all: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    any: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    not_: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS, alias="not")


class Option(Model):
    """One answer to a choice question."""

    id: Slug
    label: Name
    finding: Slug | None = None
    """The finding this answer makes present; the other options' findings become absent."""


class Question(Model):
    """An interview question about one thing, in everyday words. 'Don't know' is always
    offered. Exactly one of `finding` (yes/no), `options` (one value of one attribute) or
    `any_of` ('which of these do you have?') is given."""

    id: Slug
    text: Name
    why: Text
    """Why we ask: shown when a person types '?'."""
    topic: Name
    finding: Slug | None = None
    """For a yes/no question: yes makes this finding present, no makes it absent."""
    options: list[Option] = Field(default_factory=list, max_length=MAX_ITEMS)
    """For a choice question: the answers, each setting at most one finding."""
    any_of: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    """For a 'which of these' question: the findings offered, each one option. Those chosen
    are present and the others absent; 'none of these' makes them all absent."""
    ask_if: Rule | None = None
    """Asked only while this rule may still hold (for example: only after tests)."""
    test: Slug | None = None
    """The test whose result this question asks for; 'I have not had this test' is offered."""


class RedFlag(Model):
    """A warning sign, as rules over findings, with the action to take."""

    id: Slug
    name: Name
    why: Text
    rules: list[Rule] = Field(min_length=1, max_length=MAX_ITEMS)
    """The flag is raised when any one rule holds, from any input: answers, terms or text."""
    urgency: Urgency
    action: Text
    """What to do now, e.g. 'Call the emergency number now and note the time it began.'"""
    causes: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    sources: list[Slug] = Field(min_length=1, max_length=MAX_ITEMS)


class TestResult(Model):
    """One possible result of a diagnostic test and what it suggests."""

    id: Slug
    label: Name
    meaning: Text
    finding: Slug | None = None
    """The finding this result sets, so a person who already had the test can enter it."""


class DiagnosticTest(Model):
    """A test a doctor may use."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    kind: TestKind
    measures: Text
    procedure: Text
    """How it is done and what it feels like."""
    preparation: Text
    risks: Text
    turnaround: Text
    """How long results usually take."""
    results: list[TestResult] = Field(min_length=1, max_length=MAX_ITEMS)
    sources: list[Slug] = Field(min_length=1, max_length=MAX_ITEMS)


class Treatment(Model):
    """A medicine, therapy, procedure, device or self-care measure."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    kind: TreatmentKind
    description: Text
    sources: list[Slug] = Field(min_length=1, max_length=MAX_ITEMS)


class Pattern(Model):
    """The typical shape of the weakness."""

    onset: list[Onset] = Field(min_length=1, max_length=len(ONSETS))
    distribution: Text
    course: Text
    age: Text


class FindingLink(Model):
    """How often a finding occurs with this cause."""

    finding: Slug
    frequency: Frequency


class TestLink(Model):
    test: Slug
    shows: Text
    """What the test typically shows for this cause."""


class TreatmentLink(Model):
    treatment: Slug
    note: Text


class DailyLife(Model):
    activities: Text
    mobility: Text
    falls: Text
    """Balance, falls and how to prevent them."""


class Codes(Model):
    icd10cm: list[Icd10cm] = Field(min_length=1, max_length=MAX_ITEMS)
    mondo: list[MondoId] = Field(default_factory=list, max_length=MAX_ITEMS)
    snomed: list[SnomedId] = Field(default_factory=list, max_length=MAX_ITEMS)


def _even() -> dict[Sex, SexShare]:
    return {"female": "even", "male": "even"}


class People(Model):
    """Who has the cause: how it is spread over the age bands and between the sexes."""

    age: dict[AgeBand, AgeShare]
    sex: dict[Sex, SexShare] = Field(default_factory=_even)
    source: Slug


class Cause(Model):
    """A cause of muscle weakness, or of feeling weak."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    category: Category
    level: Level
    """Where the path from brain to nerve to muscle breaks down."""
    summary: Text
    mechanism: Text
    """How it causes weakness."""
    pattern: Pattern
    prevalence: Prevalence
    people: People
    """Age and sex: with the prevalence, they set the cause's prior for a person."""
    findings_for: list[FindingLink] = Field(min_length=1, max_length=MAX_ITEMS)
    """Findings that point toward this cause, with how often they occur in it."""
    findings_against: list[FindingLink] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Findings whose presence points away from this cause."""
    red_flags: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    tests: list[TestLink] = Field(min_length=1, max_length=MAX_ITEMS)
    treatments: list[TreatmentLink] = Field(min_length=1, max_length=MAX_ITEMS)
    daily_life: DailyLife
    urgency: Urgency
    """When to seek care for this cause, as a step of the urgency ladder."""
    seek_care: Text
    doctor_questions: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Questions a person may want to ask their doctor."""
    codes: Codes
    sources: list[Slug] = Field(min_length=1, max_length=MAX_ITEMS)


class KnowledgeBase(Model):
    """The whole knowledge base: one YAML document."""

    version: Name
    """The knowledge base's own version, printed in every report."""
    sources: list[Source] = Field(min_length=1, max_length=MAX_ENTRIES)
    glossary: list[GlossaryTerm] = Field(default_factory=list, max_length=MAX_ENTRIES)
    findings: list[Finding] = Field(min_length=1, max_length=MAX_ENTRIES)
    questions: list[Question] = Field(default_factory=list, max_length=MAX_ENTRIES)
    red_flags: list[RedFlag] = Field(default_factory=list, max_length=MAX_ENTRIES)
    tests: list[DiagnosticTest] = Field(min_length=1, max_length=MAX_ENTRIES)
    treatments: list[Treatment] = Field(min_length=1, max_length=MAX_ENTRIES)
    causes: list[Cause] = Field(min_length=1, max_length=MAX_ENTRIES)
