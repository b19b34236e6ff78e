"""`jdfix roles`: the role families of the role book; `--check` validates a profile."""

from __future__ import annotations

import json
import os

import click

from jdfix.cli.common import format_option, load_config


@click.command()
@click.option("--roles", "roles", multiple=True, type=click.Path(), metavar="PATH",
              help="Extra role-family profiles (a TOML file or a folder of them).")
@click.option("--check", "check_file", type=click.Path(), metavar="FILE",
              help="Validate one role-family profile and exit.")
@format_option(("text", "json"))
def roles(roles: tuple[str, ...], check_file: str | None, fmt: str) -> None:
    """Print the role families of the role book (ids, names, aliases, signal counts)."""
    if not roles:
        roles = tuple(load_config(None).get("roles", ()))

    from jdfix.engine.rolebook import family_records, load_family, load_role_book

    if check_file:
        from pathlib import Path

        family, signals = load_family(Path(check_file))
        load_role_book((os.path.realpath(check_file),) + tuple(os.path.realpath(r) for r in roles))
        click.echo(f"{check_file}: ok: family {family.id!r} ({family.name}), {len(family.aliases)} aliases, "
                   f"{len(signals)} signals")
        return
    book = load_role_book(tuple(os.path.realpath(r) for r in roles))
    entries = family_records(book)
    if fmt == "json":
        click.echo(json.dumps(entries, indent=2))
        return
    width = max(len(e["id"]) for e in entries)
    for e in entries:
        click.echo(f"{e['id']:<{width}}  {e['name']}: {e['summary']}")
        click.echo(f"{'':<{width}}  aliases: {', '.join(e['aliases'][:8])}{' ...' if len(e['aliases']) > 8 else ''}"
                   f"{'; leads of: ' + ', '.join(e['fields']) if e['fields'] else ''}"
                   f"{'; another job after: ' + ', '.join(e['not_after']) if e['not_after'] else ''}; {e['signals']} signals")
