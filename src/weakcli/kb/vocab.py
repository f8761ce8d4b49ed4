"""Closed vocabularies of the knowledge base, with their plain-language labels.

Cheap to import: the lookups, the triage engine and the renderers use these without pydantic.
"""

from __future__ import annotations

import math
from typing import Final, Literal, get_args

Urgency = Literal[
    "emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"
]
Category = Literal["neurological", "injury", "systemic"]
Level = Literal[
    "brain",
    "spinal_cord",
    "motor_neuron",
    "nerve_root",
    "peripheral_nerve",
    "neuromuscular_junction",
    "muscle",
    "musculoskeletal",
    "systemic",
]
Frequency = Literal["obligate", "very_frequent", "frequent", "occasional", "very_rare", "excluded"]
Prevalence = Literal["very_common", "common", "uncommon", "rare", "very_rare"]
Onset = Literal["sudden", "hours_to_days", "days_to_weeks", "weeks_to_months", "months_to_years"]
FindingKind = Literal[
    "complaint", "symptom", "sign", "history", "medicine", "exposure", "demographic", "test_result"
]
AgeBand = Literal["child", "young_adult", "middle", "older"]
AgeShare = Literal["most", "many", "some", "few", "almost_none"]
Sex = Literal["female", "male"]
SexShare = Literal["most", "more", "even", "almost_none"]
TestKind = Literal[
    "electrodiagnostic",
    "imaging",
    "blood",
    "urine",
    "spinal_fluid",
    "biopsy",
    "genetic",
    "breathing",
    "heart",
    "bedside",
]
TreatmentKind = Literal["medicine", "therapy", "procedure", "device", "self_care"]

# Most urgent first: the order of the ladder.
URGENCIES: Final[tuple[Urgency, ...]] = get_args(Urgency)
EMERGENCY_LEVELS: Final[frozenset[Urgency]] = frozenset(URGENCIES[:2])
"""The two emergency steps: call an ambulance, go to an emergency department."""
CATEGORIES: Final[tuple[Category, ...]] = get_args(Category)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)
FREQUENCIES: Final[tuple[Frequency, ...]] = get_args(Frequency)
PREVALENCES: Final[tuple[Prevalence, ...]] = get_args(Prevalence)
ONSETS: Final[tuple[Onset, ...]] = get_args(Onset)
FINDING_KINDS: Final[tuple[FindingKind, ...]] = get_args(FindingKind)
TEST_KINDS: Final[tuple[TestKind, ...]] = get_args(TestKind)
TREATMENT_KINDS: Final[tuple[TreatmentKind, ...]] = get_args(TreatmentKind)

URGENCY_LABELS: Final[dict[Urgency, str]] = {
    "emergency_ambulance": "Emergency: call an ambulance now",
    "emergency": "Emergency: go to an emergency department now",
    "consultation_24": "See a doctor within 24 hours",
    "consultation": "Book an appointment with a doctor",
    "self_care": "Self-care is usually enough; see a doctor if it does not settle",
}

# What to do, as the start of a sentence that names the warning signs.
URGENCY_ACTIONS: Final[dict[Urgency, str]] = {
    "emergency_ambulance": "Call an ambulance now for",
    "emergency": "Go to an emergency department now for",
    "consultation_24": "See a doctor within 24 hours for",
    "consultation": "Book an appointment with a doctor for",
    "self_care": "Mention to a doctor",
}

LEVEL_LABELS: Final[dict[Level, str]] = {
    "brain": "Brain",
    "spinal_cord": "Spinal cord",
    "motor_neuron": "Motor neurons",
    "nerve_root": "Nerve roots",
    "peripheral_nerve": "Peripheral nerves",
    "neuromuscular_junction": "Nerve-muscle junction",
    "muscle": "Muscle",
    "musculoskeletal": "Bones, joints, tendons and ligaments",
    "systemic": "Whole body (hormones, blood, metabolism)",
}

# HPO frequency bands (HP:0040280..HP:0040285) as the probability a finding is present.
FREQUENCY_PROBABILITY: Final[dict[Frequency, float]] = {
    "obligate": 0.97,
    "very_frequent": 0.85,
    "frequent": 0.5,
    "occasional": 0.15,
    "very_rare": 0.03,
    "excluded": 0.01,
}

FREQUENCY_LABELS: Final[dict[Frequency, str]] = {
    "obligate": "always",
    "very_frequent": "very often (80-99%)",
    "frequent": "often (30-79%)",
    "occasional": "sometimes (5-29%)",
    "very_rare": "rarely (1-4%)",
    "excluded": "almost never",
}

# Relative prior weight of each prevalence band among people who seek help for weakness.
PREVALENCE_WEIGHT: Final[dict[Prevalence, float]] = {
    "very_common": 10.0,
    "common": 4.0,
    "uncommon": 1.5,
    "rare": 0.5,
    "very_rare": 0.15,
}

AGE_BANDS: Final[tuple[AgeBand, ...]] = get_args(AgeBand)
AGE_BAND_FINDINGS: Final[dict[AgeBand, str]] = {
    "child": "age_child",
    "young_adult": "age_young_adult",
    "middle": "age_middle",
    "older": "age_older",
}
"""The demographic finding each age band sets, present for the person's band only."""
AGE_BAND_YEARS: Final[dict[AgeBand, tuple[float, float]]] = {
    "child": (0, 18),
    "young_adult": (18, 40),
    "middle": (40, 60),
    "older": (60, math.inf),
}
AGE_GROUPS: Final[tuple[tuple[str, float, float], ...]] = tuple(
    (AGE_BAND_FINDINGS[band], start, end) for band, (start, end) in AGE_BAND_YEARS.items()
)
"""Knowledge-base age findings: (finding id, from age, to age), in years, end excluded."""
AGE_BAND_LABELS: Final[dict[AgeBand, str]] = {
    "child": "under 18",
    "young_adult": "18 to 39",
    "middle": "40 to 59",
    "older": "60 and over",
}
# How a cause is spread over the age bands and the sexes: relative weights, normalised per cause.
AGE_SHARE_WEIGHT: Final[dict[AgeShare, float]] = {
    "most": 1.0,
    "many": 0.5,
    "some": 0.2,
    "few": 0.05,
    "almost_none": 0.005,
}
SEX_SHARE_WEIGHT: Final[dict[SexShare, float]] = {
    "most": 4.0,
    "more": 2.0,
    "even": 1.0,
    "almost_none": 0.02,
}

ONSET_LABELS: Final[dict[Onset, str]] = {
    "sudden": "sudden (seconds to minutes)",
    "hours_to_days": "over hours to a few days",
    "days_to_weeks": "over days to weeks",
    "weeks_to_months": "over weeks to months",
    "months_to_years": "slowly, over months to years",
}
