"""`weakcli kb`: commands for the people who edit the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help=(
        "Check and describe the knowledge base (for its authors).\n\n\b\n"
        "Example: weakcli kb validate"
    ),
    no_args_is_help=True,
)


@app.command("validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            help="The YAML file to check (default: --kb, WEAKCLI_KB or the shipped one)."
        ),
    ] = None,
) -> None:
    """Validate a knowledge base and print a summary, or every problem found.

    \b
    Example: weakcli kb validate data/causes.yaml
    """
    from weakcli.cli.output import write_stdout
    from weakcli.kb.load import load_kb, resolve_kb_path, summary

    kb = load_kb(resolve_kb_path(path or ctx.find_root().params.get("kb")))
    write_stdout(summary(kb) + "\n")


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of the knowledge base (for editor completion and checking).

    \b
    Example: weakcli kb schema > causes.schema.json
    """
    from weakcli.cli.output import write_stdout
    from weakcli.kb.schema import schema_json

    write_stdout(schema_json())
