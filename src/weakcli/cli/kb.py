"""`weakcli kb`: commands for the people who edit the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help=(
        "Check and describe the knowledge base (for its authors).\n\n\b\n"
        "Example: weakcli kb validate"
    ),
    no_args_is_help=True,
)


@app.command("validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            help="The YAML file to check (default: --kb, WEAKCLI_KB or the shipped one)."
        ),
    ] = None,
) -> None:
    """Validate a knowledge base and print a summary, or every problem found.

    Checks the schema, every cross-reference and rule, and every HPO id against the
    installed ontology (its exact label, and that it is current).

    \b
    Example: weakcli kb validate data/causes.yaml
    """
    from weakcli.cli.output import write_stdout
    from weakcli.kb.cache import cache_dir
    from weakcli.kb.hpo import hpo_problems
    from weakcli.kb.load import load_kb, resolve_kb_path, summary
    from weakcli.kb.validate import raise_problems
    from weakcli.phenotype.compiled import cached_ontology

    kb = load_kb(resolve_kb_path(path or ctx.find_root().params.get("kb")))
    raise_problems(kb.path, hpo_problems(kb, cached_ontology(cache_dir())))
    write_stdout(summary(kb) + "\n")


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of the knowledge base (for editor completion and checking).

    \b
    Example: weakcli kb schema > causes.schema.json
    """
    from weakcli.cli.output import write_stdout
    from weakcli.kb.schema import schema_json

    write_stdout(schema_json())
