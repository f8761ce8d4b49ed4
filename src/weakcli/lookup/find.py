"""Find an entry by what a person types: its id, its name or an alias.

A name is an entry's id, its name (or a shorter form of it: `name_forms`) or one of its aliases,
in any case, with or without accents, and with '-', '_' and spaces taken as the same; the
start of just one entry's name finds it too. A name that matches nothing gets the closest ids
as suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Final, Literal, TypeVar

from weakcli.errors import InputError, UsageError
from weakcli.kb.records import CauseRecord, GlossaryRecord, TestRecord
from weakcli.kb.store import KB
from weakcli.textsafe import shorten

Entry = TypeVar("Entry", bound=Mapping[str, object])

_SEPARATORS: Final = re.compile(r"[\s_\-]+")
_DROPPED: Final = re.compile(r"['\u2019.]")
_SUGGESTIONS: Final = 3
_SUGGEST_CUTOFF: Final = 75.0
_LONGEST_FUZZY_QUERY: Final = 200
_SHORTEST_START: Final = 5
"""A name this long or longer that starts only one entry's name finds it ('Addison disease'
for 'Addison disease and other adrenal insufficiency')."""
_SLASH: Final = re.compile(r"\s+/\s+")
_BRACKETED: Final = re.compile(r"\(([^()]*)\)")


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
        for key in [entry_id, *(part for n in names_of(entry) for part in name_forms(n))]:
            keys.setdefault(normalize(key), set()).add(entry_id)
    found = keys.get(wanted, set())
    if not found and len(wanted) >= _SHORTEST_START:
        found = {e for key, ids in keys.items() if key.startswith(wanted + " ") for e in ids}
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


def name_forms(name: str) -> list[str]:
    """A name and the shorter names a person uses for it: without its bracketed part, the
    bracketed part itself, and each side of a slash ('ALS / motor neuron disease').

    'Electromyography (EMG)' is also 'Electromyography' and 'EMG'.
    """
    forms = [name]
    for side in _SLASH.split(name):
        bracketed = _BRACKETED.findall(side)
        forms += [side, _BRACKETED.sub(" ", side), *bracketed]
    return [form.strip() for form in dict.fromkeys(forms) if form.strip()]


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


def ids_starting_with(
    kb: KB, section: Literal["causes", "tests"], typed: str
) -> list[tuple[str, str]]:
    """(id, name) of the causes or tests whose id starts with `typed`, for shell completion.

    Shells keep only values that start with what was typed, so these are ids, not names.
    """
    entries: Mapping[str, CauseRecord | TestRecord] = kb.causes if section == "causes" else kb.tests
    return [
        (entry_id, entry["name"])
        for entry_id, entry in sorted(entries.items())
        if entry_id.startswith(typed)
    ]
