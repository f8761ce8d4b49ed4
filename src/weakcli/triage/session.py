"""Saved triage sessions, one JSON file each in the user's data folder, and running one.

A session is saved after every answer, atomically, so Ctrl-C, a closed terminal or the end of
input never loses more than the answer being typed. New sessions never overwrite old ones:
`--resume` continues the newest unfinished one, and a finished one can be exported later.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from weakcli import __version__
from weakcli.clock import now
from weakcli.errors import InputError
from weakcli.files import write_atomic
from weakcli.triage.engine import Model, State, assess, compile_model
from weakcli.triage.interview import Io, Outcome, run
from weakcli.triage.report import Report, build_report

if TYPE_CHECKING:
    from weakcli.kb.store import KB

SESSION_FORMAT: Final = 1
ENV_DATA: Final = "WEAKCLI_DATA_DIR"


def data_dir() -> Path:
    configured = os.environ.get(ENV_DATA)
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("weakcli", appauthor=False))


def sessions_dir() -> Path:
    return data_dir() / "sessions"


@dataclass(frozen=True)
class Session:
    path: Path
    started: str
    """ISO 8601 time in UTC, to the second."""
    kb_version: str
    kb_sha256: str
    state: State
    finished: bool = False

    def to_json(self) -> str:
        document = {
            "format": SESSION_FORMAT,
            "weakcli": __version__,
            "started": self.started,
            "kb_version": self.kb_version,
            "kb_sha256": self.kb_sha256,
            "finished": self.finished,
            "answers": [{"question": q, "answer": a} for q, a in self.state.answers],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def new_session(kb_version: str, kb_sha256: str, started: str | None = None) -> Session:
    started = started or now()
    stamp = started.replace(":", "").replace("-", "")
    directory = sessions_dir()
    path = directory / f"session-{stamp}.json"
    suffix = 1
    while path.exists():
        suffix += 1
        path = directory / f"session-{stamp}-{suffix}.json"
    return Session(path, started, kb_version, kb_sha256, State())


def save(session: Session) -> None:
    session.path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(session.path, session.to_json(), force=True, private=True)


class SessionFileError(InputError):
    """A file that should hold a saved session and does not: damaged, truncated or foreign."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: not a weakcli session file ({problem})")


def load(path: Path) -> Session:
    """A saved session; a clear one-line error for anything that is not one."""
    from weakcli.errors import WeakcliError
    from weakcli.kb.reader import read_bytes

    try:
        document = json.loads(read_bytes(path))
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string")
        what = "it ends early" if cut else exc.msg.lower()
        raise SessionFileError(path, f"not valid JSON: {what}, line {exc.lineno}") from None
    except UnicodeDecodeError:
        raise SessionFileError(path, "not UTF-8 text") from None
    except WeakcliError as exc:
        raise InputError(exc.message) from None
    problem = _problem(document)
    if problem:
        raise SessionFileError(path, problem)
    answers = tuple((item["question"], item["answer"]) for item in document["answers"])
    return Session(
        path,
        document["started"],
        document["kb_version"],
        document["kb_sha256"],
        State(answers),
        document["finished"],
    )


def _problem(document: object) -> str | None:
    if not isinstance(document, dict):
        return "the top level is not an object"
    if document.get("format") != SESSION_FORMAT:
        return f"format is not {SESSION_FORMAT}"
    for key in ("started", "kb_version", "kb_sha256"):
        if not isinstance(document.get(key), str):
            return f"'{key}' is missing or not text"
    if not isinstance(document.get("finished"), bool):
        return "'finished' is missing or not true/false"
    answers = document.get("answers")
    if not isinstance(answers, list):
        return "'answers' is missing or not a list"
    for index, item in enumerate(answers):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("question"), str)
            and isinstance(item.get("answer"), str)
        ):
            return f"answers[{index}] needs 'question' and 'answer' as text"
    return None


def latest_unfinished() -> Session | None:
    """The newest unfinished session, or None.

    Raises SessionFileError when the newest saved file that could be unfinished is damaged:
    it may hold the person's answers, so it is named and kept, never skipped in silence.
    """
    directory = sessions_dir()
    if not directory.is_dir():
        return None
    for path in sorted(directory.glob("session-*.json"), reverse=True):
        session = load(path)
        if not session.finished:
            return session
    return None


def set_aside(path: Path) -> Path:
    """Rename a damaged session file out of the way, keeping it: FILE.damaged (or -2, -3, ...)."""
    target = path.with_name(path.name + ".damaged")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{number}")
    path.rename(target)
    return target


def choose(
    kb_version: str,
    kb_sha256: str,
    *,
    resume: bool,
    new: bool,
    confirm: Callable[[Session], bool],
    damaged: Callable[[SessionFileError, bool], None],
) -> tuple[Session, bool]:
    """The session to run and whether it is resumed: `--new` starts one, `--resume` continues
    the newest unfinished one, and otherwise `confirm(unfinished)` decides.

    When the newest saved file is damaged, `damaged(error, resume)` either stops (by raising)
    or sets it aside, and a new session starts.
    """
    try:
        current = None if new else latest_unfinished()
    except SessionFileError as error:
        damaged(error, resume)
        current, resume = None, False  # the person chose a new session
    if resume and current is None:
        raise InputError("there is no unfinished session to resume; start one with: weakcli triage")
    if current is not None and (resume or confirm(current)):
        return current, True
    return new_session(kb_version, kb_sha256), False


def interview(model: Model, session: Session, io: Io) -> tuple[Session, Outcome]:
    """Run the interview over the session's answers, saving after every answer and once more,
    marked finished, when it runs to its end. A session stopped at an emergency stays
    unfinished, so the person can go on later, for information."""
    current = session
    kb = model.kb

    def keep(state: State) -> None:
        nonlocal current
        current = replace(current, kb_version=kb.version, kb_sha256=kb.sha256, state=state)
        save(current)

    outcome = run(model, session.state, io, keep)
    if outcome.ending == "finished":
        current = replace(
            current, kb_version=kb.version, kb_sha256=kb.sha256, state=outcome.state, finished=True
        )
        save(current)
    return current, outcome


def saved_report(kb: KB, saved: Session) -> Report:
    """The report of a saved session, dated when the session started, so it is repeatable.

    Answers to questions this knowledge base does not have are left out.
    """
    model = compile_model(kb)
    known = tuple((q, a) for q, a in saved.state.answers if q in model.questions)
    state = State(known, saved.state.facts)
    return build_report(
        model, state, assess(model, state), created=saved.started, complete=saved.finished
    )
