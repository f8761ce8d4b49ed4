"""Find, validate, cache and read the knowledge base.

`load_kb()` is what every command calls. The first time a knowledge base is seen it is
parsed (`reader`), validated (`models`, `checks`) and written to a cache keyed by the file's
identity and modification time; every later call reads the cache and decodes
only the entries it uses (a few milliseconds, no YAML, no pydantic).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from weakcli import __version__
from weakcli.errors import KbError
from weakcli.kb.reader import (
    check_file,
    decode,
    file_label,
    locate,
    parse,
    problem_at,
    read_bytes,
)
from weakcli.kb.vocab import URGENCIES

if TYPE_CHECKING:
    from weakcli.kb.records import (
        CauseRecord,
        FindingRecord,
        GlossaryRecord,
        KnowledgeBaseRecord,
        QuestionRecord,
        RedFlagRecord,
        SourceRecord,
        TestRecord,
        TreatmentRecord,
    )

CACHE_FORMAT: Final = 3
FIXED_RED_FLAG_FIELDS: Final = ("name", "question", "why", "finding", "action", "sources")
"""What a knowledge base of one's own may not reword in a shipped red flag (urgency: raise only)."""
MAX_CACHE_ENTRIES: Final = 8
"""Cached knowledge bases kept: the shipped one and a few of one's own."""
ENV_KB: Final = "WEAKCLI_KB"
ENV_CACHE: Final = "WEAKCLI_CACHE_DIR"


@cache
def shipped_kb_path() -> Path:
    """The knowledge base inside the installed package (found once per process)."""
    return Path(str(resources.files("weakcli").joinpath("data", "causes.yaml"))).resolve()


def resolve_kb_path(option: str | None) -> Path:
    """`--kb` beats `WEAKCLI_KB`, which beats the shipped knowledge base."""
    chosen = option or os.environ.get(ENV_KB) or None
    return Path(chosen) if chosen else shipped_kb_path()


SECTIONS: Final = (
    "sources",
    "glossary",
    "findings",
    "questions",
    "red_flags",
    "tests",
    "treatments",
    "causes",
)


class Entries(Mapping[str, Any]):
    """Entries of one section by id, each decoded from the cache only when first read.

    A lookup of one cause decodes that cause, not the whole knowledge base, so its cost stays
    flat as the knowledge base grows.
    """

    __slots__ = ("_body", "_decoded", "_spans")

    def __init__(self, body: bytes, spans: dict[str, tuple[int, int]]) -> None:
        self._body = body
        self._spans = spans
        self._decoded: dict[str, Any] = {}

    @classmethod
    def of(cls, entries: list[Any]) -> Entries:
        section = cls(b"", {})
        section._decoded = {entry["id"]: entry for entry in entries}
        section._spans = dict.fromkeys(section._decoded, (0, 0))
        return section

    def __getitem__(self, key: str) -> Any:
        try:
            return self._decoded[key]
        except KeyError:
            start, end = self._spans[key]
            entry = self._decoded[key] = json.loads(self._body[start:end])
            return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, key: object) -> bool:
        return key in self._spans


class KB:
    """A validated knowledge base: each section's entries by id, in file order. Read-only."""

    causes: Mapping[str, CauseRecord]
    tests: Mapping[str, TestRecord]
    findings: Mapping[str, FindingRecord]
    questions: Mapping[str, QuestionRecord]
    red_flags: Mapping[str, RedFlagRecord]
    treatments: Mapping[str, TreatmentRecord]
    sources: Mapping[str, SourceRecord]
    glossary: Mapping[str, GlossaryRecord]

    def __init__(self, sections: dict[str, Entries], version: str, path: Path, sha256: str) -> None:
        for name in SECTIONS:
            setattr(self, name, sections[name])
        self.version = version
        self.path = path
        self.sha256 = sha256

    @classmethod
    def from_record(cls, record: KnowledgeBaseRecord, path: Path, sha256: str) -> KB:
        entries = cast(dict[str, Any], record)
        sections = {name: Entries.of(entries[name]) for name in SECTIONS}
        return cls(sections, record["version"], path, sha256)

    @property
    def is_shipped(self) -> bool:
        return self.path == shipped_kb_path()


def load_kb(path: Path | None = None, *, use_cache: bool = True) -> KB:
    """The knowledge base at `path` (default: shipped), validated, from the cache when possible."""
    path = path or shipped_kb_path()
    shipped = shipped_kb_path()
    # Keyed by the files' identity and modification time: no reading or hashing on a hit.
    key = f"{__version__}-{_identity(path)}"
    if path != shipped:
        key += f"-{_identity(shipped)}"  # the shipped red flags are merged in
    cached = _read_cache(key, path) if use_cache else None
    if cached is not None:
        return cached
    data = read_bytes(path)
    record = validate(data, path)
    import hashlib

    sha256 = hashlib.sha256(data).hexdigest()
    if use_cache:
        _write_cache(key, record, sha256)
    return KB.from_record(record, path, sha256)


def _identity(path: Path) -> str:
    info = check_file(path)
    return f"{info.st_dev}-{info.st_ino}-{info.st_size}-{info.st_mtime_ns}"


def validate(data: bytes, path: Path) -> KnowledgeBaseRecord:
    """Parse and validate knowledge-base bytes; every problem is reported in one KbError."""
    name = file_label(path)
    text = decode(data, name)
    raw = parse(text, name)
    shipped = None if path == shipped_kb_path() else load_kb()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the validated tree only grows; collecting during the build costs ~3x
    try:
        return _validate_tree(raw, text, name, shipped)
    finally:
        if gc_was_enabled:
            gc.enable()


