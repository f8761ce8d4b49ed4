"""Entries in a stable reading order, and the cross-references between them."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import NamedTuple

from weakcli.errors import UsageError
from weakcli.kb.records import CauseRecord, GlossaryRecord, TestRecord, TreatmentRecord
from weakcli.kb.store import KB
from weakcli.kb.vocab import CATEGORIES, LEVELS
from weakcli.textsafe import shorten


def select_causes(
    kb: KB, *, category: str | None = None, level: str | None = None
) -> list[CauseRecord]:
    """Causes in reading order (from the brain outwards, then by name), optionally filtered.
    Category and level are matched in any case, like every other name a person types."""
    category = None if category is None else category.strip().lower()
    level = None if level is None else level.strip().lower()
    if category is not None and category not in CATEGORIES:
        raise UsageError(
            f"unknown category '{shorten(category, 40)}'; choose from {', '.join(CATEGORIES)}"
        )
    if level is not None and level not in LEVELS:
        raise UsageError(f"unknown level '{shorten(level, 40)}'; choose from {', '.join(LEVELS)}")
    chosen = (
        cause
        for cause in kb.causes.values()
        if (category is None or cause["category"] == category)
        and (level is None or cause["level"] == level)
    )
    return sorted(chosen, key=lambda c: (LEVELS.index(c["level"]), c["name"].casefold(), c["id"]))


def sorted_tests(kb: KB) -> list[TestRecord]:
    return sorted(kb.tests.values(), key=lambda t: (t["name"].casefold(), t["id"]))


def sorted_treatments(kb: KB) -> list[TreatmentRecord]:
    return sorted(kb.treatments.values(), key=lambda t: (t["name"].casefold(), t["id"]))


def sorted_terms(kb: KB) -> list[GlossaryRecord]:
    return sorted(kb.glossary.values(), key=lambda g: (g["term"].casefold(), g["id"]))


class _Uses(NamedTuple):
    tests: dict[str, list[CauseRecord]]
    treatments: dict[str, list[CauseRecord]]


_USES: weakref.WeakKeyDictionary[KB, _Uses] = weakref.WeakKeyDictionary()


def _uses(kb: KB) -> _Uses:
    """Which causes use each test and treatment, in reading order: built once per KB, so a
    handbook with a page for every test costs one pass over the causes, not one per test."""
    found = _USES.get(kb)
    if found is None:
        tests: dict[str, list[CauseRecord]] = {}
        treatments: dict[str, list[CauseRecord]] = {}
        for cause in select_causes(kb):
            for test_id in dict.fromkeys(link["test"] for link in cause["tests"]):
                tests.setdefault(test_id, []).append(cause)
            for treatment_id in dict.fromkeys(link["treatment"] for link in cause["treatments"]):
                treatments.setdefault(treatment_id, []).append(cause)
        found = _USES[kb] = _Uses(tests, treatments)
    return found


def causes_using_test(kb: KB, test_id: str) -> list[CauseRecord]:
    return list(_uses(kb).tests.get(test_id, ()))


def causes_using_treatment(kb: KB, treatment_id: str) -> list[CauseRecord]:
    return list(_uses(kb).treatments.get(treatment_id, ()))


def in_common(first: CauseRecord, second: CauseRecord) -> dict[str, list[str]]:
    """Ids of the findings (for), tests and treatments two causes share, in the first's order."""
    return {
        "findings": _shared(
            (link["finding"] for link in first["findings_for"]),
            {link["finding"] for link in second["findings_for"]},
        ),
        "tests": _shared(
            (link["test"] for link in first["tests"]), {link["test"] for link in second["tests"]}
        ),
        "treatments": _shared(
            (link["treatment"] for link in first["treatments"]),
            {link["treatment"] for link in second["treatments"]},
        ),
    }


def _shared(ids: Iterable[str], others: set[str]) -> list[str]:
    return [entry_id for entry_id in ids if entry_id in others]
