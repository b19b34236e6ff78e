"""`jdfix schema`: the JSON Schema of the JSON report."""

from __future__ import annotations

import click


@click.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report (version 1)."""
    from pathlib import Path

    click.echo((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text(encoding="utf-8"),
               nl=False)
