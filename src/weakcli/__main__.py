"""Entry point: `weakcli` and `python -m weakcli`. The one place errors become exit codes."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys

from weakcli.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, WeakcliError


class _ClosedStream(io.TextIOBase):
    """Stands in for standard output when the process was started without one (`>&-`).

    Writing to it fails as writing to a pipe whose reader has gone would, so both cases end
    the same way: quietly, with exit code 1.
    """

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "standard output is closed")


def _stand_in_for_closed_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:  # nothing can be said; say it nowhere rather than on stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (0 ok, 1 error, 2 usage, 130 interrupted)."""
    from weakcli.cli import command

    _stand_in_for_closed_streams()
    try:
        command()(args=argv, prog_name="weakcli")
    except SystemExit as exc:  # Typer's standalone mode ends every run this way
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_ERROR)
    except WeakcliError as exc:
        _say(f"Error: {exc.message}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say("Interrupted.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        from weakcli.cli.output import silence_stdout

        silence_stdout()
        return EXIT_ERROR
    return EXIT_OK


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
