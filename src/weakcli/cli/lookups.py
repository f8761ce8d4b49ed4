"""One-shot lookups: `causes`, `cause`, `tests`, `test`, `search`, `red-flags`, `compare`,
`glossary`. Each parses its options, calls one core function and prints one renderer's output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from weakcli.cli.completion import complete_category, complete_cause, complete_level, complete_test
from weakcli.cli.options import FormatOption, kb_from
from weakcli.kb.vocab import CATEGORIES, LEVELS
from weakcli.render.formats import OutputFormat

if TYPE_CHECKING:
    from weakcli.render.base import Renderer

app = typer.Typer()


@app.command("causes")
def list_causes(
    ctx: typer.Context,
    category: Annotated[
        str | None,
        typer.Option(
            help=f"Only causes of this kind: {', '.join(CATEGORIES)}.",
            autocompletion=complete_category,
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            help=f"Only causes at this level of the body: {', '.join(LEVELS)}.",
            autocompletion=complete_level,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """List the causes of muscle weakness, where in the body each is, and how urgent it is.

    \b
    Example: weakcli causes --level muscle
    """
    from weakcli.lookup.lists import select_causes

    kb = kb_from(ctx)
    _print(_renderer(fmt).causes(kb, select_causes(kb, category=category, level=level)))


@app.command("cause")
def show_cause(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="An id, name or alias, in any case.", autocompletion=complete_cause),
    ],
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Show one cause in full: pattern, signs, tests, treatment, daily life, when to seek care.

    \b
    Example: weakcli cause "Guillain-Barre syndrome"
    """
    from weakcli.lookup.find import find_cause

    kb = kb_from(ctx)
    _print(_renderer(fmt).cause(kb, find_cause(kb, name)))


@app.command("tests")
def list_tests(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT) -> None:
    """List the tests doctors use to find the cause of weakness.

    \b
    Example: weakcli tests --format markdown
    """
    from weakcli.lookup.lists import sorted_tests

    kb = kb_from(ctx)
    _print(_renderer(fmt).tests(kb, sorted_tests(kb)))


@app.command("test")
def show_test(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="An id, name or alias, in any case.", autocompletion=complete_test)
    ],
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Show one test: what it measures, how it is done, preparation, risks and results.

    \b
    Example: weakcli test emg
    """
    from weakcli.lookup.find import find_test

    kb = kb_from(ctx)
    _print(_renderer(fmt).test(kb, find_test(kb, name)))


@app.command("search")
def search(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(help="Words to look for.", metavar="TEXT...")],
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many hits.")] = 20,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Search causes, tests, findings, treatments and the glossary; best matches first.

    \b
    Example: weakcli search double vision
    """
    from weakcli.lookup.search import search as run_search

    kb = kb_from(ctx)
    query = " ".join(text)
    _print(_renderer(fmt).search(kb, query, run_search(kb, query, limit=limit)))


@app.command("red-flags")
def red_flags(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT) -> None:
    """Show the emergency signs and what to do about each.

    \b
    Example: weakcli red-flags
    """
    _print(_renderer(fmt).red_flags(kb_from(ctx)))


@app.command("compare")
def compare(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="A cause.", autocompletion=complete_cause)],
    second: Annotated[str, typer.Argument(help="Another cause.", autocompletion=complete_cause)],
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Put two causes side by side: pattern, signs, tests and treatment.

    \b
    Example: weakcli compare myasthenia_gravis lems
    """
    from weakcli.errors import UsageError
    from weakcli.lookup.find import find_cause

    kb = kb_from(ctx)
    one, other = find_cause(kb, first), find_cause(kb, second)
    if one["id"] == other["id"]:
        raise UsageError(f"'{first}' and '{second}' are the same cause; name two different ones")
    _print(_renderer(fmt).compare(kb, one, other))


@app.command("glossary")
def glossary(
    ctx: typer.Context,
    term: Annotated[str | None, typer.Argument(help="One term (default: all of them).")] = None,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Explain the medical words weakcli uses.

    \b
    Example: weakcli glossary reflexes
    """
    from weakcli.lookup.find import find_term
    from weakcli.lookup.lists import sorted_terms

    kb = kb_from(ctx)
    renderer = _renderer(fmt)
    _print(
        renderer.glossary(kb, sorted_terms(kb))
        if term is None
        else renderer.term(kb, find_term(kb, term))
    )


def _renderer(fmt: OutputFormat) -> Renderer:
    from weakcli.cli.output import renderer

    return renderer(fmt)


def _print(text: str) -> None:
    from weakcli.cli.output import write_stdout

    write_stdout(text)
