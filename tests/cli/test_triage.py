"""`weakcli triage` scripted: answers files, piped answers, formats, files, resume."""

# ruff: noqa: E501  (the expected result holds long source addresses)

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import MINIMAL, REPORT_FIELDS, Result
from weakcli import DISCLAIMER, __version__
from weakcli.kb.load import load_kb
from weakcli.triage.interview import HINT

KB = os.path.relpath(MINIMAL)
# The warning-sign screen of the fixture (its own red flag and the shipped ones) for a person
# with none of the signs: typed, and as the answers record it.
CLEAR = "30\n2\nnone\nnone\nnone\nnone\nno\n"
CLEARED = ["30", "male", "none", "none", "none", "none", "no"]


TEXT_RESULT = """\
weakcli report
==============
Created 2026-11-24T01:30:00Z with weakcli 0.1.0, knowledge base test-1.

HOW SOON TO SEEK CARE
*********************
Emergency: call an ambulance now.

Call the emergency number now and note the time the symptoms began.

Also:
- Call the emergency number at once.

Possible causes
---------------
How well each cause fits the answers: educational, not a diagnosis.

Cause                    Likelihood  Where                                 Kind
-----------------------  ----------  ------------------------------------  ------------
Stroke                   63%         Brain                                 Neurological
Muscle strain            28%         Bones, joints, tendons and ligaments  Injury
Guillain-Barré syndrome  4%          Peripheral nerves                     Neurological
None of these fits well  5%

Stroke (63%):
- Codes: I63.9, MONDO:0005098
- For
  - Sudden face droop, arm weakness or speech trouble (x5.7)

Muscle strain (28%):
- Codes: M62.9

Guillain-Barré syndrome (4%):
- Codes: G61.0, MONDO:0016218

Tests to discuss
----------------
CT scan of the head: You lie still on a table that slides through a ring for a few minutes.
Creatine kinase blood test: A small blood sample from a vein in the arm; a brief scratch.

Treatment and support
---------------------
Clot-busting medicine or clot removal: Only within hours of the start.
Physiotherapy: Rebuilds movement.

Questions to ask a doctor
-------------------------
- Which tests do you suggest for my weakness, and what will each one tell us?
- How soon should I come back, and which changes mean I should seek help at once?
- What kind of stroke was it?

Your answers
------------
Question                                                    Answer
----------------------------------------------------------  ------
Did a face droop, an arm go weak or speech become slurred?  Yes

Sources
-------
- Stroke - Symptoms <https://www.nhs.uk/conditions/stroke/symptoms/> (NHS)
- Weakness <https://www.merckmanuals.com/home/brain-spinal-cord-and-nerve-disorders/symptoms-of-brain-spinal-cord-and-nerve-disorders/weakness> (Merck Manual Consumer Version)

WARNING SIGNS
*************
- Signs of a stroke (Emergency: call an ambulance now): Call the emergency number now and note the time the symptoms began.

26 warning signs could not be checked. 'weakcli red-flags' lists every warning sign and what to do; if any of them applies, act on it now.

EDUCATIONAL, NOT A DIAGNOSIS
****************************
DISCLAIMER
"""
"""The whole text result for a 'yes' to the fixture's stroke red flag and nothing else."""


