"""A triage result as a `Document`: how soon to seek care first, then the possible causes.

Reads only the `Report` (the JSON contract), so every format says what the JSON says. The warning
signs that were reported, and the disclaimer, are the document's `safety`; a result from
phenotype input ends with what each term was read as.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from weakcli.kb.vocab import AGE_GROUPS, EMERGENCY_LEVELS, LEVEL_LABELS, URGENCY_LABELS
from weakcli.render.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Item,
    Line,
    Link,
    Paragraph,
    Section,
    Table,
    disclaimer,
)
from weakcli.triage.report import (
    MIN_SHOWN,
    TOP,
    CausePart,
    OpenFlagPart,
    ReasonPart,
    Report,
)

WARNING_SIGNS: Final = "Warning signs"
_REASONS: Final = {
    "no_finding": "no finding in the knowledge base",
    "unknown": "not in the HPO",
    "obsolete": "obsolete, without a replacement",
}
_AGE_GROUPS: Final = frozenset(group for group, _, _ in AGE_GROUPS)


def report_page(report: Report) -> Document:
    created = (
        f"Created {report['created']} with weakcli {report['weakcli_version']}, knowledge base "
        f"{report['kb_version']}."
        + ("" if report["complete"] else " The session was not finished.")
    )
    if report.get("stopped_for_emergency"):
        return Document(
            "weakcli report",
            (Paragraph((created,)), _how_soon(report), _STOPPED),
            (
                _warning_signs(report),
                disclaimer(),
            ),
        )
    body: list[Block] = [
        Paragraph((created,)),
        _how_soon(report),
        _causes(report),
        Section(
            "Tests to discuss",
            (Facts(tuple((t["name"], (t["what_it_involves"],)) for t in report["tests"])),),
        ),
        Section(
            "Treatment and support",
            (
                Facts(
                    tuple(
                        (t["name"], (" ".join(c.get("note", "") for c in t["for_causes"][:1]),))
                        for t in report["treatments"]
                    )
                ),
            ),
        ),
        Section(
            "Questions to ask a doctor",
            (Bullets(tuple(Item((q,)) for q in report["doctor_questions"])),),
        ),
        _answers(report),
        Section(
            "Sources",
            (
                Bullets(
                    tuple(
                        Item((Link(s["title"], s["url"]), f" ({s['publisher']})"))
                        for s in report["sources"]
                    )
                ),
            ),
        ),
    ]
    if "hpo_version" in report:
        body.append(_phenotype(report))
    return Document("weakcli report", tuple(body), (_warning_signs(report), disclaimer()))


def shown(report: Report) -> list[CausePart]:
    """The causes worth showing: at least MIN_SHOWN likely, at most TOP, and at least one."""
    causes = report["causes"]
    return [c for c in causes if c["probability"] >= MIN_SHOWN][:TOP] or causes[:1]


def percent(probability: float) -> str:
    return "<1%" if probability < 0.01 else f"{probability * 100:.0f}%"


_STOPPED: Final = Paragraph(
    (
        "The questions stopped here so that you can get help now. Possible causes are not "
        "shown: after so few answers they would mislead. When you are safe, you can go on, for "
        "information only, with: weakcli triage --resume",
    )
)


def _how_soon(report: Report) -> Section:
    """One headline, the advice of the warning sign or cause that set it, and any other advice
    at the same level under "Also". Advice of a lower level is left out: it would contradict
    the headline ('see a doctor in two weeks' under 'call an ambulance now')."""
    urgency = report["urgency"]
    first, *others = urgency["reasons"]
    also = list(
        dict.fromkeys(
            reason["text"]
            for reason in others
            if reason["level"] == urgency["level"] and reason["text"] != first["text"]
        )
    )
    headline = f"{urgency['label']}."
    unchecked = urgency["not_screened"]
    if unchecked and urgency["level"] not in EMERGENCY_LEVELS:
        # Never as if it had been assessed: the level holds only if no open sign applies.
        headline = f"{urgency['label']}, if none of the warning signs below applies."
    blocks: list[Block] = [Paragraph((headline,))]
    if unchecked and urgency["level"] not in EMERGENCY_LEVELS:
        blocks.append(Paragraph((_unchecked_text(unchecked),)))
    blocks.append(Paragraph((first["text"],)))
    if also:
        blocks.append(Section("Also", (Bullets(tuple(Item((text,)) for text in also)),)))
    return Section("How soon to seek care", tuple(blocks), alert=True)


def _warning_signs(report: Report) -> Section:
    blocks: list[Block] = []
    if report["red_flags"]:
        blocks.append(
            Bullets(
                tuple(
                    Item((f"{f['name']} ({URGENCY_LABELS[f['urgency']]}): {f['action']}",))
                    for f in report["red_flags"]
                )
            )
        )
    else:
        blocks.append(Paragraph(("None of the warning signs was reported.",)))
    unchecked = report["urgency"]["not_screened"]
    if unchecked:
        blocks.append(Paragraph((_unchecked_text(unchecked),)))
    return Section(WARNING_SIGNS, tuple(blocks), alert=True)


LISTED: Final = 6
"""Open warning signs named one by one; more are counted."""


def _unchecked_text(unchecked: Sequence[OpenFlagPart]) -> str:
    """Which warning signs the answers or terms left open, and what to do about them."""
    if len(unchecked) > LISTED:
        what = f"{len(unchecked)} warning signs could not be checked"
    else:
        names = "; ".join(flag["name"] for flag in unchecked)
        what = f"Not fully checked: {names}"
    return (
        f"{what}. 'weakcli red-flags' lists every warning sign and what to do; if any of them "
        "applies, act on it now."
    )


def _causes(report: Report) -> Section:
    causes = shown(report)
    rows: list[tuple[Line, ...]] = [
        (
            (cause["name"],),
            (percent(cause["probability"]),),
            (LEVEL_LABELS[cause["level"]],),  # type: ignore[index]
            (cause["category"].capitalize(),),
        )
        for cause in causes
    ]
    rows.append((("None of these fits well",), (percent(report["none_fits"]),), ("",), ("",)))
    return Section(
        "Possible causes",
        (
            Paragraph(("How well each cause fits the answers: educational, not a diagnosis.",)),
            Table(("Cause", "Likelihood", "Where", "Kind"), tuple(rows)),
            *(_cause(cause) for cause in causes),
        ),
    )


def _cause(cause: CausePart) -> Section:
    codes = ", ".join(cause["codes"]["icd10cm"] + cause["codes"]["mondo"])
    items = [Item((f"Codes: {codes}",))]
    for label, reasons in (("For", cause["for"]), ("Against", cause["against"])):
        if reasons:
            items.append(Item((label,), tuple((_reason(r),) for r in reasons)))
    return Section(f"{cause['name']} ({percent(cause['probability'])})", (Bullets(tuple(items)),))


def _reason(reason: ReasonPart) -> str:
    ratio = reason["likelihood_ratio"]
    weight = f"x{ratio:.1f}" if ratio >= 1 else f"/{1 / ratio:.1f}"
    return f"{'' if reason['present'] else 'not: '}{reason['label']} ({weight})"


def _answers(report: Report) -> Section:
    if not report["answers"]:
        return Section("Your answers", (Paragraph(("No questions were asked.",)),))
    rows = tuple(((a["text"],), (a["label"],)) for a in report["answers"])
    return Section("Your answers", (Table(("Question", "Answer"), rows),))


def _phenotype(report: Report) -> Section:
    """What the terms were read as: the findings each set, or why it set none."""
    source = report.get("input") or "HPO terms given on the command line"
    packet = report.get("phenopacket_id")
    ident = f" (phenopacket {packet})" if packet else ""
    facts = report.get("facts", [])
    labels = {fact["finding"]: fact["label"] for fact in facts}
    rows: list[tuple[Line, ...]] = []
    for term in report.get("matched_terms", []):
        found = "; ".join(labels.get(f, f) for f in term["findings"])
        rows.append(((_term(term),), (found,)))
    for term in report.get("unmatched_terms", []):
        rows.append(((_term(term),), (_REASONS[term["reason"]],)))
    blocks: list[Block] = [
        Paragraph((f"From {source}{ident}; HPO version {report.get('hpo_version')}.",)),
        Table(("Term", "Findings"), tuple(rows)),
    ]
    from_terms = {f for term in report.get("matched_terms", []) for f in term["findings"]}
    ages = "; ".join(
        f"{fact['label']}: {'yes' if fact['present'] else 'no'}"
        for fact in facts
        if fact["finding"] in _AGE_GROUPS and fact["finding"] not in from_terms
    )
    if ages:
        blocks.append(Paragraph((f"From the ages given: {ages}.",)))
    return Section("Phenotype input", tuple(blocks))


def _term(term: dict[str, Any]) -> str:
    sign = "not " if term["excluded"] else ""
    label = term["label"] or "(no label)"
    replaces = f", replaces {term['replaces']}" if "replaces" in term else ""
    return f"{sign}{term['id']} {label}{replaces}"
