"""The output formats, named by the exact tokens `--format` accepts, and the one registry that
picks a renderer for each. Every command's `--format` option is this enum."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from weakcli.render.base import Renderer


class OutputFormat(StrEnum):
    """Every format weakcli can print; each has one renderer."""

    TEXT = "text"
    """Rich tables and panels on a colour terminal, plain text anywhere else."""
    JSON = "json"
    """One JSON document, indented."""
    JSONL = "jsonl"
    """One JSON document per line: one line per result, for batches."""
    MARKDOWN = "markdown"
    """CommonMark with GFM tables."""
    HTML = "html"
    """One self-contained page to print: no scripts, nothing loaded from elsewhere."""


def renderer_for(
    fmt: OutputFormat, stream: TextIO | None = None, environ: Mapping[str, str] = os.environ
) -> Renderer:
    """The renderer for `fmt` writing to `stream` (None: a file). Text is drawn with Rich only
    on a colour terminal, and wrapped to the terminal's width only on a terminal."""
    if fmt is OutputFormat.JSON or fmt is OutputFormat.JSONL:
        from weakcli.render.json import JsonRenderer

        return JsonRenderer(one_line=fmt is OutputFormat.JSONL)
    if fmt is OutputFormat.MARKDOWN:
        from weakcli.render.markdown import MarkdownRenderer

        return MarkdownRenderer()
    if fmt is OutputFormat.HTML:
        from weakcli.render.html import HtmlRenderer

        return HtmlRenderer()
    is_terminal = stream is not None and _is_terminal(stream)
    if stream is not None and is_terminal and wants_colour(environ):
        from weakcli.render.terminal import TerminalRenderer

        return TerminalRenderer.for_stream(stream)
    from weakcli.render.text import TextRenderer

    return TextRenderer(width=shutil.get_terminal_size().columns if is_terminal else None)


def wants_colour(environ: Mapping[str, str]) -> bool:
    """False with NO_COLOR set to anything (https://no-color.org) or TERM=dumb."""
    return not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
