"""The only place YAML is read: a strict, bounded reader over LibYAML's event stream.

PyYAML's loaders construct objects from tags, expand aliases into shared references, keep the
last of two duplicate keys and turn `no`, `1:30` or `0755` into booleans and numbers. This
reader uses the parser alone (LibYAML's C parser when available) and builds plain `dict`,
`list` and `str` values itself, so that:

- every scalar is text, exactly as written;
- tags other than the plain core ones, anchors and aliases are refused;
- duplicate keys, non-scalar keys and several documents are refused;
- nesting depth, file size and scalar length are bounded before any work grows with them;
- every failure is one `InputError` with `FILE:LINE:COLUMN`, never another exception.

The same rules serve the knowledge base (`weakcli.kb.validate` reports the problem as a
`KbError`), answers files, phenopackets and saved sessions.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from weakcli.errors import InputError
from weakcli.kb.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_SCALAR_LENGTH

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset({None, "!", _CORE + "str", _CORE + "seq", _CORE + "map"})
_BOM = b"\xef\xbb\xbf"
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"
# What PyYAML's parser may raise on crafted input besides YAMLError (measured on this stack).
_PARSER_FAILURES = (ValueError, RecursionError, KeyError, IndexError, AttributeError, TypeError)

Path_ = tuple[str | int, ...]


class Mark(NamedTuple):
    line: int
    column: int


def check_file(path: Path) -> os.stat_result:
    """The file's status, or an InputError if it is missing, unreadable, not regular or too big."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: is not a regular file (a device, FIFO or socket)")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(_too_big(name, info.st_size))
    return info


