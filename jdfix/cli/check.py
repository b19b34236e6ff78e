"""`jdfix check`: lint postings, as text, JSON, JSON lines, GitHub annotations or the HTML report."""

from __future__ import annotations

import click

from jdfix.cli.checking import FORMATS
from jdfix.cli.common import common_check_options, format_option


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(FORMATS)
@common_check_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes to use (default: one per core for large batches).")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary line, no notes.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings are at or above the fail level (2 still means an error).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule made, instead of the findings.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
def check(paths: tuple[str, ...], fmt: str, fail_level: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, jobs: int | None,
          config_path: str | None, input_format: str, exclude: tuple[str, ...], extend_exclude: tuple[str, ...], force_exclude: bool,
          quiet: bool, exit_zero: bool, statistics: bool, output_file: str | None) -> None:
    """Check postings (files, folders, or - for stdin) for titles that do not fit their duties.

    Exit 0 when nothing is at or above the fail level (or with --exit-zero), 1 when something is,
    2 for usage, input or internal errors (the other files are still reported). --format html
    writes the page of `jdfix report` to standard output.
    """
    if fmt == "html":
        from jdfix.cli.report import html_check

        html_check(paths, select, ignore, fail_level, roles, color, jobs, config_path, input_format, exclude,
                   extend_exclude, force_exclude)
    if statistics and fmt != "text":
        raise click.UsageError("--statistics prints text; it does not go with --format " + fmt)
    from jdfix.cli.checking import run_check

    run_check(_echo_err, paths=paths, fmt=fmt, fail_level=fail_level, select=select, ignore=ignore, roles=roles,
              color=color, jobs=jobs, config_path=config_path, input_format=input_format, exclude=exclude,
              extend_exclude=extend_exclude, force_exclude=force_exclude, quiet=quiet, exit_zero=exit_zero,
              statistics=statistics, output_file=output_file)


def _echo_err(line: str) -> None:
    click.echo(line, err=True)
