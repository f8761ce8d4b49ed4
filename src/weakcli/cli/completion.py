"""Shell completion of ids, read from the cached knowledge base; never fails, never prints."""

from __future__ import annotations

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


def _complete(ctx: typer.Context, incomplete: str, section: str) -> list[tuple[str, str]]:
    from weakcli.errors import WeakcliError
    from weakcli.kb.load import load_kb, resolve_kb_path

    try:
        kb = load_kb(resolve_kb_path(ctx.find_root().params.get("kb")))
    except WeakcliError:
        return []
    entries = kb.causes if section == "causes" else kb.tests
    # Shells (and Typer) keep only values that start with what was typed: ids, not names.
    return [
        (entry_id, entry["name"])
        for entry_id, entry in sorted(entries.items())
        if entry_id.startswith(incomplete)
    ]
