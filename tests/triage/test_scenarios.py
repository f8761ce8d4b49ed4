"""Vignettes on the shipped knowledge base: each cause's typical profile ranks it in the top 3,
and each red flag yields its urgency."""

from __future__ import annotations

import pytest

from weakcli.kb.load import load_kb
from weakcli.kb.store import KB
from weakcli.kb.vocab import URGENCIES
from weakcli.triage.engine import (
    NO,
    UNKNOWN,
    YES,
    Model,
    State,
    answer,
    assess,
    compile_model,
    next_question,
)

KB_ = load_kb()
MODEL = compile_model(KB_)
TYPICAL = ("obligate", "very_frequent", "frequent")


def typical_answers(model: Model, kb: KB, cause_id: str) -> State:
    """Answer every question as a typical person with this cause would."""
    cause = kb.causes[cause_id]
    present = {x["finding"] for x in cause["findings_for"] if x["frequency"] in TYPICAL}
    absent = {x["finding"] for x in cause["findings_against"]}
    state = State()
    for question_id in (*model.screen, *model.interview):
        question = model.questions[question_id]
        value = UNKNOWN
        if question.kind == "choice":
            best = 0
            for choice, sets, _ in question.effects:
                score = len(sets & present)
                if score > best:
                    best, value = score, choice
        else:
            ((_, sets, _), (_, _, clears)) = question.effects
            if sets & present:
                value = YES
            elif clears & absent or question.kind == "red_flag":
                value = NO
        state = answer(model, state, question_id, value)
    return state


@pytest.mark.parametrize("cause_id", sorted(KB_.causes))
def test_a_typical_profile_ranks_its_cause_in_the_top_3(cause_id: str) -> None:
    result = assess(MODEL, typical_answers(MODEL, KB_, cause_id))
    top = [c.id for c in result.causes[:3]]
    assert cause_id in top, f"{cause_id} ranked below {top}"


@pytest.mark.parametrize("flag_id", sorted(KB_.red_flags))
def test_each_red_flag_yields_its_urgency(flag_id: str) -> None:
    state = State()
    for other in MODEL.screen:
        state = answer(MODEL, state, other, YES if other == flag_id else NO)
    result = assess(MODEL, state)
    flag = KB_.red_flags[flag_id]
    assert URGENCIES.index(result.urgency) <= URGENCIES.index(flag["urgency"])
    assert result.red_flags == (flag_id,)
    reasons = [(r.level, r.source, r.id) for r in result.urgency_reasons]
    assert (flag["urgency"], "red_flag", flag_id) in reasons
    assert reasons[0][0] == result.urgency  # the most urgent reason sets the level


def test_questions_about_symptoms_come_before_questions_about_tests() -> None:
    """Most people have had no tests yet, so a test question must be far more telling."""
    state = State()
    for flag_id in MODEL.screen:
        state = answer(MODEL, state, flag_id, NO)
    asked = []
    for _ in range(6):
        question = next_question(MODEL, state)
        assert question is not None
        asked.append(question.id)
        state = answer(MODEL, state, question.id, question.choices[0][0])
    assert MODEL.about_tests, "the knowledge base asks about test results"
    assert [q for q in asked[:4] if q in MODEL.about_tests] == []


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
