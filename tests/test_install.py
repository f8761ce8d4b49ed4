"""The wheel, installed into a fresh virtual environment outside the checkout, finds its data."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_installed_wheel_finds_and_loads_its_knowledge_base(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (wheel,) = dist.glob("weakcli-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("WEAKCLI_KB", "PYTHONPATH")}
    env["WEAKCLI_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [str(bin_dir / "weakcli"), "kb", "validate"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    installed = subprocess.run(
        [str(bin_dir / "python"), "-c", "import weakcli.kb as k; print(k.shipped_kb_path())"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert installed.startswith(str(env_dir))
    assert installed.endswith(os.path.join("site-packages", "weakcli", "data", "causes.yaml"))
    assert done.stdout.startswith(f"{installed}: valid (version ")
    assert Path(installed).read_bytes() == (ROOT / "data" / "causes.yaml").read_bytes()
    version = subprocess.run(
        [str(bin_dir / "weakcli"), "--version"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("weakcli ")
