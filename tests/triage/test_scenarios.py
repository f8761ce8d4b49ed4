"""Vignettes on the shipped knowledge base: each cause's typical profile ranks it in the top 3,
each red-flag rule raises its flag from any input, and the screen never hides a rule that the
evidence would make hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from weakcli.kb.load import load_kb
from weakcli.kb.store import KB
from weakcli.kb.vocab import AGE_SHARE_WEIGHT, URGENCIES
from weakcli.triage.engine import (
    NO,
    NONE_OF_THESE,
    UNKNOWN,
    YES,
    Model,
    Question,
    State,
    answer,
    askable,
    assess,
    compile_model,
    demographics,
    evidence,
    next_question,
    raised_flags,
    screen_question,
    with_facts,
)

KB_ = load_kb()
MODEL = compile_model(KB_)
TYPICAL = ("obligate", "very_frequent", "frequent")
BAND_AGES = {"child": 10.0, "young_adult": 30.0, "middle": 50.0, "older": 70.0}


def reply(question: Question, present: set[str], absent: set[str]) -> str:
    """The answer of a person who has `present` and lacks `absent`; don't know otherwise."""
    if question.kind == "which":
        picked = [f for f in question.findings if f in present]
        if picked:
            return ",".join(picked)
        return NONE_OF_THESE if set(question.findings) <= absent else UNKNOWN
    if question.kind == "yes_no":
        (finding,) = question.findings
        return YES if finding in present else NO if finding in absent else UNKNOWN
    best, value = 0, UNKNOWN
    for choice, sets, _ in question.effects:
        if len(sets & present) > best:
            best, value = len(sets & present), choice
    return value


def typical_person(kb: KB, cause_id: str) -> State:
    """A person of the cause's most typical age and sex."""
    people = kb.causes[cause_id]["people"]
    band = max(people["age"], key=lambda b: AGE_SHARE_WEIGHT[people["age"][b]])
    sex = "female" if people["sex"].get("female", "even") != "almost_none" else "male"
    return State(facts=tuple(demographics(BAND_AGES[band], sex)))


def typical_answers(model: Model, kb: KB, cause_id: str) -> State:
    """Play the interview as a typical person with this cause would answer it."""
    cause = kb.causes[cause_id]
    present = {x["finding"] for x in cause["findings_for"] if x["frequency"] in TYPICAL}
    # A typical person has none of the warning signs their cause does not bring.
    warning = {f for _, rules in model.flags for rule in rules for f in rule.findings}
    absent = {x["finding"] for x in cause["findings_against"]} | (warning - present)
    state = typical_person(kb, cause_id)
    while (question := next_question(model, state)) is not None:
        state = answer(model, state, question.id, reply(question, present, absent))
    return state


@pytest.mark.parametrize("cause_id", sorted(KB_.causes))
def test_a_typical_profile_ranks_its_cause_in_the_top_3(cause_id: str) -> None:
    result = assess(MODEL, typical_answers(MODEL, KB_, cause_id))
    top = [c.id for c in result.causes[:3]]
    assert cause_id in top, f"{cause_id} ranked below {top}"


RULES = [
    (flag_id, index)
    for flag_id, flag in sorted(KB_.red_flags.items())
    for index in range(len(flag["rules"]))
]


@pytest.mark.parametrize(("flag_id", "index"), RULES)
def test_each_rule_raises_its_red_flag_from_facts(flag_id: str, index: int) -> None:
    """Facts alone (as from HPO terms or free text) raise the flag, with its urgency."""
    rule = KB_.red_flags[flag_id]["rules"][index]
    facts = [(f, True) for f in rule["all"]]
    facts += [(f, True) for f in rule["any"][:1]]
    facts += [(f, False) for f in rule["not"]]
    result = assess(MODEL, with_facts(State(), facts))
    flag = KB_.red_flags[flag_id]
    assert flag_id in result.red_flags
    assert URGENCIES.index(result.urgency) <= URGENCIES.index(flag["urgency"])
    reasons = [(r.level, r.source, r.id) for r in result.urgency_reasons]
    assert (flag["urgency"], "red_flag", flag_id) in reasons
    assert reasons[0][0] == result.urgency  # the most urgent reason sets the level


