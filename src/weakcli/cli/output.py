"""Where a command's result goes: standard output, or a file written atomically.

Results go to standard output and messages to standard error, so `weakcli ... | jq` always
works; a reader that has gone away ends the command quietly.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from weakcli.errors import InputError, OutputError
from weakcli.files import write_atomic
from weakcli.textsafe import fold

if TYPE_CHECKING:
    from weakcli.render.base import Renderer
    from weakcli.render.formats import OutputFormat


def to_stdout(output: str | None) -> bool:
    return output is None or output == "-"


def renderer(fmt: OutputFormat, output: str | None = None) -> Renderer:
    """The renderer for `fmt`, drawing for the terminal only when the result goes to one."""
    from weakcli.render.formats import renderer_for

    return renderer_for(fmt, sys.stdout if to_stdout(output) else None)


def emit(text: str, output: str | None = None, *, force: bool = False) -> None:
    """Write `text` to `output` (`None` or '-' for standard output).

    A file is written through a temporary file and a rename, never over an existing one
    without `force`, and left untouched when anything fails.
    """
    if to_stdout(output):
        write_stdout(text)
        return
    path = Path(str(output))
    write_atomic(path, text, force=force)
    say(f"Wrote {path}")


def refuse_existing(output: str | None, *, force: bool) -> None:
    """Fail before the work, not after it, when `output` would overwrite a file."""
    if not to_stdout(output) and not force and Path(str(output)).exists():
        raise InputError(f"{output}: already exists; use --force to overwrite it")


def say(message: str) -> None:
    """One message on standard error (warnings, notes, 'Wrote FILE')."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)


def write_stdout(text: str) -> None:
    """Write to standard output; a closed output or a reader that has gone away ends the command
    quietly with exit code 1."""
    stream = sys.stdout
    try:
        stream.write(fold(text, stream.encoding or "utf-8"))
        stream.flush()
    except BrokenPipeError:
        silence_stdout()
        raise  # ends the command quietly with exit code 1 (weakcli.__main__)
    except OSError as exc:
        silence_stdout()
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
