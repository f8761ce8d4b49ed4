"""Play a whole session in a real pseudo-terminal, as a person would."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from conftest import MINIMAL
from weakcli.kb.load import load_kb

# The fixture's red flag and the shipped ones.
SCREEN = len(load_kb(MINIMAL).red_flags)


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = dict(
        os.environ,
        WEAKCLI_DATA_DIR=str(tmp_path / "data"),
        COLUMNS="80",
        WEAKCLI_CACHE_DIR=str(tmp_path / "cache"),
        TERM="xterm",
    )
    argv = ["-m", "weakcli", "--kb", str(MINIMAL), "triage", *args]
    return pexpect.spawn(
        sys.executable,
        argv,
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )


def _ctrl_c_as_at_a_terminal() -> None:
    """A shell runs background jobs with Ctrl-C ignored, and Python then never turns it into
    KeyboardInterrupt; the session starts as it would at a person's terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_a_whole_session_with_help_back_interrupt_and_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("weakcli is for education only.")
    child.expect_exact(f"Question 1 (about {SCREEN + 2} left)")
    child.expect_exact("Did a face droop, an arm go weak or speech become slurred suddenly?")
    child.expect_exact("> ")
    child.sendline("?")
    child.expect_exact("Why we ask: These are the signs of a stroke, where every minute counts.")
    child.sendline("2")  # No, by number
    child.expect_exact(f"Question 2 (about {SCREEN + 1} left)")
    child.expect(wrapped("Did any of these start suddenly"))  # the shipped stroke flag, merged in
    child.sendline("b")  # back to the first question
    child.expect_exact(f"Question 1 (about {SCREEN + 2} left)")
    child.sendline("no")  # by word
    for number in range(2, SCREEN + 1):
        child.expect_exact(f"Question {number} (about")
        child.expect_exact("> ")
        child.sendline("n")
    child.expect_exact(f"Question {SCREEN + 1} (about 2 left)")
    child.expect_exact("Is the weakness on one side of the body?")
    child.sendline("YES")
    child.expect_exact(f"Question {SCREEN + 2} (about 1 left)")
    child.expect_exact("How did the weakness start?")
    child.expect_exact("> ")
    child.sendintr()  # Ctrl-C
    child.expect_exact(
        "Interrupted; your answers are saved. Continue with: weakcli triage --resume"
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = spawn(tmp_path, "--resume")
    child.expect_exact("Resuming the session started ")
    child.expect_exact(f"({SCREEN + 1} answers).")
    child.expect_exact(f"Question {SCREEN + 2} (about 1 left)")
    child.sendline("suddenly")
    child.expect_exact("HOW SOON TO SEEK CARE")
    child.expect_exact("Emergency: call an ambulance now.")
    child.expect(r"Stroke\s+(Likelihood: )?\d+%")
    child.expect_exact("Tests to discuss")
    child.expect_exact("weakcli is for education only.")
    child.expect_exact("Save this as a Markdown report for your appointment?")
    child.sendline("report.md")
    child.expect_exact("Saved report.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# weakcli report\n")
    assert "| Is the weakness on one side of the body? | Yes |" in report


@pytest.mark.slow
def test_a_red_flag_shows_the_emergency_banner_before_the_next_prompt(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("> ")
    child.sendline("1")
    child.expect_exact("!! EMERGENCY: CALL AN AMBULANCE NOW")
    child.expect_exact("!! Call the emergency number now and note the time the symptoms began.")
    child.expect_exact("Go on, for information only? [y/N] ")
    child.sendline("y")
    child.expect(wrapped("act on that advice first. You may go on answering, for education only."))
    for number in range(2, SCREEN + 1):
        child.expect_exact(f"Question {number} (about")
        child.expect_exact("> ")
        child.sendline("no")
    child.expect_exact(f"Question {SCREEN + 1}")
    child.expect_exact("> ")
    child.sendline("q")
    child.expect_exact("!! EMERGENCY: CALL AN AMBULANCE NOW")  # again, as the session ends
    child.expect_exact("Saved. Continue with: weakcli triage --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def wrapped(text: str) -> str:
    """A pattern for `text` as the session wraps it to the terminal: any space may break."""
    return r"\s+".join(map(re.escape, text.split()))


@pytest.mark.slow
def test_resume_offers_to_start_afresh_when_the_saved_session_is_damaged(tmp_path: Path) -> None:
    sessions = tmp_path / "data" / "sessions"
    sessions.mkdir(parents=True)
    broken = sessions / "session-20261129T100000Z.json"
    broken.write_text('{"format": 1, "answers": [', encoding="utf-8")
    child = spawn(tmp_path, "--resume")
    said = f"{broken}: this saved session cannot be read (not valid JSON: it ends early, line 1)."
    child.expect(wrapped(said))
    child.expect_exact("Set it aside and start a new session? [y/N] ")
    child.sendline("y")
    child.expect(wrapped("it is kept as session-20261129T100000Z.json.damaged. Starting a new"))
    child.expect_exact("Question 1 (about")
    child.expect_exact("> ")
    child.sendline("q")
    child.expect_exact("Saved. Continue with: weakcli triage --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (sessions / "session-20261129T100000Z.json.damaged").read_text(encoding="utf-8") == (
        '{"format": 1, "answers": ['
    )


@pytest.mark.slow
def test_no_after_an_emergency_banner_ends_with_the_result(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("> ")
    child.sendline("yes")
    child.expect_exact("!! EMERGENCY: CALL AN AMBULANCE NOW")
    child.expect_exact("Go on, for information only? [y/N] ")
    child.sendline("")  # Enter: the default, no
    child.expect_exact("HOW SOON TO SEEK CARE")
    child.expect_exact("Emergency: call an ambulance now.")
    child.expect(wrapped("The questions stopped here so that you can get help now."))
    child.expect_exact("Save this as a Markdown report for your appointment?")
    shown = child.before or ""
    assert "Possible causes\r\n---" not in shown  # the heading of the causes
    assert "Question 2" not in shown
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    later = spawn(tmp_path, "--resume")  # for information, when the person is safe
    later.expect_exact("Resuming the session started ")
    later.expect_exact("Question 2 (about")
    later.expect_exact("> ")
    later.sendline("q")
    later.expect(pexpect.EOF)
    later.close()
    assert later.exitstatus == 0
