"""The work of `jdfix fix` (`jdfix FILE`), without click: the click command (jdfix.cli.fix) and the
lean entry (jdfix.cli.lean) both run `run_fix`.
"""

from __future__ import annotations

import os
import sys

from jdfix.cli.shared import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    UsageProblem,
    enable_llm_log,
    exclude_for,
    exit_code,
    load_config,
    options_by_folder,
    read_stdin_if_needed,
)
from jdfix.errors import JdfixError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, NoReturn, Protocol

    from jdfix.edit.review import Reviewer
    from jdfix.pipeline import Line
    from jdfix.rewriter.context import LLMContext

    class Echo(Protocol):
        """click.echo's signature, as far as run_fix uses it."""

        def __call__(self, message: str, *, nl: bool = True, err: bool = False) -> None: ...


def run_fix(echo: Echo, paths: tuple[str, ...], fmt: str = "text", fail_level: str | None = None,
            select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), roles: tuple[str, ...] = (),
            color: bool | None = None, no_llm: bool = False, base_url: str | None = None, model: str | None = None,
            timeout: float | None = None, cache_mode: str | None = None, cache_dir: str | None = None,
            prompts_dir: str | None = None, diff_only: bool = False, write: bool = False, output: str | None = None,
            interactive: bool = False, yes: bool = False, keep_title: bool = False, force: bool = False,
            config_path: str | None = None, input_format: str = "auto", jobs: int | None = None,
            verbose: bool = False, exclude: tuple[str, ...] = (), extend_exclude: tuple[str, ...] = (),
            force_exclude: bool = False) -> NoReturn:
    """Suggest, show and (when asked) write a fix for each of `paths`; `echo` is click.echo or one
    that writes as it does. The defaults are the click command's (a test compares them).
    Raises SystemExit with the exit code, UsageProblem for an error of usage."""
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
        raise UsageProblem("--interactive needs a terminal (stdin and stdout); nothing was written. "
                           "Use --yes to accept every change, or --diff to review elsewhere")
    if "-" in paths and (write or (interactive and not output)):
        raise UsageProblem("cannot write back to standard input: use -o FILE")
    choice = pipeline.WriteChoice(write, output, interactive, yes, force)
    by_folder = options_by_folder(select, ignore, fail_level, roles, config, config_path, input_format)
    options = by_folder.default
    llm = _llm_context({"base_url": base_url, "model": model, "timeout": timeout, "cache": cache_mode,
                        "cache_dir": cache_dir, "no_llm": no_llm}, config.values, prompts_dir)
    settings = llm.settings
    palette = Palette(Palette.wanted(sys.stdout, color))
    err_palette = Palette(Palette.wanted(sys.stderr, color))
    work = pipeline.read_work(items, options.input_format, read_stdin_if_needed(paths),
                              lambda exc: echo(f"jdfix: note: {exc.path}: skipped: {exc.reason}", err=True))
    if output and len(work) != 1:
        raise UsageProblem("-o/--output takes exactly one input posting")
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
                    _echo(echo, lines)
                elif fmt == "text":
                    for line in finding_lines(rw.result, palette):
                        echo(line)
                settled = pipeline.settle(rw, choice, by_folder(rw.source.path), palette, err_palette, fmt == "json", reviewer,
                                          quit_all)
                quit_all = quit_all or settled.quit
        _echo(echo, settled.lines)
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
        raise UsageProblem("--interactive and --yes exclude each other")
    if diff_only and (write or output or interactive or yes):
        raise UsageProblem("--diff only prints; it does not go with --write, -o, --interactive or --yes")
    if fmt == "json" and (interactive or diff_only):
        raise UsageProblem("--interactive and --diff need the text format")


def _llm_context(flags: dict[str, Any], config: dict[str, Any], prompts_dir: str | None) -> LLMContext:
    """The LLM settings from flags, environment and configuration; a cache that cannot be written,
    or replay with no endpoint, fails here, before any request."""
    from jdfix.rewriter.context import LLMContext
    from jdfix.rewriter.llm.settings import resolve

    settings = resolve(flags, config)
    if settings.cache_mode == "replay" and not settings.enabled:
        # Replay serves recorded LLM answers; with no endpoint there is no LLM answer to replay, and
        # silently showing the rule engine's suggestion instead would look like a replayed one.
        raise UsageProblem("--cache replay needs an endpoint (--base-url, OPENAI_BASE_URL or OPENAI_API_KEY; "
                           "the cache key includes it); for the rule engine's offline suggestion use --no-llm"
                           if not flags.get("no_llm") else "--cache replay and --no-llm exclude each other")
    if settings.enabled:
        from jdfix.rewriter.llm.cache import ResponseCache

        ResponseCache(settings.cache_dir, settings.cache_mode).ensure_writable()
    return LLMContext(settings, prompts_dir or None)


def _reviewer() -> Reviewer:
    # Imported only for --interactive: the reviewer's module loads subprocess, tempfile and shlex
    # (for $EDITOR), which a plain run does not need.
    from jdfix.edit.review import Reviewer

    return Reviewer(sys.stdin.readline, sys.stdout, os.environ.get("VISUAL") or os.environ.get("EDITOR"))


def _echo(echo: Echo, lines: tuple[Line, ...] | list[Line]) -> None:
    for line in lines:
        echo(line.text, nl=line.nl, err=line.err)


def _progress(n: int, total: int) -> None:
    sys.stderr.write(f"\r  {n}/{total} postings" + ("\n" if n == total else ""))
    sys.stderr.flush()
