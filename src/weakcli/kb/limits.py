"""Limits on knowledge-base input, each with its own error message.

A knowledge base is data from a person we may not trust (`--kb`, `WEAKCLI_KB`), so every
dimension that could make loading slow or unsafe is bounded before or while it is parsed.
"""

from __future__ import annotations

import re
from typing import Final

MAX_FILE_BYTES: Final = 32 * 1024 * 1024
"""32 MiB: room for a 10,000-cause knowledge base, refused long before memory is at risk."""
MAX_DEPTH: Final = 32
"""Nesting of mappings and lists; the schema needs 6."""
MAX_SCALAR_LENGTH: Final = 20_000
"""Characters in one YAML value; text fields have tighter limits of their own."""
MAX_TEXT_LENGTH: Final = 4_000
MAX_NAME_LENGTH: Final = 300
MAX_ITEMS: Final = 200
"""Items in a nested list (findings of one cause, results of one test, ...)."""
MAX_ENTRIES: Final = 50_000
"""Entries in a top-level list (causes, tests, findings, ...)."""

# C0 and C1 control characters other than tab and newline, DEL, and lone surrogates.
_BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def find_bad_character(text: str) -> str | None:
    """Describe the first control character or lone surrogate in `text`, or return None."""
    match = _BAD_CHARACTER.search(text)
    if match is None:
        return None
    char = match.group()
    kind = "lone surrogate" if "\ud800" <= char <= "\udfff" else "control character"
    return f"{kind} U+{ord(char):04X} at character {match.start() + 1} is not allowed in text"
