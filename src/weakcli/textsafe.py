"""Making text safe to show: one place for every terminal and every report.

Text from a knowledge base (`--kb` may come from anyone) and from a person's answers is data,
never markup or terminal commands. `clean` removes what a terminal would obey (escape
sequences: clear-screen, clipboard writes through OSC 52, hyperlinks through OSC 8; C0 and C1
control characters; bidirectional overrides that reorder what is shown). The `md_*` functions
make text inert in CommonMark/GFM: no HTML, no links but http(s), no broken tables or headings.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final
from urllib.parse import quote, urlsplit

# ESC-introduced sequences first (so their parameters go too), then single characters.
_ESCAPE_SEQUENCE: Final = re.compile(
    r"""
    (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])  # OSC, DCS, SOS, PM, APC string commands
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?     # ... to BEL or ST (or the end)
    | (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?         # CSI: colours, cursor moves, clear-screen
    | \x1b[ -/]*[0-~]?                          # any other ESC sequence
    """,
    re.VERBOSE,
)
# C0 except tab and newline, DEL, C1, lone surrogates, bidirectional embeddings and isolates.
_UNSAFE_CHARACTER: Final = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
_SPACES: Final = re.compile(r"\s+")


def clean(text: str) -> str:
    """`text` without escape sequences, control characters or bidirectional overrides."""
    if text.isprintable():  # the common case: nothing to remove, and cheap to tell
        return text
    return _UNSAFE_CHARACTER.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """`clean(text)` with every run of white space, newlines included, made one space."""
    return flat(text).strip()


def flat(text: str) -> str:
    """`one_line` without trimming the ends: for a piece of a longer line."""
    return _SPACES.sub(" ", clean(text))


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, cut with '...' (for echoing what was typed)."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 3] + "..."


# Punctuation that has no ASCII look-alike under NFKD.
_ASCII_FALLBACK: Final = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "*",
        "\u00b7": "-",
        "\u2192": "->",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u00d7": "x",
        "\u00b5": "u",
        "\u00a0": " ",
    }
)


def fold(text: str, encoding: str) -> str:
    """`text` made printable in `encoding`: accents dropped, dashes and quotes made plain,
    and anything still missing shown as '?', so nothing raises and words stay readable."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_FALLBACK))
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        return plain.encode(encoding, "replace").decode(encoding)
    except LookupError:
        return text
    return text


# Markdown ------------------------------------------------------------------------------------

# Characters that can start or end an inline construct anywhere in a line: emphasis, code,
# links and images, raw HTML and autolinks, entities, tables, strikethrough, escapes.
_MD_INLINE: Final = re.compile(r"([\\`*_\[\]<>&|~!#@])")
# What makes a line a block of its own: a heading, quote, list item, thematic break,
# setext underline, code fence or a table delimiter row.
_MD_BLOCK_START: Final = re.compile(r"^(\s*)([-+=>]|\d{1,9}(?=[.)]))")
_ANCHOR: Final = re.compile(r"[^a-z0-9_-]")


def md_text(text: str) -> str:
    """Inline Markdown that shows exactly `text`, on one line, and can start a block."""
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    return _MD_BLOCK_START.sub(_escape_block_start, escaped, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    # A number is escaped by escaping the '.' or ')' after it; a symbol by itself.
    return match.group(1) + (f"{marker}\\" if marker[0].isdigit() else f"\\{marker}")


def md_cell(text: str) -> str:
    """A GFM table cell showing `text`; never empty, so the row keeps its columns."""
    return md_text(text) or " "


def md_heading(level: int, text: str) -> str:
    """An ATX heading whose text is exactly `text` (a '#' in it cannot close the heading)."""
    return f"{'#' * level} {md_text(text)}"


def md_anchor(name: str) -> str:
    """An empty HTML anchor for in-document links; `name` is reduced to a safe slug."""
    return f'<a id="{anchor_id(name)}"></a>'


def anchor_id(name: str) -> str:
    return _ANCHOR.sub("-", name.lower())


def md_link(label: str, url: str) -> str:
    """A link to an http(s) URL; any other URL is shown as inert text after the label."""
    if not is_web_url(url):
        return f"{md_text(label)} ({md_text(url)})"
    return f"[{md_text(label)}](<{web_href(url)}>)"


def md_internal_link(label: str, name: str) -> str:
    return f"[{md_text(label)}](#{anchor_id(name)})"


def is_web_url(url: str) -> bool:
    if url != one_line(url) or " " in url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def web_href(url: str) -> str:
    """An http(s) URL as a link destination (check `is_web_url` first): everything but letters,
    digits and the plain URL delimiters percent-encoded, so that no renderer, however lax, can
    read a bracket, parenthesis or quote in it as the end of the link or the start of another
    link, an image or an HTML attribute."""
    return quote(url, safe="/:?#@&=+,;%-._~")
