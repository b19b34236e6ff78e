"""`jdfix check`: lint postings, as text, JSON, JSON lines, GitHub annotations or the HTML report."""

from __future__ import annotations

import json
import sys

import click

from jdfix.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    check_options,
    common_check_options,
    format_option,
    load_config,
    read_stdin_if_needed,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(("text", "json", "jsonl", "github", "html"))
@common_check_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes to use (default: one per core for large batches).")
def check(paths: tuple[str, ...], fmt: str, fail_level: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, jobs: int | None,
          config_path: str | None, input_format: str) -> None:
    """Check postings (files, folders, or - for stdin) for titles that do not fit their duties.

    Exit 0 when nothing is at or above the fail level, 1 when something is, 2 for usage, input
    or internal errors (the other files are still reported). --format html writes the page of
    `jdfix report` to standard output.
    """
    if fmt == "html":
        from jdfix.cli.report import html_check

        html_check(paths, select, ignore, fail_level, roles, color, jobs, config_path, input_format)
    from jdfix.engine.rolebook import load_role_book
    from jdfix.io.parallel import check_items
    from jdfix.io.report import REPORT_VERSION, Palette, summary_counts
    from jdfix.io.sources import expand_paths

    config = load_config(config_path)
    options = check_options(select, ignore, fail_level, roles, config, input_format)
    load_role_book(options.roles)  # a broken role profile stops the run before any file is read
    out = sys.stdout
    colour = Palette.wanted(out, color)
    err_palette = Palette(Palette.wanted(sys.stderr, color))
    stdin = read_stdin_if_needed(paths)
    items = list(expand_paths(list(paths)))
    pretty = fmt == "json" and bool(getattr(out, "isatty", lambda: False)())
    outcomes = []
    if fmt == "json":
        out.write(f'{{"version": {REPORT_VERSION}, "results": [')
    for n, r in enumerate(check_items(items, options, fmt, colour, jobs or config.get("jobs"), stdin)):
        outcomes.append(r)
        if r.error is not None:
            click.echo(f"jdfix: {err_palette.red('error')}: {r.path}: {r.error}", err=True)
        if fmt in ("text", "github"):
            for line in r.lines:
                click.echo(line)
        elif fmt == "jsonl":
            out.write(f'{{"version": {REPORT_VERSION}, ' + r.json[1:] + "\n")
        elif pretty:
            body = json.dumps(json.loads(r.json), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.write(("," if n else "") + "\n  " + body)
        else:
            out.write(("," if n else "") + "\n" + r.json)
    if fmt == "json":
        out.write("\n]}\n")
    elif fmt == "text":
        click.echo(summary_counts(outcomes, Palette(colour)))
    out.flush()
    if any(r.error is not None for r in outcomes):
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if any(r.failing for r in outcomes) else EXIT_OK)
