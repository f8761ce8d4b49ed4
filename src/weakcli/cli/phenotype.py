"""`weakcli triage --hpo/--no-hpo` and `--phenopacket`: results from terms, nothing asked.

A bad file is reported and skipped; the others are still triaged, and the exit code is 1 at the
end. Each result is written as soon as it is ready when it goes to standard output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from weakcli.errors import EXIT_ERROR, EXIT_OK, InputError, UsageError
from weakcli.render.formats import OutputFormat

HpoOption = Annotated[
    list[str] | None,
    typer.Option(
        "--hpo", metavar="HP:ID", help="An observed HPO term (repeat for more); no questions asked."
    ),
]
NoHpoOption = Annotated[
    list[str] | None,
    typer.Option("--no-hpo", metavar="HP:ID", help="An excluded HPO term (repeat for more)."),
]
PhenopacketOption = Annotated[
    bool,
    typer.Option(
        "--phenopacket",
        help="Triage the FILEs as GA4GH phenopackets (v2 JSON; a directory means every *.json "
        "in it), one result each, without asking.",
    ),
]
FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(metavar="[FILE]...", help="Phenopackets, with --phenopacket."),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Spread a batch of phenopackets over N processes."
    ),
]


def phenotypes(
    ctx: typer.Context,
    observed: list[str],
    excluded: list[str],
    phenopacket: bool,
    files: list[Path],
    fmt: OutputFormat,
    output: str | None,
    force: bool,
    jobs: int = 1,
) -> int:
    """Triage HPO terms or phenopackets and return the exit code."""
    from weakcli.cli.output import emit, refuse_existing, renderer, say, to_stdout, write_stdout
    from weakcli.clock import now
    from weakcli.kb.load import resolve_kb_path
    from weakcli.phenotype.batch import triage_cases
    from weakcli.phenotype.phenopacket import expand_inputs, hpo_case, read_cases

    if files and not phenopacket:
        raise UsageError("give --phenopacket to read phenopacket files")
    if phenopacket and (observed or excluded):
        raise UsageError("--hpo/--no-hpo and --phenopacket cannot be used together")
    if phenopacket and not files:
        raise UsageError("--phenopacket needs at least one FILE or directory")
    paths = expand_inputs(files) if phenopacket else []
    if fmt in (OutputFormat.JSON, OutputFormat.HTML) and len(paths) > 1:
        raise UsageError(
            f"--format {fmt.value} writes one result, and there are {len(paths)} inputs; "
            "use --format jsonl for one line per input, or markdown"
        )
    refuse_existing(output, force=force)
    # Bad ids fail before the knowledge base and the ontology are loaded.
    cases = read_cases(paths) if phenopacket else iter([hpo_case(observed, excluded)])
    kb_path = resolve_kb_path(ctx.find_root().params.get("kb"))
    draw = renderer(fmt, output)
    chunks: list[str] = []
    code = EXIT_OK
    sources = [str(path) for path in paths] if phenopacket else [""]
    results = triage_cases(kb_path, cases, created=now(), jobs=jobs)
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, InputError):
            say(f"Error: {result.message}")
            code = EXIT_ERROR
            drawn = draw.failed(source, result.message)
        else:
            for warning in result.warnings:
                say(f"Warning: {warning}")
            drawn = draw.report(result.report)
        if not drawn:
            continue
        text = (draw.between if chunks else "") + drawn
        chunks.append(text)
        if to_stdout(output):
            write_stdout(text)
    if not to_stdout(output) and chunks:
        emit("".join(chunks), output, force=force)
    return code
