"""Where a command's result goes: standard output, or a file written atomically."""

from __future__ import annotations

import sys
from pathlib import Path

from weakcli.errors import InputError, OutputError
from weakcli.files import write_atomic
from weakcli.textsafe import fold


def emit(text: str, output: str | None = None, *, force: bool = False) -> None:
    """Write `text` to `output` (`None` or '-' for standard output).

    A file is written through a temporary file and a rename, never over an existing one
    without `force`, and left untouched when anything fails.
    """
    if output is None or output == "-":
        write_stdout(text)
        return
    path = Path(output)
    write_atomic(path, text, force=force)
    print(f"Wrote {path}", file=sys.stderr)


def refuse_existing(output: str | None, *, force: bool) -> None:
    """Fail before the work, not after it, when `output` would overwrite a file."""
    if output not in (None, "-") and not force and Path(str(output)).exists():
        raise InputError(f"{output}: already exists; use --force to overwrite it")


def write_stdout(text: str) -> None:
    """Write to standard output; a closed output or a reader that has gone away ends the command
    quietly with exit code 1."""
    from weakcli.__main__ import _silence_stdout

    stream = sys.stdout
    try:
        stream.write(fold(text, stream.encoding or "utf-8"))
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise  # ends the command quietly with exit code 1 (weakcli.__main__)
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None
