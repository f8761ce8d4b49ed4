"""The question loop over scripted input: banners, the pause after an emergency, endings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import MINIMAL
from weakcli.kb.load import load_kb
from weakcli.triage.engine import Model, State, compile_model
from weakcli.triage.interview import GO_ON, Outcome, farewell, run


class Script:
    """Answers typed one after the other; everything said is kept."""

    def __init__(self, *lines: str) -> None:
        self._lines: Iterator[str] = iter(lines)
        self.said: list[str] = []
        self.asked: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def ask(self, prompt: str) -> str:
        self.asked.append(prompt)
        try:
            return next(self._lines)
        except StopIteration:
            raise EOFError from None


@pytest.fixture(scope="module")
def model() -> Model:
    return compile_model(load_kb(MINIMAL, use_cache=False))


def play(model: Model, script: Script) -> Outcome:
    return run(model, State(), script, lambda state: None)


def banners(script: Script) -> list[str]:
    return [text.splitlines()[1] for text in script.said if text.startswith("!!!!")]


def test_no_after_an_emergency_banner_stops_the_questions(model: Model) -> None:
    script = Script("30", "2", "1", "n")  # struggling to breathe
    outcome = play(model, script)
    assert outcome.ending == "emergency"
    assert outcome.state.answers[2:] == (("danger_now", "breathing_difficulty"),)
    assert banners(script) == ["!! EMERGENCY: CALL AN AMBULANCE NOW"]
    assert script.asked == ["> ", "> ", "> ", GO_ON]


def test_no_answer_to_the_pause_counts_as_no(model: Model) -> None:
    assert play(model, Script("30", "2", "1")).ending == "emergency"


def test_one_banner_while_the_level_does_not_rise(model: Model) -> None:
    # Breathing (ambulance), then weakness and no events before it: nothing more urgent.
    script = Script("30", "2", "1", "y", "1", "none", "q")
    outcome = play(model, script)
    assert outcome.ending == "quit"
    assert outcome.state.answers[-2:] == (("complaint", "has_weakness"), ("events_before", "none"))
    assert banners(script) == ["!! EMERGENCY: CALL AN AMBULANCE NOW"]
    assert script.asked.count(GO_ON) == 1


def test_a_rising_level_gets_its_banner(model: Model) -> None:
    # Vomiting blood (emergency department), then the fixture's stroke signs (ambulance).
    script = Script("30", "2", "11", "y", "none", "none", "none", "yes", "y", "q")
    outcome = play(model, script)
    assert outcome.state.answers[-1] == ("stroke_signs_seen", "yes")
    assert banners(script) == [
        "!! EMERGENCY: GO TO AN EMERGENCY DEPARTMENT NOW",
        "!! EMERGENCY: CALL AN AMBULANCE NOW",
    ]


def test_several_numbers_answer_a_which_question(model: Model) -> None:
    script = Script("30", "2", "2 3", "q")
    outcome = play(model, script)
    assert outcome.state.answers[2:] == (("danger_now", "chest_pain,confusion"),)


def test_stopping_early_shows_the_most_urgent_banner_once(model: Model) -> None:
    script = Script("30", "2", "11", "y", "none", "none", "none", "yes", "y", "q")
    outcome = play(model, script)
    text = farewell(model, outcome)
    assert text.count("!! EMERGENCY") == 1
    assert text.splitlines()[1] == "!! EMERGENCY: CALL AN AMBULANCE NOW"
    assert text.endswith("Saved. Continue with: weakcli triage --resume")
