"""The command line as a whole: version, help, exit codes, streams."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Result
from weakcli import __version__


def test_version(cli) -> None:
    result: Result = cli("--version")
    assert (result.code, result.out, result.err) == (0, f"weakcli {__version__}\n", "")


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "weakcli", "--version"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"weakcli {__version__}\n", "")


def test_usage_error_exits_2(cli) -> None:
    result: Result = cli("no-such-command")
    assert result.code == 2
    assert result.out == ""
    assert result.err.endswith("Error: No such command 'no-such-command'.\n")


def test_data_error_exits_1_with_one_line_on_stderr(cli, tmp_path: Path) -> None:
    result: Result = cli("kb", "validate", str(tmp_path / "missing.yaml"))
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"Error: {tmp_path / 'missing.yaml'}: no such file\n",
    )


def test_schema_matches_the_committed_file(cli) -> None:
    result: Result = cli("kb", "schema")
    assert result.code == 0
    committed = (ROOT / "data" / "causes.schema.json").read_text(encoding="utf-8")
    assert result.out == committed, "run: weakcli kb schema > data/causes.schema.json"
    schema = json.loads(result.out)
    assert schema["title"] == "weakcli knowledge base"
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Cause"]["properties"]["level"]["enum"][0] == "brain"


def test_the_knowledge_base_points_editors_at_the_schema() -> None:
    first = (ROOT / "data" / "causes.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=causes.schema.json"


def test_interrupt_exits_130(monkeypatch, cli) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("weakcli.kb.load.load_kb", interrupted)
    result: Result = cli("kb", "validate")
    assert (result.code, result.out, result.err) == (130, "", "")  # the shell shows the ^C
