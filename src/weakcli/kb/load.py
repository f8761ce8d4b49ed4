"""Where the knowledge base comes from, and `load_kb()`, which every command calls.

The first time a knowledge base is seen it is read (`reader`), validated (`validate`) and
written to the cache (`cache`), keyed by the file's identity and modification time; every later
call reads the cache and decodes only the entries it uses (a few milliseconds, no YAML, no
pydantic).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from weakcli import __version__
from weakcli.errors import InputError, KbError
from weakcli.kb.cache import read_cache, write_cache
from weakcli.kb.reader import check_file, file_label, read_bytes
from weakcli.kb.store import KB

ENV_KB: Final = "WEAKCLI_KB"


@cache
def shipped_kb_path() -> Path:
    """The knowledge base inside the installed package (found once per process)."""
    return Path(str(resources.files("weakcli").joinpath("data", "causes.yaml"))).resolve()


def resolve_kb_path(option: str | None) -> Path:
    """`--kb` beats `WEAKCLI_KB`, which beats the shipped knowledge base."""
    chosen = option or os.environ.get(ENV_KB) or None
    return Path(chosen) if chosen else shipped_kb_path()


def load_kb(path: Path | None = None, *, use_cache: bool = True) -> KB:
    """The knowledge base at `path` (default: shipped), validated, from the cache when possible.

    A knowledge base of one's own is validated with the shipped one beside it, whose red flags
    it keeps.
    """
    shipped_path = shipped_kb_path()
    path = path or shipped_path
    try:
        # Keyed by the files' identity and modification time: no reading or hashing on a hit.
        key = f"{__version__}-{_identity(path)}"
        if path != shipped_path:
            key += f"-{_identity(shipped_path)}"  # the shipped red flags are merged in
        cached = read_cache(key, path) if use_cache else None
        if cached is not None:
            return cached
        data = read_bytes(path)
    except InputError as exc:
        raise KbError(str(path), [exc.message]) from None
    from weakcli.kb.validate import validate

    shipped = None if path == shipped_path else load_kb(shipped_path, use_cache=use_cache)
    record = validate(data, path, shipped)
    import hashlib

    sha256 = hashlib.sha256(data).hexdigest()
    if use_cache:
        write_cache(key, record, sha256)
    return KB.from_record(record, path, sha256)


def _identity(path: Path) -> str:
    info = check_file(path)
    return f"{info.st_dev}-{info.st_ino}-{info.st_size}-{info.st_mtime_ns}"


def summary(kb: KB) -> str:
    """What `weakcli kb validate` prints for a knowledge base that is valid."""
    counts = ", ".join(
        f"{len(getattr(kb, name))} {label}"
        for name, label in (
            ("causes", "causes"),
            ("tests", "tests"),
            ("findings", "findings"),
            ("questions", "questions"),
            ("red_flags", "red flags"),
            ("treatments", "treatments"),
            ("glossary", "glossary terms"),
            ("sources", "sources"),
        )
    )
    shipped = kb.path == shipped_kb_path()
    note = "" if shipped else " (with the shipped red flags, which are always screened)"
    return f"{file_label(kb.path)}: valid (version {kb.version}): {counts}{note}"
