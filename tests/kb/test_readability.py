"""Plain language, measured: the shipped knowledge base's patient-facing text stays easy to read.

Every sentence of the fields a person reads first (cause summaries and when-to-seek-care
advice, interview and red-flag questions, red-flag actions, and what a test measures, how it
is done, how to prepare and its risks) is scored with the Flesch-Kincaid grade of textstat
0.7.4. A sentence above grade 10 fails with its field path; so does a kind of field whose
average is above grade 8 (about US school grade 8, the level health-information services aim
for). Medical names such as "myasthenia gravis" raise the grade: keep them, but keep the
sentence around them short.
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import mean

import pytest
import textstat

from weakcli.kb.load import load_kb
from weakcli.kb.store import KB

MAX_SENTENCE_GRADE = 10.0
MAX_AVERAGE_GRADE = 8.0

FIELDS: dict[str, tuple[str, ...]] = {
    "causes": ("summary", "seek_care"),
    "questions": ("text",),
    "red_flags": ("why", "action"),
    "tests": ("measures", "procedure", "preparation", "risks"),
}
"""The patient-facing text fields measured, by knowledge-base section."""

KINDS = [f"{section}.{field}" for section, fields in FIELDS.items() for field in fields]

# A sentence ends at '.', '!' or '?' (after an optional closing quote or bracket) followed by
# white space and a capital letter, digit, quote or bracket: "e.g. a" and "2.5" do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])")


def sentences(text: str) -> list[str]:
    """The sentences of a text, white space collapsed."""
    flat = " ".join(text.split())
    return [part.strip() for part in _SENTENCE_END.split(flat) if part.strip()]


def grade(sentence: str) -> float:
    return float(textstat.flesch_kincaid_grade(sentence))


Scored = list[tuple[str, str, float]]
"""(field path, sentence, grade)"""


def score(kb: KB) -> dict[str, Scored]:
    """Every measured sentence, by field kind."""
    scored: dict[str, Scored] = defaultdict(list)
    for section, fields in FIELDS.items():
        entries = getattr(kb, section)
        for entry_id in entries:
            entry = entries[entry_id]
            for field in fields:
                path = f"{section}/{entry_id}/{field}"
                for sentence in sentences(entry[field]):
                    scored[f"{section}.{field}"].append((path, sentence, grade(sentence)))
    return scored


@pytest.fixture(scope="module")
def scored() -> dict[str, Scored]:
    return score(load_kb())


def test_the_splitter_and_scorer_work() -> None:
    """The measure can fail: a long, wordy sentence scores high and a plain one low."""
    assert sentences("Rest first. Then walk, e.g. to the shop.\n It is 2.5 km away!") == [
        "Rest first.",
        "Then walk, e.g. to the shop.",
        "It is 2.5 km away!",
    ]
    hard = (
        "Electromyography characterises neuromuscular transmission abnormalities, "
        "distinguishing myopathic from neurogenic pathophysiology in generalised weakness."
    )
    assert grade(hard) > MAX_SENTENCE_GRADE
    assert grade("Call the emergency number now.") < MAX_AVERAGE_GRADE


def test_every_field_kind_is_measured(scored: dict[str, Scored]) -> None:
    """A renamed or emptied field would otherwise pass unmeasured."""
    assert {kind: len(scored.get(kind, [])) >= 10 for kind in KINDS} == dict.fromkeys(KINDS, True)


def test_no_sentence_is_above_grade_10(scored: dict[str, Scored]) -> None:
    hard = [
        f"{path} (grade {value:.1f}): {sentence}"
        for kind in KINDS
        for path, sentence, value in scored[kind]
        if value > MAX_SENTENCE_GRADE
    ]
    assert not hard, f"{len(hard)} sentences above grade {MAX_SENTENCE_GRADE:g}:\n" + "\n".join(
        hard
    )


@pytest.mark.parametrize("kind", KINDS)
def test_each_field_kind_averages_grade_8_or_below(scored: dict[str, Scored], kind: str) -> None:
    grades = [value for _, _, value in scored[kind]]
    average = mean(grades)
    hardest = sorted(scored[kind], key=lambda item: -item[2])[:5]
    assert average <= MAX_AVERAGE_GRADE, (
        f"{kind}: average grade {average:.2f} over {len(grades)} sentences; hardest:\n"
        + "\n".join(f"{path} (grade {value:.1f}): {sentence}" for path, sentence, value in hardest)
    )
