"""The benchmarks measure weakcli as installed, with its dependencies; say so in one line if it
is not, instead of a traceback: `pip install -e '.[test]'`, then `python bench/NAME.py`.

Import this module before anything from weakcli.
"""

from __future__ import annotations

try:
    import yaml  # noqa: F401

    import weakcli  # noqa: F401
except ModuleNotFoundError as missing:
    raise SystemExit(
        f"{missing.name} is not installed here: run the benchmarks in the environment made by "
        "pip install -e '.[test]'"
    ) from None
