"""`jdfix convert`: the Markdown jdfix reads from each posting."""

from __future__ import annotations

import click

from jdfix.cli.common import EXIT_ERROR, EXIT_OK, read_stdin_if_needed


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--input-format", type=click.Choice(["auto", "markdown", "html", "json"]), default="auto",
              show_default=True, help="How to read the postings (auto: from the file name).")
def convert(paths: tuple[str, ...], input_format: str) -> None:
    """Print the Markdown jdfix reads from each posting (HTML and ATS JSON are converted).

    Findings on HTML and JSON inputs give line numbers in this text.
    """
    from jdfix.errors import InputError
    from jdfix.io.sources import expand_paths, read_postings

    failed = False
    stdin = read_stdin_if_needed(paths)
    for item in expand_paths(list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            for source in read_postings(item, input_format, (stdin or b"") if item == "-" else None):
                click.echo(f"jdfix: {source.path} ({source.format}):", err=True)
                click.echo(source.text, nl=not source.text.endswith("\n"))
        except InputError as exc:
            click.echo(f"jdfix: error: {exc.path}: {exc.reason}", err=True)
            failed = True
    raise SystemExit(EXIT_ERROR if failed else EXIT_OK)
