"""The release build, installed as a person would, from its sdist and from its wheel.

`python -m build` makes the sdist and then builds the wheel from that sdist, so this is the
route a published package takes (`pip install weakcli`, `pipx install weakcli`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "src" / "weakcli" / "data"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.slow
def test_the_sdist_carries_the_knowledge_base_as_files(dist: Path) -> None:
    (sdist,) = dist.glob("weakcli-*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1]: m for m in archive.getmembers() if "/" in m.name}
        for name in ("causes.yaml", "causes.schema.json"):
            member = members[f"src/weakcli/data/{name}"]
            assert member.isfile(), f"{name} is not a regular file in the sdist"
            handle = archive.extractfile(member)
            assert handle is not None
            assert handle.read() == (SHIPPED / name).read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sdist", "wheel"])
def test_installed_from_the_release_build_it_finds_its_knowledge_base(
    dist: Path, tmp_path: Path, kind: str
) -> None:
    (artifact,) = dist.glob("weakcli-*.tar.gz" if kind == "sdist" else "weakcli-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(artifact)],
        check=True,
        capture_output=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("WEAKCLI_KB", "PYTHONPATH")}
    env["WEAKCLI_CACHE_DIR"] = str(tmp_path / "cache")
    env["WEAKCLI_DATA_DIR"] = str(tmp_path / "data")

    def weakcli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir / "weakcli"), *args],
            cwd=outside,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    installed = (
        env_dir
        / "lib"
        / f"python{sys.version_info.major}.{sys.version_info.minor}"
        / "site-packages"
        / "weakcli"
        / "data"
        / "causes.yaml"
    )
    assert installed.is_file()
    assert not installed.is_symlink()
    assert installed.read_bytes() == (SHIPPED / "causes.yaml").read_bytes()

    validated = weakcli("kb", "validate")
    assert (validated.returncode, validated.stderr) == (0, "")
    assert validated.stdout.startswith(f"{installed}: valid (version ")

    cause = weakcli("cause", "als")
    assert (cause.returncode, cause.stderr) == (0, "")
    assert cause.stdout.startswith("ALS / motor neuron disease\n")

    version = weakcli("--version")
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout.startswith("weakcli ")
