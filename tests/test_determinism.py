"""Output does not depend on Python's hash seed: the same input gives the same bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

MINIMAL = str(Path(__file__).parent / "kb" / "good" / "minimal.yaml")
# A knowledge base of one's own gains the shipped red flags and the questions they need; the
# session's order of questions must not depend on the hash seed either.
PIPED = "30\n2\nnone\nnone\nnone\nnone\nno\nyes\n1\n"
ANSWERS = (
    "age: 34\nsex: female\nhead_and_face: drooping_eyelid, double_vision\n"
    "onset: weeks_months\ncomplaint: has_weakness\nweakness_course: fatigable\n"
)


def run(tmp_path: Path, seed: str, *args: str, stdin: str = "") -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEAKCLI_")}
    env.update(
        PYTHONHASHSEED=seed,
        WEAKCLI_CACHE_DIR=str(tmp_path / f"cache-{seed}"),
        WEAKCLI_DATA_DIR=str(tmp_path / f"data-{seed}"),
        NO_COLOR="1",
        COLUMNS="100",
    )
    done = subprocess.run(
        [sys.executable, "-m", "weakcli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=True,
        input=stdin.encode(),
    )
    return done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "markdown"),
        ("export", "--format", "json"),
        ("triage", "--answers", "answers.yaml", "--format", "markdown"),
        ("triage", "--answers", "answers.yaml", "--format", "json"),
        ("triage", "--answers", "answers.yaml", "--format", "text"),
        ("--kb", MINIMAL, "triage", "--format", "json"),
    ],
    ids=" ".join,
)
def test_the_same_bytes_under_different_hash_seeds(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    stdin = PIPED if "--kb" in args else ""
    outputs = [run(tmp_path, seed, *args, stdin=stdin) for seed in ("1", "2", "3")]
    # The report's creation time is the one field allowed to differ between runs.
    stamp = re.compile(rb"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    first, *others = (stamp.sub(b"TIME", out) for out in outputs)
    assert len(first) > 1000
    for other in others:
        assert other == first
