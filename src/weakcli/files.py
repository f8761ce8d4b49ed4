"""Writing files so that nothing is lost: atomically, and never over a file without --force."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from weakcli.errors import InputError, OutputError


def write_atomic(
    path: Path, text: str | bytes, *, force: bool = False, private: bool = False
) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file in the same folder, then rename.

    A reader sees the old file or the whole new one, never half; on any failure the temporary
    file is removed and the old file is untouched. The file gets the permissions a new file
    gets from the umask (or keeps those of the file it replaces); a `private` one is readable
    by its owner only, for what a person said about their health.
    """
    if not force and path.exists():
        raise InputError(f"{path}: already exists; use --force to overwrite it")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        os.chmod(tmp, 0o600 if private else _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():
            raise InputError(f"{path}: already exists; use --force to overwrite it")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
