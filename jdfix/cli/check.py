"""`jdfix check`: lint postings, as text, JSON, JSON lines, GitHub annotations or the HTML report."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from jdfix.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    common_check_options,
    exclude_for,
    format_option,
    load_config,
    options_by_folder,
    read_stdin_if_needed,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(("text", "json", "jsonl", "github", "sarif", "html"))
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
    from jdfix.engine.rolebook import load_role_book
    from jdfix.io.parallel import Rendered, check_items
    from jdfix.io.sources import expand_paths

    if statistics and fmt != "text":
        raise click.UsageError("--statistics prints text; it does not go with --format " + fmt)
    config = load_config(config_path)
    by_folder = options_by_folder(select, ignore, fail_level, roles, config, config_path, input_format)
    load_role_book(by_folder.default.roles)  # a broken role profile stops the run before any file is read
    stdin = read_stdin_if_needed(paths)
    items = list(expand_paths(list(paths), exclude_for(config, exclude, extend_exclude), force_exclude))
    # Write to a temporary file beside FILE and rename at the end: a failed run leaves no half report.
    out = _open_output(output_file)
    colour = False if output_file else _colour_wanted(color)
    err_palette = _err_palette(color)
    outcomes: list[Rendered] = []
    report = _Report(fmt, out, colour, quiet or statistics, statistics)
    for r in check_items(items, by_folder, fmt, colour, jobs or config.get("jobs"), stdin):
        if r.note is not None:
            if not quiet:
                click.echo(f"jdfix: note: {r.path}: {r.note}", err=True)
            continue
        outcomes.append(r)
        if r.error is not None:
            click.echo(f"jdfix: {err_palette.red('error')}: {r.path}: {r.error}", err=True)
        report.add(r)
    if statistics:
        _statistics(outcomes, out)
    report.close(outcomes)
    _close_output(out, output_file)
    if any(r.error is not None for r in outcomes):
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if any(r.failing for r in outcomes) and not exit_zero else EXIT_OK)


class _Report:
    """Writes each result as it comes, in the chosen format, and closes the document."""

    def __init__(self, fmt: str, out: TextIO, colour: bool, findings_only: bool, statistics: bool) -> None:
        from jdfix.io.report import REPORT_VERSION

        self.fmt, self.out, self.colour, self.findings_only = fmt, out, colour, findings_only
        self.statistics = statistics
        self.version = REPORT_VERSION
        self.pretty = fmt == "json" and bool(getattr(out, "isatty", lambda: False)())
        self.n = 0
        self.results: list[dict[str, Any]] = []
        if fmt == "json":
            out.write(f'{{"version": {REPORT_VERSION}, "results": [')

    def add(self, r: Any) -> None:
        out, fmt = self.out, self.fmt
        if fmt in ("text", "github"):
            if not self.statistics:
                for line in r.lines:
                    out.write(line + "\n")
        elif fmt == "jsonl":
            out.write(f'{{"version": {self.version}, ' + r.json[1:] + "\n")
        elif fmt == "sarif":
            self.results.append(json.loads(r.json))
        elif self.pretty:
            body = json.dumps(json.loads(r.json), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.write(("," if self.n else "") + "\n  " + body)
        else:
            out.write(("," if self.n else "") + "\n" + r.json)
        self.n += 1

    def close(self, outcomes: list[Any]) -> None:
        from jdfix.io.report import Palette, sarif_report, summary_counts

        if self.fmt == "json":
            self.out.write("\n]}\n")
        elif self.fmt == "sarif":
            json.dump(sarif_report(self.results), self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
        elif self.fmt == "text" and not self.findings_only:
            self.out.write(summary_counts(outcomes, Palette(self.colour)) + "\n")
        self.out.flush()


def _statistics(outcomes: list[Any], out: TextIO) -> None:
    """`  3  JD103  duty-from-another-family`, most frequent first, as ruff --statistics prints."""
    from collections import Counter

    counts = Counter(code for r in outcomes for code in r.codes)
    width = len(str(max(counts.values()))) if counts else 1
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{n:>{width}}  {code}  {name}\n")


def _colour_wanted(color: bool | None) -> bool:
    from jdfix.io.report import Palette

    return Palette.wanted(sys.stdout, color)


def _err_palette(color: bool | None) -> Any:
    from jdfix.io.report import Palette

    return Palette(Palette.wanted(sys.stderr, color))


def _open_output(output_file: str | None) -> TextIO:
    if output_file is None:
        return sys.stdout
    try:
        return open(output_file + ".jdfix-tmp", "w", encoding="utf-8")  # closed by _close_output
    except OSError as exc:
        raise click.ClickException(f"{output_file}: cannot write: {exc.strerror or exc}") from None


def _close_output(out: TextIO, output_file: str | None) -> None:
    if output_file is None:
        return
    import os

    out.close()
    os.replace(output_file + ".jdfix-tmp", output_file)
