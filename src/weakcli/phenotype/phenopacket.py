"""Reading phenotype input: `--hpo`/`--no-hpo` ids and GA4GH phenopackets, into a `Case`.

Plain Python, no I/O beyond reading the input files. What is read from a phenopacket (schema
v2, JSON); everything else is ignored:

- `id` (text);
- `phenotypicFeatures[]`: `type.id` (an HPO id; anything else is an error), `type.label`,
  `excluded` (true or false), and `onset` of observed features as `age.iso8601duration` or as
  an HPO onset term in `ontologyClass` (other time elements are ignored);
- `subject.timeAtLastEncounter.age.iso8601duration`: the age at the last encounter.
  `subject.dateOfBirth` alone is not used: a phenopacket has no encounter date to count from.

`measurements` are not read: their assays are LOINC-coded and their values need reference
ranges. An abnormal result coded in HPO (elevated creatine kinase, a myopathic EMG) belongs in
`phenotypicFeatures`, where it counts like any other term.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final

from weakcli.errors import InputError, UsageError
from weakcli.phenotype.case import DAYS_PER_YEAR, Case, Onset, Term

HPO_ID: Final = re.compile(r"HP:[0-9]{7}")
_NUMBER = r"([0-9]+(?:[.,][0-9]+)?)"
_DURATION: Final = re.compile(
    rf"P(?!$)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=[0-9])(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?"
)


def hpo_case(observed: Sequence[str], excluded: Sequence[str]) -> Case:
    """A case from `--hpo` and `--no-hpo` ids."""
    terms = []
    for option, ids, is_excluded in (("--hpo", observed, False), ("--no-hpo", excluded, True)):
        for value in ids:
            term_id = value.strip().upper()  # hp:0000508 is meant as HP:0000508
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
    notes: list[str] = []
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
            # Common in published data (a typo, or ages counted from different dates): the
            # case is still read, and both ages are kept as given.
            notes.append(
                f"{name}: {onset.place}: onset at {_show_years(onset.years)} is after the age "
                f"at the last encounter ({age_text}); both are used as given"
            )
        onsets.append(onset)
    return Case(name, packet_id, tuple(terms), age, tuple(onsets), tuple(notes))


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


def read_cases(paths: Iterable[Path]) -> Iterator[Case | InputError]:
    """Each phenopacket as a case, or the problem with it: one bad file does not stop the rest."""
    for path in paths:
        try:
            yield read_phenopacket(path)
        except InputError as exc:
            yield exc
