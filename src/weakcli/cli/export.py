"""`weakcli export`: the knowledge base as a handbook, one entry of it, or a saved session's
report, written to keep: to standard output or atomically to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from weakcli.cli.completion import complete_cause, complete_test
from weakcli.cli.options import ForceOption, OutputOption, kb_from
from weakcli.render.formats import OutputFormat

app = typer.Typer()


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="The document format.", case_sensitive=False),
    ] = OutputFormat.MARKDOWN,
    output: OutputOption = None,
    force: ForceOption = False,
    cause: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Only this cause.", autocompletion=complete_cause),
    ] = None,
    test: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Only this test.", autocompletion=complete_test),
    ] = None,
    session: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="A report of one saved triage session, to take to an appointment.",
        ),
    ] = None,
) -> None:
    """Write the knowledge base as a handbook (contents, red flags, causes, tests, treatment,
    glossary, sources), one cause or test, or the report of a saved triage session.

    \b
    Example: weakcli export --format markdown --output weakness-handbook.md
    """
    from weakcli.cli.output import emit, refuse_existing, renderer, say
    from weakcli.lookup.find import find_cause, find_test

    if sum(option is not None for option in (cause, test, session)) > 1:
        raise typer.BadParameter("give one of --cause, --test or --session", param_hint="'--cause'")
    refuse_existing(output, force=force)
    kb = kb_from(ctx)
    draw = renderer(fmt, output)
    if session is not None:
        from weakcli.triage.session import load, saved_report

        saved = load(session)
        if saved.kb_sha256 != kb.sha256:
            say(
                f"Note: {session} was answered with knowledge base {saved.kb_version}; "
                f"the report uses {kb.version}."
            )
        text = draw.report(saved_report(kb, saved))
    elif cause is not None:
        text = draw.cause(kb, find_cause(kb, cause))
    elif test is not None:
        text = draw.test(kb, find_test(kb, test))
    else:
        text = draw.handbook(kb)
    emit(text, output, force=force)