ASKABLE = sorted({f for question in MODEL.questions.values() for f in question.findings})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    present=st.sets(st.sampled_from(ASKABLE), max_size=8),
    age=st.sampled_from([None, 8.0, 30.0, 55.0, 75.0]),
    sex=st.sampled_from([None, "female", "male"]),
)
def test_the_screen_never_hides_a_rule_that_would_hold(
    present: set[str], age: float | None, sex: str | None
) -> None:
    """Whoever the person is, once the screen ends every red flag their findings make hold is
    raised: gating skips only questions that could not change a rule."""
    base = State(facts=tuple(demographics(age, sex)))
    truth = evidence(MODEL, with_facts(base, [(f, True) for f in present]))
    assume(all(truth.get(i) is not False for f in present for i in MODEL.implies[f]))
    assume(not any(s in present for f in present for s in MODEL.siblings.get(f, ())))
    has = {f for f, value in truth.items() if value}
    lacking = {f for f in ASKABLE if f not in has}
    state = base
    while screen_question(MODEL, state, evidence(MODEL, state)) is not None:
        question = next_question(MODEL, state)
        assert question is not None
        state = answer(MODEL, state, question.id, reply(question, has, lacking))
    full = with_facts(base, [(f, True) for f in has] + [(f, False) for f in lacking])
    expected = set(raised_flags(MODEL, evidence(MODEL, full)))
    assert set(raised_flags(MODEL, evidence(MODEL, state))) >= expected


def test_a_person_without_weakness_is_not_asked_about_weakness() -> None:
    state = State(facts=tuple(demographics(40.0, "male")))
    state = answer(MODEL, state, "danger_now", NONE_OF_THESE)
    state = answer(MODEL, state, "complaint", "has_pain")
    asked = []
    while (question := next_question(MODEL, state)) is not None:
        asked.append(question.id)
        state = answer(MODEL, state, question.id, UNKNOWN)
    weakness_only = {"pattern", "weakness_where", "weakness_course", "spread"}
    assert weakness_only.isdisjoint(asked), asked


def test_questions_about_symptoms_come_before_questions_about_tests() -> None:
    """Most people have had no tests yet, so tests come only after 'have you had tests?'."""
    state = State(facts=tuple(demographics(45.0, "female")))
    asked = []
    while len(asked) < 8 and (question := next_question(MODEL, state)) is not None:
        asked.append(question.id)
        value = NONE_OF_THESE if question.kind == "which" else question.choices[0][0]
        state = answer(MODEL, state, question.id, value)
    assert len(asked) == 8  # the session went on long enough to mean something
    assert MODEL.about_tests, "the knowledge base asks about test results"
    assert [q for q in asked if q in MODEL.about_tests] == []
    for had_tests, expected in (("no", set()), ("yes", set(MODEL.about_tests))):
        after = answer(MODEL, state, "had_tests", had_tests)
        found = evidence(MODEL, after)
        askable_tests = {q for q in MODEL.about_tests if askable(MODEL, found, after, q)}
        assert askable_tests == expected, had_tests


@pytest.mark.parametrize("cause_id", sorted(KB_.causes))
def test_advice_comes_only_from_likely_causes(cause_id: str) -> None:
    """Tests, treatments and sources in a result come from causes at DETAIL_MIN or more."""
    from weakcli.triage.report import DETAIL_MIN, build_report

    state = typical_answers(MODEL, KB_, cause_id)
    report = build_report(MODEL, state, assess(MODEL, state), created="2026-11-29T00:00:00Z")
    likely = {c["id"] for c in report["causes"] if c["probability"] >= DETAIL_MIN}
    likely.add(report["causes"][0]["id"])
    named = {
        part["cause"]
        for item in (*report["tests"], *report["treatments"])
        for part in item["for_causes"]
    }
    assert named <= likely


def test_stroke_signs_raise_the_warning_unless_the_onset_is_known_to_be_slow() -> None:
    """A drooping face and a weak side raise the stroke warning as soon as the onset is asked,
    even when the person does not know how fast it came (a tester found the banner two
    questions late); a slow onset known for months stops it."""
    state = State(facts=tuple(demographics(72.0, "male")))
    while (question := next_question(MODEL, state)) is not None and question.id != "head_and_face":
        value = "has_weakness" if question.id == "complaint" else NONE_OF_THESE
        if question.kind != "which":
            value = UNKNOWN
        state = answer(MODEL, state, question.id, value)
    assert question is not None
    signs = answer(MODEL, state, "head_and_face", "face_droop,one_side,slurred_speech")
    if "onset" not in signs.asked:
        assert raised_flags(MODEL, evidence(MODEL, signs)) == []  # not before the onset
        question = next_question(MODEL, signs)
        assert question is not None
        assert question.id == "onset"
    for onset, raised in (("unknown", True), ("sudden", True), ("months_years", False)):
        state = answer(MODEL, signs, "onset", onset)
        assert ("stroke_signs" in raised_flags(MODEL, evidence(MODEL, state))) is raised, onset
