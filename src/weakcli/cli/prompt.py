"""The guided session's side of the terminal: questions and prompts, never results.

Questions go to the terminal when there is one, otherwise to standard error, so that piped
answers still leave standard output to the result.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from weakcli.errors import EXIT_ERROR, InputError, OutputError

if TYPE_CHECKING:
    from weakcli.triage.session import Session, SessionFileError


class StreamIo:
    """Questions and prompts for a person (or a pipe); results never go through here."""

    def __init__(self, out: TextIO, interactive: bool) -> None:
        self.out = out
        self.interactive = interactive

    @classmethod
    def for_this_terminal(cls) -> StreamIo:
        """Prompts on the terminal when both ends are one, otherwise on standard error."""
        at_terminal = sys.stdin.isatty() and sys.stdout.isatty()
        return cls(sys.stdout if at_terminal else sys.stderr, at_terminal)

    def say(self, text: str) -> None:
        if self.interactive:
            text = wrap(text)
        print(text, file=self.out, flush=True)

    def ask(self, prompt: str) -> str:
        try:
            if self.interactive:
                return input(prompt)
            self.out.write(prompt)
            self.out.flush()
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")
        except (EOFError, KeyboardInterrupt):
            self.say("")  # end the prompt's line before whatever is said next
            raise

    def resume_unfinished(self, unfinished: Session) -> bool:
        """Whether to continue an unfinished session: asked only of a person at a terminal."""
        if not sys.stdin.isatty():
            return False
        self.say(
            f"You have an unfinished session from {unfinished.started} with "
            f"{len(unfinished.state.answers)} answers."
        )
        return self.ask("Continue it? [Y/n] ").strip().lower() in ("", "y", "yes")

    def start_afresh(self, damaged: SessionFileError, resume: bool) -> None:
        """A damaged saved session is named and kept; with --resume the person chooses what
        next (piped, nothing changes and the command stops)."""
        from weakcli.triage.session import set_aside

        problem = f"{damaged.path}: this saved session cannot be read ({damaged.problem})"
        if resume:
            if not sys.stdin.isatty():
                raise InputError(
                    f"{problem}; it is kept as it is. Start afresh with: weakcli triage --new"
                )
            self.say(f"{problem}.")
            try:
                reply = self.ask("Set it aside and start a new session? [y/N] ").strip().lower()
            except (EOFError, KeyboardInterrupt):
                reply = ""
            if reply not in ("y", "yes"):
                self.say("Nothing was changed.")
                raise typer.Exit(EXIT_ERROR)
        kept = set_aside(damaged.path)
        self.say(f"{problem}; it is kept as {kept.name}. Starting a new session.")

    def offer_to_save(self, text: str) -> None:
        """Offer to save `text` (the result just shown, as Markdown), asking again if the name
        is taken or the file cannot be written there."""
        from weakcli.files import write_atomic

        for _ in range(3):
            try:
                name = self.ask(
                    "Save this as a Markdown report for your appointment? File name, or Enter "
                    "to skip: "
                ).strip()
            except (EOFError, KeyboardInterrupt):
                return
            if not name:
                return
            path = Path(name)
            if path.exists():
                self.say(f"{path} already exists. Choose another name.")
                continue
            try:
                write_atomic(path, text)
            except (InputError, OutputError) as exc:
                self.say(f"{exc.message}. Choose another name.")
                continue
            self.say(f"Saved {path}")
            return


def wrap(text: str) -> str:
    """Each line wrapped to the terminal, continuation lines indented like the line itself."""
    width = max(40, min(100, shutil.get_terminal_size((80, 24)).columns))
    lines = []
    for line in text.splitlines() or [""]:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        if line.lstrip().startswith(tuple(f"{n}. " for n in range(1, 10))):
            indent += "   "
        elif line.startswith("!! "):
            indent = "!! "  # an emergency banner stays one block
        wrapped = textwrap.wrap(
            line,
            width=width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines += wrapped or [""]
    return "\n".join(lines)
