"""The cache of validated knowledge bases: one file per knowledge base, in the user cache folder.

A JSON header line (format, key, checksum, where each entry starts and ends), then every entry's
JSON back to back, so that reading it decodes only the header; `weakcli.kb.store.Entries`
decodes an entry when it is first used.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from weakcli.kb.store import KB, SECTIONS, Entries

if TYPE_CHECKING:
    from weakcli.kb.records import KnowledgeBaseRecord

CACHE_FORMAT: Final = 3
MAX_CACHE_ENTRIES: Final = 8
"""Cached knowledge bases kept: the shipped one and a few of one's own."""
ENV_CACHE: Final = "WEAKCLI_CACHE_DIR"


def cache_dir() -> Path:
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("weakcli", appauthor=False))


def read_cache(key: str, path: Path) -> KB | None:
    """The cached knowledge base stored under `key`, or None when there is none to trust."""
    try:
        with (cache_dir() / f"kb-{key}.json").open("rb") as handle:
            blob = handle.read()
        newline = blob.index(b"\n")
        header = json.loads(blob[:newline])
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT:
        return None
    if header.get("key") != key:
        return None
    body = blob[newline + 1 :]
    sections = {
        name: Entries(body, {entry: (start, end) for entry, start, end in header["sections"][name]})
        for name in SECTIONS
    }
    return KB(sections, header["version"], path, header["sha256"])


def write_cache(key: str, record: KnowledgeBaseRecord, sha256: str) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    from weakcli.errors import WeakcliError
    from weakcli.files import write_atomic

    body = bytearray()
    spans: dict[str, list[tuple[str, int, int]]] = {}
    entries = cast(dict[str, Any], record)
    for name in SECTIONS:
        spans[name] = []
        for entry in entries[name]:
            encoded = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
            spans[name].append((entry["id"], len(body), len(body) + len(encoded)))
            body += encoded
    header = {
        "format": CACHE_FORMAT,
        "key": key,
        "sha256": sha256,
        "version": record["version"],
        "sections": spans,
    }
    blob = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + body
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(directory / f"kb-{key}.json", bytes(blob), force=True)
    except (OSError, WeakcliError):  # write_atomic reports a failed write as an OutputError
        return
    _prune_cache(directory)


def _prune_cache(directory: Path) -> None:
    """Keep the newest MAX_CACHE_ENTRIES entries; older ones are for files since changed."""
    entries: list[tuple[int, Path]] = []
    for entry in directory.glob("kb-*.json"):
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, stale in entries[MAX_CACHE_ENTRIES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
