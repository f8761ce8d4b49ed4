"""Triage phenotype cases in input order, in this process or spread over several.

A batch of thousands of phenopackets is matched and ranked case by case, and each case is
independent, so `--jobs N` hands them to N worker processes (each loads the knowledge base and
the compiled HPO once) and gathers the results back in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from weakcli.errors import InputError
from weakcli.phenotype.case import Case
from weakcli.phenotype.result import CaseResult, triage_case

if TYPE_CHECKING:
    from weakcli.phenotype.matcher import Matcher
    from weakcli.triage.engine import Model

_LOADED: tuple[Model, Matcher] | None = None
"""In each process that triages: the compiled model and the matcher, loaded once."""


def triage_cases(
    kb_path: Path, cases: Iterable[Case | InputError], *, created: str, jobs: int = 1
) -> Iterator[CaseResult | InputError]:
    """Each case triaged (or its reading error passed on), in input order."""
    if jobs <= 1:
        _start(kb_path)
        for case in cases:
            yield case if isinstance(case, InputError) else _triage(case, created)
        return
    from concurrent.futures import ProcessPoolExecutor  # only for a batch: ~13 ms to import

    _start(kb_path)  # here first, so the workers find the knowledge base and HPO in the cache
    every = list(cases)
    readable = [case for case in every if isinstance(case, Case)]
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(kb_path,)) as pool:
        chunk = max(1, min(64, len(readable) // (jobs * 4) or 1))
        results = iter(pool.map(_triage, readable, [created] * len(readable), chunksize=chunk))
        for case in every:
            yield case if isinstance(case, InputError) else next(results)


def _start(kb_path: Path) -> None:
    global _LOADED
    from weakcli.kb.cache import cache_dir
    from weakcli.kb.load import load_kb
    from weakcli.phenotype.compiled import cached_ontology
    from weakcli.phenotype.matcher import Matcher
    from weakcli.triage.engine import compile_model

    kb = load_kb(kb_path)
    _LOADED = (compile_model(kb), Matcher(kb, cached_ontology(cache_dir())))


def _triage(case: Case, created: str) -> CaseResult:
    assert _LOADED is not None
    model, matcher = _LOADED
    return triage_case(model, matcher, case, created=created)
