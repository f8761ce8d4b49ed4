"""Entry point: `weakcli` and `python -m weakcli`. The one place errors become exit codes."""

from __future__ import annotations

import contextlib
import os
import sys

from weakcli.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, WeakcliError


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (0 ok, 1 error, 2 usage, 130 interrupted)."""
    from weakcli.cli import app

    try:
        app(args=argv, prog_name="weakcli")
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
        _silence_stdout()
        return EXIT_OK
    return EXIT_OK


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
