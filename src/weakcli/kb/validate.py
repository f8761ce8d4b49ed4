"""Validation: knowledge-base bytes in, a validated record out, or one KbError with every problem.

The schema (`weakcli.kb.models`) runs first, then the cross-reference checks
(`weakcli.kb.checks`); each problem is placed at its `FILE:LINE:COLUMN` and worded for the
person who edits the YAML.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from weakcli.errors import InputError, KbError
from weakcli.kb.reader import decode, file_label, locate, parse, problem_at
from weakcli.kb.vocab import URGENCIES

FIXED_RED_FLAG_FIELDS: Final = ("name", "why", "rules", "action", "sources")
"""What a knowledge base of one's own may not reword in a shipped red flag (urgency: raise only)."""

if TYPE_CHECKING:
    from weakcli.kb.records import KnowledgeBaseRecord, RedFlagRecord
    from weakcli.kb.store import KB


def validate(data: bytes, path: Path, shipped: KB | None = None) -> KnowledgeBaseRecord:
    """Parse and validate knowledge-base bytes; every problem is reported in one KbError.

    With `shipped`, the file is a knowledge base of one's own: it keeps the shipped red flags.
    """
    name = file_label(path)
    try:
        text = decode(data, name)
        raw = parse(text, name)
    except InputError as exc:
        raise KbError(name, [exc.message]) from None
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
    record = cast("KnowledgeBaseRecord", model.model_dump(mode="json", by_alias=True))
    if shipped is not None:
        record = keep_shipped_red_flags(record, shipped, text, name)
    _raise(check_references(record), text, name)
    return record


def raise_problems(path: Path, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
    """KbError naming each problem at its FILE:LINE:COLUMN, when there are any."""
    if problems:
        _raise(problems, path.read_text(encoding="utf-8"), file_label(path))


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


def _add_screen(
    record: KnowledgeBaseRecord, shipped: KB, needed: set[str], findings: set[str]
) -> None:
    """Bring in the shipped findings a red flag's rules need, and the shipped questions that
    ask about them, so that the screen can ask them in a knowledge base of one's own. Both
    are added in the shipped file's order, so the result never depends on set order."""
    mine = {question["id"] for question in record["questions"]}
    asked = {
        f
        for question in record["questions"]
        for f in [question["finding"], *question["any_of"]]
        + [option["finding"] for option in question["options"]]
        if f
    }
    wanted_findings: set[str] = set()
    wanted_questions: set[str] = set()
    pending = sorted(needed)
    while pending:
        finding_id = pending.pop()
        if finding_id in wanted_findings:
            continue
        wanted_findings.add(finding_id)
        finding = shipped.findings[finding_id]
        pending.extend(finding["implies"])
        if finding["attribute"] is not None:
            pending.extend(
                other["id"]
                for other in shipped.findings.values()
                if other["attribute"] == finding["attribute"]
            )
        if finding_id in asked or finding["kind"] == "demographic":
            continue
        for question in shipped.questions.values():
            offered = [question["finding"], *question["any_of"]] + [
                option["finding"] for option in question["options"]
            ]
            if finding_id in offered and question["id"] not in mine:
                wanted_questions.add(question["id"])
                asked.update(f for f in offered if f)
                rule = question["ask_if"]
                pending.extend(f for f in offered if f)
                if rule:
                    pending.extend(f for part in ("all", "any", "not") for f in rule[part])
                break
    record["findings"].extend(
        f for f in shipped.findings.values() if f["id"] in wanted_findings - findings
    )
    findings.update(wanted_findings)
    record["questions"].extend(q for q in shipped.questions.values() if q["id"] in wanted_questions)


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
        needed = {f for rule in flag["rules"] for part in ("all", "any", "not") for f in rule[part]}
        _add_screen(record, shipped, needed, findings)
        for source_id in flag["sources"]:
            if source_id not in sources:
                record["sources"].append(shipped.sources[source_id])
                sources.add(source_id)
    _raise(problems, text, name)
    record["red_flags"] = record["red_flags"] + added_flags
    return record
