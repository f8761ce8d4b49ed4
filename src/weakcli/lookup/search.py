"""Ranked search across causes, tests, findings, treatments and the glossary.

Every entry is scored by its best-matching field: how well the field matches (the whole field,
a phrase at a word boundary, anywhere, every word, or a close spelling of a name) times how much
the field says about the entry (a name more than a paragraph). Each hit carries the matching
part of that field so it can be shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from weakcli.errors import UsageError
from weakcli.kb.records import CodesRecord
from weakcli.kb.store import KB

Kind = Literal["cause", "test", "treatment", "finding", "glossary"]
KINDS: Final[tuple[Kind, ...]] = ("cause", "test", "treatment", "finding", "glossary")

_NAME: Final = 1.0
_ALIAS: Final = 0.95
_LEAD: Final = 0.7
_BODY: Final = 0.5
_DETAIL: Final = 0.4
_WHOLE: Final = 100.0
_PREFIX: Final = 95.0
_PHRASE: Final = 90.0
_INSIDE: Final = 75.0
_WORDS: Final = 65.0
_SOME_WORDS: Final = 50.0
"""At least half of the words, scaled by the share found."""
_SHORTEST_INSIDE: Final = 4
"""A shorter query inside a word ('ck' in 'attack') is noise, not a match."""
_FUZZY_CUTOFF: Final = 80.0
_FUZZY_SCALE: Final = 0.6
_SNIPPET_CONTEXT: Final = 40
_LONGEST_QUERY: Final = 200
DEFAULT_LIMIT: Final = 20


@dataclass(frozen=True)
class Hit:
    """One entry that matched: `text[start:end]` is the part of `field` that matched."""

    kind: Kind
    id: str
    title: str
    field: str
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class _Field:
    name: str
    text: str
    weight: float
    fuzzy: bool = False


def search(kb: KB, query: str, *, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """The best `limit` hits for `query`, best first; ties by kind, then title."""
    wanted = _fold(" ".join(query.split()))
    if not any(c.isalnum() for c in wanted):
        raise UsageError("search needs a word to look for")
    if len(wanted) > _LONGEST_QUERY:
        raise UsageError(f"search text is {len(wanted)} characters; the limit is {_LONGEST_QUERY}")
    words = wanted.split()
    hits = []
    for kind, entry_id, title, fields in _entries(kb):
        best: Hit | None = None
        for field in fields:
            hit = _match(field, wanted, words)
            if hit is None:
                continue
            score, start, end = hit
            score = round(score * field.weight, 2)
            if best is None or score > best.score:
                text, start, end = _snippet(field.text, start, end)
                best = Hit(kind, entry_id, title, field.name, text, start, end, score)
        if best is not None:
            hits.append(best)
    hits.sort(key=lambda h: (-h.score, KINDS.index(h.kind), h.title.casefold(), h.id))
    return hits[:limit]


def _entries(kb: KB) -> Iterator[tuple[Kind, str, str, list[_Field]]]:
    for cause in kb.causes.values():
        pattern = cause["pattern"]
        daily = cause["daily_life"]
        yield (
            "cause",
            cause["id"],
            cause["name"],
            [
                _Field("name", cause["name"], _NAME, fuzzy=True),
                *(_Field("alias", alias, _ALIAS, fuzzy=True) for alias in cause["aliases"]),
                _Field("id", cause["id"], _NAME),
                _Field("summary", cause["summary"], _LEAD),
                _Field("mechanism", cause["mechanism"], _BODY),
                _Field("distribution", pattern["distribution"], _BODY),
                _Field("course", pattern["course"], _BODY),
                _Field("seek care", cause["seek_care"], _BODY),
                _Field("activities", daily["activities"], _DETAIL),
                _Field("mobility", daily["mobility"], _DETAIL),
                _Field("falls", daily["falls"], _DETAIL),
                *(_Field("code", code, _NAME) for code in _codes(cause["codes"])),
            ],
        )
    for test in kb.tests.values():
        yield (
            "test",
            test["id"],
            test["name"],
            [
                _Field("name", test["name"], _NAME, fuzzy=True),
                *(_Field("alias", alias, _ALIAS, fuzzy=True) for alias in test["aliases"]),
                _Field("id", test["id"], _NAME),
                _Field("measures", test["measures"], _LEAD),
                _Field("procedure", test["procedure"], _BODY),
                _Field("preparation", test["preparation"], _DETAIL),
                _Field("risks", test["risks"], _DETAIL),
                *(_Field("result", result["meaning"], _DETAIL) for result in test["results"]),
            ],
        )
    for treatment in kb.treatments.values():
        yield (
            "treatment",
            treatment["id"],
            treatment["name"],
            [
                _Field("name", treatment["name"], _NAME, fuzzy=True),
                *(_Field("alias", alias, _ALIAS, fuzzy=True) for alias in treatment["aliases"]),
                _Field("id", treatment["id"], _NAME),
                _Field("description", treatment["description"], _LEAD),
            ],
        )
    for finding in kb.findings.values():
        yield (
            "finding",
            finding["id"],
            finding["label"],
            [
                _Field("label", finding["label"], _ALIAS, fuzzy=True),
                *(
                    field
                    for hpo in finding["hpo"]
                    for field in (
                        _Field("HPO", hpo["label"], _LEAD, fuzzy=True),
                        _Field("HPO id", hpo["id"], _NAME),
                    )
                ),
            ],
        )
    for term in kb.glossary.values():
        yield (
            "glossary",
            term["id"],
            term["term"],
            [
                _Field("term", term["term"], _NAME, fuzzy=True),
                *(_Field("alias", alias, _ALIAS, fuzzy=True) for alias in term["aliases"]),
                _Field("definition", term["definition"], _LEAD),
            ],
        )


def _codes(codes: CodesRecord) -> list[str]:
    return [*codes["icd10cm"], *codes["mondo"], *codes["snomed"]]


def _match(field: _Field, wanted: str, words: list[str]) -> tuple[float, int, int] | None:
    """(quality 0-100, start, end) of the best way `wanted` matches the field, or None."""
    text = _fold(field.text)
    if text == wanted:
        return _WHOLE, 0, len(text)
    at = text.find(wanted)
    if at >= 0:
        if at == 0:
            return _PREFIX, 0, len(wanted)
        phrase = re.search(rf"\b{re.escape(wanted)}", text)
        if phrase:
            return _PHRASE, phrase.start(), phrase.end()
        if len(wanted) >= _SHORTEST_INSIDE:
            return _INSIDE, at, at + len(wanted)
    spans = [s for s in (re.search(rf"\b{re.escape(word)}", text) for word in words) if s]
    if len(words) > 1 and len(spans) == len(words):
        first = min(spans, key=lambda s: s.start())
        return _WORDS, first.start(), first.end()
    if field.fuzzy and len(text) >= len(wanted) >= _SHORTEST_INSIDE:
        from rapidfuzz import fuzz

        found = fuzz.partial_ratio_alignment(wanted, text, score_cutoff=_FUZZY_CUTOFF)
        if found is not None:
            return found.score * _FUZZY_SCALE, found.dest_start, found.dest_end
    if len(words) > 1 and spans and len(spans) * 2 >= len(words):
        first = min(spans, key=lambda s: s.start())
        return _SOME_WORDS * len(spans) / len(words), first.start(), first.end()
    return None


def _fold(text: str) -> str:
    """Lower case without accents, '-' and '_' as spaces, one character for each character,
    so positions found in the folded text hold in the original."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    if char in "-_":
        return " "
    lower = char.lower()
    if len(lower) != 1:
        return char
    base = unicodedata.normalize("NFKD", lower)[:1]
    return base if base.isascii() and base.isprintable() else lower


def _snippet(text: str, start: int, end: int) -> tuple[str, int, int]:
    """About `_SNIPPET_CONTEXT` characters either side of the match, cut at spaces."""
    begin = max(0, start - _SNIPPET_CONTEXT)
    finish = min(len(text), end + _SNIPPET_CONTEXT)
    if begin > 0:
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else begin
    if finish < len(text):
        space = text.rfind(" ", end, finish)
        finish = space if space >= 0 else finish
    prefix = "..." if begin > 0 else ""
    suffix = "..." if finish < len(text) else ""
    snippet = prefix + text[begin:finish] + suffix
    shift = len(prefix) - begin
    return snippet, start + shift, end + shift
