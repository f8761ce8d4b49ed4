"""Triage figures, measured in one run.

    python bench/triage.py [--runs 15]

- one step (update the probabilities and choose the next question) with the shipped knowledge
  base and with a synthetic 10,000-cause one;
- a scripted triage from an answers file, cold, as a ratio to `weakcli --version` cold.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import installed  # noqa: F401  (a clear line if weakcli is not installed)

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import make_kb
from timing import alternate, byte_compile

from weakcli.kb.load import load_kb
from weakcli.kb.store import KB
from weakcli.triage.engine import State, answer, compile_model, next_question

BIN = Path(sys.executable).parent


def step_times(kb: KB, steps: int = 12) -> list[float]:
    """Seconds per step (answer, then choose the next question), from the first question: age
    and sex, the warning-sign screen and the interview, answering 45, female and the first
    choice of every other question."""
    model = compile_model(kb)
    state = answer(model, State(), "age", "45")
    state = answer(model, state, "sex", "female")
    question = next_question(model, state)
    times = []
    while question is not None and len(times) < steps:
        start = time.perf_counter()
        value = question.choices[-2][0]  # none of these, no, or the last option
        state = answer(model, state, question.id, value)
        question = next_question(model, state)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="weakcli-bench-"))

    shipped = step_times(load_kb())
    print("One step (answer + choose the next question):")
    print(
        f"  shipped KB:            median {statistics.median(shipped) * 1000:7.2f} ms, "
        f"max {max(shipped) * 1000:7.2f} ms over {len(shipped)} steps"
    )
    path = work / "synthetic-10000.yaml"
    path.write_text(make_kb(10_000), encoding="utf-8")
    big = step_times(load_kb(path))
    print(
        f"  synthetic 10,000 causes: median {statistics.median(big) * 1000:7.2f} ms, "
        f"max {max(big) * 1000:7.2f} ms over {len(big)} steps"
    )

    kb = load_kb()
    model = compile_model(kb)
    state = State()
    lines = []
    question = next_question(model, state)
    while question is not None:
        intake = {"age": "45", "sex": "female"}
        value = intake[question.id] if question.id in intake else question.choices[1][0]
        lines.append(f"{question.id}: {value}")
        state = answer(model, state, question.id, value)
        question = next_question(model, state)
    answers = work / "answers.yaml"
    answers.write_text("\n".join(lines) + "\n")
    as_json = work / "answers.json"
    as_json.write_text(json.dumps(dict(line.split(": ", 1) for line in lines), indent=2) + "\n")
    weakcli = str(BIN / "weakcli")
    byte_compile()
    commands = {
        "weakcli --version": [weakcli, "--version"],
        "triage --answers answers.yaml": [
            weakcli,
            "triage",
            "--answers",
            str(answers),
            "-f",
            "json",
        ],
        "triage --answers answers.json": [
            weakcli,
            "triage",
            "--answers",
            str(as_json),
            "-f",
            "json",
        ],
    }
    medians = alternate(commands, args.runs)
    version = medians["weakcli --version"]
    print(f"\nCold start, median of {args.runs} runs each, taking turns ({len(lines)} answers):")
    for name, seconds in medians.items():
        ratio = "" if seconds is version else f"  {seconds / version:4.2f}x weakcli --version"
        print(f"  {name:<30} {seconds * 1000:7.1f} ms{ratio}")


if __name__ == "__main__":
    main()
