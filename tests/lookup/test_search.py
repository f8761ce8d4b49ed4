"""Search: ranking, the matching part, accents and typos, and the CLI's output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, Run
from weakcli.errors import UsageError
from weakcli.kb.load import load_kb
from weakcli.lookup.search import search


@pytest.fixture(autouse=True)
def _minimal(pinned: Callable[[Path], None]) -> None:
    pinned(MINIMAL)


def _hits(query: str) -> list[tuple[str, str, str, str]]:
    return [(h.kind, h.id, h.field, h.text[h.start : h.end]) for h in search(load_kb(), query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "stroke",
            [
                ("cause", "stroke", "name", "Stroke"),
                ("test", "ct_head", "measures", "stroke"),
            ],
        ),
        ("guillain barre", [("cause", "gbs", "name", "Guillain-Barré")]),
        ("guillian", [("cause", "gbs", "name", "Guillain")]),
        ("CPK", [("test", "ck", "alias", "CPK")]),
        ("reflexes", [("glossary", "reflex", "alias", "reflexes")]),
        ("myalgia", [("finding", "aching", "HPO", "Myalgia")]),
        ("G61.0", [("cause", "gbs", "code", "G61.0")]),
        (
            "physio",
            [("treatment", "physical_therapy", "name", "Physio")],
        ),
        ("ck", [("test", "ck", "id", "ck")]),
    ],
)
def test_ranked_hits_with_the_matching_part(
    query: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _hits(query) == expected


def test_a_name_outranks_a_mention() -> None:
    hits = search(load_kb(), "blood")
    assert [(h.kind, h.id) for h in hits][:1] == [("test", "ck")]
    assert hits[0].score > hits[1].score


def test_long_fields_are_cut_around_the_match() -> None:
    (hit,) = [h for h in search(load_kb(), "exercise") if h.id == "ck"]
    assert hit.text == "Avoid hard exercise for two days before, as it raises the..."
    assert hit.text[hit.start : hit.end] == "exercise"


@pytest.mark.parametrize(
    ("query", "message"),
    [("  ", "search needs a word to look for"), ("?!", "search needs a word to look for")],
)
def test_a_query_without_words_is_refused(query: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        search(load_kb(), query)


def test_search_text_output(cli: Run) -> None:
    result = cli("search", "CPK")
    assert result.out.splitlines()[:5] == [
        "Search: CPK (1)",
        "===============",
        "Match                            Kind  Where it matched",
        "-------------------------------  ----  ----------------",
        "Creatine kinase blood test (ck)  test  alias: CPK",
    ]


def test_search_json_output(cli: Run) -> None:
    document = json.loads(cli("search", "guillain", "-f", "json").out)
    assert document["query"] == "guillain"
    assert document["hits"] == [
        {
            "field": "name",
            "id": "gbs",
            "kind": "cause",
            "match": [0, 8],
            "score": 95.0,
            "text": "Guillain-Barré syndrome",
            "title": "Guillain-Barré syndrome",
        }
    ]


def test_search_markdown_marks_the_match(cli: Run) -> None:
    out = cli("search", "CPK", "-f", "markdown").out
    assert "| Creatine kinase blood test | test | alias: **CPK** |" in out.splitlines()


def test_nothing_found(cli: Run) -> None:
    result = cli("search", "zebra")
    assert result.code == 0
    assert result.out.splitlines()[:4] == ["Search: zebra", "=============", "Nothing matched.", ""]


def test_empty_search_is_an_error(cli: Run) -> None:
    result = cli("search", "--", "  ")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "Error: search needs a word to look for\n",
    )
