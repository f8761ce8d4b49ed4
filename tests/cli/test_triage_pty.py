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


DANGER_LIST = "Do you have any of these now, or have you had them in the last few days?"

# The fixture's session for a 30-year-old man with none of the warning signs: the answers
# that clear the screen after age and sex, in order.
CLEAR = ["none", "none", "none", "none", "n"]


@pytest.mark.slow
def test_a_whole_session_with_help_back_interrupt_and_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("weakcli is for education only.")
    child.expect_exact("Question 1 (about")
    child.expect_exact("How old are you? (If you are answering for someone else, give their age.)")
    child.expect_exact("> ")
    child.sendline("?")
    child.expect(wrapped("Why we ask: Many causes belong to certain ages"))
    child.sendline("30 years")
    child.expect_exact("Question 2 (about")
    child.expect_exact("What sex were you assigned at birth?")
    child.sendline("2")  # male, by number
    child.expect_exact("Question 3 (about")
    child.expect(wrapped(DANGER_LIST))
    child.expect_exact("Type every number that applies, for example: 1 3")
    child.sendline("b")  # back to the question about sex
    child.expect_exact("Question 2 (about")
    child.sendline("male")  # by word
    for number, typed in enumerate(CLEAR, start=3):
        child.expect_exact(f"Question {number} (about")
        type_answers(child, typed)
    child.expect_exact("Question 8 (about")
    child.expect_exact("Is the weakness on one side of the body?")
    child.sendline("YES")
    child.expect_exact("Question 9 (about")
    child.expect_exact("How did the weakness start?")
    child.expect_exact("> ")
    child.sendintr()  # Ctrl-C
    child.expect_exact(
        "Interrupted; your answers are saved. Continue with: weakcli triage --resume"
    )
    ends_with(child, 130)

    child = spawn(tmp_path, "--resume")
    child.expect_exact("Resuming the session started ")
    child.expect_exact("(8 answers).")
    child.expect_exact("Question 9 (about")
    child.sendline("suddenly")
    child.expect_exact("HOW SOON TO SEEK CARE")
    child.expect_exact("Emergency: call an ambulance now.")
    child.expect(r"Stroke\s+(Likelihood: )?\d+%")
    child.expect_exact("Tests to discuss")
    child.expect_exact("weakcli is for education only.")
    child.expect_exact("Save this as a Markdown report for your appointment?")
    child.sendline("report.md")
    child.expect_exact("Saved report.md")
    ends_with(child, 0)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# weakcli report\n")
    assert "| Is the weakness on one side of the body? | Yes |" in report
    assert (
        "| How old are you? (If you are answering for someone else, give their age.) | 30 years |"
        in report
    )


@pytest.mark.slow
def test_a_red_flag_shows_the_emergency_banner_before_the_next_prompt(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    type_answers(child, "30", "2")
    child.expect(wrapped(DANGER_LIST))
    type_answers(child, "1")  # struggling to breathe
    child.expect_exact("!! EMERGENCY: CALL AN AMBULANCE NOW")
    child.expect_exact("!! Trouble breathing")
    child.expect_exact("Go on, for information only? [y/N] ")
    child.sendline("y")
    child.expect(wrapped("act on that advice first. You may go on answering, for education only."))
    child.expect_exact("Question 4 (about")
    type_answers(child, "q")
    child.expect_exact("!! EMERGENCY: CALL AN AMBULANCE NOW")  # again, as the session ends
    child.expect_exact("Saved. Continue with: weakcli triage --resume")
    ends_with(child, 0)


def wrapped(text: str) -> str:
    """A pattern for `text` as the session wraps it to the terminal: any space may break."""
    return r"\s+".join(map(re.escape, text.split()))


def type_answers(child: pexpect.spawn, *typed: str) -> None:
    """Wait for each prompt, then type the next answer."""
    for line in typed:
        child.expect_exact("> ")
        child.sendline(line)


def ends_with(child: pexpect.spawn, exit_status: int) -> None:
    """The program ends by itself, with this exit status."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == exit_status


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
    type_answers(child, "q")
    child.expect_exact("Saved. Continue with: weakcli triage --resume")
    ends_with(child, 0)
    assert (sessions / "session-20261129T100000Z.json.damaged").read_text(encoding="utf-8") == (
        '{"format": 1, "answers": ['
    )


@pytest.mark.slow
def test_no_after_an_emergency_banner_ends_with_the_result(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    type_answers(child, "30", "2", "1")  # a 30-year-old man, struggling to breathe
    child.expect_exact("!! EMERGENCY: CALL AN AMBULANCE NOW")
    child.expect_exact("Go on, for information only? [y/N] ")
    child.sendline("")  # Enter: the default, no
    child.expect_exact("HOW SOON TO SEEK CARE")
    child.expect_exact("Emergency: call an ambulance now.")
    child.expect(wrapped("The questions stopped here so that you can get help now."))
    child.expect_exact("Save this as a Markdown report for your appointment?")
    shown = child.before or ""
    assert "Possible causes\r\n---" not in shown  # the heading of the causes
    assert "Question 4" not in shown
    child.sendline("")
    ends_with(child, 0)
    later = spawn(tmp_path, "--resume")  # for information, when the person is safe
    later.expect_exact("Resuming the session started ")
    later.expect_exact("Question 4 (about")
    type_answers(later, "q")
    ends_with(later, 0)
