"""The triage engine: probabilities, red flags first, explanations, determinism."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL
from weakcli.kb.load import load_kb
from weakcli.triage.engine import (
    MAX_QUESTIONS,
    UNKNOWN,
    Model,
    State,
    answer,
    assess,
    compile_model,
    evidence,
    next_question,
    probabilities,
    stated,
    take_back,
)


@pytest.fixture(scope="module")
def model() -> Model:
    return compile_model(load_kb(MINIMAL, use_cache=False))


def total(model: Model, state: State) -> float:
    posterior, none_fits = probabilities(model, state)
    return sum(posterior) + none_fits


def test_age_and_sex_then_the_warning_signs_come_first(model: Model) -> None:
    age = next_question(model, State())
    assert age is not None
    assert (age.id, age.kind) == ("age", "age")
    state = answer(model, State(), "age", "42")
    sex = next_question(model, state)
    assert sex is not None
    assert (sex.id, [value for value, _ in sex.choices]) == ("sex", ["female", "male", "unknown"])
    state = answer(model, state, "sex", "female")
    found = evidence(model, state)
    assert (found["age_middle"], found["age_50_plus"], found["sex_female"]) == (True, False, True)
    question = next_question(model, state)
    assert question is not None
    assert (question.id, question.kind, question.topic) == ("danger_now", "which", "warning signs")
    values = [value for value, _ in question.choices]
    assert values[-2:] == ["none", "unknown"]
    assert values[:-2] == list(question.findings)


def test_a_which_question_takes_several_findings(model: Model) -> None:
    state = answer(model, State(), "danger_now", "chest_pain,breathing_difficulty")
    assert state.answers == (("danger_now", "breathing_difficulty,chest_pain"),)
    found = evidence(model, state)
    assert found["breathing_difficulty"] is found["chest_pain"] is True
    assert found["confusion"] is False
    assert assess(model, state).red_flags == ("breathing_trouble", "chest_pain_or_collapse")


def test_a_red_flag_sets_the_urgency_at_once(model: Model) -> None:
    state = answer(model, State(), "stroke_signs_seen", "yes")
    result = assess(model, state)
    assert result.urgency == "emergency_ambulance"
    assert result.red_flags == ("fixture_stroke",)
    assert result.urgency_reasons[0].source == "red_flag"
    assert result.urgency_reasons[0].text == (
        "Call the emergency number now and note the time the symptoms began."
    )


def test_probabilities_sum_to_one_with_none_fits(model: Model) -> None:
    state = answer(model, State(), "stroke_signs_seen", "no")
    state = answer(model, state, "start", "days")
    assert math.isclose(total(model, state), 1.0)
    result = assess(model, state)
    assert [c.id for c in result.causes] == ["muscle_strain", "gbs", "stroke"]
    assert 0 < result.none_fits < 1


def test_dont_know_is_neutral(model: Model) -> None:
    known = answer(model, State(), "stroke_signs_seen", "no")
    unsure = answer(model, known, "side", UNKNOWN)
    assert probabilities(model, unsure) == probabilities(model, known)


def test_every_ranked_cause_explains_itself(model: Model) -> None:
    state = answer(model, State(), "stroke_signs_seen", "no")
    state = answer(model, state, "start", "sudden")
    state = answer(model, state, "side", "yes")
    stroke = next(c for c in assess(model, state).causes if c.id == "stroke")
    assert [(r.finding, r.present) for r in stroke.reasons_for] == [
        ("one_sided", True),
        ("sudden_start", True),
    ]
    assert [(r.finding, r.present) for r in stroke.reasons_against] == [("rf_stroke", False)]
    assert stroke.reasons_for[0].ratio == pytest.approx(0.85 / 0.15)


def test_an_answer_can_be_taken_back(model: Model) -> None:
    first = answer(model, State(), "stroke_signs_seen", "no")
    second = answer(model, first, "start", "sudden")
    assert take_back(second) == first
    assert answer(model, second, "start", "days").answers == (
        ("stroke_signs_seen", "no"),
        ("start", "days"),
    )


def test_bad_answers_are_refused(model: Model) -> None:
    from weakcli.errors import InputError

    with pytest.raises(InputError, match=r"'200' is not an age: give the age in years, from 0"):
        answer(model, State(), "age", "200")

    with pytest.raises(InputError, match="unknown question 'nope'"):
        answer(model, State(), "nope", "yes")
    with pytest.raises(
        InputError,
        match=r"'maybe' is not an answer to 'side' \(choose one of: "
        r"yes, no, unknown\)",
    ):
        answer(model, State(), "side", "maybe")


def test_the_session_stops(model: Model) -> None:
    state = State()
    for _ in range(MAX_QUESTIONS + 5):
        question = next_question(model, state)
        if question is None:
            break
        state = answer(model, state, question.id, question.choices[0][0])
    assert next_question(model, state) is None


@st.composite
def answer_sequences(draw: st.DrawFn, model: Model) -> list[tuple[str, str]]:
    ids = sorted(model.questions)
    steps = draw(st.lists(st.sampled_from(ids), max_size=12))
    return [(q, draw(st.sampled_from([v for v, _ in model.questions[q].choices]))) for q in steps]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_sequence_of_answers_is_safe(model: Model, data: st.DataObject) -> None:
    steps = data.draw(answer_sequences(model))
    state = State()
    for question_id, value in steps:
        state = answer(model, state, question_id, value)
        result = assess(model, state)
        assert math.isclose(sum(c.probability for c in result.causes) + result.none_fits, 1.0)
        assert result == assess(model, state)  # deterministic
        if state.value("stroke_signs_seen") == "yes":
            assert result.urgency == "emergency_ambulance"
        next_question(model, state)


def brute_force_gain(model: Model, state: State, question_id: str) -> float:
    """Expected information gain computed the slow, obvious way: answer, assess, entropy."""
    from weakcli.triage.engine import entropy

    question = model.questions[question_id]
    posterior, none_fits = probabilities(model, state)
    before = entropy([*posterior, none_fits])
    weights: list[float] = []
    entropies: list[float] = []
    known = stated(model, state)
    for value, present, absent in question.effects:
        if any(known.get(f) is False for f in present) or any(known.get(f) for f in absent):
            continue  # contradicts what is known
        after = answer(model, state, question_id, value)
        # P(answer) = sum over outcomes of P(outcome) * P(answer's findings | outcome)
        found_before = stated(model, state)
        found_after = stated(model, after)
        new = {f: v for f, v in found_after.items() if f not in found_before}
        likelihood = 0.0
        for index, p in enumerate([*posterior, none_fits]):
            term = p
            for finding, present in new.items():
                prob = model.background[finding]
                if index < len(posterior):
                    for linked, linked_p in model.links.get(finding, ()):
                        if linked == index:
                            prob = linked_p
                term *= prob if present else 1 - prob
            likelihood += term
        weights.append(likelihood)
        post, none = probabilities(model, after)
        entropies.append(entropy([*post, none]))
    total = sum(weights)
    if not weights:
        return 0.0
    return before - sum(w / total * h for w, h in zip(weights, entropies, strict=True))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_fast_information_gain_matches_the_obvious_computation(
    model: Model, data: st.DataObject
) -> None:
    from weakcli.triage.engine import expected_gain

    state = State()
    for question_id, value in data.draw(answer_sequences(model)):
        state = answer(model, state, question_id, value)
    for question_id in sorted(model.questions):
        if question_id in state.asked:
            continue
        fast = expected_gain(model, state, model.questions[question_id])
        assert fast == pytest.approx(brute_force_gain(model, state, question_id), abs=1e-9)
