"""The result of a triage as data: the versioned JSON contract documented in the README.

`build_report()` turns an assessment into a `Report`; it draws nothing. Every format reads only
the report (`weakcli.render.report` makes it a `Document`, `weakcli.render.json` writes it as it
is), so every format says the same thing.
"""

from __future__ import annotations

from typing import Any, Final, NotRequired, TypedDict

from weakcli import DISCLAIMER, __version__
from weakcli.kb.store import KB
from weakcli.kb.vocab import URGENCY_LABELS, Urgency
from weakcli.triage.engine import Assessment, Model, Reason, State, answer_label, open_flags

SCHEMA_VERSION: Final = 2
TOP: Final = 5
"""Causes shown in full (at most); the JSON lists every cause."""
MIN_SHOWN: Final = 0.01
"""Causes below this probability are left out of the text and Markdown."""
DETAIL_MIN: Final = 0.05
"""A cause this likely or more (and always the first) brings its tests, treatments, questions
for the doctor and sources into the result."""


class ReasonPart(TypedDict):
    finding: str
    label: str
    present: bool
    likelihood_ratio: float


class UrgencyReasonPart(TypedDict):
    source: str
    id: str
    level: Urgency
    text: str


class OpenFlagPart(TypedDict):
    id: str
    name: str
    urgency: Urgency


class UrgencyPart(TypedDict):
    level: Urgency
    label: str
    reasons: list[UrgencyReasonPart]
    screened: bool
    """False while any warning sign's rule is still open: the level holds only if none of
    `not_screened` applies."""
    not_screened: list[OpenFlagPart]


class RedFlagPart(TypedDict):
    id: str
    name: str
    urgency: Urgency
    action: str


class CodesPart(TypedDict):
    icd10cm: list[str]
    mondo: list[str]


# "for" is a keyword, so this one is written in the functional syntax.
CausePart = TypedDict(
    "CausePart",
    {
        "id": str,
        "name": str,
        "category": str,
        "level": str,
        "probability": float,
        "urgency": Urgency,
        "codes": CodesPart,
        "for": list[ReasonPart],
        "against": list[ReasonPart],
    },
)


class Answer(TypedDict):
    question: str
    text: str
    answer: str
    label: str


class ForCausePart(TypedDict):
    cause: str
    shows: NotRequired[str]
    note: NotRequired[str]


class TestPart(TypedDict):
    id: str
    name: str
    what_it_involves: str
    for_causes: list[ForCausePart]


class TreatmentPart(TypedDict):
    id: str
    name: str
    kind: str
    for_causes: list[ForCausePart]


class SourcePart(TypedDict):
    id: str
    title: str
    publisher: str
    url: str


class Report(TypedDict):
    """A triage result: every field a renderer or a script may rely on, in contract order."""

    schema_version: int
    created: str
    weakcli_version: str
    kb_version: str
    complete: bool
    urgency: UrgencyPart
    red_flags: list[RedFlagPart]
    red_flags_not_screened: list[str]
    causes: list[CausePart]
    none_fits: float
    tests: list[TestPart]
    treatments: list[TreatmentPart]
    doctor_questions: list[str]
    sources: list[SourcePart]
    answers: list[Answer]
    disclaimer: str
    stopped_for_emergency: NotRequired[bool]
    """Present (true) when the person stopped the questions after an emergency warning sign:
    the result then shows how soon to seek care and the warning signs, not causes."""
    input: NotRequired[str | None]
    """From here on, only in a phenotype result (`weakcli.phenotype.result`)."""
    phenopacket_id: NotRequired[str | None]
    hpo_version: NotRequired[str]
    matched_terms: NotRequired[list[dict[str, Any]]]
    unmatched_terms: NotRequired[list[dict[str, Any]]]
    facts: NotRequired[list[dict[str, Any]]]


def _reason(reason: Reason) -> ReasonPart:
    return {
        "finding": reason.finding,
        "label": reason.label,
        "present": reason.present,
        "likelihood_ratio": round(reason.ratio, 2),
    }


