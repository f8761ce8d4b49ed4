"""The printable HTML page: exact markup, inert knowledge-base text, and page 1 as printed."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import GOOD, HtmlPage, Run
from weakcli import DISCLAIMER
from weakcli.kb.load import load_kb
from weakcli.kb.store import KB
from weakcli.render.document import (
    Bullets,
    Document,
    Facts,
    Item,
    Link,
    Mark,
    Paragraph,
    Ref,
    Section,
    Table,
)
from weakcli.render.html import STYLE, HtmlRenderer

HOSTILE = GOOD / "hostile.yaml"
ALLOWED = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset", "http-equiv", "content", "name"},
    "title": set(),
    "style": set(),
    "body": set(),
    "main": set(),
    "section": {"id", "class"},
    "h1": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "h5": set(),
    "h6": set(),
    "p": set(),
    "dl": set(),
    "dt": set(),
    "dd": set(),
    "ul": set(),
    "li": set(),
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"scope"},
    "td": set(),
    "a": {"href", "rel"},
    "mark": set(),
}
"""Every element and attribute a page may hold: no scripts, images, frames, forms or styles
on elements, whatever the knowledge base says."""


def test_a_document_as_one_page() -> None:
    page = Document(
        "A <title> & more",
        (
            Paragraph(("See ", Ref("Stroke", "cause-stroke"), " and ", Mark("match"), ".")),
            Section(
                "Stroke",
                (
                    Facts((("Kind", ("Brain",)),)),
                    Bullets((Item(("one",), (("two",),)),)),
                    Table(("Cause", "Chance"), ((("Stroke",), ("60%",)),)),
                    Paragraph((Link("NHS", "https://www.nhs.uk/a(b)"), Link("x", "ftp://y"))),
                ),
                anchor="cause-stroke",
            ),
        ),
        (Section("Get help now", (Paragraph(("Call 999.",)),), alert=True),),
    )
    assert HtmlRenderer().render(page) == "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>A &lt;title&gt; &amp; more</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            "<body>",
            "<main>",
            "<h1>A &lt;title&gt; &amp; more</h1>",
            '<section class="alert">',
            "<h2>Get help now</h2>",
            "<p>Call 999.</p>",
            "</section>",
            '<p>See <a href="#cause-stroke">Stroke</a> and <mark>match</mark>.</p>',
            '<section id="cause-stroke">',
            "<h2>Stroke</h2>",
            "<dl>",
            "<dt>Kind</dt><dd>Brain</dd>",
            "</dl>",
            "<ul>",
            "<li>one<ul><li>two</li></ul></li>",
            "</ul>",
            "<table>",
            '<thead><tr><th scope="col">Cause</th><th scope="col">Chance</th></tr></thead>',
            "<tbody>",
            '<tr><th scope="row">Stroke</th><td>60%</td></tr>',
            "</tbody>",
            "</table>",
            '<p><a href="https://www.nhs.uk/a%28b%29" rel="noreferrer">NHS</a>x (ftp://y)</p>',
            "</section>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


@pytest.fixture
def hostile(pinned: Callable[[Path], None]) -> KB:
    pinned(HOSTILE)
    return load_kb()


def test_hostile_knowledge_base_text_never_becomes_markup(hostile: KB) -> None:
    renderer = HtmlRenderer()
    pages = [renderer.handbook(hostile), renderer.red_flags(hostile)]
    pages += [renderer.cause(hostile, cause) for cause in hostile.causes.values()]
    for html in pages:
        page = HtmlPage.of(html)
        for tag, attrs in page.elements:
            assert tag in ALLOWED, tag
            assert set(attrs) <= ALLOWED[tag], (tag, attrs)
            href = attrs.get("href") or "#"
            assert href.startswith(("#", "https://", "http://")), href
            assert "javascript" not in href.lower()
        assert "\x1b" not in page.text


def test_the_html_format_from_the_command_line(cli: Run, tmp_path: Path) -> None:
    result = cli("cause", "gbs", "--format", "HTML")
    assert (result.code, result.err) == (0, "")
    page = HtmlPage.of(result.out)
    assert " ".join(DISCLAIMER.split()) in " ".join(page.text.split())
    assert page.elements[0] == ("html", {"lang": "en"})


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs chromium and poppler-utils (.ci/run); they are missing")
        pytest.skip("needs chromium and pdftotext (Debian: chromium poppler-utils)")
    return found


def _first_printed_page(html: Path, tmp_path: Path) -> str:
    pdf = tmp_path / (html.stem + ".pdf")
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_a_printed_triage_report_shows_the_urgency_causes_and_disclaimer_on_page_one(
    cli: Run, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "age: 34\nsex: female\nhead_and_face: drooping_eyelid, double_vision\n"
        "onset: weeks_months\ncomplaint: has_weakness\nweakness_course: fatigable\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    result = cli("triage", "--answers", str(answers), "--format", "html", "-o", str(report))
    assert result.code == 0, result.err
    first = _first_printed_page(report, tmp_path)
    assert "See a doctor within 24 hours" in first
    assert "Myasthenia gravis" in first
    assert " ".join(DISCLAIMER.split()) in first


@pytest.mark.slow
def test_the_printed_handbook_starts_with_the_warning_signs(cli: Run, tmp_path: Path) -> None:
    handbook = tmp_path / "handbook.html"
    result = cli("export", "--format", "html", "-o", str(handbook))
    assert result.code == 0, result.err
    first = _first_printed_page(handbook, tmp_path)
    assert first.startswith("weakcli handbook: muscle weakness")
    assert "Emergency: call an ambulance now" in first
    assert " ".join(DISCLAIMER.split()) in first
