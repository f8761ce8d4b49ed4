"""Export: the handbook's structure, files written safely, pipes, and the shipped content."""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import MINIMAL, HtmlPage, Run
from weakcli import DISCLAIMER
from weakcli.__main__ import main
from weakcli.kb.load import load_kb, shipped_kb_path
from weakcli.render.formats import OutputFormat, renderer_for


@pytest.fixture
def minimal(pinned: Callable[[Path], None]) -> None:
    pinned(MINIMAL)


def _outline(markdown: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [
        (
            int(tokens[i].tag[1]),
            "".join(c.content for c in tokens[i + 1].children or [] if c.type == "text"),
        )
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def _links(markdown: str) -> tuple[set[str], list[str]]:
    anchors: set[str] = set()
    hrefs: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        for child in token.children or []:
            if child.type == "html_inline" and child.content.startswith("<a id="):
                anchors.add(child.content.split('"')[1])
            if child.type == "link_open":
                hrefs.append(str(child.attrs["href"]))
    return anchors, hrefs


@pytest.mark.usefixtures("minimal")
def test_handbook_outline_and_cross_links(cli: Run) -> None:
    result = cli("export")
    assert (result.code, result.err) == (0, "")
    outline = _outline(result.out)
    assert outline[:8] == [
        (1, "weakcli handbook: muscle weakness"),
        (2, "Get help now"),
        (3, "Signs of a stroke"),
        (2, "Educational, not a diagnosis"),
        (2, "Contents"),
        (2, "Causes"),
        (3, "Stroke"),
        (4, "How it causes weakness"),
    ]
    assert [title for level, title in outline if level == 2] == [
        "Get help now",
        "Educational, not a diagnosis",
        "Contents",
        "Causes",
        "Tests",
        "Treatment and support",
        "Glossary",
        "Sources",
    ]
    assert [title for level, title in outline if level == 3] == [
        "Signs of a stroke",
        "Stroke",
        "Guillain-Barré syndrome",
        "Muscle strain",
        "Creatine kinase blood test",
        "CT scan of the head",
        "Clot-busting medicine or clot removal",
        "Immunoglobulin through a drip (IVIG)",
        "Physiotherapy",
        "reflex",
    ]
    anchors, hrefs = _links(result.out)
    internal = {href[1:] for href in hrefs if href.startswith("#")}
    assert internal <= anchors
    assert {"cause-gbs", "test-ck", "treatment-ivig", "red-flag-fixture_stroke"} <= internal
    assert all(href.startswith(("#", "https://")) for href in hrefs)
    assert DISCLAIMER in result.out


@pytest.mark.usefixtures("minimal")
def test_handbook_is_byte_identical_between_runs(cli: Run) -> None:
    assert cli("export").out == cli("export").out
    assert cli("export", "-f", "json").out == cli("export", "-f", "json").out


@pytest.mark.usefixtures("minimal")
def test_handbook_json(cli: Run) -> None:
    document = json.loads(cli("export", "--format", "json").out)
    kb = load_kb()
    assert sorted(document) == [
        "causes",
        "disclaimer",
        "findings",
        "glossary",
        "kb_version",
        "questions",
        "red_flags",
        "sources",
        "tests",
        "treatments",
        "weakcli",
    ]
    assert [c["id"] for c in document["causes"]] == ["stroke", "gbs", "muscle_strain"]
    assert document["causes"][1] == kb.causes["gbs"]
    assert document["disclaimer"] == DISCLAIMER


@pytest.mark.usefixtures("minimal")
def test_one_cause_as_markdown(cli: Run) -> None:
    out = cli("export", "--cause", "GBS").out
    assert out == cli("cause", "gbs", "--format", "markdown").out
    assert _outline(out)[:4] == [
        (1, "Guillain-Barré syndrome"),
        (2, "Get help now"),
        (2, "Educational, not a diagnosis"),
        (2, "How it causes weakness"),
    ]


@pytest.mark.usefixtures("minimal")
def test_one_test_as_json(cli: Run) -> None:
    document = json.loads(cli("export", "--test", "ck", "-f", "json").out)
    assert document["test"]["id"] == "ck"


@pytest.mark.usefixtures("minimal")
def test_output_file_and_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "handbook.md"
    first = cli("export", "--output", str(target))
    assert (first.code, first.out, first.err) == (0, "", f"Wrote {target}\n")
    assert target.read_text(encoding="utf-8") == cli("export").out

    target.write_text("mine", encoding="utf-8")
    refused = cli("export", "-o", str(target))
    expected = f"Error: {target}: already exists; use --force to overwrite it\n"
    assert (refused.code, refused.out, refused.err) == (1, "", expected)
    assert target.read_text(encoding="utf-8") == "mine"

    assert cli("export", "-o", str(target), "--force", "-f", "json").code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["kb_version"] == "test-1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook.md"]


@pytest.mark.usefixtures("minimal")
def test_dash_is_stdout(cli: Run) -> None:
    assert cli("export", "-o", "-").out == cli("export").out


@pytest.mark.usefixtures("minimal")
def test_no_file_when_the_entry_is_unknown(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "gbs.md"
    result = cli("export", "--cause", "gbss", "-o", str(target))
    expected = "Error: no cause called 'gbss' (did you mean 'gbs'?)\n"
    assert (result.code, result.out, result.err) == (1, "", expected)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("minimal")
def test_no_file_when_the_folder_is_missing(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "handbook.md"
    result = cli("export", "-o", str(target))
    expected = f"Error: {target}: cannot write: No such file or directory\n"
    assert (result.code, result.out, result.err) == (1, "", expected)
    assert list(tmp_path.iterdir()) == []


def test_cause_and_test_together_is_a_usage_error(cli: Run) -> None:
    result = cli("export", "--cause", "gbs", "--test", "ck")
    assert result.code == 2
    assert result.out == ""
    assert "give one of --cause, --test or --session" in result.err


def _weakcli(*args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "weakcli", "--kb", str(MINIMAL), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )


class _GoneReader(io.TextIOBase):
    """Standard output whose reader has gone away, as `weakcli export | head -1` leaves it."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_broken_pipe_ends_quietly_with_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _GoneReader())
    code = main(["--kb", str(MINIMAL), "export"])
    assert (code, capsys.readouterr().err) == (1, "")


@pytest.mark.parametrize(
    ("redirect", "args"),
    [
        (">&-", ["causes"]),
        (">&- 2>&-", ["causes"]),
        (">&-", ["export", "--format", "json"]),
        (">&-", ["cause", "gbs"]),
        (">&- 2>&-", ["search", "weak"]),
    ],
)
def test_a_closed_stdout_or_stderr_ends_quietly_with_exit_1(redirect: str, args: list[str]) -> None:
    command = " ".join([shlex.quote(sys.executable), "-m", "weakcli", "--kb", str(MINIMAL), *args])
    done = subprocess.run(["sh", "-c", f"{command} {redirect}"], capture_output=True, check=False)
    assert (done.returncode, done.stderr) == (1, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "weakcli", "--kb", str(MINIMAL), "export"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    expected = b"Error: cannot write to standard output: No space left on device\n"
    assert (done.returncode, done.stderr) == (1, expected)


@pytest.mark.parametrize(
    "env", [{"TERM": "dumb"}, {"NO_COLOR": "1"}, {"PYTHONIOENCODING": "ascii"}]
)
def test_disclaimer_whole_in_plain_environments(env: dict[str, str]) -> None:
    process = _weakcli("cause", "gbs", **env)
    out, err = process.communicate()
    assert (process.returncode, err) == (0, b"")
    text = out.decode("ascii" if "PYTHONIOENCODING" in env else "utf-8")
    assert " ".join(DISCLAIMER.split()) in " ".join(text.split())
    assert "\x1b" not in text
    if "PYTHONIOENCODING" in env:
        assert text.startswith("Guillain-Barre syndrome\n")


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_shipped_entry_exports(fmt: OutputFormat) -> None:
    kb = load_kb(shipped_kb_path())
    exporter = renderer_for(fmt)
    for cause in kb.causes.values():
        assert DISCLAIMER in exporter.cause(kb, cause)
    for test in kb.tests.values():
        assert DISCLAIMER in exporter.test(kb, test)
    handbook = exporter.handbook(kb)
    if fmt is OutputFormat.MARKDOWN:
        anchors, hrefs = _links(handbook)
        assert {href[1:] for href in hrefs if href.startswith("#")} <= anchors
    elif fmt is OutputFormat.TEXT:
        assert DISCLAIMER in handbook
    elif fmt is OutputFormat.HTML:
        page = HtmlPage.of(handbook)
        assert {href[1:] for href in page.hrefs if href.startswith("#")} <= page.ids
        assert " ".join(DISCLAIMER.split()) in page.words
        tags = {tag for tag, _ in page.elements}
        assert tags & {"script", "img", "iframe", "link", "object"} == set()
        assert len(page.ids & {f"cause-{c}" for c in kb.causes}) == len(kb.causes)
    else:
        assert len(json.loads(handbook)["causes"]) == len(kb.causes)
