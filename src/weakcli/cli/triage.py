"""`weakcli triage`: the guided session, scripted answers, and the result in any format."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from weakcli.errors import EXIT_ERROR, EXIT_INTERRUPTED, InputError, UsageError

if TYPE_CHECKING:
    from weakcli.triage.engine import Model, State
    from weakcli.triage.report import Report
    from weakcli.triage.session import Session, SessionFileError


class TriageFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class StreamIo:
    """Questions and prompts for a person (or a pipe); results never go through here."""

    def __init__(self, out: TextIO, interactive: bool) -> None:
        self.out = out
        self.interactive = interactive

    def say(self, text: str) -> None:
        if self.interactive:
            text = _wrap(text)
        print(text, file=self.out, flush=True)

    def ask(self, prompt: str) -> str:
        try:
            if self.interactive:
                return input(prompt)
            self.out.write(prompt)
            self.out.flush()
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")
        except (EOFError, KeyboardInterrupt):
            self.say("")  # end the prompt's line before whatever is said next
            raise


def triage(
    ctx: typer.Context,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer from a YAML or JSON file of question id: answer, without asking.",
        ),
    ] = None,
    output_format: Annotated[
        TriageFormat, typer.Option("--format", "-f", help="How to print the result.")
    ] = TriageFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the result to FILE ('-' for stdout)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last unfinished session.")
    ] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Start a new session even if one is unfinished.")
    ] = False,
    hpo: Annotated[
        list[str] | None,
        typer.Option(
            "--hpo",
            metavar="HP:ID",
            help="An observed HPO term (repeat for more); no questions are asked.",
        ),
    ] = None,
    no_hpo: Annotated[
        list[str] | None,
        typer.Option("--no-hpo", metavar="HP:ID", help="An excluded HPO term (repeat for more)."),
    ] = None,
    phenopacket: Annotated[
        bool,
        typer.Option(
            "--phenopacket",
            help="Triage the FILEs as GA4GH phenopackets (v2 JSON; a directory means every "
            "*.json in it), one result each, without asking.",
        ),
    ] = False,
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", help="Phenopackets, with --phenopacket."),
    ] = None,
) -> None:
    """Screen for emergencies, ask the most useful questions, and explain possible causes.

    Answers: a number or word from the list; ? explains why a question is asked, b goes back,
    q saves and quits. The session is saved after every answer (resume with --resume).

    With --hpo/--no-hpo or --phenopacket, nothing is asked: the result comes from the terms.

    Example: weakcli triage --answers answers.yaml --format json

    Example: weakcli triage --hpo HP:0003701 --hpo HP:0003236 --no-hpo HP:0001250

    Example: weakcli triage --phenopacket cases/ --format jsonl
    """
    if hpo or no_hpo or phenopacket or files:
        if answers is not None or resume or new:
            raise UsageError(
                "--hpo, --no-hpo and --phenopacket cannot be used with --answers, --resume or --new"
            )
        _phenotypes(
            ctx, hpo or [], no_hpo or [], phenopacket, files or [], output_format, output, force
        )
        return
    from weakcli.cli.output import refuse_existing
    from weakcli.kb.load import load_kb, resolve_kb_path
    from weakcli.triage.engine import compile_model, evidence, raised_flags

    refuse_existing(None if output is None else str(output), force=force)
    kb = load_kb(resolve_kb_path(ctx.obj["kb"]))
    model = compile_model(kb)

    if answers is not None:
        if resume:
            raise UsageError("--answers and --resume cannot be used together")
        state = read_answers(model, answers)
        _finish(model, state, output_format, output, force)
        return

    from dataclasses import replace

    from weakcli import DISCLAIMER
    from weakcli.triage import session as sessions
    from weakcli.triage.interview import emergency_banner, run

    interactive = sys.stdin.isatty()
    io = StreamIo(sys.stdout if interactive and sys.stdout.isatty() else sys.stderr, interactive)
    io.interactive = interactive and sys.stdout.isatty()
    try:
        current = sessions.latest_unfinished() if not new else None
    except sessions.SessionFileError as damaged:
        _start_afresh(io, damaged, resume=resume, can_ask=interactive)
        current, resume = None, False  # the person chose a new session
    if resume and current is None:
        raise InputError("there is no unfinished session to resume; start one with: weakcli triage")
    if current is not None and not resume:
        current = current if interactive and _ask_resume(io, current) else None
    if current is None:
        current = sessions.new_session(kb.version, kb.sha256)
    else:
        count = len(current.state.answers)
        io.say(f"Resuming the session started {current.started} ({count} answers).")
    session = current
    io.say(DISCLAIMER)  # each question starts with a blank line of its own

    def save(state: State) -> None:
        nonlocal session
        session = replace(session, kb_version=kb.version, kb_sha256=kb.sha256, state=state)
        sessions.save(session)

    outcome = run(model, session.state, io, save)
    raised = raised_flags(model, evidence(model, outcome.state))
    if outcome.ending != "finished":
        if not outcome.state.answers and outcome.ending == "end_of_input" and not resume:
            raise InputError(
                "no answers were given (standard input ended); answer at a terminal, pipe "
                "answers one per line, or use --answers FILE"
            )
        for flag in raised:
            io.say(emergency_banner(model, flag))
        message = {
            "quit": "Saved.",
            "end_of_input": "Input ended; your answers are saved.",
            "interrupted": "Interrupted; your answers are saved.",
            "gave_up": "Too many answers could not be understood; your answers are saved.",
        }[outcome.ending]
        io.say(f"{message} Continue with: weakcli triage --resume")
        code = {"quit": 0, "gave_up": EXIT_ERROR}.get(outcome.ending, EXIT_INTERRUPTED)
        raise typer.Exit(code)
    sessions.save(
        replace(
            session,
            kb_version=kb.version,
            kb_sha256=kb.sha256,
            state=outcome.state,
            finished=True,
        )
    )
    report = _finish(model, outcome.state, output_format, output, force)
    if io.interactive and output is None:
        _offer_markdown(report, io)


def _start_afresh(io: StreamIo, damaged: SessionFileError, *, resume: bool, can_ask: bool) -> None:
    """A damaged saved session is named and kept; with --resume the person chooses what next."""
    from weakcli.triage.session import set_aside

    problem = f"{damaged.path}: this saved session cannot be read ({damaged.problem})"
    if resume:
        if not can_ask:
            raise InputError(
                f"{problem}; it is kept as it is. Start afresh with: weakcli triage --new"
            )
        io.say(f"{problem}.")
        try:
            reply = io.ask("Set it aside and start a new session? [y/N] ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            reply = ""
        if reply not in ("y", "yes"):
            io.say("Nothing was changed.")
            raise typer.Exit(EXIT_ERROR)
    kept = set_aside(damaged.path)
    io.say(f"{problem}; it is kept as {kept.name}. Starting a new session.")


def _ask_resume(io: StreamIo, current: Session) -> bool:
    io.say(
        f"You have an unfinished session from {current.started} with "
        f"{len(current.state.answers)} answers."
    )
    try:
        reply = io.ask("Continue it? [Y/n] ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        raise typer.Exit(EXIT_INTERRUPTED) from None
    return reply in ("", "y", "yes")


def _finish(
    model: Model, state: State, output_format: TriageFormat, output: Path | None, force: bool
) -> Report:
    """Assess, print or write the result, and return it (for the Markdown offer)."""
    from weakcli.cli.output import emit
    from weakcli.clock import now
    from weakcli.triage.engine import assess
    from weakcli.triage.report import build_report

    report = build_report(model, state, assess(model, state), created=now())
    emit(_render(report, output_format), None if output is None else str(output), force=force)
    return report


def _render(report: Report, output_format: TriageFormat) -> str:
    from weakcli.triage.report import render_json, render_markdown, render_text

    if output_format is TriageFormat.json:
        return render_json(report)
    if output_format is TriageFormat.jsonl:
        from weakcli.phenotype.matcher import render_json_line

        return render_json_line(report)
    if output_format is TriageFormat.markdown:
        return render_markdown(report)
    return render_text(report, width=_width())


def _phenotypes(
    ctx: typer.Context,
    observed: list[str],
    excluded: list[str],
    phenopacket: bool,
    files: list[Path],
    output_format: TriageFormat,
    output: Path | None,
    force: bool,
) -> None:
    """Triage HPO terms or phenopackets without asking; a bad file is reported and skipped."""
    from weakcli.cli.output import emit, refuse_existing, write_stdout
    from weakcli.clock import now
    from weakcli.kb.load import load_kb, resolve_kb_path
    from weakcli.phenotype.matcher import (
        Matcher,
        expand_inputs,
        hpo_case,
        read_phenopacket,
        render_markdown_section,
        render_text_section,
        triage_case,
    )
    from weakcli.triage.engine import compile_model

    if files and not phenopacket:
        raise UsageError("give --phenopacket to read phenopacket files")
    if phenopacket and (observed or excluded):
        raise UsageError("--hpo/--no-hpo and --phenopacket cannot be used together")
    if phenopacket and not files:
        raise UsageError("--phenopacket needs at least one FILE or directory")
    inputs: list[Path | None] = [*expand_inputs(files)] if phenopacket else [None]
    if output_format is TriageFormat.json and len(inputs) > 1:
        raise UsageError(
            f"--format json writes one result, and there are {len(inputs)} inputs; "
            "use --format jsonl for one line per input"
        )
    to_stdout = output is None or str(output) == "-"
    refuse_existing(None if to_stdout else str(output), force=force)
    if not phenopacket:
        hpo_case(observed, excluded)  # bad ids fail before the ontology is loaded
    kb = load_kb(resolve_kb_path(ctx.obj["kb"]))
    model = compile_model(kb)
    matcher = Matcher(kb)
    created = now()
    chunks: list[str] = []
    failed = False
    for path in inputs:
        try:
            case = read_phenopacket(path) if path is not None else hpo_case(observed, excluded)
        except InputError as exc:
            print(f"Error: {exc.message}", file=sys.stderr, flush=True)
            failed = True
            continue
        result = triage_case(model, matcher, case, created=created)
        for warning in result.warnings:
            print(f"Warning: {warning}", file=sys.stderr, flush=True)
        report = result.report
        # How soon to seek care comes first, as in every result; then what was read.
        text = _render(report, output_format)
        if output_format is TriageFormat.markdown:
            rule = "\n---\n\n" if chunks else ""
            text = rule + text + "\n" + render_markdown_section(report)
        elif output_format is TriageFormat.text:
            rule = "\n" if chunks else ""
            text = rule + text + "\n" + render_text_section(report, _width())
        chunks.append(text)
        if to_stdout:
            write_stdout(text)
    if not to_stdout and chunks:
        emit("".join(chunks), str(output), force=force)
    if failed:
        raise typer.Exit(EXIT_ERROR)


def _wrap(text: str) -> str:
    """Each line wrapped to the terminal, continuation lines indented like the line itself."""
    import textwrap

    width = _width()
    lines = []
    for line in text.splitlines() or [""]:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        if line.lstrip().startswith(tuple(f"{n}. " for n in range(1, 10))):
            indent += "   "
        elif line.startswith("!! "):
            indent = "!! "  # an emergency banner stays one block
        wrapped = textwrap.wrap(
            line,
            width=width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines += wrapped or [""]
    return "\n".join(lines)


def _width() -> int:
    import shutil

    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def _offer_markdown(report: Report, io: StreamIo) -> None:
    """Offer to save the result just shown as Markdown, asking again if the name is taken."""
    from weakcli.files import write_atomic
    from weakcli.triage.report import render_markdown

    for _ in range(3):
        try:
            name = io.ask(
                "Save this as a Markdown report for your appointment? Type a file name, or "
                "press Enter to skip: "
            ).strip()
        except (EOFError, KeyboardInterrupt):
            return
        if not name:
            return
        path = Path(name)
        try:
            write_atomic(path, render_markdown(report))
        except InputError as exc:
            io.say(f"{exc.message}. Choose another name.")
            continue
        io.say(f"Saved {path}")
        return


def read_answers(model: Model, path: Path) -> State:
    """A State from an answers file: a mapping of question id to answer."""
    from weakcli.kb.reader import file_label, load_path, locate, problem_at
    from weakcli.triage.engine import State, answer
    from weakcli.triage.interview import interpret

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
            from weakcli.kb.checks import did_you_mean

            raise fail(key, f"unknown question '{key}'{did_you_mean(key, model.questions)}")
        meaning = interpret(question, value) if isinstance(value, str) else None
        if meaning in (None, "why", "back", "quit"):
            allowed = ", ".join(value for value, _ in question.choices)
            raise fail(key, f"not an answer to this question (one of: {allowed})")
        state = answer(model, state, key, str(meaning))
    return state
