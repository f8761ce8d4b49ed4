"""The command line: a thin shell over the core. Each command lives in its own module."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated, Any

import typer

from weakcli import __version__
from weakcli.cli import export as export_commands
from weakcli.cli import kb as kb_commands
from weakcli.cli import lookups as lookup_commands
from weakcli.cli import triage as triage_commands

app = typer.Typer(
    name="weakcli",
    help=(
        "Understand muscle weakness: possible causes, the tests doctors use, treatment and "
        "support, and how urgently to seek care. Educational, not a diagnosis.\n\n"
        "Example: weakcli triage"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"weakcli {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    kb: Annotated[
        str | None,
        typer.Option(
            "--kb",
            envvar="WEAKCLI_KB",
            metavar="PATH",
            help="Use another knowledge base (YAML) instead of the shipped one.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Understand muscle weakness. Educational, not a diagnosis."""


app.command("triage")(triage_commands.triage)
app.add_typer(kb_commands.app, name="kb")
app.add_typer(lookup_commands.app)
app.add_typer(export_commands.app)


@cache
def command() -> Callable[..., Any]:
    """The command line as one Click command, built once per process: building it takes about
    15 ms, which a process that runs several commands (the tests) pays only once."""
    return typer.main.get_command(app)