def run_piped(stdin: str, *args: str, env_extra: dict[str, str] | None = None) -> Result:
    env = dict(os.environ, **(env_extra or {}))
    done = subprocess.run(
        [sys.executable, "-m", "weakcli", "--kb", KB, "triage", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_to_json_contract(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", "stroke_signs_seen: no\nstart: sudden\nside: yes\n")
    result: Result = cli("--kb", KB, "triage", "--answers", str(answers), "--format", "json")
    assert (result.code, result.err) == (0, "")
    report = json.loads(result.out)
    assert list(report) == REPORT_FIELDS
    assert report["schema_version"] == 2
    assert report["urgency"]["level"] == "emergency_ambulance"  # stroke is the likely cause
    assert [c["id"] for c in report["causes"]] == ["stroke", "muscle_strain", "gbs"]
    probabilities = [c["probability"] for c in report["causes"]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) + report["none_fits"] == pytest.approx(1, abs=1e-3)
    stroke = report["causes"][0]
    assert stroke["codes"] == {"icd10cm": ["I63.9"], "mondo": ["MONDO:0005098"]}
    assert [r["finding"] for r in stroke["for"]] == ["one_sided", "sudden_start"]
    assert report["answers"][0] == {
        "question": "stroke_signs_seen",
        "text": "Did a face droop, an arm go weak or speech become slurred?",
        "answer": "no",
        "label": "No",
    }
    assert report["disclaimer"].startswith("weakcli is for education only.")


def test_red_flag_in_every_format(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("weakcli.clock.now", lambda: "2026-11-24T01:30:00Z")
    answers = write(tmp_path / "a.json", '{"stroke_signs_seen": "yes"}')
    as_json = json.loads(cli("--kb", KB, "triage", "--answers", str(answers), "-f", "json").out)
    assert as_json["red_flags"] == [
        {
            "id": "fixture_stroke",
            "name": "Signs of a stroke",
            "urgency": "emergency_ambulance",
            "action": "Call the emergency number now and note the time the symptoms began.",
        }
    ]
    text = cli("--kb", KB, "triage", "--answers", str(answers)).out
    assert text == TEXT_RESULT.replace("DISCLAIMER", DISCLAIMER)
    markdown = cli("--kb", KB, "triage", "--answers", str(answers), "-f", "markdown").out
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:6] == [
        "weakcli report",
        "Warning signs",
        "Educational, not a diagnosis",
        "How soon to seek care",
        "Also",
        "Possible causes",
    ]
    inline = [t.content for t in tokens if t.type == "inline"]
    assert "Emergency: call an ambulance now." in inline
    assert (
        "Signs of a stroke (Emergency: call an ambulance now): Call the emergency number "
        "now and note the time the symptoms began."
    ) in inline


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("side: yes\nsidee: no\n", "A:2:8: sidee: unknown question 'sidee' (did you mean 'side'?)"),
        ("side: maybe\n", "A:1:7: side: not an answer to this question (one of: yes, no, unknown)"),
        ("- side\n", "A: expected a mapping of question id to answer"),
        ("side: [yes]\n", "A:1:1: side: not an answer to this question (one of: yes, no, unknown)"),
        ("side: yes\nside: no\n", "A:2:1: duplicate key 'side'"),
    ],
)
def test_bad_answers_files(cli, tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "a.yaml", content)
    result: Result = cli("--kb", KB, "triage", "--answers", str(path))
    assert (result.code, result.out) == (1, "")
    assert result.err == "Error: " + message.replace("A", str(path), 1) + "\n"


def test_output_file_is_not_overwritten_without_force(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", "stroke_signs_seen: no\n")
    target = write(tmp_path / "report.md", "keep me")
    result: Result = cli("--kb", KB, "triage", "--answers", str(answers), "-o", str(target))
    assert (result.code, result.err) == (
        1,
        f"Error: {target}: already exists; use --force to overwrite it\n",
    )
    assert target.read_text() == "keep me"
    result = cli(
        "--kb",
        KB,
        "triage",
        "--answers",
        str(answers),
        "-o",
        str(target),
        "--force",
        "-f",
        "markdown",
    )
    assert (result.code, result.out, result.err) == (0, "", f"Wrote {target}\n")
    assert target.read_text().startswith("# weakcli report\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_piped_answers_run_the_same_engine(tmp_path: Path) -> None:
    env = {"WEAKCLI_DATA_DIR": str(tmp_path)}
    result = run_piped(CLEAR + "yes\n1\n", "--format", "json", env_extra=env)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert [a["answer"] for a in report["answers"]] == [*CLEARED, "yes", "sudden"]
    assert (report["urgency"]["screened"], report["urgency"]["not_screened"]) == (True, [])
    assert "Question 1 (about" in result.err
    (saved,) = (tmp_path / "sessions").glob("session-*.json")
    assert json.loads(saved.read_text())["finished"] is True


def test_no_input_ends_with_one_line_and_no_hang(tmp_path: Path) -> None:
    result = run_piped("", env_extra={"WEAKCLI_DATA_DIR": str(tmp_path)})
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines()[-1] == (
        "Error: no answers were given (standard input ended); answer at a terminal, pipe answers "
        "one per line, or use --answers FILE"
    )


def test_end_of_input_saves_and_resume_continues(tmp_path: Path) -> None:
    env = {"WEAKCLI_DATA_DIR": str(tmp_path)}
    first = run_piped("30\n2\n1\ny\n", env_extra=env)  # a warning sign, then go on
    assert first.code == 130
    lines = first.err.splitlines()
    assert lines[-1] == (
        "Input ended; your answers are saved. Continue with: weakcli triage --resume"
    )
    assert "!! EMERGENCY: CALL AN AMBULANCE NOW" in first.err  # shown again as the session ends
    second = run_piped("d\n" * 30, "--resume", "--format", "json", env_extra=env)
    assert second.code == 0, second.err
    assert second.err.startswith("Resuming the session started ")
    report = json.loads(second.out)
    answers = [a["answer"] for a in report["answers"]]
    assert answers[:3] == ["30", "male", "breathing_difficulty"]
    assert set(answers[3:]) == {"unknown"}
    assert report["urgency"]["level"] == "emergency_ambulance"


def test_resume_without_a_saved_session(tmp_path: Path) -> None:
    result = run_piped("", "--resume", env_extra={"WEAKCLI_DATA_DIR": str(tmp_path)})
    assert (result.code, result.err) == (
        1,
        "Error: there is no unfinished session to resume; start one with: weakcli triage\n",
    )


def test_resume_names_a_damaged_session_and_keeps_it(tmp_path: Path) -> None:
    env = {"WEAKCLI_DATA_DIR": str(tmp_path)}
    first = run_piped("30\n2\n", env_extra=env)
    assert first.code == 130
    (saved,) = (tmp_path / "sessions").glob("session-*.json")
    damaged = saved.read_bytes()[:-40]  # as a crash or a full disk would leave it
    saved.write_bytes(damaged)
    result = run_piped("", "--resume", env_extra=env)
    last_line = len(damaged.splitlines())
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"Error: {saved}: this saved session cannot be read (not valid JSON: it ends early, "
        f"line {last_line}); it is kept as it is. Start afresh with: "
        "weakcli triage --new\n",
    )
    assert saved.read_bytes() == damaged


def test_a_new_session_sets_a_damaged_one_aside_and_says_where(tmp_path: Path) -> None:
    env = {"WEAKCLI_DATA_DIR": str(tmp_path)}
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    broken = sessions / "session-20261129T100000Z.json"
    broken.write_text("[1, 2]\n", encoding="utf-8")
    result = run_piped(CLEAR + "d\nd\n", "--format", "json", env_extra=env)
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == (
        f"{broken}: this saved session cannot be read (the top level is not an object); it is "
        "kept as session-20261129T100000Z.json.damaged. Starting a new session."
    )
    assert (sessions / "session-20261129T100000Z.json.damaged").read_text() == "[1, 2]\n"
    assert not broken.exists()


def test_typed_junk_is_reasked_then_the_session_ends(tmp_path: Path) -> None:
    junk = "\x1b]52;c;ZXZpbA==\x07\n" + "x" * 500 + "\n[link=http://x]y[/]\n"
    result = run_piped(junk, env_extra={"WEAKCLI_DATA_DIR": str(tmp_path)})
    assert result.code == 1
    sorry = f"> Sorry, that is not one of the answers. {HINT}"
    assert result.err.splitlines() == [
        DISCLAIMER,
        "",
        "Question 1 (about 18 left)",
        "How old are you? (If you are answering for someone else, give their age.)",
        "Type the age in years (or '6 months' for a baby), or d to skip.",
        sorry,  # the clipboard-writing escape was removed, so nothing was left
        f"> That answer is too long (over 200 characters). {HINT}",  # and not echoed
        sorry,  # markup is only text that means nothing
        "Too many answers could not be understood; your answers are saved. Continue with: "
        "weakcli triage --resume",
    ]


def test_answers_are_normalised(tmp_path: Path) -> None:
    # Full-width letters, Windows line ends, surrounding space, any case.
    typed = " ３０ years\r\n MALE\r\n  ＮＯＮＥ \r\n" + "None\r\n" * 3
    typed += " NO\r\n Y\r\n SUDDENLY, within minutes\r\n"
    result = run_piped(typed, "-f", "json", env_extra={"WEAKCLI_DATA_DIR": str(tmp_path)})
    assert result.code == 0, result.err
    answers = [a["answer"] for a in json.loads(result.out)["answers"]]
    assert answers == [*CLEARED, "yes", "sudden"]


def test_export_a_saved_session_as_a_report(cli, tmp_path: Path) -> None:
    env = {"WEAKCLI_DATA_DIR": str(tmp_path)}
    done = run_piped(CLEAR + "yes\n1\n", env_extra=env)
    assert done.code == 0, done.err
    (saved,) = (tmp_path / "sessions").glob("session-*.json")
    first = cli("--kb", KB, "export", "--session", str(saved))
    again = cli("--kb", KB, "export", "--session", str(saved))
    assert (first.code, first.err) == (0, "")
    assert first.out == again.out  # dated by the session, so byte-identical
    started = json.loads(saved.read_text())["started"]
    tokens = MarkdownIt("commonmark").enable("table").parse(first.out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "weakcli report",
        "Warning signs",
        "Educational, not a diagnosis",
        "How soon to seek care",
        "Possible causes",
        "Stroke (66%)",
        "Muscle strain (29%)",
        "Tests to discuss",
        "Treatment and support",
        "Questions to ask a doctor",
        "Your answers",
        "Sources",
    ]
    assert f"\nCreated {started} with weakcli {__version__}, knowledge base test-1.\n" in first.out
    as_json = json.loads(cli("--kb", KB, "export", "--session", str(saved), "-f", "json").out)
    assert as_json["created"] == started
    assert [a["answer"] for a in as_json["answers"]] == [*CLEARED, "yes", "sudden"]
    assert as_json["complete"] is True


def test_export_session_errors(cli, tmp_path: Path) -> None:
    bad = write(tmp_path / "s.json", '{"format": 1, "answers": []}')
    result: Result = cli("--kb", KB, "export", "--session", str(bad))
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"Error: {bad}: not a weakcli session file ('started' is missing or not text)\n",
    )
    junk = write(tmp_path / "junk.json", "not json")
    result = cli("--kb", KB, "export", "--session", str(junk))
    assert result.err == (
        f"Error: {junk}: not a weakcli session file (not valid JSON: expecting value, line 1)\n"
    )
    cut = write(tmp_path / "cut.json", '{"format": 1, "started": "2026-11-29T10:00:00Z", "ans')
    result = cli("--kb", KB, "export", "--session", str(cut))
    assert result.err == (
        f"Error: {cut}: not a weakcli session file (not valid JSON: it ends early, line 1)\n"
    )
    result = cli("--kb", KB, "export", "--session", str(junk), "--cause", "stroke")
    assert result.code == 2


def test_json_answers_are_read_by_the_same_rules(cli, tmp_path: Path) -> None:
    answers = write(
        tmp_path / "a.json",
        json.dumps({"stroke_signs_seen": "no", "side": True, "start": "sudden"}),
    )
    report = json.loads(cli("--kb", KB, "triage", "--answers", str(answers), "-f", "json").out)
    assert [a["answer"] for a in report["answers"]][-2:] == ["yes", "sudden"]
    flow = write(tmp_path / "flow.yaml", "{side: yes, start: sudden}\n")  # YAML, not JSON
    result: Result = cli("--kb", KB, "triage", "--answers", str(flow), "-f", "json")
    assert [a["answer"] for a in json.loads(result.out)["answers"]] == ["yes", "sudden"]
    twice = write(tmp_path / "twice.json", '{"side": "yes", "side": "no"}')
    result = cli("--kb", KB, "triage", "--answers", str(twice))
    assert (result.code, result.err) == (1, f"Error: {twice}: duplicate key 'side'\n")
    deep = write(tmp_path / "deep.json", '{"side": ' + "[" * 5000 + "]" * 5000 + "}")
    result = cli("--kb", KB, "triage", "--answers", str(deep))
    assert (result.code, result.err) == (1, f"Error: {deep}: nested more than 32 levels deep\n")


def test_a_json_answers_file_does_not_load_pyyaml(tmp_path: Path) -> None:
    answers = write(tmp_path / "a.json", '{"stroke_signs_seen": "no"}')
    code = (
        "import sys; from weakcli.__main__ import main; "
        f"main(['--kb', {KB!r}, 'triage', '--answers', {str(answers)!r}, '-f', 'json']); "
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    load_kb(MINIMAL)  # the knowledge base itself is cached, as after a first run
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.splitlines()[-1] == "False"
