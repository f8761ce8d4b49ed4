"""Shared fixtures: every test gets its own data folder and runs the real CLI.

The knowledge-base cache is shared by the whole run, in a temporary folder: it is keyed by each
file's identity and modification time, so a test cannot see another test's knowledge base, and
each knowledge base is validated once instead of once per test.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import settings

from weakcli.__main__ import main

# Tests write only to temporary folders: no example database in the checkout.
settings.register_profile("weakcli", database=None)
settings.load_profile("weakcli")

TESTS = Path(__file__).parent
ROOT = TESTS.parent
GOOD = TESTS / "kb" / "good"
BAD = TESTS / "kb" / "bad"
MINIMAL = GOOD / "minimal.yaml"
REPORT_FIELDS = [
    "schema_version",
    "created",
    "weakcli_version",
    "kb_version",
    "complete",
    "urgency",
    "red_flags",
    "red_flags_not_screened",
    "causes",
    "none_fits",
    "tests",
    "treatments",
    "doctor_questions",
    "sources",
    "answers",
    "disclaimer",
]
"""The triage JSON contract's top-level fields, in order (README: The JSON result)."""


_SESSION_HOME: tempfile.TemporaryDirectory[str] | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Before collection: modules that load a knowledge base at import write to a temp folder."""
    global _SESSION_HOME
    _SESSION_HOME = tempfile.TemporaryDirectory(prefix="weakcli-tests-")
    home = Path(_SESSION_HOME.name)
    os.environ["WEAKCLI_CACHE_DIR"] = str(home / "cache")
    os.environ["WEAKCLI_DATA_DIR"] = str(home / "data")
    os.environ.pop("WEAKCLI_KB", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SESSION_HOME is not None:
        _SESSION_HOME.cleanup()


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEAKCLI_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("WEAKCLI_KB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `weakcli ARGS...` in-process, exceptions not swallowed: (exit code, stdout, stderr)."""

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make a fixture file the shipped knowledge base, so outputs do not change with data/."""

    def pin(path: Path) -> None:
        monkeypatch.setattr("weakcli.kb.load.shipped_kb_path", lambda: path.resolve())

    return pin


class HtmlPage(HTMLParser):
    """What an HTML page holds: its elements with their attributes, ids, links and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    @classmethod
    def of(cls, html: str) -> HtmlPage:
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data

    @property
    def ids(self) -> set[str]:
        return {str(attrs["id"]) for _, attrs in self.elements if attrs.get("id")}

    @property
    def hrefs(self) -> list[str]:
        return [str(attrs["href"]) for _, attrs in self.elements if attrs.get("href")]

    @property
    def words(self) -> str:
        return " ".join(self.text.split())
