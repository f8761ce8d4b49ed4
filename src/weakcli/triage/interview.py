"""The question-and-answer loop, with the reading and writing injected.

The same loop serves a person at a terminal, answers piped on standard input, and the tests:
it reads lines through `Io.ask`, writes through `Io.say`, saves through a callback after every
answer, and returns how the session ended. It never prints or reads by itself.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from weakcli.kb.vocab import EMERGENCY_LEVELS, URGENCIES, URGENCY_LABELS
from weakcli.textsafe import clean
from weakcli.triage.engine import (
    NONE_OF_THESE,
    UNKNOWN,
    Model,
    Question,
    State,
    answer,
    evidence,
    next_question,
    progress,
    raised_flags,
    take_back,
    years_of,
)

MAX_ANSWER_LENGTH: Final = 200
MAX_INVALID: Final = 3

_YES: Final = frozenset({"y", "yes", "yeah", "yep", "true"})
_NO: Final = frozenset({"n", "no", "nope", "false"})
_UNKNOWN: Final = frozenset(
    {"d", "dk", "unknown", "don't know", "dont know", "do not know", "not sure", "unsure"}
)
_WHY: Final = frozenset({"?", "why", "help", "h"})
_BACK: Final = frozenset({"b", "back"})
_QUIT: Final = frozenset({"q", "quit", "exit", "stop"})

Command = Literal["why", "back", "quit"]
Ending = Literal["finished", "emergency", "quit", "end_of_input", "interrupted", "gave_up"]
"""How a session ended; "emergency": the person stopped after an emergency warning sign."""
GO_ON: Final = "Go on, for information only? [y/N] "


class Io(Protocol):
    def say(self, text: str) -> None: ...

    def ask(self, prompt: str) -> str:
        """One line typed by the person; EOFError at end of input, KeyboardInterrupt on Ctrl-C."""
        ...


@dataclass(frozen=True)
class Outcome:
    state: State
    ending: Ending


def normalise(text: str) -> str:
    """What was typed, made comparable: width, case, surrounding space, line ends, controls."""
    text = unicodedata.normalize("NFKC", clean(text.replace("\r", "")))
    text = text.replace("\u2019", "'")
    return " ".join(text.split()).lower()


def interpret(question: Question, typed: str) -> str | Command | None:
    """The answer value or command `typed` means for `question`, or None if it means nothing."""
    text = normalise(typed)
    if not text:
        return None
    if text in _WHY:
        return "why"
    if text in _BACK:
        return "back"
    if text in _QUIT:
        return "quit"
    if question.kind == "age":
        return _age(text)
    values = [value for value, _ in question.choices]
    if text.isdigit():
        number = int(text)
        return values[number - 1] if 1 <= number <= len(values) else None
    if text in _UNKNOWN:
        return UNKNOWN
    if question.kind == "which":
        return _which(question, text)
    if question.kind != "choice":
        if text in _YES:
            return "yes"
        if text in _NO:
            return "no"
    for value, label in question.choices:
        if text in (value.replace("_", " "), value, normalise(label)):
            return value
    starts = [value for value, label in question.choices if normalise(label).startswith(text)]
    return starts[0] if len(starts) == 1 and len(text) >= 3 else None


_MONTHS: Final = ("month", "months", "mo")
_YEARS: Final = ("year", "years", "yr", "yrs", "y")


def _age(text: str) -> str | None:
    """An age typed as '45', '45 years' or '6 months'; 'd' or 'prefer not to say' for none."""
    if text in _UNKNOWN or text.startswith("prefer not"):
        return UNKNOWN
    number, _, unit = text.partition(" ")
    years = years_of(number)
    if years is None:
        return None
    if unit in _MONTHS:
        years = years / 12
    elif unit and unit not in _YEARS:
        return None
    return f"{round(years, 2):g}"


def _which(question: Question, text: str) -> str | None:
    """A 'which of these' answer: numbers separated by spaces or commas, option ids separated
    by commas, or one option's words."""
    values = [value for value, _ in question.choices]
    offered = len(question.findings)
    if text in ("none", "none of these", "no", "n"):
        return NONE_OF_THESE
    parts = [part for part in text.replace(",", " ").split() if part not in ("and", "&")]
    if parts and all(part.isdigit() for part in parts):
        numbers = {int(part) for part in parts}
        if all(1 <= n <= offered for n in numbers):
            return ",".join(values[n - 1] for n in sorted(numbers))
        return None
    ids = [part.strip().replace(" ", "_") for part in text.split(",")]
    if len(ids) > 1 and all(part in question.findings for part in ids):
        return ",".join(f for f in question.findings if f in ids)
    for value, label in question.choices:
        if text in (value.replace("_", " "), value, normalise(label)):
            return value
    starts = [value for value, label in question.choices if normalise(label).startswith(text)]
    return starts[0] if len(starts) == 1 and len(text) >= 3 else None


