"""Every `--format` of every command: one enum, every member accepted in any case, and the
warning signs and the disclaimer in every result."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from conftest import GOOD, MINIMAL, Run
from weakcli import DISCLAIMER
from weakcli.cli import app
from weakcli.render.formats import OutputFormat

KB = os.path.relpath(MINIMAL)
PHENOTYPE_KB = os.path.relpath(GOOD / "phenotype.yaml")
COMMANDS: dict[str, list[str]] = {
    "causes": ["--kb", KB, "causes"],
    "cause": ["--kb", KB, "cause", "gbs"],
    "tests": ["--kb", KB, "tests"],
    "test": ["--kb", KB, "test", "ck"],
    "search": ["--kb", KB, "search", "stroke"],
    "red-flags": ["--kb", KB, "red-flags"],
    "compare": ["--kb", KB, "compare", "stroke", "gbs"],
    "glossary": ["--kb", KB, "glossary"],
    "export": ["--kb", KB, "export"],
    "triage": ["--kb", KB, "triage", "--answers", "ANSWERS"],
}
PHENOTYPE = ["--kb", PHENOTYPE_KB, "triage", "--hpo", "HP:0011099"]


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_command_with_a_format_option_is_walked() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.main.TyperGroup)
    with_format = {
        name
        for name, command in group.commands.items()
        if any("--format" in getattr(param, "opts", ()) for param in command.params)
    }
    assert with_format == set(COMMANDS)


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize("command", [*COMMANDS, "triage --hpo"])
def test_every_format_of_every_command(
    cli: Run, tmp_path: Path, pinned: Callable[[Path], None], command: str, fmt: OutputFormat
) -> None:
    pinned(MINIMAL)
    answers = tmp_path / "answers.yaml"
    answers.write_text("stroke_signs_seen: yes\n", encoding="utf-8")
    args = PHENOTYPE if command == "triage --hpo" else COMMANDS[command]
    args = [str(answers) if arg == "ANSWERS" else arg for arg in args]
    result = cli(*args, "--format", fmt.value.upper())  # any case, as for every choice
    assert result.code == 0, result.err
    out = result.out
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL):
        if fmt is OutputFormat.JSONL:
            assert out.count("\n") == 1
        document = json.loads(out)
        assert document["disclaimer"] == DISCLAIMER
        assert document["red_flags"]
        return
    assert _words(DISCLAIMER) in _words(out)
    if command.startswith("triage"):
        assert "Warning signs" in out or "WARNING SIGNS" in out
    else:
        assert "Get help now" in out or "GET HELP NOW" in out or command == "red-flags"
