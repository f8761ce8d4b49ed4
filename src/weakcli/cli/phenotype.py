"""`weakcli triage --hpo/--no-hpo` and `--phenopacket`: results from terms, nothing asked.

A bad file is reported and skipped; the others are still triaged, and the exit code is 1 at the
end. Each result is written as soon as it is ready when it goes to standard output.
"""

from __future__ import annotations

from pathlib import Path

import typer

from weakcli.cli.options import kb_from
from weakcli.errors import EXIT_ERROR, EXIT_OK, InputError, UsageError
from weakcli.render.formats import OutputFormat


def phenotypes(
    ctx: typer.Context,
    observed: list[str],
    excluded: list[str],
    phenopacket: bool,
    files: list[Path],
    fmt: OutputFormat,
    output: str | None,
    force: bool,
) -> int:
    """Triage HPO terms or phenopackets and return the exit code."""
    from weakcli.cli.output import emit, refuse_existing, renderer, say, to_stdout, write_stdout
    from weakcli.clock import now
    from weakcli.kb.cache import cache_dir
    from weakcli.phenotype.compiled import cached_ontology
    from weakcli.phenotype.matcher import Matcher
    from weakcli.phenotype.phenopacket import expand_inputs, hpo_case, read_cases
    from weakcli.phenotype.result import triage_case
    from weakcli.triage.engine import compile_model

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
    kb = kb_from(ctx)
    model = compile_model(kb)
    matcher = Matcher(kb, cached_ontology(cache_dir()))
    draw = renderer(fmt, output)
    created = now()
    chunks: list[str] = []
    code = EXIT_OK
    sources = [str(path) for path in paths] if phenopacket else [""]
    for source, case in zip(sources, cases, strict=True):
        if isinstance(case, InputError):
            say(f"Error: {case.message}")
            code = EXIT_ERROR
            drawn = draw.failed(source, case.message)
        else:
            result = triage_case(model, matcher, case, created=created)
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
