"""Lookups through the real CLI: whole outputs, exact errors, names in any form, completion."""

# ruff: noqa: E501  (expected outputs hold long source addresses)
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from conftest import MINIMAL, Run
from weakcli import DISCLAIMER
from weakcli.cli import app

SAFETY = f"""
GET HELP NOW
************
If you notice any of these warning signs, act now:

- Call an ambulance now for: Signs of a stroke.

'weakcli red-flags' says what to do for each sign.

EDUCATIONAL, NOT A DIAGNOSIS
****************************
{DISCLAIMER}
"""

GBS = (
    """\
Guillain-Barré syndrome
=======================
The immune system attacks the nerves after an infection.

Id: gbs
Also called: GBS
Where the problem is: Peripheral nerves
Kind of cause: Neurological
How common: Uncommon
How urgent: Emergency: go to an emergency department now

How it causes weakness
----------------------
Damaged nerves cannot carry signals to the muscles.

Typical pattern
---------------
How it starts: over hours to a few days or over days to weeks
Where it is felt: Both legs first, then higher.
How it goes on: Worsens for up to four weeks, then slowly improves.
Who it affects: Any age.

Signs that point to it
----------------------
Finding                              How often
-----------------------------------  -------------------
Weakness came on over hours to days  very often (80-99%)
Weakness spreading up from the feet  very often (80-99%)

Signs that point away from it
-----------------------------
Finding                           How often
--------------------------------  -------------
Weakness of one side of the body  rarely (1-4%)

Tests
-----
Test                             What it may show
-------------------------------  ----------------
Creatine kinase blood test (ck)  Usually normal.

Treatment and support
---------------------
Treatment                             Note
------------------------------------  ---------------------
Immunoglobulin through a drip (IVIG)  Shortens the illness.

Daily life
----------
Everyday activities: Recovery takes months.
Getting around: A wheelchair may be needed for a time.
Falls: Weak legs make falls likely.

When to seek care
-----------------
Emergency: go to an emergency department now. Go to an emergency department.

Codes
-----
ICD-10-CM: G61.0
MONDO: MONDO:0016218

Sources
-------
- Guillain-Barré Syndrome <https://www.ninds.nih.gov/health-information/disorders/guillain-barre-syndrome> (NINDS)
- Weakness <https://www.merckmanuals.com/home/brain-spinal-cord-and-nerve-disorders/symptoms-of-brain-spinal-cord-and-nerve-disorders/weakness> (Merck Manual Consumer Version)
"""
    + SAFETY
)


@pytest.fixture(autouse=True)
def _minimal(pinned: Callable[[Path], None]) -> None:
    pinned(MINIMAL)


def test_cause_prints_the_whole_entry(cli: Run) -> None:
    result = cli("cause", "gbs")
    assert (result.code, result.err) == (0, "")
    assert result.out == GBS


@pytest.mark.parametrize(
    "name", ["GBS", "Guillain-Barré syndrome", "guillain barre SYNDROME", "guillain_barre-syndrome"]
)
def test_cause_by_name_or_alias_in_any_form(cli: Run, name: str) -> None:
    assert cli("cause", name).out == GBS


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["cause", "strok"], 1, "no cause called 'strok' (did you mean 'stroke'?)"),
        (["cause", "gbss"], 1, "no cause called 'gbss' (did you mean 'gbs'?)"),
        (["cause", "zzzzzz"], 1, "no cause called 'zzzzzz'; 'weakcli causes' lists them all"),
        (["cause", "  "], 2, "give the id or the name of a cause"),
        (["test", "ct head scan"], 1, "no test called 'ct head scan' (did you mean 'ct_head'?)"),
        (["glossary", "reflx"], 1, "no glossary term called 'reflx' (did you mean 'reflex'?)"),
        (
            ["compare", "stroke", "CVA"],
            2,
            "'stroke' and 'CVA' are the same cause; name two different ones",
        ),
        (
            ["causes", "--level", "nerve"],
            2,
            "unknown level 'nerve'; choose from brain, spinal_cord, motor_neuron, nerve_root, "
            "peripheral_nerve, neuromuscular_junction, muscle, musculoskeletal, systemic",
        ),
    ],
)
def test_errors_are_one_line_on_stderr(cli: Run, args: list[str], code: int, error: str) -> None:
    """A name that matches nothing is a data error (1); a call that is not well formed, 2."""
    result = cli(*args)
    assert (result.code, result.out, result.err) == (code, "", f"Error: {error}\n")


def test_a_name_with_terminal_codes_is_echoed_inert(cli: Run) -> None:
    result = cli("cause", "\x1b]52;c;aGk=\x07evil\x1b[2J\x9b31m")
    assert result.err == "Error: no cause called 'evil'; 'weakcli causes' lists them all\n"


