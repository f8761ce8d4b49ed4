"""Synthetic knowledge bases of any size, valid against the schema, for benchmarks.

`make_kb(n)` returns YAML text with n causes over a fixed vocabulary of findings, tests and
treatments, each cause with its own random (seeded, so repeatable) profile.
"""

from __future__ import annotations

import random

import installed  # noqa: F401  (a clear line if weakcli is not installed)

from weakcli.kb.vocab import LEVELS as _LEVELS
from weakcli.kb.vocab import PREVALENCES as _PREVALENCES
from weakcli.kb.vocab import URGENCIES as _URGENCIES

N_FINDINGS = 300
N_TESTS = 25
N_TREATMENTS = 40
N_QUESTIONS = 60
N_RED_FLAGS = 12
_TEXT = (
    "Plain words that explain what happens and how it feels and what a doctor may do about it "
    "and long enough to look like a real entry in the knowledge base."
)
_FOR_BANDS = ["very_frequent", "frequent", "occasional"]


def make_kb(
    n_causes: int, seed: int = 1, *, n_tests: int = N_TESTS, n_treatments: int = N_TREATMENTS
) -> str:
    """YAML for n causes; tests and treatments may grow with the causes (handbook scaling)."""
    rng = random.Random(seed)
    out = ['version: "synthetic"', "sources:"]
    out += [
        f"  - {{id: s{i}, title: Source {i}, publisher: NINDS, url: 'https://example.org/{i}'}}"
        for i in range(3)
    ]
    out.append("glossary:")
    out += [
        f"  - {{id: g{i}, term: term {i}, definition: {_TEXT}, sources: [s0]}}" for i in range(20)
    ]
    out.append("findings:")
    out += [
        f"  - {{id: f{i}, label: Finding number {i}, kind: symptom}}" for i in range(N_FINDINGS)
    ]
    out.append("questions:")
    for i in range(N_QUESTIONS):
        out.append(
            f"  - {{id: q{i}, text: Question {i}?, why: {_TEXT}, topic: topic, finding: f{i}}}"
        )
    # The screen: one list of the red flags' findings, as the shipped knowledge base asks.
    signs = ", ".join(f"f{N_FINDINGS - 1 - i}" for i in range(N_RED_FLAGS))
    out.append(
        f"  - {{id: screen, text: Any of these?, why: {_TEXT}, topic: warning signs, "
        f"any_of: [{signs}]}}"
    )
    out.append("red_flags:")
    for i in range(N_RED_FLAGS):
        out.append(
            f"  - {{id: rf{i}, name: Red flag {i}, why: {_TEXT}, "
            f"rules: [{{all: [f{N_FINDINGS - 1 - i}]}}], urgency: {_URGENCIES[i % 3]}, "
            "action: Call now., causes: [c0], sources: [s0, s1]}"
        )
    out.append("tests:")
    for i in range(n_tests):
        out += [
            f"  - id: t{i}",
            f"    name: Test {i}",
            "    kind: blood",
            f"    measures: {_TEXT}",
            f"    procedure: {_TEXT}",
            f"    preparation: {_TEXT}",
            f"    risks: {_TEXT}",
            "    turnaround: A few days.",
            "    results:",
            f"      - {{id: high, label: High, meaning: {_TEXT}, finding: f{100 + i % 100}}}",
            f"      - {{id: normal, label: Normal, meaning: {_TEXT}}}",
            "    sources: [s0]",
        ]
    out.append("treatments:")
    out += [
        f"  - {{id: tr{i}, name: Treatment {i}, kind: therapy, description: {_TEXT}, "
        "sources: [s1]}"
        for i in range(n_treatments)
    ]
    out.append("causes:")
    for i in range(n_causes):
        chosen = rng.sample(range(N_FINDINGS - N_RED_FLAGS), 10)
        findings_for = "".join(
            f"\n      - {{finding: f{f}, frequency: {rng.choice(_FOR_BANDS)}}}" for f in chosen[:8]
        )
        against = "".join(f"\n      - {{finding: f{f}, frequency: very_rare}}" for f in chosen[8:])
        urgency = rng.choice(_URGENCIES[2:])
        out += [
            f"  - id: c{i}",
            f"    name: Cause number {i}",
            f"    aliases: [cause {i}, c-{i}]",
            "    category: neurological",
            f"    level: {rng.choice(_LEVELS)}",
            f"    summary: {_TEXT}",
            f"    mechanism: {_TEXT}",
            "    pattern:",
            "      onset: [weeks_to_months]",
            f"      distribution: {_TEXT}",
            f"      course: {_TEXT}",
            "      age: Adults.",
            f"    prevalence: {rng.choice(_PREVALENCES)}",
            "    people:",
            "      age: {child: some, young_adult: many, middle: many, older: many}",
            "      source: s0",
            f"    findings_for:{findings_for}",
            f"    findings_against:{against}",
            "    tests:",
            f"      - {{test: t{i % n_tests}, shows: {_TEXT}}}",
            "    treatments:",
            f"      - {{treatment: tr{i % n_treatments}, note: {_TEXT}}}",
            "    daily_life:",
            f"      activities: {_TEXT}",
            f"      mobility: {_TEXT}",
            f"      falls: {_TEXT}",
            f"    urgency: {urgency}",
            f"    seek_care: {_TEXT}",
            "    doctor_questions: [What does this mean for me?]",
            "    codes: {icd10cm: [G72.9], mondo: ['MONDO:0005336']}",
            "    sources: [s0, s1]",
        ]
    return "\n".join(out) + "\n"
