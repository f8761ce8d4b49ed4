"""Does the handbook export grow linearly with the knowledge base?

Synthetic knowledge bases where tests and treatments grow with the causes (one of each per four
causes, which keeps 10,000 causes under the 32 MiB file limit), as a large knowledge base of
one's own would: every test page lists the causes that
use it, so an export that scans every cause for each test grows with the square of the size.
The exports take turns in one run, and the figure is the time per cause at each size relative
to the smallest (1.0 = linear).

    python bench/handbook.py [--sizes 1000 2500 5000 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from synthetic import make_kb
from timing import alternate, byte_compile, run

WEAKCLI = shutil.which("weakcli") or sys.exit("install weakcli first: pip install -e .")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    byte_compile()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        commands: dict[str, list[str]] = {}
        for n in args.sizes:
            path = work / f"synthetic-{n}.yaml"
            path.write_text(make_kb(n, n_tests=n // 4, n_treatments=n // 4), encoding="utf-8")
            run([WEAKCLI, "--kb", str(path), "kb", "validate"])  # build the cache first
            commands[str(n)] = [WEAKCLI, "--kb", str(path), "export", "--format", "markdown"]
        seconds = alternate(commands, args.runs)
    smallest = args.sizes[0]
    per_cause = seconds[str(smallest)] / smallest
    print("Handbook export as Markdown, tests and treatments growing with the causes:")
    for n in args.sizes:
        ratio = seconds[str(n)] / n / per_cause
        print(f"  {n:>6,} causes  {seconds[str(n)]:6.2f} s  time per cause {ratio:4.2f}x")
    print("  (1.00x at every size is linear growth; quadratic growth doubles it with each")
    print("  doubling of the size)")


if __name__ == "__main__":
    main()