def read_bytes(path: Path) -> bytes:
    """Read a file the way a person would expect, refusing what is not a regular file."""
    name = str(path)
    check_file(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(_too_big(name, len(data)))
    return data


def _too_big(name: str, size: int) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"{name}: file is {size:,} bytes; the limit is {limit} MiB"


def decode(data: bytes, name: str) -> str:
    """UTF-8 text without a BOM; a clear error naming the line of the first bad byte."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        raise InputError(
            f"{name}:{line}:{column}: not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text


def _events(text: str, *, pure: bool = False) -> Iterator[Any]:
    """LibYAML's C parser when PyYAML was built with it (about 8x faster), else pure Python.

    PyYAML is imported here, not at module level, so reading a cached knowledge base never
    pays for it.
    """
    import yaml

    loader = yaml.BaseLoader if pure else getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return yaml.parse(text, Loader=loader)


def _libyaml_depth_limit(exc: Exception) -> bool:
    """LibYAML 0.2.6 and later refuse deep flow nesting on their own, scanning ahead of us."""
    return "maximum nesting depth" in str(getattr(exc, "problem", "") or "")


def parse(text: str, name: str, *, pure: bool = False) -> object:
    """Parse one YAML document of mappings, lists and text.

    The limits are this reader's own whichever LibYAML is underneath: when LibYAML stops at
    its own nesting limit before the builder has seen level MAX_DEPTH + 1, the text is read
    again by PyYAML's pure-Python parser, which emits events one at a time, so the builder
    reports the depth at the same place as it would with any other parser.
    """
    import yaml

    builder = _Builder(name)
    try:
        for event in _events(text, pure=pure):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        if not pure and _libyaml_depth_limit(exc):
            return parse(text, name, pure=True)
        mark: Any = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        raise InputError(_at(name, mark, f"not valid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {_one_line(str(exc))}") from None
    except _PARSER_FAILURES as exc:
        raise InputError(f"{name}: not valid YAML ({type(exc).__name__})") from None
    if builder.result is _NOTHING or builder.result is _EMPTY_DOCUMENT:
        raise InputError(f"{name}: file is empty")
    return builder.result


def load_path(path: Path) -> tuple[str, object]:
    """Read, decode and parse a YAML or JSON file: (text, data)."""
    name = str(path)
    text = decode(read_bytes(path), name)
    return text, parse_json(text, name) if text.lstrip().startswith("{") else parse(text, name)


def parse_json(text: str, name: str) -> object:
    """A JSON document by the same rules as `parse`, without importing PyYAML (~15 ms).

    Every scalar becomes text as written (`true`, `1.50`, `null`), duplicate keys and deep
    nesting are refused. Text that is not JSON is handed to the YAML reader, since `{a: b}`
    is YAML.
    """
    import json

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        mapping: dict[str, object] = {}
        for key, value in items:
            if key in mapping:
                raise InputError(f"{name}: duplicate key '{_short(key)}'")
            mapping[key] = value
        return mapping

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_float=str, parse_int=str, parse_constant=str
        )
    except json.JSONDecodeError:
        return parse(text, name)
    except RecursionError:
        raise InputError(f"{name}: {TOO_DEEP}") from None
    return _as_text(data, name, 1)


def _as_text(value: object, name: str, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise InputError(f"{name}: {TOO_DEEP}")
    if isinstance(value, dict):
        return {key: _as_text(item, name, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item, name, depth + 1) for item in value]
    if isinstance(value, str):
        if len(value) > MAX_SCALAR_LENGTH:
            raise InputError(
                f"{name}: a value is {len(value):,} characters; the limit is {MAX_SCALAR_LENGTH:,}"
            )
        return value
    return {True: "true", False: "false", None: "null"}[value]  # type: ignore[index]


def locate(text: str, wanted: Iterable[Path_]) -> dict[Path_, Mark]:
    """Where each wanted path (or its nearest existing parent) starts in the text.

    Only called when there are errors to report, so the fast path keeps no marks.
    """
    want = set(wanted)
    prefixes = {path[:i] for path in want for i in range(len(path) + 1)}
    found: dict[Path_, Mark] = {}
    for path, mark in _walk_marks(text):
        if path in prefixes:
            found[path] = mark
    result: dict[Path_, Mark] = {}
    for path in want:
        for i in range(len(path), -1, -1):
            if path[:i] in found:
                result[path] = found[path[:i]]
                break
    return result


def format_path(path: Path_) -> str:
    """`('causes', 12, 'tests', 0)` -> `causes[12].tests[0]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def problem_at(name: str, mark: Mark | None, path: Path_, message: str) -> str:
    where = f"{name}:{mark.line}:{mark.column}" if mark else name
    return f"{where}: {format_path(path)}: {message}" if path else f"{where}: {message}"


def _at(name: str, mark: Any, message: str) -> str:
    if mark is None:
        return f"{name}: {message}"
    return f"{name}:{mark.line + 1}:{mark.column + 1}: {message}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


_NOTHING: Any = object()
_EMPTY_DOCUMENT: Any = object()  # a document with no content, such as `---` then `...`


class _Builder:
    """Builds plain values from parser events, enforcing every rule in the module docstring."""

    def __init__(self, name: str) -> None:
        import yaml

        self.yaml = yaml
        self.name = name
        self.stack: list[dict[str, object] | list[object]] = []
        self.keys: list[str | None] = []  # per open mapping: the key waiting for its value
        self.result: object = _NOTHING
        self.documents = 0

    def fail(self, event: Any, message: str) -> None:
        raise InputError(_at(self.name, event.start_mark, message))

    def feed(self, event: Any) -> None:
        yaml = self.yaml
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.check_node(event)
            value = event.value
            if len(value) > MAX_SCALAR_LENGTH:
                self.fail(
                    event, f"value is {len(value):,} characters; the limit is {MAX_SCALAR_LENGTH:,}"
                )
            self.add(event, value, is_key_candidate=True)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.check_node(event)
            if len(self.stack) >= MAX_DEPTH:
                self.fail(event, TOO_DEEP)
            container: dict[str, object] | list[object] = (
                {} if kind is yaml.MappingStartEvent else []
            )
            self.add(event, container, is_key_candidate=False)
            self.stack.append(container)
            self.keys.append(None)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
            self.keys.pop()
        elif kind is yaml.AliasEvent:
            self.fail(event, f"aliases (*{event.anchor}) are not allowed; write the value out")
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "more than one YAML document ('---'); put everything in one")

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.fail(event, f"anchors (&{event.anchor}) are not allowed; write the value out")
        if event.tag not in _ALLOWED_TAGS:
            self.fail(event, f"tag {event.tag!r} is not allowed; remove it and write plain text")

    def add(self, event: Any, value: object, *, is_key_candidate: bool) -> None:
        if not self.stack:
            plain_empty = value == "" and not getattr(event, "style", None)  # C: "", Python: None
            self.result = _EMPTY_DOCUMENT if plain_empty else value
            return
        top = self.stack[-1]
        if isinstance(top, list):
            top.append(value)
            return
        key = self.keys[-1]
        if key is None:
            if not is_key_candidate:
                self.fail(event, "a mapping key must be plain text, not a list or mapping")
            assert isinstance(value, str)
            if value in top:
                self.fail(event, f"duplicate key '{_short(value)}'")
            self.keys[-1] = value
        else:
            top[key] = value
            self.keys[-1] = None


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _walk_marks(text: str) -> Iterator[tuple[Path_, Mark]]:
    """Replay the events of valid text: each node's path with where it starts.

    A mapping entry is placed at its key, then (for a text value) at the value itself.
    """
    frames: list[list[Any]] = []  # [path of the container, is a mapping, pending key or index]
    import yaml

    event: Any
    for event in _events(text):
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frames.pop()
            continue
        if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
            continue
        mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
        node_path: Path_ = ()
        in_mapping = False
        if frames:
            frame = frames[-1]
            in_mapping = frame[1]
            if in_mapping and frame[2] is None:
                frame[2] = event.value  # a key
                yield (*frame[0], event.value), mark
                continue
            node_path = (*frame[0], frame[2])
            frame[2] = None if in_mapping else frame[2] + 1
        if kind is yaml.ScalarEvent or not in_mapping:
            yield node_path, mark
        if kind is not yaml.ScalarEvent:
            is_mapping = kind is yaml.MappingStartEvent
            frames.append([node_path, is_mapping, None if is_mapping else 0])


def file_label(path: Path) -> str:
    """How a path is named in messages: relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)
