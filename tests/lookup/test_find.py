"""Finding a cause or a test by the names people use for it."""

from __future__ import annotations

import pytest

from weakcli.errors import InputError
from weakcli.kb.load import load_kb
from weakcli.lookup.find import find_cause, find_test, name_forms


def test_the_shorter_forms_of_a_name() -> None:
    assert name_forms("Electromyography (EMG)") == [
        "Electromyography (EMG)",
        "Electromyography",
        "EMG",
    ]
    assert name_forms("ALS / motor neuron disease") == [
        "ALS / motor neuron disease",
        "ALS",
        "motor neuron disease",
    ]


@pytest.mark.parametrize(
    ("name", "cause"),
    [
        ("motor neuron disease", "als"),
        ("Addison disease", "adrenal_insufficiency"),
        ("low potassium", "hypokalaemia"),
        ("Lambert-Eaton", "lems"),
        ("Guillain Barre", "gbs"),
    ],
)
def test_a_cause_by_a_short_name_or_the_start_of_its_name(name: str, cause: str) -> None:
    assert find_cause(load_kb(), name)["id"] == cause


@pytest.mark.parametrize(
    ("name", "test"),
    [
        ("Electromyography", "emg"),
        ("electrocardiogram", "ecg"),
        ("creatine kinase", "ck"),
        ("nerve conduction studies", "ncs"),
    ],
)
def test_a_test_by_its_name_without_the_abbreviation(name: str, test: str) -> None:
    assert find_test(load_kb(), name)["id"] == test


def test_a_start_shared_by_several_names_finds_none() -> None:
    with pytest.raises(InputError) as raised:
        find_cause(load_kb(), "spinal cord")
    assert str(raised.value) == (
        "'spinal cord' names more than one cause ('spinal_cord_compression', "
        "'spinal_cord_injury'); use the id"
    )
