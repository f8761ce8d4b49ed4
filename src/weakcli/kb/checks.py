"""Cross-reference checks: every rule that spans more than one entry, in one place.

Runs on a knowledge base that already passed the schema, and returns every problem found as
`(path, message)` pairs; the caller turns the paths into `FILE:LINE:COLUMN`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from weakcli.kb.records import KnowledgeBaseRecord, RuleRecord
from weakcli.kb.vocab import AGE_BANDS, EMERGENCY_LEVELS

Problem = tuple[tuple[str | int, ...], str]


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

    findings = {finding["id"]: finding for finding in kb["findings"]}
    for i, finding in enumerate(kb["findings"]):
        for j, implied in enumerate(finding["implies"]):
            ref(("findings", i, "implies", j), "findings", implied, "finding")
            if implied == finding["id"]:
                problems.append((("findings", i, "implies", j), "a finding cannot imply itself"))
    attributes: dict[str, list[str]] = {}
    for finding in kb["findings"]:
        if finding["attribute"] is not None:
            attributes.setdefault(finding["attribute"], []).append(finding["id"])
    for i, finding in enumerate(kb["findings"]):
        attribute = finding["attribute"]
        if attribute is not None and len(attributes[attribute]) < 2:
            problems.append(
                (
                    ("findings", i, "attribute"),
                    f"attribute '{attribute}' has only this one value; an attribute's values "
                    "exclude each other, so it needs at least two",
                )
            )

    def rule_refs(path: tuple[str | int, ...], rule: RuleRecord, *, positive: bool = True) -> None:
        if positive and not rule["all"] and not rule["any"]:
            problems.append((path, "a rule needs 'all' or 'any' findings, not only 'not'"))
        for part, ids_in in (("all", rule["all"]), ("any", rule["any"]), ("not", rule["not"])):
            for j, finding_id in enumerate(ids_in):
                ref((*path, part, j), "findings", finding_id, "finding")

    results_of = {
        test["id"]: {result["finding"] for result in test["results"] if result["finding"]}
        for test in kb["tests"]
    }
    asked: set[str] = set()
    for i, question in enumerate(kb["questions"]):
        here: tuple[str | int, ...] = ("questions", i)
        forms = [
            name
            for name, given in (
                ("finding", question["finding"] is not None),
                ("options", bool(question["options"])),
                ("any_of", bool(question["any_of"])),
            )
            if given
        ]
        if len(forms) != 1:
            problems.append(
                (
                    here,
                    "a question needs exactly one of 'finding' (yes/no), 'options' (one "
                    "attribute's values) or 'any_of' (which of these)"
                    + (f", not {' and '.join(forms)}" if forms else ""),
                )
            )
        ref((*here, "finding"), "findings", question["finding"], "finding")
        if question["finding"] is not None:
            asked.add(question["finding"])
        if question["options"] and len(question["options"]) < 2:
            problems.append(((*here, "options"), "a choice question needs at least 2 options"))
        if question["any_of"] and len(question["any_of"]) < 2:
            problems.append(((*here, "any_of"), "a 'which of these' question needs at least 2"))
        _unique_in((*here, "options"), question["options"], "option", problems)
        for j, finding_id in enumerate(question["any_of"]):
            ref((*here, "any_of", j), "findings", finding_id, "finding")
            asked.add(finding_id)
        chosen = [
            (j, option["finding"])
            for j, option in enumerate(question["options"])
            if option["finding"]
        ]
        for j, finding_id in chosen:
            ref((*here, "options", j, "finding"), "findings", finding_id, "finding")
            asked.add(finding_id)
        ref((*here, "test"), "tests", question["test"], "test")
        if question["test"] is not None and not question["options"]:
            problems.append(((*here, "test"), "only a choice question can ask for a test result"))
        if question["test"] in results_of:
            for j, finding_id in chosen:
                if finding_id not in results_of[question["test"]]:
                    problems.append(
                        (
                            (*here, "options", j, "finding"),
                            f"'{finding_id}' is not a result of test '{question['test']}'",
                        )
                    )
        elif question["test"] is None:
            kinds = {findings[f]["attribute"] for _, f in chosen if f in findings}
            if len(kinds) > 1 or None in kinds:
                problems.append(
                    (
                        (*here, "options"),
                        "a choice question asks about one attribute: every option's finding "
                        "must share the same 'attribute' (use 'any_of' for a list of findings)",
                    )
                )
        if question["ask_if"] is not None:
            rule_refs((*here, "ask_if"), question["ask_if"], positive=False)

    for i, flag in enumerate(kb["red_flags"]):
        here = ("red_flags", i)
        for j, rule in enumerate(flag["rules"]):
            rule_refs((*here, "rules", j), rule)
            for part, ids_in in (("all", rule["all"]), ("any", rule["any"]), ("not", rule["not"])):
                for k, finding_id in enumerate(ids_in):
                    rule_finding = findings.get(finding_id)
                    if (
                        rule_finding is not None
                        and finding_id not in asked
                        and rule_finding["kind"] != "demographic"
                    ):
                        problems.append(
                            (
                                (*here, "rules", j, part, k),
                                f"no question asks about '{finding_id}', so the screen "
                                "could never learn it",
                            )
                        )
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
        ref((*here, "people", "source"), "sources", cause["people"]["source"], "source")
        missing = [band for band in AGE_BANDS if band not in cause["people"]["age"]]
        if missing:
            problems.append(
                ((*here, "people", "age"), f"give every age band; missing: {', '.join(missing)}")
            )
        can_be_emergency = cause["urgency"] in EMERGENCY_LEVELS or any(
            flag_urgency.get(flag_id) in EMERGENCY_LEVELS for flag_id in cause["red_flags"]
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
