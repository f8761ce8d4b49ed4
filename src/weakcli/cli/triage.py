"""`weakcli triage`: the guided session, scripted answers, and phenotype input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from weakcli.cli.options import ForceOption, FormatOption, OutputOption, kb_from
from weakcli.cli.phenotype import (
    FilesArgument,
    HpoOption,
    JobsOption,
    NoHpoOption,
    PhenopacketOption,
    phenotypes,
)
from weakcli.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, InputError, UsageError
from weakcli.render.formats import OutputFormat

if TYPE_CHECKING:
    from weakcli.triage.engine import Model, State


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
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    force: ForceOption = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last unfinished session.")
    ] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Start a new session even if one is unfinished.")
    ] = False,
    hpo: HpoOption = None,
    no_hpo: NoHpoOption = None,
    phenopacket: PhenopacketOption = False,
    files: FilesArgument = None,
    jobs: JobsOption = 1,
) -> None:
    """Screen for emergencies, ask the most useful questions, and explain possible causes.

    Answers: a number or word from the list; ? explains why a question is asked, b goes back,
    q saves and quits. The session is saved after every answer (resume with --resume).

    With --hpo/--no-hpo or --phenopacket, nothing is asked: the result comes from the terms.

    \b
    Example: weakcli triage --answers answers.yaml --format json

    \b
    Example: weakcli triage --hpo HP:0003701 --hpo HP:0003236 --no-hpo HP:0001250

    \b
    Example: weakcli triage --phenopacket cases/ --format jsonl --jobs 2
    """
    from weakcli.cli.output import emit, refuse_existing, renderer

    if hpo or no_hpo or phenopacket or files:
        if answers is not None or resume or new:
            raise UsageError(
                "--hpo, --no-hpo and --phenopacket cannot be used with --answers, --resume or --new"
            )
        code = phenotypes(
            ctx,
            hpo or [],
            no_hpo or [],
            phenopacket,
            files or [],
            output_format,
            output,
            force,
            jobs,
        )
        raise typer.Exit(code)
    if answers is not None and resume:
        raise UsageError("--answers and --resume cannot be used together")
    if resume and new:
        raise UsageError("--resume and --new cannot be used together")
    refuse_existing(output, force=force)
    from weakcli.clock import now
    from weakcli.triage.engine import assess, compile_model
    from weakcli.triage.report import build_report

    model = compile_model(kb_from(ctx))
    if answers is not None:
        from weakcli.triage.answers import read_answers

        state, created, stopped = read_answers(model, answers), now(), False
    else:  # dated when the session started, as `weakcli export --session` dates it
        state, created, stopped = _interview(model, resume=resume, new=new)
    report = build_report(model, state, assess(model, state), created=created, stopped=stopped)
    emit(renderer(output_format, output).report(report), output, force=force)
    if answers is None and output is None and sys.stdin.isatty() and sys.stdout.isatty():
        from weakcli.cli.prompt import StreamIo

        StreamIo.for_this_terminal().offer_to_save(renderer(OutputFormat.MARKDOWN).report(report))


def _interview(model: Model, *, resume: bool, new: bool) -> tuple[State, str, bool]:
    """Run (or resume) the guided session to its end, or leave with the session saved: the
    answers, when the session started, and whether it stopped at an emergency."""
    from weakcli import DISCLAIMER
    from weakcli.cli.prompt import StreamIo
    from weakcli.triage import session as sessions
    from weakcli.triage.interview import farewell

    io = StreamIo.for_this_terminal()
    try:
        session, resumed = sessions.choose(
            model.kb.version,
            model.kb.sha256,
            resume=resume,
            new=new,
            confirm=io.resume_unfinished,
            damaged=io.start_afresh,
        )
    except (EOFError, KeyboardInterrupt):
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if resumed:
        count = len(session.state.answers)
        io.say(f"Resuming the session started {session.started} ({count} answers).")
    io.say(DISCLAIMER)  # each question starts with a blank line of its own
    session, outcome = sessions.interview(model, session, io)
    if outcome.ending in ("finished", "emergency"):
        return outcome.state, session.started, outcome.ending == "emergency"
    if not outcome.state.answers and outcome.ending == "end_of_input" and not resume:
        raise InputError(
            "no answers were given (standard input ended); answer at a terminal, pipe "
            "answers one per line, or use --answers FILE"
        )
    io.say(farewell(model, outcome))
    raise typer.Exit({"quit": EXIT_OK, "gave_up": EXIT_ERROR}.get(outcome.ending, EXIT_INTERRUPTED))
