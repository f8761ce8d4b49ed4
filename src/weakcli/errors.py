"""One exception base for everything weakcli reports to a person.

The command line catches `WeakcliError` in one place, prints `Error: <message>` on stderr and
exits with `exit_code`. Anything else is a bug and gets a traceback without local variables.
"""

from __future__ import annotations

from typing import ClassVar, Final

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
MAX_ERRORS_SHOWN: Final = 20


class WeakcliError(Exception):
    """A problem with data or input that the person can fix; never a bug."""

    exit_code: ClassVar[int] = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class KbError(WeakcliError):
    """A knowledge base that cannot be read or does not validate.

    `problems` holds every problem found, each already formatted as
    `FILE:LINE:COLUMN: path: message`; the message shows a count and the first few.
    """

    def __init__(self, source: str, problems: list[str], shown: int = MAX_ERRORS_SHOWN) -> None:
        self.source = source
        self.problems = problems
        if len(problems) == 1:
            message = problems[0]
        else:
            lines = [f"{source}: {len(problems)} problems"]
            lines += problems[:shown]
            if len(problems) > shown:
                lines.append(f"... and {len(problems) - shown} more")
            message = "\n".join(lines)
        super().__init__(message)


class InputError(WeakcliError):
    """Bad input from the person: an answers file, a name that matches nothing, a file clash."""


class UsageError(WeakcliError):
    """Options that cannot be used together, or a call that is not well formed: exit 2."""

    exit_code: ClassVar[int] = EXIT_USAGE


class OutputError(WeakcliError):
    """Output could not be written (disk full, closed pipe, permission)."""