def build_report(
    model: Model,
    state: State,
    assessment: Assessment,
    *,
    created: str,
    complete: bool = True,
    stopped: bool = False,
) -> Report:
    """The JSON contract: every field a renderer or a script may rely on. `stopped`: the
    person stopped the questions after an emergency warning sign."""
    kb = model.kb
    causes = list(assessment.causes)
    # Tests, treatments, questions and sources come from the causes that are reasonably
    # likely: a cause at 2% must not fill the advice for a person whose result is 90% another.
    top = [c for c in causes if c.probability >= DETAIL_MIN][:TOP] or causes[:1]
    answers: list[Answer] = []
    for question_id, value in state.answers:
        question = model.questions.get(question_id)
        if question is None:
            continue
        label = answer_label(question, value)
        answers.append(
            {"question": question_id, "text": question.text, "answer": value, "label": label}
        )
    unscreened = open_flags(model, assessment.evidence)
    report: Report = {
        "schema_version": SCHEMA_VERSION,
        "created": created,
        "weakcli_version": __version__,
        "kb_version": kb.version,
        "complete": complete,
        "urgency": {
            "level": assessment.urgency,
            "label": URGENCY_LABELS[assessment.urgency],
            "reasons": [
                {"source": r.source, "id": r.id, "level": r.level, "text": r.text}
                for r in assessment.urgency_reasons
            ],
            "screened": not unscreened,
            "not_screened": [
                {
                    "id": flag_id,
                    "name": kb.red_flags[flag_id]["name"],
                    "urgency": kb.red_flags[flag_id]["urgency"],
                }
                for flag_id in unscreened
            ],
        },
        "red_flags": [
            {
                "id": flag_id,
                "name": kb.red_flags[flag_id]["name"],
                "urgency": kb.red_flags[flag_id]["urgency"],
                "action": kb.red_flags[flag_id]["action"],
            }
            for flag_id in assessment.red_flags
        ],
        "red_flags_not_screened": unscreened,
        "causes": [
            {
                "id": cause.id,
                "name": kb.causes[cause.id]["name"],
                "category": kb.causes[cause.id]["category"],
                "level": kb.causes[cause.id]["level"],
                "probability": round(cause.probability, 4),
                "urgency": kb.causes[cause.id]["urgency"],
                "codes": {
                    "icd10cm": kb.causes[cause.id]["codes"]["icd10cm"],
                    "mondo": kb.causes[cause.id]["codes"]["mondo"],
                },
                "for": [_reason(r) for r in cause.reasons_for],
                "against": [_reason(r) for r in cause.reasons_against],
            }
            for cause in causes
        ],
        "none_fits": round(assessment.none_fits, 4),
        "tests": _tests(kb, [c.id for c in top]),
        "treatments": _treatments(kb, [c.id for c in top]),
        "doctor_questions": _doctor_questions(kb, [c.id for c in top]),
        "sources": _sources(kb, [c.id for c in top], assessment.red_flags),
        "answers": answers,
        "disclaimer": DISCLAIMER,
    }
    if stopped:
        report["stopped_for_emergency"] = True
    return report


def _tests(kb: KB, cause_ids: list[str]) -> list[TestPart]:
    """The tests the causes name, each once, with what it may show for each cause."""
    seen: dict[str, TestPart] = {}
    for cause_id in cause_ids:
        for link in kb.causes[cause_id]["tests"]:
            test = kb.tests[link["test"]]
            item = seen.setdefault(
                test["id"],
                {
                    "id": test["id"],
                    "name": test["name"],
                    "what_it_involves": test["procedure"],
                    "for_causes": [],
                },
            )
            item["for_causes"].append({"cause": cause_id, "shows": link["shows"]})
    return list(seen.values())


def _treatments(kb: KB, cause_ids: list[str]) -> list[TreatmentPart]:
    """The treatments the causes name, each once, with a note for each cause."""
    seen: dict[str, TreatmentPart] = {}
    for cause_id in cause_ids:
        for link in kb.causes[cause_id]["treatments"]:
            treatment = kb.treatments[link["treatment"]]
            item = seen.setdefault(
                treatment["id"],
                {
                    "id": treatment["id"],
                    "name": treatment["name"],
                    "kind": treatment["kind"],
                    "for_causes": [],
                },
            )
            item["for_causes"].append({"cause": cause_id, "note": link["note"]})
    return list(seen.values())


def _doctor_questions(kb: KB, cause_ids: list[str]) -> list[str]:
    questions = [
        "Which tests do you suggest for my weakness, and what will each one tell us?",
        "How soon should I come back, and which changes mean I should seek help at once?",
    ]
    for cause_id in cause_ids[:3]:
        for question in kb.causes[cause_id]["doctor_questions"]:
            if question not in questions:
                questions.append(question)
    return questions


def _sources(kb: KB, cause_ids: list[str], flags: tuple[str, ...]) -> list[SourcePart]:
    ids: list[str] = []
    for flag_id in flags:
        ids += kb.red_flags[flag_id]["sources"]
    for cause_id in cause_ids:
        ids += kb.causes[cause_id]["sources"]
    unique = list(dict.fromkeys(ids))
    return [
        {
            "id": s,
            "title": kb.sources[s]["title"],
            "publisher": kb.sources[s]["publisher"],
            "url": kb.sources[s]["url"],
        }
        for s in unique
    ]
