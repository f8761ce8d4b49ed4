"""The documentation stays true: every command is in the README and has an example in --help."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer

from conftest import Run
from weakcli.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(group: object, prefix: list[str]) -> None:
        for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
            if hasattr(command, "commands"):
                walk(command, [*prefix, name])
            else:
                paths.append([*prefix, name])

    walk(typer.main.get_command(app), [])
    return paths


def shows(text: str, words: str) -> bool:
    """Whether `weakcli WORDS` appears as a whole command, not as the start of a longer one."""
    return re.search(rf"weakcli {re.escape(words)}(?![\w-])", text) is not None


def test_a_command_is_matched_whole() -> None:
    assert not shows("Try `weakcli causes` or `weakcli red-flags`.", "cause")
    assert not shows("weakcli red-flags", "red")
    assert shows("Try `weakcli cause als`.", "cause")
    assert shows("$ weakcli causes\n", "causes")


def test_every_command_is_in_the_readme_and_has_an_example(cli: Run) -> None:
    paths = command_paths()
    assert len(paths) >= 12
    for path in paths:
        words = " ".join(path)
        assert shows(README, words), f"README does not show 'weakcli {words}'"
        result = cli(*path, "--help")
        assert result.code == 0, words
        assert f"Example: weakcli {words}" in result.out, f"'weakcli {words} --help' has no example"


def test_every_help_example_runs(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `Example:` line of every --help, run as written (a redirection is dropped)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text(
        "age: 34\nsex: female\nhead_and_face: drooping_eyelid\nonset: weeks_months\n", "utf-8"
    )
    cases = tmp_path / "cases"
    cases.mkdir()
    packets = Path(__file__).parent / "phenotype" / "phenopackets" / "good"
    shutil.copy(packets / "myositis.json", cases)
    (tmp_path / "data").symlink_to(ROOT / "data")  # as in a checkout, for the authors' example
    examples: list[str] = []
    for path in [[], ["kb"], *command_paths()]:
        help_text = cli(*path, "--help").out
        examples += re.findall(r"Example: (weakcli .+)", help_text)
    failed = []
    for example in sorted(set(examples)):
        argv = shlex.split(example.split(" > ")[0])[1:]
        if argv == ["triage"]:
            continue  # the interactive session: tests/cli/test_triage_pty.py plays it
        result = cli(*argv)
        if result.code != 0:
            failed.append(f"{example}: {result.err.strip().splitlines()[-1]}")
    assert len(examples) >= 15
    assert failed == []


def test_the_readme_error_example_is_what_weakcli_prints(cli: Run) -> None:
    match = re.search(r"\$ weakcli kb validate (tests/kb/bad/\S+)\n(Error: .*)\n", README)
    assert match is not None
    result = cli("kb", "validate", match.group(1))
    assert result.err == match.group(2) + "\n"


def test_the_quick_start_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in README
    assert "grep -m1 -E \"^pip install -e '\\.\\[test\\]' && pytest\" README.md" in ci
    assert "pip install . && weakcli triage" in README
