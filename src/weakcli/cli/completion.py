"""Shell completion of ids, read from the cached knowledge base; never fails, never prints."""

from __future__ import annotations

from typing import Literal

import typer

from weakcli.kb.vocab import CATEGORIES, LEVELS


def complete_cause(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, "causes")


def complete_test(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, "tests")


def complete_category(incomplete: str) -> list[str]:
    return [c for c in CATEGORIES if c.startswith(incomplete)]


def complete_level(incomplete: str) -> list[str]:
    return [level for level in LEVELS if level.startswith(incomplete)]


def _complete(
    ctx: typer.Context, incomplete: str, section: Literal["causes", "tests"]
) -> list[tuple[str, str]]:
    from weakcli.cli.options import kb_from
    from weakcli.errors import WeakcliError
    from weakcli.lookup.find import ids_starting_with

    try:
        return ids_starting_with(kb_from(ctx), section, incomplete)
    except WeakcliError:
        return []
