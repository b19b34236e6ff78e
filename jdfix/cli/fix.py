"""`jdfix fix` (the default command): suggest a corrected title and duty list, show it, write it."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from jdfix.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    common_check_options,
    enable_llm_log,
    exclude_for,
    exit_code,
    format_option,
    llm_options,
    load_config,
    options_by_folder,
    read_stdin_if_needed,
)
from jdfix.errors import JdfixError

if TYPE_CHECKING:
    from jdfix.edit.review import Reviewer
    from jdfix.pipeline import Line
    from jdfix.rewriter.context import LLMContext


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(("text", "json"))
@common_check_options
@llm_options()
@click.option("--diff", "diff_only", is_flag=True, help="Print only the diff (exit 1 when there is a change).")
@click.option("--write", "-w", "write", is_flag=True, help="Apply the suggestion in place (atomically).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the edited posting to FILE; the input is left untouched (one input only).")
@click.option("--interactive", "-i", is_flag=True,
              help="Review each change (y/n/e/a/d/q/?) and write only the accepted ones.")
@click.option("--yes", "-y", is_flag=True, help="Accept every change without asking, and write.")
@click.option("--keep-title", is_flag=True,
              help="Keep the title and make the duties fit it (offline: the duties that belong elsewhere "
                   "and a checklist of the title's typical duties).")
@click.option("--force", is_flag=True, help="Write even a suggestion that still mismatches after the re-check.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="LLM requests in flight at once (default 1; results keep the input order).")
@click.option("--verbose", "-v", is_flag=True,
              help="Show the LLM exchange on stderr: retries (with the wait), cache hits, timings.")
def fix(paths: tuple[str, ...], fmt: str, fail_level: str | None, select: tuple[str, ...],
        ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, no_llm: bool, base_url: str | None,
        model: str | None, timeout: float | None, cache_mode: str | None, cache_dir: str | None,
        prompts_dir: str | None, diff_only: bool, write: bool, output: str | None, interactive: bool, yes: bool,
        keep_title: bool, force: bool, config_path: str | None, input_format: str, jobs: int | None, verbose: bool,
        exclude: tuple[str, ...], extend_exclude: tuple[str, ...], force_exclude: bool) -> None:
    """Suggest a corrected title and duty list for each posting whose title needs one (it does not
    fit the duties, or its wording breaks a title rule such as JD401-JD406), shown as a diff.

    The default command (`jdfix draft.md`). Without an endpoint it uses the rule engine's own
    suggestion; with one (--base-url, OPENAI_BASE_URL or OPENAI_API_KEY) it asks the model,
    caches the answer and re-checks the rewrite. Nothing is written unless you ask: --write,
    -o FILE, --interactive or --yes. Only the title and the duty list change (plus a Location/Pay
    line under the title when they move out of it). A suggestion that still mismatches after the
    re-check is not written without --force. Exit codes as `check`, after writing.
    """
    from jdfix import pipeline
    from jdfix.io.report import Palette, finding_lines, write_json
    from jdfix.io.sources import expand_paths

    _check_flags(paths, fmt, diff_only, write, output, interactive, yes)
    if verbose:
        import logging

        enable_llm_log(logging.INFO)
    config = load_config(config_path)
    items = list(expand_paths(list(paths), exclude_for(config, exclude, extend_exclude), force_exclude))
    if interactive and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError("--interactive needs a terminal (stdin and stdout); nothing was written. "
                               "Use --yes to accept every change, or --diff to review elsewhere")
    if "-" in paths and (write or (interactive and not output)):
        raise click.UsageError("cannot write back to standard input: use -o FILE")
    choice = pipeline.WriteChoice(write, output, interactive, yes, force)
    by_folder = options_by_folder(select, ignore, fail_level, roles, config, config_path, input_format)
    options = by_folder.default
    llm = _llm_context({"base_url": base_url, "model": model, "timeout": timeout, "cache": cache_mode,
                        "cache_dir": cache_dir, "no_llm": no_llm}, config.values, prompts_dir)
    settings = llm.settings
    palette = Palette(Palette.wanted(sys.stdout, color))
    err_palette = Palette(Palette.wanted(sys.stderr, color))
    work = pipeline.read_work(items, options.input_format, read_stdin_if_needed(paths),
                              lambda exc: click.echo(f"jdfix: note: {exc.path}: skipped: {exc.reason}", err=True))
    if output and len(work) != 1:
        raise click.UsageError("-o/--output takes exactly one input posting")
    reviewer = _reviewer() if interactive else None
    n_jobs = (jobs or config.get("jobs") or 1) if settings.enabled else 1
    progress = _progress if sys.stderr.isatty() and len(work) >= 10 else None
    entries: list[Any] = []  # a Rewrite, or a Result carrying an error: the JSON report
    states: list[Any] = []  # what decides the exit code: results after writing
    hinted = quit_all = any_diff = False
    for item, rw in zip(work, pipeline.rewrite_all(work, by_folder, llm, n_jobs, progress, keep_title)):
        if isinstance(rw, JdfixError):
            settled = pipeline.failed(item, rw, err_palette)
            entries.append(settled.state)
        else:
            entries.append(rw)
            any_diff = any_diff or bool(rw.diff)
            if diff_only:
                settled = pipeline.diff_only(rw, err_palette)
            else:
                if fmt == "text" and not interactive:
                    lines, hinted = pipeline.rewrite_lines(rw, palette, hinted)
                    _echo(lines)
                elif fmt == "text":
                    for line in finding_lines(rw.result, palette):
                        click.echo(line)
                settled = pipeline.settle(rw, choice, by_folder(rw.source.path), palette, err_palette, fmt == "json", reviewer,
                                          quit_all)
                quit_all = quit_all or settled.quit
        _echo(settled.lines)
        states.append(settled.state)
    if fmt == "json" and not diff_only:
        write_json(entries, sys.stdout)
    if any(s.error is not None for s in states):
        raise SystemExit(EXIT_ERROR)
    if diff_only:
        raise SystemExit(EXIT_FINDINGS if any_diff else EXIT_OK)
    raise SystemExit(exit_code(states))


def _check_flags(paths: tuple[str, ...], fmt: str, diff_only: bool, write: bool, output: str | None,
                 interactive: bool, yes: bool) -> None:
    """Flags that exclude each other are usage errors, before anything is read."""
    if interactive and yes:
        raise click.UsageError("--interactive and --yes exclude each other")
    if diff_only and (write or output or interactive or yes):
        raise click.UsageError("--diff only prints; it does not go with --write, -o, --interactive or --yes")
    if fmt == "json" and (interactive or diff_only):
        raise click.UsageError("--interactive and --diff need the text format")


def _llm_context(flags: dict[str, Any], config: dict[str, Any], prompts_dir: str | None) -> LLMContext:
    """The LLM settings from flags, environment and configuration; a cache that cannot be written,
    or replay with no endpoint, fails here, before any request."""
    from pathlib import Path

    from jdfix.rewriter.context import LLMContext
    from jdfix.rewriter.llm.settings import resolve

    settings = resolve(flags, config)
    if settings.cache_mode == "replay" and not settings.enabled:
        # Replay serves recorded LLM answers; with no endpoint there is no LLM answer to replay, and
        # silently showing the rule engine's suggestion instead would look like a replayed one.
        raise click.UsageError("--cache replay needs an endpoint (--base-url, OPENAI_BASE_URL or OPENAI_API_KEY; "
                               "the cache key includes it); for the rule engine's offline suggestion use --no-llm"
                               if not flags.get("no_llm") else "--cache replay and --no-llm exclude each other")
    if settings.enabled:
        from jdfix.rewriter.llm.cache import ResponseCache

        ResponseCache(settings.cache_dir, settings.cache_mode).ensure_writable()
    return LLMContext(settings, Path(prompts_dir) if prompts_dir else None)


def _reviewer() -> Reviewer:
    # Imported only for --interactive: the reviewer's module loads subprocess, tempfile and shlex
    # (for $EDITOR), which a plain run does not need.
    from jdfix.edit.review import Reviewer

    return Reviewer(sys.stdin.readline, sys.stdout, os.environ.get("VISUAL") or os.environ.get("EDITOR"))


def _echo(lines: tuple[Line, ...] | list[Line]) -> None:
    for line in lines:
        click.echo(line.text, nl=line.nl, err=line.err)


def _progress(n: int, total: int) -> None:
    sys.stderr.write(f"\r  {n}/{total} postings" + ("\n" if n == total else ""))
    sys.stderr.flush()
