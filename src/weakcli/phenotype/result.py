"""A triaged case: the triage report with what the phenotype input was read as."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from weakcli.phenotype.case import Case, TermMatch
from weakcli.phenotype.matcher import Matcher
from weakcli.triage.engine import Model, State, assess, with_facts
from weakcli.triage.report import Report, build_report


@dataclass(frozen=True, slots=True)
class CaseResult:
    """A triaged case: the triage JSON contract with the phenotype fields added."""

    report: Report
    warnings: tuple[str, ...]


def triage_case(model: Model, matcher: Matcher, case: Case, *, created: str) -> CaseResult:
    """Triage a case from its facts alone: no questions are asked."""
    match = matcher.match(case)
    state = with_facts(State(), match.facts)
    report = build_report(model, state, assess(model, state), created=created, complete=True)
    findings = model.kb.findings
    report["input"] = case.input
    report["phenopacket_id"] = case.id
    report["hpo_version"] = matcher.hpo_version
    report["matched_terms"] = [_term_json(t) for t in match.matched]
    report["unmatched_terms"] = [_term_json(t) for t in match.unmatched]
    report["facts"] = [
        {"finding": f, "label": findings[f]["label"], "present": present}
        for f, present in match.facts
    ]
    return CaseResult(report, (*case.notes, *match.warnings))


def _term_json(term: TermMatch) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": term.id,
        "label": term.label,
        "excluded": term.excluded,
        "place": term.place,
    }
    if term.given != term.id:
        entry["replaces"] = term.given
    if term.findings:
        entry["findings"] = list(term.findings)
    else:
        entry["reason"] = term.reason
    return entry
