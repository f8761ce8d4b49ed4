"""One person's phenotype (`Case`), what matching made of it (`Match`), and what ages mean.

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

import math
from dataclasses import dataclass
from typing import Final

from weakcli.kb.vocab import AGE_GROUPS

DAYS_PER_YEAR: Final = 365.25


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
ONSET_BY_AGE: Final = (
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
    notes: tuple[str, ...] = ()
    """What was imperfect in the input but could still be read: warnings for the person."""

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


def onset_term(years: float) -> str:
    """The HPO onset term for weakness that began at this age."""
    if years == 0:
        return "HP:0003577"  # congenital: present at birth
    for term_id in ONSET_BY_AGE:
        if years < ONSET_TERMS[term_id][2]:
            return term_id
    return ONSET_BY_AGE[-1]


def age_fact(finding: str, case: Case) -> bool | None:
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
