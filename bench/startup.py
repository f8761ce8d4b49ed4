"""Start-up and knowledge-base figures, measured alternately in one run and printed as ratios.

    python bench/startup.py [--runs 15]

Cold start means a new process each time (the knowledge-base cache is warm, as it is for a
person after the first command). Machines here are shared and noisy: compare the ratios, which
are measured side by side, rather than the raw milliseconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import installed  # noqa: F401  (a clear line if weakcli is not installed)

sys.path.insert(0, str(Path(__file__).parent))

import contextlib

from synthetic import make_kb
from timing import alternate, byte_compile

from weakcli.errors import KbError
from weakcli.kb.load import load_kb, shipped_kb_path
from weakcli.kb.reader import read_bytes
from weakcli.kb.validate import validate

BIN = Path(sys.executable).parent
HELLO = """\
import typer
app = typer.Typer()
@app.command()
def hello() -> None:
    print("hello")
app()
"""


def best_of(fn: object, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="weakcli-bench-"))
    hello = work / "hello.py"
    hello.write_text(HELLO)
    weakcli = str(BIN / "weakcli")
    byte_compile()

    print(f"Cold start, median of {args.runs} runs each, taking turns:")
    figures = alternate(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "typer hello-world": [sys.executable, str(hello)],
            "weakcli --version": [weakcli, "--version"],
            "weakcli --help": [weakcli, "--help"],
            "weakcli kb validate": [weakcli, "kb", "validate"],
            "weakcli causes --format json": [weakcli, "causes", "--format", "json"],
        },
        args.runs,
    )
    base = figures["python -c pass"]
    for name, seconds in figures.items():
        print(f"  {name:<22} {seconds * 1000:7.1f} ms  {seconds / base:5.1f}x python -c pass")
    # `kb validate` also checks every HPO id against the ontology, so the load is measured on
    # a lookup that reads every cause from the cache and prints them.
    added = figures["weakcli causes --format json"] - figures["weakcli --version"]
    print(
        f"  loading the shipped KB from the cache (and listing it) adds {added * 1000:.1f} ms "
        "to a command"
    )

    print("\nParse + validate (no cache), best of 3:")
    shipped = shipped_kb_path()
    data = read_bytes(shipped)
    print(
        f"  shipped knowledge base ({len(data) / 1024:.0f} KiB): "
        f"{best_of(lambda: validate(data, shipped)) * 1000:.0f} ms"
    )
    print(
        f"  shipped knowledge base from the cache: "
        f"{best_of(lambda: load_kb(shipped)) * 1000:.1f} ms"
    )
    for n in (1_000, 10_000):
        path = work / f"synthetic-{n}.yaml"
        path.write_text(make_kb(n), encoding="utf-8")
        blob = path.read_bytes()
        seconds = best_of(
            lambda blob=blob, path=path: validate(blob, path), repeat=1 if n > 1000 else 3
        )
        print(f"  synthetic {n:>6,} causes ({len(blob) / 1024 / 1024:.1f} MiB): {seconds:.2f} s")

    print("\nHostile input, time to refuse (slowest of 3):")
    hostile = {
        "billion laughs (9 levels)": "\n".join(
            ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
            + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
        ),
        "nesting 1,000,000 deep": "[" * 1_000_000,
        "python tag": "a: !!python/object/apply:os.system ['true']\n",
        "10 MiB single value": "a: '" + "x" * (10 * 1024 * 1024) + "'\n",
        "100,000 duplicate keys": "".join(f"k{i % 10}: v\n" for i in range(100_000)),
    }
    for name, text in hostile.items():
        path = work / "hostile.yaml"
        path.write_text(text)
        worst = 0.0
        for _ in range(3):
            start = time.perf_counter()
            with contextlib.suppress(KbError):
                validate(read_bytes(path), path)
            worst = max(worst, time.perf_counter() - start)
        print(f"  {name:<28} {worst * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
