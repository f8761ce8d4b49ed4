"""Options shared by several commands, so that each means the same everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from weakcli.render.formats import OutputFormat

if TYPE_CHECKING:
    from weakcli.kb.store import KB

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="How to print the result.", case_sensitive=False),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file ('-' or nothing: standard output).",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")]


def kb_from(ctx: typer.Context) -> KB:
    """The knowledge base the global `--kb` option (or WEAKCLI_KB, or the shipped one) names."""
    from weakcli.kb.load import load_kb, resolve_kb_path

    return load_kb(resolve_kb_path(ctx.find_root().params.get("kb")))
