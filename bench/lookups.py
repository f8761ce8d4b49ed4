"""Lookup and export figures, measured alternately in one run and printed as ratios.

    python bench/lookups.py [--runs 15]

Every figure is a new process with the knowledge-base cache warm (as for a person after the
first command), stdout going to /dev/null as in a pipe, and weakcli's modules byte-compiled
first, as an installed wheel is (with PYTHONDONTWRITEBYTECODE set, an editable install would
otherwise recompile every module on every run, about 30 ms). Machines here are shared and noisy:
the ratios, measured side by side, are the figures to compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import installed  # noqa: F401  (a clear line if weakcli is not installed)

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import make_kb
from timing import alternate, byte_compile, run

from weakcli.kb.load import load_kb, shipped_kb_path

WEAKCLI = str(Path(sys.executable).parent / "weakcli")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="weakcli-bench-"))
    byte_compile()
    os.environ.setdefault("WEAKCLI_CACHE_DIR", str(work / "cache"))
    shipped = load_kb(shipped_kb_path())
    cause = "als" if "als" in shipped.causes else next(iter(shipped.causes))

    print(f"Cold start, median of {args.runs} runs each, taking turns (stdout piped):")
    figures = alternate(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            f"weakcli cause {cause}": [WEAKCLI, "cause", cause],
            "weakcli --help": [WEAKCLI, "--help"],
        },
        args.runs,
    )
    base = figures["python -c pass"]
    limits = {f"weakcli cause {cause}": 12, "weakcli --help": 8}
    for name, seconds in figures.items():
        limit = f"  (limit {limits[name]}x)" if name in limits else ""
        print(f"  {name:<24} {seconds * 1000:7.1f} ms  {seconds / base:5.1f}x{limit}")

    print("\nA lookup as the knowledge base grows (cache present):")
    paths = {}
    for n in (100, 1_000):
        paths[n] = work / f"synthetic-{n}.yaml"
        paths[n].write_text(make_kb(n), encoding="utf-8")
    sizes = alternate(
        {str(n): [WEAKCLI, "--kb", str(path), "cause", "c7"] for n, path in paths.items()},
        args.runs,
    )
    for n in paths:
        print(f"  {n:>6,} causes  {sizes[str(n)] * 1000:7.1f} ms")
    print(f"  1,000 / 100 = {sizes['1000'] / sizes['100']:.2f}x  (limit 1.1x)")

    print("\nExport of the whole handbook as Markdown (one process, cache present):")
    handbook = alternate({"shipped": [WEAKCLI, "export", "--format", "markdown"]}, 3)
    print(f"  shipped ({len(shipped.causes)} causes)  {handbook['shipped']:6.2f} s  (limit 1 s)")
    big = work / "synthetic-10000.yaml"
    big.write_text(make_kb(10_000), encoding="utf-8")
    start = time.perf_counter()
    run([WEAKCLI, "--kb", str(big), "kb", "validate"])
    print(f"  synthetic 10,000 causes: first validation {time.perf_counter() - start:.2f} s")
    seconds = run([WEAKCLI, "--kb", str(big), "export", "--format", "markdown"])
    print(f"  synthetic 10,000 causes: export {seconds:6.2f} s  (limit 30 s)")


if __name__ == "__main__":
    main()