def _validate_tree(raw: object, text: str, name: str, shipped: KB | None) -> KnowledgeBaseRecord:
    if not isinstance(raw, dict):
        found = "a list" if isinstance(raw, list) else "plain text"
        raise KbError(
            name,
            [
                f"{name}: the top level must be a mapping (version, sources, "
                f"findings, ..., causes), not {found}"
            ],
        )
    from pydantic import ValidationError

    from weakcli.kb.checks import check_references
    from weakcli.kb.models import KnowledgeBase

    try:
        model = KnowledgeBase.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False, include_context=True)
    else:
        errors = []
    # Reported outside the except block: a ValidationError's text can be huge to build.
    _raise([(tuple(err["loc"]), _message(err, raw)) for err in errors], text, name)
    record = cast("KnowledgeBaseRecord", model.model_dump(mode="json"))
    if shipped is not None:
        record = keep_shipped_red_flags(record, shipped, text, name)
    _raise(check_references(record), text, name)
    return record


def _raise(problems: list[tuple[tuple[str | int, ...], str]], text: str, name: str) -> None:
    if not problems:
        return
    marks = locate(text, [path for path, _ in problems])
    ordered = sorted(
        problems, key=lambda p: (marks[p[0]].line, marks[p[0]].column) if p[0] in marks else (0, 0)
    )
    raise KbError(
        name, [problem_at(name, marks.get(path), path, message) for path, message in ordered]
    )


def _message(err: Any, raw: object) -> str:
    """A pydantic error, rewritten for the person editing the YAML (input never echoed whole)."""
    kind = err["type"]
    loc = err["loc"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing field '{loc[-1]}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'" + _field_hint(loc)
    value = _value_at(raw, loc)
    shown = _show(value)
    if kind == "string_pattern_mismatch":
        from weakcli.kb.models import PATTERN_NAMES

        wanted = PATTERN_NAMES.get(str(ctx.get("pattern")), "the expected form")
        return f"{shown} is not {wanted}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        hint = ""
        if isinstance(value, str):
            from weakcli.kb.checks import did_you_mean

            hint = did_you_mean(value, options)
        return f"{shown} is not one of: {', '.join(options)}{hint}"
    if kind in ("string_type", "list_type", "model_type", "dict_type"):
        wanted = {
            "string_type": "text",
            "list_type": "a list",
            "model_type": "a mapping",
            "dict_type": "a mapping",
        }[kind]
        found = "text" if isinstance(value, str) else _show(value)
        return f"expected {wanted}, found {found}"
    if kind == "string_too_long":
        return (
            f"text is {len(value) if isinstance(value, str) else '?'} characters; the limit is "
            f"{ctx.get('max_length')}"
        )
    if kind == "string_too_short":
        return "text must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} items"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return str(err["msg"])


def _field_hint(loc: tuple[str | int, ...]) -> str:
    from weakcli.kb.checks import did_you_mean
    from weakcli.kb.models import KnowledgeBase

    model: Any = KnowledgeBase
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        model = _model_of(annotation)
    if model is None:
        return ""
    return did_you_mean(str(loc[-1]), model.model_fields)


def _model_of(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _value_at(raw: object, loc: tuple[str | int, ...]) -> object:
    node = raw
    for part in loc:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def _show(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "the value"


def keep_shipped_red_flags(
    record: KnowledgeBaseRecord, shipped: KB, text: str, name: str
) -> KnowledgeBaseRecord:
    """A knowledge base of one's own can add red flags but never drop or weaken shipped ones."""
    mine = {flag["id"]: (i, flag) for i, flag in enumerate(record["red_flags"])}
    findings = {finding["id"] for finding in record["findings"]}
    causes = {cause["id"] for cause in record["causes"]}
    sources = {source["id"] for source in record["sources"]}
    problems: list[tuple[tuple[str | int, ...], str]] = []
    added_flags: list[RedFlagRecord] = []
    for flag in shipped.red_flags.values():
        if flag["id"] in mine:
            index, own = mine[flag["id"]]
            if URGENCIES.index(own["urgency"]) > URGENCIES.index(flag["urgency"]):
                problems.append(
                    (
                        ("red_flags", index, "urgency"),
                        f"cannot lower the shipped red flag '{flag['id']}' from "
                        f"{flag['urgency']} to {own['urgency']}",
                    )
                )
            for field in FIXED_RED_FLAG_FIELDS:
                if own[field] != flag[field]:
                    problems.append(
                        (
                            ("red_flags", index, field),
                            f"cannot change the {field} of the shipped red flag '{flag['id']}'; "
                            "leave it out (it is always included) or add a red flag of your "
                            "own with a new id",
                        )
                    )
            continue
        added_flags.append({**flag, "causes": [c for c in flag["causes"] if c in causes]})
        if flag["finding"] not in findings:
            record["findings"].append(shipped.findings[flag["finding"]])
            findings.add(flag["finding"])
        for source_id in flag["sources"]:
            if source_id not in sources:
                record["sources"].append(shipped.sources[source_id])
                sources.add(source_id)
    _raise(problems, text, name)
    record["red_flags"] = record["red_flags"] + added_flags
    return record


def cache_dir() -> Path:
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("weakcli", appauthor=False))


def _read_cache(key: str, path: Path) -> KB | None:
    """The cached knowledge base: a JSON header line, then every entry's JSON back to back."""
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


def _write_cache(key: str, record: KnowledgeBaseRecord, sha256: str) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
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
    except OSError:
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


def summary(kb: KB) -> str:
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
    note = "" if kb.is_shipped else " (with the shipped red flags, which are always screened)"
    return f"{file_label(kb.path)}: valid (version {kb.version}): {counts}{note}"


__all__ = [
    "KB",
    "load_kb",
    "resolve_kb_path",
    "shipped_kb_path",
    "summary",
    "validate",
]
