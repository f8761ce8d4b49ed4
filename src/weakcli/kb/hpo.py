"""The knowledge base's HPO terms checked against the installed ontology (`weakcli kb validate`).

Kept out of loading: the ontology costs time that a lookup or a triage does not need. The
check runs on the authors' command, where every id must exist, be current and carry its exact
label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from weakcli.kb.checks import Problem
    from weakcli.kb.store import KB


class _Term(Protocol):
    name: str
    is_obsolete: bool


class _Ontology(Protocol):
    def get_hpo_object(self, term_id: str) -> _Term: ...


def hpo_problems(kb: KB, ontology: _Ontology) -> list[Problem]:
    """(path, message) for every HPO id that is unknown, obsolete or not labelled exactly."""
    problems: list[Problem] = []
    for index, finding in enumerate(kb.findings.values()):
        for position, hpo in enumerate(finding["hpo"]):
            path: tuple[str | int, ...] = ("findings", index, "hpo", position)
            try:
                term = ontology.get_hpo_object(hpo["id"])
            except RuntimeError:
                problems.append(((*path, "id"), f"{hpo['id']} is not in the HPO"))
                continue
            if term.is_obsolete:
                problems.append(((*path, "id"), f"{hpo['id']} is obsolete in the HPO"))
            elif term.name != hpo["label"]:
                problems.append(
                    (
                        (*path, "label"),
                        f"{hpo['id']} is '{term.name}' in the HPO, not '{hpo['label']}'",
                    )
                )
    return problems
