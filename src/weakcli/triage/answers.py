"""Answers files: a YAML or JSON mapping of question id to answer, read by the reader's rules.

An answer is read as if it had been typed (a value, a label or a number); a question the
knowledge base does not have, or an answer it does not offer, is an error at its
`FILE:LINE:COLUMN`.
"""

from __future__ import annotations

from pathlib import Path

from weakcli.errors import InputError
from weakcli.kb.checks import did_you_mean
from weakcli.kb.reader import file_label, load_path, locate, problem_at
from weakcli.triage.engine import Model, State, answer
from weakcli.triage.interview import interpret


def read_answers(model: Model, path: Path) -> State:
    """A State from an answers file: a mapping of question id to answer."""
    name = file_label(path)
    text, data = load_path(path)
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a mapping of question id to answer")
    state = State()

    def fail(key: str, message: str) -> InputError:
        where = locate(text, [(key,)]).get((key,))  # only on error: it reads the file again
        return InputError(problem_at(name, where, (key,), message))

    for key, value in data.items():
        question = model.questions.get(key)
        if question is None:
            raise fail(key, f"unknown question '{key}'{did_you_mean(key, model.questions)}")
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if question.kind == "age" and number:
            value = f"{value:g}"  # YAML and JSON give an age as a number
        meaning = interpret(question, value) if isinstance(value, str) else None
        if meaning in (None, "why", "back", "quit"):
            allowed = ", ".join(value for value, _ in question.choices)
            raise fail(key, f"not an answer to this question (one of: {allowed})")
        state = answer(model, state, key, str(meaning))
    return state
