"""Find entries by what a person types, and list them in a stable order.

A name is an entry's id, its name or one of its aliases, in any case, with or without accents,
and with '-', '_' and spaces taken as the same; a name that matches nothing gets the closest
ids as suggestions.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Final, NamedTuple, TypeVar

from weakcli.errors import InputError, UsageError
from weakcli.kb.records import CauseRecord, GlossaryRecord, TestRecord, TreatmentRecord
from weakcli.kb.store import KB
from weakcli.kb.vocab import CATEGORIES, LEVELS
from weakcli.textsafe import shorten

Entry = TypeVar("Entry", bound=Mapping[str, object])

_SEPARATORS: Final = re.compile(r"[\s_\-]+")
_DROPPED: Final = re.compile(r"['\u2019.]")
_SUGGESTIONS: Final = 3
_SUGGEST_CUTOFF: Final = 75.0
_LONGEST_FUZZY_QUERY: Final = 200


def normalize(text: str) -> str:
    """The form names are compared in: case, accents, apostrophes and separators ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", _DROPPED.sub("", plain)).strip()


def find_cause(kb: KB, name: str) -> CauseRecord:
    return _find(kb.causes, name, "cause", lambda c: [c["name"], *c["aliases"]], "causes")


def find_test(kb: KB, name: str) -> TestRecord:
    return _find(kb.tests, name, "test", lambda t: [t["name"], *t["aliases"]], "tests")


def find_term(kb: KB, name: str) -> GlossaryRecord:
    return _find(
        kb.glossary, name, "glossary term", lambda g: [g["term"], *g["aliases"]], "glossary"
    )


def _find(
    entries: Mapping[str, Entry],
    name: str,
    what: str,
    names_of: Callable[[Entry], list[str]],
    listing: str,
) -> Entry:
    if name in entries:
        return entries[name]
    wanted = normalize(name)
    if not wanted:
        raise UsageError(f"give the id or the name of a {what}")
    keys: dict[str, set[str]] = {}
    for entry_id, entry in entries.items():
        for key in [entry_id, *names_of(entry)]:
            keys.setdefault(normalize(key), set()).add(entry_id)
    found = keys.get(wanted, set())
    if len(found) == 1:
        return entries[found.pop()]
    shown = shorten(name, 60)
    if found:
        ids = ", ".join(f"'{each}'" for each in sorted(found))
        raise InputError(f"'{shown}' names more than one {what} ({ids}); use the id")
    hint = _suggest(wanted, keys)
    if hint:
        raise InputError(f"no {what} called '{shown}' (did you mean {hint}?)")
    raise InputError(f"no {what} called '{shown}'; 'weakcli {listing}' lists them all")


def _suggest(wanted: str, keys: Mapping[str, set[str]]) -> str:
    """The closest ids as "'a', 'b' or 'c'", best first, or '' when nothing is close."""
    if len(wanted) > _LONGEST_FUZZY_QUERY:
        return ""
    from rapidfuzz import fuzz, process

    ids: list[str] = []
    for key, _, _ in process.extract(
        wanted, list(keys), scorer=fuzz.WRatio, limit=None, score_cutoff=_SUGGEST_CUTOFF
    ):
        for entry_id in sorted(keys[key]):
            if entry_id not in ids:
                ids.append(entry_id)
    quoted = [f"'{entry_id}'" for entry_id in ids[:_SUGGESTIONS]]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def select_causes(
    kb: KB, *, category: str | None = None, level: str | None = None
) -> list[CauseRecord]:
    """Causes in reading order (from the brain outwards, then by name), optionally filtered."""
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
