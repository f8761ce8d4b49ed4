"""The result of a triage: one document, three renderings (JSON, Markdown, plain text).

`build_report()` turns an assessment into the versioned JSON contract documented in the README;
the Markdown and text renderers read only that document, so every format says the same thing,
and the disclaimer and the red flags are in all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal

from weakcli import DISCLAIMER, __version__
from weakcli.kb.store import KB
from weakcli.kb.vocab import LEVEL_LABELS, URGENCY_LABELS
from weakcli.textsafe import clean, md_cell, md_heading, md_link, md_text, one_line
from weakcli.triage.engine import Assessment, Model, Reason, State

SCHEMA_VERSION: Final = 1
TOP: Final = 5
"""Causes shown in full (at most); the JSON lists every cause."""
MIN_SHOWN: Final = 0.01
"""Causes below this probability are left out of the text and Markdown."""

Report = dict[str, Any]


def _reason(reason: Reason) -> dict[str, Any]:
    return {
        "finding": reason.finding,
        "label": reason.label,
        "present": reason.present,
        "likelihood_ratio": round(reason.ratio, 2),
    }


def build_report(
    model: Model,
    state: State,
    assessment: Assessment,
    *,
    created: str,
    complete: bool = True,
) -> Report:
    """The JSON contract: every field a renderer or a script may rely on."""
    kb = model.kb
    causes = list(assessment.causes)
    top = [c for c in causes if c.probability >= MIN_SHOWN][:TOP] or causes[:1]
    answers = []
    for question_id, value in state.answers:
        question = model.questions.get(question_id)
        if question is None:
            continue
        label = dict(question.choices).get(value, value)
        answers.append(
            {"question": question_id, "text": question.text, "answer": value, "label": label}
        )
    unscreened = [
        flag
        for flag in model.screen
        if flag not in state.asked and kb.red_flags[flag]["finding"] not in assessment.evidence
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "created": created,
        "weakcli_version": __version__,
        "kb_version": kb.version,
        "complete": complete,
        "urgency": {
            "level": assessment.urgency,
            "label": URGENCY_LABELS[assessment.urgency],
            "reasons": [
                {"source": r.source, "id": r.id, "level": r.level, "text": r.text}
                for r in assessment.urgency_reasons
            ],
        },
        "red_flags": [
            {
                "id": flag_id,
                "name": kb.red_flags[flag_id]["name"],
                "urgency": kb.red_flags[flag_id]["urgency"],
                "action": kb.red_flags[flag_id]["action"],
            }
            for flag_id in assessment.red_flags
        ],
        "red_flags_not_screened": unscreened,
        "causes": [
            {
                "id": cause.id,
                "name": kb.causes[cause.id]["name"],
                "category": kb.causes[cause.id]["category"],
                "level": kb.causes[cause.id]["level"],
                "probability": round(cause.probability, 4),
                "urgency": kb.causes[cause.id]["urgency"],
                "codes": {
                    "icd10cm": kb.causes[cause.id]["codes"]["icd10cm"],
                    "mondo": kb.causes[cause.id]["codes"]["mondo"],
                },
                "for": [_reason(r) for r in cause.reasons_for],
                "against": [_reason(r) for r in cause.reasons_against],
            }
            for cause in causes
        ],
        "none_fits": round(assessment.none_fits, 4),
        "tests": _tests(kb, [c.id for c in top]),
        "treatments": _treatments(kb, [c.id for c in top]),
        "doctor_questions": _doctor_questions(kb, [c.id for c in top]),
        "sources": _sources(kb, [c.id for c in top], assessment.red_flags),
        "answers": answers,
        "disclaimer": DISCLAIMER,
    }


def _tests(kb: KB, cause_ids: list[str]) -> list[dict[str, Any]]:
    return _linked(
        kb,
        cause_ids,
        "tests",
        lambda link, test: ({"what_it_involves": test["procedure"]}, {"shows": link["shows"]}),
    )


def _treatments(kb: KB, cause_ids: list[str]) -> list[dict[str, Any]]:
    return _linked(
        kb,
        cause_ids,
        "treatments",
        lambda link, treatment: ({"kind": treatment["kind"]}, {"note": link["note"]}),
    )


def _linked(
    kb: KB,
    cause_ids: list[str],
    section: Literal["tests", "treatments"],
    describe: Callable[[Any, Any], tuple[dict[str, str], dict[str, str]]],
) -> list[dict[str, Any]]:
    """The tests (or treatments) the causes name, each once, with what it means for each cause.

    `describe(link, entry)` gives the entry's own fields and the fields of one cause's link.
    """
    entries: Mapping[str, Any] = kb.tests if section == "tests" else kb.treatments
    key = "test" if section == "tests" else "treatment"
    seen: dict[str, dict[str, Any]] = {}
    for cause_id in cause_ids:
        for link in kb.causes[cause_id][section]:
            entry = entries[link[key]]  # type: ignore[literal-required]
            own, per_cause = describe(link, entry)
            item = seen.setdefault(
                entry["id"], {"id": entry["id"], "name": entry["name"], **own, "for_causes": []}
            )
            item["for_causes"].append({"cause": cause_id, **per_cause})
    return list(seen.values())


def _doctor_questions(kb: KB, cause_ids: list[str]) -> list[str]:
    questions = [
        "Which tests do you suggest for my weakness, and what will each one tell us?",
        "How soon should I come back, and which changes mean I should seek help at once?",
    ]
    for cause_id in cause_ids[:3]:
        for question in kb.causes[cause_id]["doctor_questions"]:
            if question not in questions:
                questions.append(question)
    return questions


def _sources(kb: KB, cause_ids: list[str], flags: tuple[str, ...]) -> list[dict[str, str]]:
    ids: list[str] = []
    for flag_id in flags:
        ids += kb.red_flags[flag_id]["sources"]
    for cause_id in cause_ids:
        ids += kb.causes[cause_id]["sources"]
    unique = list(dict.fromkeys(ids))
    return [
        {
            "id": s,
            "title": kb.sources[s]["title"],
            "publisher": kb.sources[s]["publisher"],
            "url": kb.sources[s]["url"],
        }
        for s in unique
    ]


def _shown(report: Report) -> list[dict[str, Any]]:
    return [c for c in report["causes"] if c["probability"] >= MIN_SHOWN] or report["causes"][:1]


def render_json(report: Report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _percent(probability: float) -> str:
    if probability < 0.01:
        return "<1%"
    return f"{probability * 100:.0f}%"


def _ratio(reason: dict[str, Any]) -> str:
    ratio = reason["likelihood_ratio"]
    return f"x{ratio:.1f}" if ratio >= 1 else f"/{1 / ratio:.1f}"


def _reason_text(reason: dict[str, Any]) -> str:
    state = "" if reason["present"] else "not: "
    return f"{state}{reason['label']} ({_ratio(reason)})"


def render_markdown(report: Report) -> str:
    """A report to take to an appointment: valid CommonMark/GFM, every text escaped."""
    out: list[str] = [md_heading(1, "weakcli report"), ""]
    out.append(
        md_text(
            f"Created {report['created']} with weakcli {report['weakcli_version']}, knowledge "
            f"base {report['kb_version']}."
            + ("" if report["complete"] else " The session was not finished.")
        )
    )
    out += ["", f"> **{md_text('Not a diagnosis.')}** {md_text(report['disclaimer'])}", ""]
    urgency = report["urgency"]
    out += [md_heading(2, "How soon to seek care"), ""]
    out.append(f"> **{md_text(urgency['label'])}**")
    for reason in urgency["reasons"]:
        out.append(">")
        out.append(f"> {md_text(reason['text'])}")
    out.append("")
    out += [md_heading(2, "Warning signs"), ""]
    if report["red_flags"]:
        for flag in report["red_flags"]:
            out.append(
                f"- **{md_text(flag['name'])}** ({md_text(URGENCY_LABELS[flag['urgency']])}): "
                f"{md_text(flag['action'])}"
            )
    else:
        out.append(md_text("None of the warning signs was reported."))
    if report["red_flags_not_screened"]:
        out += ["", md_text("Not asked: " + ", ".join(report["red_flags_not_screened"]) + ".")]
    out.append("")
    out += [md_heading(2, "Possible causes"), ""]
    out += ["| Cause | Likelihood | Where | Category |", "| --- | ---: | --- | --- |"]
    for cause in _shown(report):
        out.append(
            f"| {md_cell(cause['name'])} | {_percent(cause['probability'])} | "
            f"{md_cell(LEVEL_LABELS[cause['level']])} | {md_cell(cause['category'])} |"
        )
    out.append(f"| {md_cell('None of these fits well')} | {_percent(report['none_fits'])} | | |")
    out.append("")
    for cause in _shown(report)[:TOP]:
        out += [md_heading(3, f"{cause['name']} ({_percent(cause['probability'])})"), ""]
        codes = ", ".join(cause["codes"]["icd10cm"] + cause["codes"]["mondo"])
        out.append(md_text(f"Codes: {codes}."))
        out.append("")
        if cause["for"]:
            out.append(md_text("For:"))
            out.append("")
            out += [f"- {md_text(_reason_text(r))}" for r in cause["for"]]
            out.append("")
        if cause["against"]:
            out.append(md_text("Against:"))
            out.append("")
            out += [f"- {md_text(_reason_text(r))}" for r in cause["against"]]
            out.append("")
    out += [md_heading(2, "Tests to discuss"), ""]
    for test in report["tests"]:
        out.append(f"- **{md_text(test['name'])}**: {md_text(test['what_it_involves'])}")
    out += ["", md_heading(2, "Treatment and support"), ""]
    for treatment in report["treatments"]:
        notes = " ".join(item["note"] for item in treatment["for_causes"][:1])
        out.append(f"- **{md_text(treatment['name'])}**: {md_text(notes)}")
    out += ["", md_heading(2, "Questions to ask a doctor"), ""]
    out += [f"- {md_text(question)}" for question in report["doctor_questions"]]
    out += ["", md_heading(2, "Your answers"), ""]
    out += ["| Question | Answer |", "| --- | --- |"]
    for item in report["answers"]:
        out.append(f"| {md_cell(item['text'])} | {md_cell(item['label'])} |")
    out += ["", md_heading(2, "Sources"), ""]
    for source in report["sources"]:
        out.append(f"- {md_link(source['title'], source['url'])} ({md_text(source['publisher'])})")
    out += ["", f"> {md_text(report['disclaimer'])}", ""]
    return "\n".join(out)


def render_text(report: Report, width: int = 80) -> str:
    """Plain text for a terminal or a pipe: no markup, every text cleaned."""
    import textwrap

    def wrap(text: str, indent: str = "") -> list[str]:
        return textwrap.wrap(
            one_line(text),
            width=max(20, width),
            initial_indent=indent,
            subsequent_indent=" " * len(indent),
            break_long_words=False,  # a URL stays whole, so it can still be opened
            break_on_hyphens=False,
        ) or [indent.rstrip()]

    rule = "=" * min(width, 72)
    urgency = report["urgency"]
    out = [rule, *wrap(f"HOW SOON: {urgency['label'].upper()}"), rule]
    for reason in urgency["reasons"]:
        out += wrap(reason["text"], "  ")
    for flag in report["red_flags"]:
        out += wrap(f"Warning sign: {flag['name']}. {flag['action']}", "! ")
    out.append("")
    out.append("Possible causes (educational, not a diagnosis):")
    for cause in _shown(report)[:TOP]:
        bar = "#" * round(cause["probability"] * 20)
        out.append(f"  {_percent(cause['probability']):>4} {bar:<20} {clean(cause['name'])}")
        out += wrap(f"{LEVEL_LABELS[cause['level']]}; {cause['category']}", "       ")
        for reason in cause["for"][:4]:
            out += wrap(_reason_text(reason), "       + ")
        for reason in cause["against"][:3]:
            out += wrap(_reason_text(reason), "       - ")
    out.append(
        f"  {_percent(report['none_fits']):>4} {'#' * round(report['none_fits'] * 20):<20} "
        "None of these fits well"
    )
    out += ["", "Tests a doctor may use:"]
    for test in report["tests"]:
        out += wrap(f"{test['name']}: {test['what_it_involves']}", "  - ")
    out += ["", "Treatment and support:"]
    for treatment in report["treatments"][:8]:
        out += wrap(treatment["name"], "  - ")
    out += ["", "Questions to ask a doctor:"]
    for question in report["doctor_questions"]:
        out += wrap(question, "  - ")
    out += ["", "Sources:"]
    for source in report["sources"]:
        out += wrap(f"{source['title']} ({source['publisher']}): {source['url']}", "  - ")
    out += ["", *wrap(report["disclaimer"]), ""]
    return "\n".join(out)
