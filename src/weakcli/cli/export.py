"""`weakcli export`: the knowledge base as a Markdown or JSON handbook, or one entry of it.

To add another subject (such as a triage session), add its option to `export` and one branch
to `_document`; writing, `--output`, `--force` and `-` are shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from weakcli.cli.completion import complete_cause, complete_test
from weakcli.formats import ExportFormat

if TYPE_CHECKING:
    from weakcli.kb import KB
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
) -> None:
    """Write the knowledge base as a handbook (contents, red flags, causes, tests, treatment,
    glossary, sources), or one cause or test, to read, print or share.

    Example: weakcli export --format markdown --output weakness-handbook.md
    """
    from weakcli.cli.output import emit, refuse_existing
    from weakcli.kb import load_kb, resolve_kb_path
    from weakcli.render import exporter_for

    if cause is not None and test is not None:
        raise typer.BadParameter("give --cause or --test, not both", param_hint="'--cause'")
    refuse_existing(output, force=force)
    kb = load_kb(resolve_kb_path(ctx.obj["kb"]))
    emit(_document(kb, exporter_for(fmt), cause=cause, test=test), output, force=force)


def _document(kb: KB, exporter: Exporter, *, cause: str | None, test: str | None) -> str:
    from weakcli.lookup import find_cause, find_test

    if cause is not None:
        return exporter.cause(kb, find_cause(kb, cause))
    if test is not None:
        return exporter.test(kb, find_test(kb, test))
    return exporter.handbook(kb)
