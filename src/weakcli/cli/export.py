"""`weakcli export`: the knowledge base as a Markdown or JSON handbook, or one entry of it.

To add another subject (such as a triage session), add its option to `export` and one branch
to `_document`; writing, `--output`, `--force` and `-` are shared.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from weakcli.cli.completion import complete_cause, complete_test
from weakcli.render.formats import ExportFormat

if TYPE_CHECKING:
    from weakcli.kb.store import KB
    from weakcli.render import Exporter

app = typer.Typer()


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="The document format.", case_sensitive=False),
    ] = ExportFormat.MARKDOWN,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file ('-' or nothing: standard output).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
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

    Example: weakcli export --format markdown --output weakness-handbook.md
    """
    from weakcli.cli.output import emit, refuse_existing
    from weakcli.kb.load import load_kb, resolve_kb_path
    from weakcli.render import exporter_for

    if sum(option is not None for option in (cause, test, session)) > 1:
        raise typer.BadParameter("give one of --cause, --test or --session", param_hint="'--cause'")
    refuse_existing(output, force=force)
    kb = load_kb(resolve_kb_path(ctx.obj["kb"]))
    if session is not None:
        emit(_session_report(kb, session, fmt), output, force=force)
        return
    emit(_document(kb, exporter_for(fmt), cause=cause, test=test), output, force=force)


def _session_report(kb: KB, path: Path, fmt: ExportFormat) -> str:
    """The report of a saved session, dated when the session started, so it is repeatable."""
    import sys

    from weakcli.triage import session as sessions
    from weakcli.triage.engine import assess, compile_model
    from weakcli.triage.report import build_report, render_json, render_markdown

    saved = sessions.load(path)
    if saved.kb_sha256 != kb.sha256:
        print(
            f"Note: {path} was answered with knowledge base {saved.kb_version}; "
            f"the report uses {kb.version}.",
            file=sys.stderr,
        )
    model = compile_model(kb)
    known = [(q, a) for q, a in saved.state.answers if q in model.questions]
    state = type(saved.state)(tuple(known), saved.state.facts)
    report = build_report(
        model, state, assess(model, state), created=saved.started, complete=saved.finished
    )
    return render_json(report) if fmt is ExportFormat.JSON else render_markdown(report)


def _document(kb: KB, exporter: Exporter, *, cause: str | None, test: str | None) -> str:
    from weakcli.lookup.find import find_cause, find_test

    if cause is not None:
        return exporter.cause(kb, find_cause(kb, cause))
    if test is not None:
        return exporter.test(kb, find_test(kb, test))
    return exporter.handbook(kb)
