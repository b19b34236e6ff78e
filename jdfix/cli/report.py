"""`jdfix report PATHS -o report.html` and `jdfix check --format html`: the batch report as one page.

Thin: check the postings (on several cores, as `jdfix check`), optionally get each mismatch's
suggestion (as `jdfix FILE`), hand the JSON results to the renderer and write the page atomically.
Unreadable files are one line on stderr each and a row of the report; exit codes are `check`'s.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from jdfix.cli.common import (
    EXIT_ERROR,
    check_options,
    common_check_options,
    exclude_for,
    exit_code,
    llm_options,
    load_config,
    read_stdin_if_needed,
)
from jdfix.errors import InputError, JdfixError
from jdfix.version import __version__

if TYPE_CHECKING:
    from jdfix.engine.checker import CheckOptions
    from jdfix.io.config import Config
    from jdfix.rewriter.context import LLMContext


@dataclass(frozen=True)
class Outcome:
    """One posting's JSON result and what it counts for in the exit code."""

    data: dict[str, Any]
    failing: bool

    @property
    def error(self) -> str | None:
        error = self.data.get("error")
        return str(error) if error is not None else None

    @property
    def llm_error(self) -> str | None:
        """Why the LLM rewrite failed (the posting was still checked and has the offline suggestion)."""
        error = self.data.get("llm_error")
        return str(error) if error is not None else None


def checked(items: list[str | InputError], options: CheckOptions, jobs: int | None,
            stdin: bytes | None) -> Iterator[Outcome]:
    """Every posting of `items` (from `expand_paths`) checked, in input order, as `jdfix check
    --format json` sees it; files a folder walk found that are not postings are left out."""
    from jdfix.io.parallel import check_items

    for rendered in check_items(items, options, "json", False, jobs, stdin):
        if rendered.note is None:
            yield Outcome(json.loads(rendered.json), rendered.failing)


def fixed(items: list[str | InputError], options: CheckOptions, llm: LLMContext, jobs: int,
          stdin: bytes | None) -> Iterator[Outcome]:
    """Every posting checked and, when its title mismatches, given a suggestion and its diff
    (the JSON result of `jdfix FILE --format json`)."""
    from jdfix import pipeline

    work = pipeline.read_work(items, options.input_format, stdin)
    for item, done in zip(work, pipeline.rewrite_all(work, options, llm, jobs)):
        if isinstance(done, InputError):
            yield Outcome({"path": done.path, "error": done.reason}, False)
        elif isinstance(done, JdfixError):
            yield Outcome({"path": str(item.path), "error": str(done)}, False)
        else:
            # An LLM failure keeps the posting's findings and the offline suggestion, with
            # `llm_error` beside them, as `jdfix FILE` does (and the run exits 2).
            yield Outcome(done.to_dict(), bool(done.result.failing))


def _settings(paths: tuple[str, ...], config: Config, options: CheckOptions, suggestions: str) -> list[tuple[str, str]]:
    return [
        ("Postings", " ".join(paths)),
        ("Configuration file", str(config.path) if config.path else "none"),
        ("Rules", ", ".join(options.select) + (f" (ignoring {', '.join(options.ignore)})" if options.ignore else "")),
        ("Fail level", options.fail_level),
        ("Severity overrides", ", ".join(f"{c} = {s}" for c, s in options.severity) or "none"),
        ("Own role profiles", ", ".join(options.roles) or "none"),
        ("Input format", options.input_format),
        ("Suggestions", suggestions),
    ]


def make_report(outcomes: list[Outcome], settings: list[tuple[str, str]], roles: tuple[str, ...],
                heading: str) -> str:
    """The HTML page for these outcomes."""
    from datetime import UTC, datetime

    from jdfix.engine.rolebook import load_role_book
    from jdfix.io.html_report import ReportPage, render_report

    book = load_role_book(roles)
    names = {fid: fam.name for fid, fam in book.families.items()}
    page = ReportPage(settings, names, heading, __version__, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    return render_report([o.data for o in outcomes], page, list(names))


def _report_errors(outcomes: list[Outcome], color: bool | None) -> None:
    from jdfix.io.report import Palette

    palette = Palette(Palette.wanted(sys.stderr, color))
    for o in outcomes:
        if o.error is not None:
            click.echo(f"jdfix: {palette.red('error')}: {o.data['path']}: {o.error}", err=True)
        elif o.llm_error is not None:
            click.echo(f"jdfix: {palette.red('error')}: {o.data['path']}: LLM rewrite failed: {o.llm_error}; "
                       "shown: the findings and the rule engine's suggestion", err=True)


def _exit_code(outcomes: list[Outcome]) -> int:
    """`check`'s exit code, and 2 when an LLM rewrite failed (as `jdfix FILE`)."""
    return EXIT_ERROR if any(o.llm_error is not None for o in outcomes) else exit_code(outcomes)


def _items(paths: tuple[str, ...], config: Config, exclude: tuple[str, ...], extend_exclude: tuple[str, ...],
           force_exclude: bool) -> list[str | InputError]:
    """The postings `paths` name, with the folder-walk excludes `jdfix check` applies."""
    from jdfix.io.sources import expand_paths

    return list(expand_paths(list(paths), exclude_for(config, exclude, extend_exclude), force_exclude))


def html_check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None,
               roles: tuple[str, ...], color: bool | None, jobs: int | None, config_path: str | None,
               input_format: str, exclude: tuple[str, ...] = (), extend_exclude: tuple[str, ...] = (),
               force_exclude: bool = False) -> None:
    """`jdfix check --format html`: the report on standard output, exit codes as `check`."""
    from jdfix.engine.rolebook import load_role_book

    config = load_config(config_path)
    options = check_options(select, ignore, fail_level, roles, config, input_format)
    load_role_book(options.roles)  # a broken role profile stops the run before any file is read
    items = _items(paths, config, exclude, extend_exclude, force_exclude)
    outcomes = list(checked(items, options, jobs or config.get("jobs"), read_stdin_if_needed(paths)))
    _report_errors(outcomes, color)
    html = make_report(outcomes, _settings(paths, config, options, "none (jdfix report --fix adds them)"),
                       options.roles, "jdfix report")
    sys.stdout.write(html)
    sys.stdout.flush()
    raise SystemExit(exit_code(outcomes))


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default="report.html", show_default=True,
              metavar="FILE", help="Where to write the page (atomically); - for standard output.")