def format_question(question: Question, number: int, remaining: int) -> str:
    lines = ["", f"Question {number} (about {remaining} left)", clean(question.text)]
    if question.kind == "age":
        lines.append("Type the age in years (or '6 months' for a baby), or d to skip.")
        return "\n".join(lines)
    for index, (_, label) in enumerate(question.choices, start=1):
        lines.append(f"  {index}. {clean(label)}")
    if question.kind == "which":
        lines.append("Type every number that applies, for example: 1 3")
    return "\n".join(lines)


HINT: Final = (
    "Type a number or a word from the list; ? explains why we ask, b goes back, q saves and quits."
)
EDUCATION_ONLY: Final = (
    "Because of the warning sign above, act on that advice first. You may go on answering, "
    "for education only."
)


def emergency_banner(model: Model, flag_id: str) -> str:
    flag = model.kb.red_flags[flag_id]
    label = URGENCY_LABELS[flag["urgency"]].upper()
    bar = "!" * 64
    return "\n".join(
        [bar, f"!! {label}", f"!! {clean(flag['name'])}", f"!! {clean(flag['action'])}", bar]
    )


def run(
    model: Model,
    state: State,
    io: Io,
    save: Callable[[State], None],
) -> Outcome:
    """Ask until the engine stops, the person quits, or input ends. Saves after every answer."""
    invalid = 0
    while True:
        question = next_question(model, state)
        if question is None:
            return Outcome(state, "finished")
        where = progress(model, state)
        io.say(format_question(question, where.asked, where.remaining))
        while True:
            try:
                typed = io.ask("> ")
            except EOFError:
                return Outcome(state, "end_of_input")
            except KeyboardInterrupt:
                return Outcome(state, "interrupted")
            if len(typed) > MAX_ANSWER_LENGTH:
                meaning: str | None = None
                io.say(f"That answer is too long (over {MAX_ANSWER_LENGTH} characters). {HINT}")
            else:
                meaning = interpret(question, typed)
                if meaning is None:
                    io.say(f"Sorry, that is not one of the answers. {HINT}")
            if meaning is None:
                invalid += 1
                if invalid >= MAX_INVALID:
                    return Outcome(state, "gave_up")
                continue
            invalid = 0
            break
        if meaning == "why":
            io.say(f"Why we ask: {clean(question.why)}")
            continue
        if meaning == "back":
            if state.answers:
                state = take_back(state)
                save(state)
            else:
                io.say("This is the first question; there is nothing to go back to.")
            continue
        if meaning == "quit":
            save(state)
            return Outcome(state, "quit")
        before = _most_urgent(model, state)
        state = answer(model, state, question.id, meaning)
        save(state)
        after = _most_urgent(model, state)
        if after is not None and after != before and _rises(model, before, after):
            # One banner each time the level rises; never a lower one after a higher one.
            io.say(emergency_banner(model, after))
            if model.kb.red_flags[after]["urgency"] in EMERGENCY_LEVELS:
                if not _goes_on(io):
                    return Outcome(state, "emergency")
                io.say(EDUCATION_ONLY)
                continue
            io.say(EDUCATION_ONLY)


def _rises(model: Model, before: str | None, after: str) -> bool:
    if before is None:
        return True
    flags = model.kb.red_flags
    return URGENCIES.index(flags[after]["urgency"]) < URGENCIES.index(flags[before]["urgency"])


def _most_urgent(model: Model, state: State) -> str | None:
    """The raised warning sign that sets the level now (the screen is most urgent first)."""
    raised = raised_flags(model, evidence(model, state))
    return raised[0] if raised else None


def _goes_on(io: Io) -> bool:
    """After an emergency banner: go on only if the person says so; no, or no answer, stops."""
    try:
        reply = io.ask(GO_ON)
    except (EOFError, KeyboardInterrupt):
        return False
    return normalise(reply) in _YES


ENDINGS: Final[dict[Ending, str]] = {
    "quit": "Saved.",
    "end_of_input": "Input ended; your answers are saved.",
    "interrupted": "Interrupted; your answers are saved.",
    "gave_up": "Too many answers could not be understood; your answers are saved.",
}


def farewell(model: Model, outcome: Outcome) -> str:
    """What is said when a session stops before its end: the warning signs raised, once more,
    then how to go on."""
    most_urgent = _most_urgent(model, outcome.state)
    banners = [] if most_urgent is None else [emergency_banner(model, most_urgent)]
    return "\n".join(
        [*banners, f"{ENDINGS[outcome.ending]} Continue with: weakcli triage --resume"]
    )
