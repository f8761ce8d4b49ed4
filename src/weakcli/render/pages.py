"""The knowledge-base pages: each lookup, and the handbook, as a `Document`.

The builders decide the content (which facts, in which order, which cross-references); every
page carries the red flags and the disclaimer in `safety`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

from weakcli.kb.records import (
    CauseRecord,
    FindingLinkRecord,
    GlossaryRecord,
    RedFlagRecord,
    SourceRecord,
    TestRecord,
    TreatmentRecord,
)
from weakcli.kb.store import KB
from weakcli.kb.vocab import (
    FREQUENCY_LABELS,
    LEVEL_LABELS,
    ONSET_LABELS,
    URGENCIES,
    URGENCY_ACTIONS,
    URGENCY_LABELS,
)
from weakcli.lookup.lists import (
    causes_using_test,
    causes_using_treatment,
    in_common,
    select_causes,
    sorted_terms,
    sorted_tests,
    sorted_treatments,
)
from weakcli.render.document import (
    GET_HELP,
    Block,
    Bullets,
    Document,
    Facts,
    Item,
    Line,
    Link,
    Mark,
    Paragraph,
    Ref,
    Section,
    Span,
    Table,
    disclaimer,
)

if TYPE_CHECKING:
    from weakcli.lookup.search import Hit


def causes_page(kb: KB, causes: Sequence[CauseRecord]) -> Document:
    return Document(
        f"Causes of muscle weakness ({len(causes)})", (causes_table(causes),), safety(kb)
    )


def cause_page(kb: KB, cause: CauseRecord) -> Document:
    return Document(cause["name"], cause_blocks(kb, cause), safety(kb))


def tests_page(kb: KB, tests: Sequence[TestRecord]) -> Document:
    return Document(f"Diagnostic tests ({len(tests)})", (tests_table(tests),), safety(kb))


def test_page(kb: KB, test: TestRecord) -> Document:
    return Document(test["name"], test_blocks(kb, test), safety(kb))


def glossary_page(kb: KB, terms: Sequence[GlossaryRecord]) -> Document:
    return Document(f"Glossary ({len(terms)})", (glossary_facts(terms),), safety(kb))


def term_page(kb: KB, term: GlossaryRecord) -> Document:
    facts: list[tuple[str, Line]] = []
    if term["aliases"]:
        facts.append(("Also called", _joined(term["aliases"])))
    facts.append(("Sources", _joined_refs(_source(kb.sources[i]) for i in term["sources"])))
    return Document(
        term["term"], (Paragraph((term["definition"],)), Facts(tuple(facts))), safety(kb)
    )


def red_flags_page(kb: KB) -> Document:
    body: tuple[Block, ...] = (
        Paragraph(("Signs that need care now, and what to do.",)),
        *(
            Section(flag["name"], red_flag_blocks(kb, flag), anchor=f"red-flag-{flag['id']}")
            for flag in urgent_first(kb)
        ),
    )
    return Document("Emergency signs", body, (disclaimer(),))


def search_page(kb: KB, query: str, hits: Sequence[Hit]) -> Document:
    if not hits:
        return Document(f"Search: {query}", (Paragraph(("Nothing matched.",)),), safety(kb))
    rows = tuple(
        (
            (_hit_ref(hit),),
            (hit.kind,),
            (
                f"{hit.field}: ",
                hit.text[: hit.start],
                Mark(hit.text[hit.start : hit.end]),
                hit.text[hit.end :],
            ),
        )
        for hit in hits
    )
    table = Table(("Match", "Kind", "Where it matched"), rows)
    return Document(f"Search: {query} ({len(hits)})", (table,), safety(kb))


def _hit_ref(hit: Hit) -> Ref:
    lookup = hit.id if hit.kind in ("cause", "test") else None
    return Ref(hit.title, f"{hit.kind}-{hit.id}", lookup)


def compare_page(kb: KB, first: CauseRecord, second: CauseRecord) -> Document:
    def row(label: str, get: Iterable[Line]) -> tuple[Line, ...]:
        return ((label,), *get)

    pair = (first, second)
    rows = (
        row("In short", ((c["summary"],) for c in pair)),
        row("Where the problem is", ((LEVEL_LABELS[c["level"]],) for c in pair)),
        row("Kind of cause", ((words(c["category"]),) for c in pair)),
        row("How common", ((words(c["prevalence"]),) for c in pair)),
        row("How urgent", ((URGENCY_LABELS[c["urgency"]],) for c in pair)),
        row("How it starts", ((onsets(c),) for c in pair)),
        row("Where it is felt", ((c["pattern"]["distribution"],) for c in pair)),
        row("How it goes on", ((c["pattern"]["course"],) for c in pair)),
        row("Who it affects", ((c["pattern"]["age"],) for c in pair)),
        row("Points to it", (_joined(_finding_names(kb, c["findings_for"])) for c in pair)),
        row("Points away", (_joined(_finding_names(kb, c["findings_against"])) for c in pair)),
        row("Tests", (_joined(kb.tests[t["test"]]["name"] for t in c["tests"]) for c in pair)),
        row(
            "Treatment",
            (_joined(kb.treatments[t["treatment"]]["name"] for t in c["treatments"]) for c in pair),
        ),
    )
    shared = in_common(first, second)
    common = Facts(
        (
            ("Findings", _joined(kb.findings[i]["label"] for i in shared["findings"])),
            ("Tests", _joined(kb.tests[i]["name"] for i in shared["tests"])),
            ("Treatments", _joined(kb.treatments[i]["name"] for i in shared["treatments"])),
        )
    )
    table = Table(
        ("", f"{first['name']} ({first['id']})", f"{second['name']} ({second['id']})"), rows
    )
    return Document(
        f"{first['name']} and {second['name']}",
        (table, Section("In common", (common,))),
        safety(kb),
    )


def handbook_page(kb: KB) -> Document:
    causes = select_causes(kb)
    tests = sorted_tests(kb)
    treatments = sorted_treatments(kb)
    terms = sorted_terms(kb)
    flags = urgent_first(kb)
    sections = (
        Section(
            "Causes",
            (
                causes_table(causes),
                *(
                    Section(c["name"], cause_blocks(kb, c), anchor=f"cause-{c['id']}")
                    for c in causes
                ),
            ),
            anchor="causes",
        ),
        Section(
            "Tests",
            (
                tests_table(tests),
                *(Section(t["name"], test_blocks(kb, t), anchor=f"test-{t['id']}") for t in tests),
            ),
            anchor="tests",
        ),
        Section(
            "Treatment and support",
            tuple(
                Section(t["name"], treatment_blocks(kb, t), anchor=f"treatment-{t['id']}")
                for t in treatments
            ),
            anchor="treatments",
        ),
        Section(
            "Glossary",
            tuple(
                Section(g["term"], (Paragraph((g["definition"],)),), anchor=f"glossary-{g['id']}")
                for g in terms
            ),
            anchor="glossary",
        ),
        Section(
            "Sources",
            (Bullets(tuple(Item(_source(s)) for s in sorted(kb.sources.values(), key=_by_title))),),
            anchor="sources",
        ),
    )
    red_flags = Section(
        GET_HELP,
        tuple(
            Section(flag["name"], red_flag_blocks(kb, flag), anchor=f"red-flag-{flag['id']}")
            for flag in flags
        ),
        anchor="red-flags",
        alert=True,
    )
    contents = Section(
        "Contents", (Bullets(tuple(_contents(red_flags, *sections))),), anchor="contents"
    )
    intro = Paragraph(
        (
            f"Knowledge base version {kb.version}: {len(causes)} causes, {len(tests)} tests, "
            f"{len(treatments)} treatments and supports, {len(terms)} glossary terms.",
        )
    )
    return Document(
        "weakcli handbook: muscle weakness",
        (intro, contents, *sections),
        (red_flags, disclaimer()),
    )


def _contents(*sections: Section) -> Iterable[Item]:
    for section in sections:
        entries = tuple(
            (Ref(entry.title, entry.anchor),)
            for entry in section.blocks
            if isinstance(entry, Section) and entry.anchor
        )
        yield Item((Ref(section.title, section.anchor or ""),), entries)


# Blocks --------------------------------------------------------------------------------------


def safety(kb: KB) -> tuple[Section, ...]:
    """The red flags grouped by what to do, then the disclaimer: on every page.

    One line per step of the urgency ladder keeps the warning short enough to be read on every
    lookup; `weakcli red-flags` (and the handbook's first section) gives each sign in full.
    """
    groups: dict[str, list[RedFlagRecord]] = {}
    for flag in urgent_first(kb):
        groups.setdefault(flag["urgency"], []).append(flag)
    items = []
    for urgency, flags in groups.items():
        names: list[Span] = [f"{URGENCY_ACTIONS[urgency]}: "]  # type: ignore[index]
        for index, flag in enumerate(flags):
            if index:
                names.append("; ")
            names.append(Ref(flag["name"], f"red-flag-{flag['id']}"))
        names.append(".")
        items.append(Item(tuple(names)))
    flags_section = Section(
        GET_HELP,
        (
            Paragraph(("If you notice any of these warning signs, act now:",)),
            Bullets(tuple(items)),
            Paragraph(("'weakcli red-flags' says what to do for each sign.",)),
        ),
        alert=True,
    )
    return (flags_section, disclaimer())


def urgent_first(kb: KB) -> list[RedFlagRecord]:
    """The red flags, most urgent first, otherwise in the knowledge base's order."""
    return sorted(kb.red_flags.values(), key=lambda flag: URGENCIES.index(flag["urgency"]))


def causes_table(causes: Sequence[CauseRecord]) -> Table:
    return Table(
        ("Cause", "Where the problem is", "How urgent"),
        tuple(
            (
                (cause_ref(c),),
                (LEVEL_LABELS[c["level"]],),
                (URGENCY_LABELS[c["urgency"]],),
            )
            for c in causes
        ),
    )


def tests_table(tests: Sequence[TestRecord]) -> Table:
    return Table(
        ("Test", "Kind", "What it measures"),
        tuple(((test_ref(t),), (words(t["kind"]),), (t["measures"],)) for t in tests),
    )


def glossary_facts(terms: Sequence[GlossaryRecord]) -> Facts:
    return Facts(tuple((g["term"], (g["definition"],)) for g in terms))


def cause_ref(cause: CauseRecord) -> Ref:
    return Ref(cause["name"], f"cause-{cause['id']}", cause["id"])


def test_ref(test: TestRecord) -> Ref:
    return Ref(test["name"], f"test-{test['id']}", test["id"])


def cause_blocks(kb: KB, cause: CauseRecord) -> tuple[Block, ...]:
    pattern = cause["pattern"]
    daily = cause["daily_life"]
    codes = cause["codes"]
    facts: list[tuple[str, Line]] = [("Id", (cause["id"],))]
    if cause["aliases"]:
        facts.append(("Also called", _joined(cause["aliases"])))
    facts += [
        ("Where the problem is", (LEVEL_LABELS[cause["level"]],)),
        ("Kind of cause", (words(cause["category"]),)),
        ("How common", (words(cause["prevalence"]),)),
        ("How urgent", (URGENCY_LABELS[cause["urgency"]],)),
    ]
    blocks: list[Block] = [
        Paragraph((cause["summary"],)),
        Facts(tuple(facts)),
        Section("How it causes weakness", (Paragraph((cause["mechanism"],)),)),
        Section(
            "Typical pattern",
            (
                Facts(
                    (
                        ("How it starts", (onsets(cause),)),
                        ("Where it is felt", (pattern["distribution"],)),
                        ("How it goes on", (pattern["course"],)),
                        ("Who it affects", (pattern["age"],)),
                    )
                ),
            ),
        ),
        Section("Signs that point to it", (_findings_table(kb, cause["findings_for"]),)),
    ]
    if cause["findings_against"]:
        blocks.append(
            Section(
                "Signs that point away from it", (_findings_table(kb, cause["findings_against"]),)
            )
        )
    if cause["red_flags"]:
        flags = tuple(
            Item((Ref(kb.red_flags[i]["name"], f"red-flag-{i}"), f": {kb.red_flags[i]['action']}"))
            for i in cause["red_flags"]
        )
        blocks.append(Section("Emergency signs", (Bullets(flags),)))
    blocks += [
        Section(
            "Tests",
            (
                Table(
                    ("Test", "What it may show"),
                    tuple(
                        ((test_ref(kb.tests[t["test"]]),), (t["shows"],)) for t in cause["tests"]
                    ),
                ),
            ),
        ),
        Section(
            "Treatment and support",
            (
                Table(
                    ("Treatment", "Note"),
                    tuple(
                        ((_treatment_ref(kb.treatments[t["treatment"]]),), (t["note"],))
                        for t in cause["treatments"]
                    ),
                ),
            ),
        ),
        Section(
            "Daily life",
            (
                Facts(
                    (
                        ("Everyday activities", (daily["activities"],)),
                        ("Getting around", (daily["mobility"],)),
                        ("Falls", (daily["falls"],)),
                    )
                ),
            ),
        ),
        Section(
            "When to seek care",
            (Paragraph((URGENCY_LABELS[cause["urgency"]] + ". ", cause["seek_care"])),),
        ),
    ]
    if cause["doctor_questions"]:
        blocks.append(
            Section(
                "Questions to ask your doctor",
                (Bullets(tuple(Item((q,)) for q in cause["doctor_questions"])),),
            )
        )
    code_rows = tuple(
        (label, _joined(values))
        for label, values in (
            ("ICD-10-CM", codes["icd10cm"]),
            ("MONDO", codes["mondo"]),
            ("SNOMED CT", codes["snomed"]),
        )
        if values
    )
    if code_rows:
        blocks.append(Section("Codes", (Facts(code_rows),)))
    blocks.append(_sources(kb, cause["sources"]))
    return tuple(blocks)


def test_blocks(kb: KB, test: TestRecord) -> tuple[Block, ...]:
    facts: list[tuple[str, Line]] = [("Id", (test["id"],))]
    if test["aliases"]:
        facts.append(("Also called", _joined(test["aliases"])))
    facts.append(("Kind", (words(test["kind"]),)))
    blocks: list[Block] = [
        Paragraph((test["measures"],)),
        Facts(tuple(facts)),
        Section("How it is done", (Paragraph((test["procedure"],)),)),
        Section("Preparation", (Paragraph((test["preparation"],)),)),
        Section("Risks", (Paragraph((test["risks"],)),)),
        Section(
            "Results",
            (
                Paragraph((test["turnaround"],)),
                Table(
                    ("Result", "What it means"),
                    tuple(((r["label"],), (r["meaning"],)) for r in test["results"]),
                ),
            ),
        ),
    ]
    used = causes_using_test(kb, test["id"])
    if used:
        blocks.append(
            Section("Used to look for", (Bullets(tuple(Item((cause_ref(c),)) for c in used)),))
        )
    blocks.append(_sources(kb, test["sources"]))
    return tuple(blocks)


def treatment_blocks(kb: KB, treatment: TreatmentRecord) -> tuple[Block, ...]:
    facts: list[tuple[str, Line]] = [("Kind", (words(treatment["kind"]),))]
    if treatment["aliases"]:
        facts.append(("Also called", _joined(treatment["aliases"])))
    used = causes_using_treatment(kb, treatment["id"])
    if used:
        facts.append(("Used for", _joined_refs(cause_ref(c) for c in used)))
    facts.append(("Sources", _joined_refs(_source(kb.sources[i]) for i in treatment["sources"])))
    return (Paragraph((treatment["description"],)), Facts(tuple(facts)))


def red_flag_blocks(kb: KB, flag: RedFlagRecord) -> tuple[Block, ...]:
    facts: list[tuple[str, Line]] = [
        ("What to do", (flag["action"],)),
        ("How urgent", (URGENCY_LABELS[flag["urgency"]],)),
        ("Why it matters", (flag["why"],)),
    ]
    if flag["causes"]:
        facts.append(
            ("Possible causes", _joined_refs(cause_ref(kb.causes[i]) for i in flag["causes"]))
        )
    facts.append(("Sources", _joined_refs(_source(kb.sources[i]) for i in flag["sources"])))
    return (
        Paragraph(("Raised when:",)),
        Bullets(tuple(Item(line) for line in rule_lines(kb, flag))),
        Facts(tuple(facts)),
    )


def rule_lines(kb: KB, flag: RedFlagRecord) -> list[Line]:
    """Each rule of a red flag in plain words, one line each."""
    lines: list[Line] = []
    for rule in flag["rules"]:
        parts = [_lower(kb.findings[f]["label"]) for f in rule["all"]]
        if rule["any"]:
            names = [_lower(kb.findings[f]["label"]) for f in rule["any"]]
            parts.append(names[0] if len(names) == 1 else "any of: " + "; ".join(names))
        text = ", with ".join(parts)
        if rule["not"]:
            text += ", unless: " + "; ".join(_lower(kb.findings[f]["label"]) for f in rule["not"])
        lines.append((text[:1].upper() + text[1:],))
    return lines


def _lower(label: str) -> str:
    """A label run into a sentence: its first letter lower-case, unless its first word is an
    abbreviation (EMG, CK) or a name."""
    first = label.split(" ")[0].strip(",:;")
    if first in _KEEP_CASE or (len(first) > 1 and first.isupper()):
        return label
    return label[:1].lower() + label[1:]


_KEEP_CASE: Final = frozenset({"X-ray", "EMG", "MRI", "ECG", "CK", "Addison's"})


def _findings_table(kb: KB, links: Sequence[FindingLinkRecord]) -> Table:
    return Table(
        ("Finding", "How often"),
        tuple(
            ((kb.findings[link["finding"]]["label"],), (FREQUENCY_LABELS[link["frequency"]],))
            for link in links
        ),
    )


def _finding_names(kb: KB, links: Sequence[FindingLinkRecord]) -> Iterable[str]:
    return (kb.findings[link["finding"]]["label"] for link in links)


def _treatment_ref(treatment: TreatmentRecord) -> Ref:
    return Ref(treatment["name"], f"treatment-{treatment['id']}")


def _sources(kb: KB, ids: Sequence[str]) -> Section:
    return Section("Sources", (Bullets(tuple(Item(_source(kb.sources[i])) for i in ids)),))


def _source(source: SourceRecord) -> Line:
    return (Link(source["title"], source["url"]), f" ({source['publisher']})")


def _by_title(source: SourceRecord) -> str:
    return source["title"].casefold()


def _joined(texts: Iterable[str]) -> Line:
    return (", ".join(texts) or "none",)


def _joined_refs(lines: Iterable[Line | Ref]) -> Line:
    spans: list[Span] = []
    for line in lines:
        if spans:
            spans.append(", ")
        spans.extend(line if isinstance(line, tuple) else (line,))
    return tuple(spans) or ("none",)


def onsets(cause: CauseRecord) -> str:
    return " or ".join(ONSET_LABELS[o] for o in cause["pattern"]["onset"])


def words(token: str) -> str:
    """A vocabulary token as words: 'very_common' -> 'Very common'."""
    return token.replace("_", " ").capitalize()
