"""The output formats, named by the exact tokens `--format` accepts."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """Every format a lookup can print; each has one renderer in `weakcli.render`."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class ExportFormat(StrEnum):
    """The formats of `weakcli export`: documents to keep, so no terminal text."""

    MARKDOWN = "markdown"
    JSON = "json"
