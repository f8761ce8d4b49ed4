"""Every format of every view: the red flags and the disclaimer, and hostile text made inert."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console

from conftest import GOOD, MINIMAL
from weakcli import DISCLAIMER
from weakcli.kb.load import load_kb
from weakcli.kb.store import KB
from weakcli.kb.vocab import URGENCY_ACTIONS
from weakcli.lookup.lists import select_causes, sorted_terms, sorted_tests
from weakcli.lookup.search import search
from weakcli.render.base import Renderer
from weakcli.render.formats import OutputFormat, renderer_for
from weakcli.render.terminal import TerminalRenderer
from weakcli.render.text import TextRenderer
from weakcli.textsafe import clean, md_link, md_text

HOSTILE = GOOD / "hostile.yaml"
ANCHOR = re.compile(r'^(<a id="[a-z0-9_-]+">|</a>)$')
Views = Callable[[Renderer, KB], str]

VIEWS: dict[str, Views] = {
    "causes": lambda r, kb: r.causes(kb, select_causes(kb)),
    "cause": lambda r, kb: r.cause(kb, kb.causes["stroke"]),
    "tests": lambda r, kb: r.tests(kb, sorted_tests(kb)),
    "test": lambda r, kb: r.test(kb, kb.tests["ct_head"]),
    "search": lambda r, kb: r.search(kb, "stroke", search(kb, "stroke")),
    "red_flags": lambda r, kb: r.red_flags(kb),
    "compare": lambda r, kb: r.compare(kb, kb.causes["stroke"], kb.causes["gbs"]),
    "glossary": lambda r, kb: r.glossary(kb, sorted_terms(kb)),
    "term": lambda r, kb: r.term(kb, kb.glossary["reflex"]),
    "handbook": lambda r, kb: r.handbook(kb),
}


def _terminal(width: int, colour: bool = False) -> TerminalRenderer:
    console = Console(
        file=io.StringIO(),
        force_terminal=True,
        width=width,
        color_system="truecolor" if colour else None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    return TerminalRenderer(console)


def _renderers() -> Iterator[tuple[str, Renderer]]:
    for fmt in OutputFormat:
        yield fmt.value, renderer_for(fmt, io.StringIO())
    for width in (20, 40, 100):
        yield f"terminal-{width}", _terminal(width)


def _words(text: str) -> str:
    """The text a person reads: box drawing and line breaks gone, one space between words."""
    return " ".join(re.sub(r"[│┃┏┓┗┛━─|+\-]{2,}|[│┃]", " ", text).split())


@pytest.fixture
def kb(pinned: Callable[[Path], None]) -> KB:
    pinned(MINIMAL)
    return load_kb()


def test_every_format_has_a_renderer() -> None:
    assert {type(renderer_for(fmt, io.StringIO())).__name__ for fmt in OutputFormat} == {
        "TextRenderer",
        "JsonRenderer",
        "MarkdownRenderer",
        "HtmlRenderer",
    }


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("name", "renderer"), list(_renderers()))
def test_red_flags_and_disclaimer_in_every_output(
    kb: KB, name: str, renderer: Renderer, view: str
) -> None:
    out = VIEWS[view](renderer, kb)
    flag = kb.red_flags["fixture_stroke"]
    if name in ("json", "jsonl"):
        document = json.loads(out)
        assert document["disclaimer"] == DISCLAIMER
        assert document["red_flags"] == [flag]
        return
    words = _words(out)
    assert _words(DISCLAIMER) in words
    if view in ("red_flags", "handbook"):  # every sign in full, with what to do
        assert flag["name"] in words
        assert _words(flag["action"]) in words
    else:  # every other page ends with the signs grouped by what to do
        assert _words(f"{URGENCY_ACTIONS[flag['urgency']]}: {flag['name']}.") in words


def test_terminal_output_at_forty_columns(kb: KB) -> None:
    out = _terminal(40).causes(kb, select_causes(kb)[:1])
    assert [line.rstrip() for line in out.splitlines()] == [
        "Causes of muscle weakness (1)",
        "Stroke (stroke)",
        "  Where the problem is: Brain",
        "  How urgent: Emergency: call an",
        "  ambulance now",
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ Get help now                         ┃",
        "┃ If you notice any of these warning   ┃",
        "┃ signs, act now:                      ┃",
        "┃ - Call an ambulance now for: Signs   ┃",
        "┃ of a stroke.                         ┃",
        "┃ 'weakcli red-flags' says what to do  ┃",
        "┃ for each sign.                       ┃",
        "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ Educational, not a diagnosis         ┃",
        "┃ weakcli is for education only. It    ┃",
        "┃ does not diagnose, and it is not a   ┃",
        "┃ substitute for a doctor. If you are  ┃",
        "┃ worried about your health, see a     ┃",
        "┃ doctor. If you think it may be an    ┃",
        "┃ emergency, call your local emergency ┃",
        "┃ number now.                          ┃",
        "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
    ]


# Hostile text ---------------------------------------------------------------------------------


@pytest.fixture
def hostile(pinned: Callable[[Path], None]) -> KB:
    pinned(HOSTILE)
    return load_kb()


def _markdown_tokens(text: str) -> Iterator[Token]:
    for token in MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text):
        yield token
        yield from token.children or []


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_text_is_inert_in_markdown(hostile: KB, view: str) -> None:
    out = VIEWS[view](renderer_for(OutputFormat.MARKDOWN), hostile)
    tokens = list(_markdown_tokens(out))
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "image", "s_open", "em_open", "code_inline"}
    assert all(ANCHOR.match(t.content) for t in tokens if t.type == "html_inline")
    for token in tokens:
        if token.type == "link_open":
            href = str(token.attrs["href"])
            assert href.startswith(("https://", "#")), href
            assert "evil" not in href
            assert "javascript" not in href
    rows = [t for t in tokens if t.type == "tr_open"]
    for table_start in (i for i, t in enumerate(tokens) if t.type == "table_open"):
        widths: list[int] = []
        for token in tokens[table_start:]:
            if token.type == "tr_open":
                widths.append(0)
            elif token.type in ("th_open", "td_open"):
                widths[-1] += 1
            elif token.type == "table_close":
                break
        assert len(set(widths)) == 1, widths
    assert rows or view not in ("cause", "causes")


def test_hostile_names_come_out_as_written(hostile: KB) -> None:
    out = renderer_for(OutputFormat.MARKDOWN).cause(hostile, hostile.causes["stroke"])
    tokens = list(_markdown_tokens(out))
    title = tokens[1]
    assert title.type == "inline"
    assert title.content == md_text(hostile.causes["stroke"]["name"])
    text = "".join(t.content for t in title.children or [] if t.type == "text")
    assert text == "Stroke [link=https://evil.example]click[/link] [/] [bold red]x"
    headings = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) == sum(1 for line in out.splitlines() if line.startswith("#"))


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_text_is_inert_on_a_terminal(hostile: KB, view: str) -> None:
    out = VIEWS[view](_terminal(100, colour=True), hostile)
    links = re.findall(r"\x1b]8;[^;]*;([^\x1b]*)\x1b\\", out)
    assert all(link == "" or link.startswith("https://www.") for link in links), links
    assert "evil.example" not in "".join(links)
    plain = re.sub(r"\x1b\[[0-9;]*m|\x1b]8;[^\x1b]*\x1b\\", "", out)
    assert "\x1b" not in plain
    if view == "cause":
        assert "Stroke [link=https://evil.example]click[/link] [/] [bold red]x" in plain


def test_terminal_codes_in_data_never_reach_the_terminal(hostile: KB) -> None:
    evil = "\x1b]52;c;aGVsbG8=\x07\x1b[2J\x9b1;31m\x9d0;t\x9c\u202eok"
    flagged = {**hostile.causes["stroke"], "summary": evil, "name": evil}
    for renderer in (_terminal(60, colour=True), TextRenderer(), TextRenderer(40)):
        out = renderer.cause(hostile, flagged)
        plain = re.sub(r"\x1b\[[0-9;]*m|\x1b]8;[^\x1b]*\x1b\\", "", out)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", plain)
        assert plain.splitlines()[0].strip() == "ok"


def test_a_long_unbroken_string_renders_quickly(kb: KB) -> None:
    long = {**kb.causes["stroke"], "summary": "a" * 100_000}
    start = time.perf_counter()
    _terminal(80, colour=True).cause(kb, long)
    assert time.perf_counter() - start < 5


# textsafe -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("a\x1b[2Jb", "ab"),
        ("x\x1b]52;c;SGVsbG8=\x07y", "xy"),
        ("x\x1b]8;;https://e\x1b\\link\x1b]8;;\x1b\\z", "xlinkz"),
        ("a\x9b31mb", "ab"),
        ("q\x9d0;title\x9cw", "qw"),
        ("bi\u202edi\u2066", "bidi"),
        ("tab\tnl\ncr\r", "tab\tnl\ncr"),
        ("\x1bc reset", " reset"),
        ("unterminated\x1b]52;c;abc", "unterminated"),
        ("lone \ud800 surrogate", "lone  surrogate"),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# heading", r"\# heading"),
        ("1. item", r"1\. item"),
        ("- item", r"\- item"),
        ("> quote", r"\> quote"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("a | b", r"a \| b"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("&lt;", r"\&lt;"),
        ("*em* _u_ `c` ~~s~~", r"\*em\* \_u\_ \`c\` \~\~s\~\~"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_text(text: str, expected: str) -> None:
    assert md_text(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a(b)", "[x](<https://example.org/a%28b%29>)"),
        ("https://example.org/<b>", "[x](<https://example.org/%3Cb%3E>)"),
        (
            "https://example.org/x)[y](https://evil.example/z)",
            "[x](<https://example.org/x%29%5By%5D%28https://evil.example/z%29>)",
        ),
        (
            "https://example.org/![i](j)'*$!",
            "[x](<https://example.org/%21%5Bi%5D%28j%29%27%2A%24%21>)",
        ),
        (
            "https://www.nhs.uk/conditions/stroke/symptoms/?a=1&b=%20#top",
            "[x](<https://www.nhs.uk/conditions/stroke/symptoms/?a=1&b=%20#top>)",
        ),
        ("javascript:alert(1)", "x (javascript:alert(1))"),
        ("data:text/html,hi", "x (data:text/html,hi)"),
        ("https://exa mple.org", "x (https://exa mple.org)"),
    ],
)
def test_md_link_only_for_web_addresses(url: str, expected: str) -> None:
    assert md_link("x", url) == expected


# Triage results ------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_triage_result_on_a_colour_terminal_is_drawn_by_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR")
    assert type(renderer_for(OutputFormat.TEXT, _Tty())) is TerminalRenderer
    assert type(renderer_for(OutputFormat.TEXT, io.StringIO())) is TextRenderer


def test_a_triage_result_on_a_terminal(kb: KB) -> None:
    from weakcli.triage.engine import State, answer, assess, compile_model
    from weakcli.triage.report import build_report

    model = compile_model(kb)
    state = answer(model, State(), "stroke_signs_seen", "yes")
    report = build_report(model, state, assess(model, state), created="2026-11-24T01:30:00Z")
    out = _terminal(60).report(report)
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[:12] == [
        "weakcli report",
        "Created 2026-11-24T01:30:00Z with weakcli 0.1.0, knowledge",
        "base test-1.",
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ How soon to seek care                                    ┃",
        "┃ Emergency: call an ambulance now.                        ┃",
        "┃ Call the emergency number now and note the time the      ┃",
        "┃ symptoms began.                                          ┃",
        "┃                                                          ┃",
        "┃ Also                                                     ┃",
        "┃ - Call the emergency number at once.                     ┃",
        "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
    ]
    words = _words(out)
    assert "Warning signs - Signs of a stroke (Emergency: call an ambulance now)" in words
    assert _words(DISCLAIMER) in words


def test_a_narrow_table_leaves_out_empty_cells() -> None:
    from weakcli.render.document import Document, Table
    from weakcli.render.text import TextRenderer

    table = Table(
        ("Cause", "Likelihood", "Where"),
        (
            (("Myasthenia gravis",), ("97%",), ("Nerve-muscle junction",)),
            (("None fits",), ("3%",), ()),
        ),
    )
    out = TextRenderer(width=30).render(Document("Causes", (table,)))
    assert out.splitlines() == [
        "Causes",
        "======",
        "Myasthenia gravis",
        "  Likelihood: 97%",
        "  Where: Nerve-muscle junction",
        "None fits",
        "  Likelihood: 3%",
    ]