@common_check_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes to check with (default: one per core for large batches); with --fix and an "
                   "LLM, requests in flight.")
@click.option("--fix", "with_fix", is_flag=True,
              help="Add each mismatch's suggested title and diff (the settings of `jdfix FILE`).")
@llm_options(prefix="With --fix: ")
@click.option("--title", "heading", default="jdfix report", show_default=True, help="The page's heading.")
def report(paths: tuple[str, ...], output: str, fail_level: str | None, select: tuple[str, ...],
           ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, input_format: str,
           config_path: str | None, jobs: int | None, with_fix: bool, no_llm: bool, base_url: str | None,
           model: str | None, timeout: float | None, cache_mode: str | None, cache_dir: str | None,
           prompts_dir: str | None, heading: str, exclude: tuple[str, ...], extend_exclude: tuple[str, ...],
           force_exclude: bool) -> None:
    """Write one self-contained HTML page about many postings: a summary, the title-family x
    duty-family matrix, how sure the mismatches are, and every posting worst first with its evidence.

    The page needs no network and opens from disk in any browser. With --fix each mismatch also
    gets its suggested title and diff (offline from the rule engine, or from the LLM configured as
    for `jdfix FILE`). Exit codes as `check`; unreadable files are reported and the rest still are.
    """
    from jdfix.engine.rolebook import load_role_book
    from jdfix.io.files import write_atomic

    config = load_config(config_path)
    options = check_options(select, ignore, fail_level, roles, config, input_format)
    load_role_book(options.roles)
    stdin = read_stdin_if_needed(paths)
    items = _items(paths, config, exclude, extend_exclude, force_exclude)
    if with_fix:
        from jdfix.pipeline import LLMContext
        from jdfix.rewriter.llm.settings import resolve

        settings = resolve({"base_url": base_url, "model": model, "timeout": timeout, "cache": cache_mode,
                            "cache_dir": cache_dir, "no_llm": no_llm}, config.values)
        if settings.enabled:
            from jdfix.rewriter.llm.cache import ResponseCache

            ResponseCache(settings.cache_dir, settings.cache_mode).ensure_writable()
            suggestions = (f"LLM {settings.model} at {settings.shown_base_url if settings.base_url else 'the OpenAI API'}; cache "
                           f"{settings.cache_mode}")
        else:
            suggestions = "rule engine (offline)"
        llm = LLMContext(settings, prompts_dir or None)
        n_jobs = (jobs or config.get("jobs") or 1) if settings.enabled else 1
        outcomes = list(fixed(items, options, llm, n_jobs, stdin))
    else:
        suggestions = "none (add them with --fix)"
        outcomes = list(checked(items, options, jobs or config.get("jobs"), stdin))
    _report_errors(outcomes, color)
    html = make_report(outcomes, _settings(paths, config, options, suggestions), options.roles, heading)
    if output == "-":
        sys.stdout.write(html)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, html)
        except JdfixError as exc:
            click.echo(f"jdfix: error: {exc}", err=True)
            raise SystemExit(EXIT_ERROR) from None
        good = [o for o in outcomes if o.error is None]
        mismatched = sum(1 for o in good if o.data.get("mismatch"))
        unreadable = len(outcomes) - len(good)
        llm_failed = sum(1 for o in good if o.llm_error is not None)
        click.echo(f"wrote {output}: {len(good)} posting{'s' if len(good) != 1 else ''}, {mismatched} with a title "
                   f"mismatch" + (f", {unreadable} unreadable" if unreadable else "")
                   + (f", {llm_failed} LLM rewrite{'s' if llm_failed != 1 else ''} failed" if llm_failed else "")
                   + f" ({os.path.getsize(output) / 1e6:.1f} MB)", err=True)
    raise SystemExit(_exit_code(outcomes))
