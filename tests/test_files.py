"""Files weakcli writes: whole or not at all, with the permissions a person expects."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Run
from weakcli.errors import InputError
from weakcli.files import write_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "report.md"
    write_atomic(path, "# report\n")
    assert (path.read_text(), mode(path)) == ("# report\n", 0o644)


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "report.md"
    path.write_text("old\n")
    path.chmod(0o640)
    write_atomic(path, "new\n", force=True)
    assert (path.read_text(), mode(path)) == ("new\n", 0o640)


def test_a_private_file_is_for_its_owner_only(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "session.json"
    write_atomic(path, "{}\n", private=True)
    assert mode(path) == 0o600


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("mine\n")
    with pytest.raises(InputError, match="already exists; use --force to overwrite it"):
        write_atomic(path, "new\n")
    assert path.read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_the_handbook_is_written_for_sharing(cli: Run, tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "handbook.md"
    assert cli("export", "-o", str(path)).code == 0
    assert mode(path) == 0o644
