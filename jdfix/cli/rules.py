"""`jdfix rules`: the rules and their documentation."""

from __future__ import annotations

import click

from jdfix.cli.common import format_option


@click.command()
@click.argument("codes", nargs=-1, metavar="[CODE...]")
@format_option(("text", "json"))
def rules(codes: tuple[str, ...], fmt: str) -> None:
    """Print the rules with their documentation (all, or the CODEs given)."""
    import json

    from jdfix.engine.rules import describe

    entries = describe(codes)
    if fmt == "json":
        click.echo(json.dumps(entries, indent=2))
        return
    for e in entries:
        click.echo(f"{e['code']} {e['name']} [{e['severity']}]" + ("  (about the title)" if e["about_title"] else ""))
        for heading, body in e["doc"].items():
            click.echo(f"  {heading}:")
            for line in body.splitlines():
                click.echo(f"    {line}" if line else "")
        if e["options"]:
            click.echo("  Options: " + ", ".join(f"{k} = {v}" for k, v in e["options"].items()))
        click.echo()
