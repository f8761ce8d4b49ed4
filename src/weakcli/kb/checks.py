"""Cross-reference checks: every rule that spans more than one entry, in one place.

Runs on a knowledge base that already passed the schema, and returns every problem found as
`(path, message)` pairs; the caller turns the paths into `FILE:LINE:COLUMN`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from weakcli.kb.records import KnowledgeBaseRecord
from weakcli.kb.vocab import URGENCIES

Problem = tuple[tuple[str | int, ...], str]

_EMERGENCIES: frozenset[str] = frozenset(URGENCIES[:2])


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(name, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{match[0]}'?)" if match else ""


def check_references(kb: KnowledgeBaseRecord) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    sections: dict[str, Sequence[Mapping[str, Any]]] = {
        "sources": kb["sources"],
        "glossary": kb["glossary"],
        "findings": kb["findings"],
        "questions": kb["questions"],
        "red_flags": kb["red_flags"],
        "tests": kb["tests"],
        "treatments": kb["treatments"],
        "causes": kb["causes"],
    }
    for section, entries in sections.items():
        ids[section] = _unique(section, entries, problems)

    def ref(path: tuple[str | int, ...], section: str, value: str | None, what: str) -> None:
        if value is not None and value not in ids[section]:
            problems.append((path, f"unknown {what} '{value}'{did_you_mean(value, ids[section])}"))

    for i, term in enumerate(kb["glossary"]):
        for j, source in enumerate(term["sources"]):
            ref(("glossary", i, "sources", j), "sources", source, "source")

    for i, question in enumerate(kb["questions"]):
        here: tuple[str | int, ...] = ("questions", i)
        has_options = bool(question["options"])
        if (question["finding"] is None) == (not has_options):
            problems.append(
                (
                    here,
                    "a question needs either 'finding' (yes/no) or 'options' "
                    "(multiple choice), not both",
                )
            )
        ref((*here, "finding"), "findings", question["finding"], "finding")
        if has_options and len(question["options"]) < 2:
            problems.append(
                ((*here, "options"), "a multiple-choice question needs at least 2 options")
            )
        _unique_in((*here, "options"), question["options"], "option", problems)
        for j, option in enumerate(question["options"]):
            for k, finding in enumerate(option["findings"]):
                ref((*here, "options", j, "findings", k), "findings", finding, "finding")

    for i, flag in enumerate(kb["red_flags"]):
        here = ("red_flags", i)
        if flag["id"] in ids["questions"]:
            problems.append(
                (
                    (*here, "id"),
                    f"'{flag['id']}' is also a question id; red flags are "
                    "asked as questions, so their ids must differ",
                )
            )
        ref((*here, "finding"), "findings", flag["finding"], "finding")
        for j, cause_id in enumerate(flag["causes"]):
            ref((*here, "causes", j), "causes", cause_id, "cause")
        for j, source in enumerate(flag["sources"]):
            ref((*here, "sources", j), "sources", source, "source")

    for i, test in enumerate(kb["tests"]):
        here = ("tests", i)
        _unique_in((*here, "results"), test["results"], "result", problems)
        for j, result in enumerate(test["results"]):
            ref((*here, "results", j, "finding"), "findings", result["finding"], "finding")
        for j, source in enumerate(test["sources"]):
            ref((*here, "sources", j), "sources", source, "source")

    for i, treatment in enumerate(kb["treatments"]):
        for j, source in enumerate(treatment["sources"]):
            ref(("treatments", i, "sources", j), "sources", source, "source")

    flag_urgency = {flag["id"]: flag["urgency"] for flag in kb["red_flags"]}
    for i, cause in enumerate(kb["causes"]):
        here = ("causes", i)
        linked: dict[str, str] = {}
        for side, links in (
            ("findings_for", cause["findings_for"]),
            ("findings_against", cause["findings_against"]),
        ):
            for j, link in enumerate(links):
                path = (*here, side, j, "finding")
                ref(path, "findings", link["finding"], "finding")
                if link["finding"] in linked:
                    problems.append(
                        (
                            path,
                            f"finding '{link['finding']}' is listed twice "
                            f"(also in {linked[link['finding']]})",
                        )
                    )
                linked[link["finding"]] = side
                strong = link["frequency"] in (
                    "obligate",
                    "very_frequent",
                    "frequent",
                    "occasional",
                )
                if side == "findings_against" and strong:
                    problems.append(
                        (
                            (*here, side, j, "frequency"),
                            "a finding against a cause must be 'very_rare' or 'excluded'",
                        )
                    )
                if side == "findings_for" and not strong:
                    problems.append(
                        (
                            (*here, side, j, "frequency"),
                            "a finding for a cause must be 'occasional' or more frequent; "
                            "list rarer ones under findings_against",
                        )
                    )
        for j, flag_id in enumerate(cause["red_flags"]):
            ref((*here, "red_flags", j), "red_flags", flag_id, "red flag")
        for j, test_link in enumerate(cause["tests"]):
            ref((*here, "tests", j, "test"), "tests", test_link["test"], "test")
        for j, treatment_link in enumerate(cause["treatments"]):
            ref(
                (*here, "treatments", j, "treatment"),
                "treatments",
                treatment_link["treatment"],
                "treatment",
            )
        for j, source in enumerate(cause["sources"]):
            ref((*here, "sources", j), "sources", source, "source")
        can_be_emergency = cause["urgency"] in _EMERGENCIES or any(
            flag_urgency.get(flag_id) in _EMERGENCIES for flag_id in cause["red_flags"]
        )
        if can_be_emergency and len(set(cause["sources"])) < 2:
            problems.append(
                ((*here, "sources"), "a cause that can be an emergency needs at least two sources")
            )
    return problems


def _unique(
    section: str, entries: Sequence[Mapping[str, Any]], problems: list[Problem]
) -> set[str]:
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        entry_id = str(entry["id"])
        if entry_id in seen:
            problems.append(
                (
                    (section, i, "id"),
                    f"duplicate id '{entry_id}' (first used at {section}[{seen[entry_id]}])",
                )
            )
        else:
            seen[entry_id] = i
    return set(seen)


def _unique_in(
    path: tuple[str | int, ...],
    entries: Sequence[Mapping[str, Any]],
    what: str,
    problems: list[Problem],
) -> None:
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        entry_id = str(entry["id"])
        if entry_id in seen:
            problems.append(((*path, i, "id"), f"duplicate {what} id '{entry_id}'"))
        seen.add(entry_id)