def test_causes_filtered_as_json(cli: Run) -> None:
    result = cli("causes", "--category", "neurological", "--format", "json")
    document = json.loads(result.out)
    assert [c["id"] for c in document["causes"]] == ["stroke", "gbs"]
    assert document["causes"][1] == {
        "id": "gbs",
        "name": "Guillain-Barré syndrome",
        "aliases": ["GBS"],
        "category": "neurological",
        "level": "peripheral_nerve",
        "urgency": "emergency",
        "prevalence": "uncommon",
        "summary": "The immune system attacks the nerves after an infection.",
    }
    assert document["disclaimer"] == DISCLAIMER
    assert [flag["id"] for flag in document["red_flags"]] == ["fixture_stroke"]
    assert document["kb_version"] == "test-1"


def test_causes_table(cli: Run) -> None:
    assert cli("causes", "--level", "brain").out == (
        """\
Causes of muscle weakness (1)
=============================
Cause            Where the problem is  How urgent
---------------  --------------------  --------------------------------
Stroke (stroke)  Brain                 Emergency: call an ambulance now
"""
        + SAFETY
    )


def test_test_and_tests_as_json(cli: Run) -> None:
    from weakcli.kb.load import load_kb

    kb = load_kb()
    test = json.loads(cli("test", "cpk", "-f", "json").out)
    assert test["test"] == kb.tests["ck"]
    listed = json.loads(cli("tests", "-f", "json").out)
    assert [t["id"] for t in listed["tests"]] == ["ck", "ct_head"]


def test_glossary_term(cli: Run) -> None:
    assert cli("glossary", "Reflexes").out == (
        """\
reflex
======
An automatic movement, such as the knee kick when a doctor taps below the kneecap.

Also called: reflexes
Sources: Weakness <https://www.merckmanuals.com/home/brain-spinal-cord-and-nerve-disorders/symptoms-of-brain-spinal-cord-and-nerve-disorders/weakness> (Merck Manual Consumer Version)
"""
        + SAFETY
    )


def test_compare_as_json(cli: Run) -> None:
    document = json.loads(cli("compare", "muscle strain", "gbs", "-f", "json").out)
    assert [c["id"] for c in document["compare"]] == ["muscle_strain", "gbs"]
    assert document["in_common"] == {"findings": [], "tests": ["ck"], "treatments": []}


def test_red_flags_text(cli: Run) -> None:
    assert cli("red-flags").out == (
        f"""\
Emergency signs
===============
Signs that need care now, and what to do.

Signs of a stroke
-----------------
Raised when:

- Sudden face droop, arm weakness or speech trouble

What to do: Call the emergency number now and note the time the symptoms began.
How urgent: Emergency: call an ambulance now
Why it matters: These are the signs of a stroke, where every minute counts.
Possible causes: Stroke (stroke)
Sources: Stroke - Symptoms <https://www.nhs.uk/conditions/stroke/symptoms/> (NHS), Weakness <https://www.merckmanuals.com/home/brain-spinal-cord-and-nerve-disorders/symptoms-of-brain-spinal-cord-and-nerve-disorders/weakness> (Merck Manual Consumer Version)

EDUCATIONAL, NOT A DIAGNOSIS
****************************
{DISCLAIMER}
"""
    )


def test_every_command_has_help_with_an_example(cli: Run) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.main.TyperGroup)
    mine = [
        "causes",
        "cause",
        "tests",
        "test",
        "search",
        "red-flags",
        "compare",
        "glossary",
        "export",
    ]
    assert set(mine) <= set(group.commands)
    for name in mine:
        result = cli(name, "--help")
        assert result.code == 0
        assert f"Example: weakcli {name}" in result.out, name


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("weakcli cause s", "stroke\n"),
        ("weakcli compare stroke g", "gbs\n"),
        ("weakcli test c", "ck\nct_head\n"),
        ("weakcli export --cause m", "muscle_strain\n"),
        ("weakcli causes --level mu", "muscle\nmusculoskeletal\n"),
    ],
)
def test_completion_of_ids(tmp_path: Path, words: str, expected: str) -> None:
    env = {
        **os.environ,
        "_WEAKCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "WEAKCLI_KB": str(MINIMAL),
    }
    done = subprocess.run(
        [sys.executable, "-m", "weakcli"], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


def test_a_piped_lookup_imports_neither_rich_nor_pydantic() -> None:
    check = (
        "import sys\n"
        "from weakcli.__main__ import main\n"
        f"code = main(['--kb', {str(MINIMAL)!r}, 'cause', 'gbs'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'pydantic', 'yaml'})\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run fills the cache (and may validate with pydantic)
        done = subprocess.run(
            [sys.executable, "-c", check], capture_output=True, text=True, check=False
        )
    assert done.stderr == "0 []\n"
