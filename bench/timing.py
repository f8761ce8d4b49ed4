"""Shared timing for the benchmarks: commands take turns, figures are medians.

Machines here are shared and noisy, so each benchmark runs the commands it compares side by
side, run after run, and reports ratios.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import installed  # noqa: F401  (a clear line if weakcli is not installed)

import weakcli


def byte_compile() -> None:
    """Compile weakcli's modules first, as installing a wheel does.

    With PYTHONDONTWRITEBYTECODE set (as on these machines), an editable install would
    otherwise recompile every module on every run, about 30 ms.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", weakcli.__path__[0]], check=True)


def run(argv: list[str]) -> float:
    """Seconds one command takes, output discarded; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} ... failed: {done.stderr.decode(errors='replace')}")
    return seconds


def alternate(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, the commands taking turns run after run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():
        run(argv)  # warm the knowledge-base cache and the file system
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(run(argv))
    return {name: statistics.median(values) for name, values in times.items()}
