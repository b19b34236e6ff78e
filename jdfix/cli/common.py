"""What the commands share: exit codes, option stacks, reading the configuration and stdin."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from jdfix.engine.checker import CheckOptions
    from jdfix.io.config import Config, OptionsByFolder
    from jdfix.io.discovery import Exclude

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def format_option(choices: tuple[str, ...]) -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default="text", show_default=True,
                        help="Output format.")


def llm_options(prefix: str = "") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The LLM settings of `jdfix FILE` (--no-llm, --base-url, --model, --timeout, --cache,
    --cache-dir, --prompts), for every command that asks for suggestions; `prefix` starts each help."""

    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--no-llm", is_flag=True,
                         help=prefix + "Use the rule engine's own suggestion even if an endpoint is set."),
            click.option("--base-url", metavar="URL", help=prefix + "OpenAI-compatible endpoint [env: OPENAI_BASE_URL]."),
            click.option("--model", metavar="NAME", help=prefix + "Model name [env: JDFIX_MODEL; default: gpt-4o-mini]."),
            click.option("--timeout", type=click.FloatRange(min=0.1), metavar="SECONDS",
                         help=prefix + "Per-request timeout."),
            click.option("--cache", "cache_mode", type=click.Choice(["use", "refresh", "off", "replay"]), default=None,
                         help=prefix + "Response cache: use (default), refresh, off, or replay (a miss is an error, "
                         "no network)."),
            click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
                         help=prefix + "Cache folder for LLM answers [env: JDFIX_CACHE_DIR; default: "
                         "$XDG_CACHE_HOME/jdfix/llm or ~/.cache/jdfix/llm]."),
            click.option("--prompts", "prompts_dir", type=click.Path(exists=True, file_okay=False), metavar="DIR",
                         help=prefix + "Use the prompt templates in DIR instead of the bundled ones."),
        ]
        for option in reversed(options):
            f = option(f)
        return f

    return apply


def common_check_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--fail-level", type=click.Choice(["warning", "error"]), default=None,
                     help="Lowest severity that fails the run (exit 1; default: warning). Info findings never fail.")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="One configuration file for every posting (default: for each posting, the jdfix.toml "
                     "or [tool.jdfix] in pyproject.toml nearest to its folder).")(f)
    f = click.option("--select", multiple=True, metavar="CODE[,CODE...]",
                     help="Only these rules (code, prefix like JD1, or name). Comma list; repeatable.")(f)
    f = click.option("--ignore", multiple=True, metavar="CODE[,CODE...]",
                     help="Skip these rules. Comma list; repeatable.")(f)
    f = click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Skip these files and folders in a folder walk, instead of the default list "
                     "(vendored folders, README.md and the like). Comma list; repeatable.")(f)
    f = click.option("--extend-exclude", multiple=True, metavar="GLOB",
                     help="Skip these too, keeping the default list. Comma list; repeatable.")(f)
    f = click.option("--force-exclude", is_flag=True,
                     help="Apply the excludes to files named on the command line too (as pre-commit names them).")(f)
    f = click.option("--roles", "roles", multiple=True, type=click.Path(), metavar="PATH",
                     help="Extra role-family profiles (a TOML file or a folder of them). Repeatable.")(f)
    f = click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal, "
                     "unless NO_COLOR is set).")(f)
    f = click.option("--input-format", type=click.Choice(["auto", "markdown", "html", "json"]), default="auto",
                     show_default=True, help="How to read the postings (auto: from the file name).")(f)
    return f


def llm_flags(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--base-url", metavar="URL", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].")(f)
    f = click.option("--model", metavar="NAME", help="Model name [env: JDFIX_MODEL].")(f)
    f = click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
                     help="Cache folder for LLM answers [env: JDFIX_CACHE_DIR; default: "
                     "$XDG_CACHE_HOME/jdfix/llm or ~/.cache/jdfix/llm].")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Configuration file.")(f)
    return f


def load_config(config_path: str | None) -> Config:
    from pathlib import Path

    from jdfix.io.config import load_config

    return load_config(Path(config_path) if config_path else None)


def split_commas(values: Sequence[str]) -> tuple[str, ...]:
    """`--select JD103,JD102 --select JD2` as ruff takes it: ("JD103", "JD102", "JD2")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def check_options(select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None, roles: tuple[str, ...],
                  config: Config, input_format: str = "auto") -> CheckOptions:
    """Flags override the configuration file, which overrides the defaults."""
    from jdfix.io.config import check_options

    return check_options(config, select=split_commas(select), ignore=split_commas(ignore), fail_level=fail_level,
                         roles=roles, input_format=input_format)


def options_by_folder(select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None,
                      roles: tuple[str, ...], config: Config, config_path: str | None,
                      input_format: str = "auto") -> OptionsByFolder:
    """Per posting, the options of the configuration nearest to its folder (one for all with --config)."""
    from jdfix.io.config import OptionsByFolder

    return OptionsByFolder(config, config_path is not None, select=split_commas(select),
                           ignore=split_commas(ignore), fail_level=fail_level, roles=roles, input_format=input_format)


def exclude_for(config: Config, exclude: Sequence[str] = (), extend_exclude: Sequence[str] = ()) -> Exclude:
    """The globs a folder walk skips: --exclude, else the configuration's `exclude`, else the
    defaults; plus the configuration's `extend-exclude` and --extend-exclude."""
    import os

    from jdfix.io.discovery import DEFAULT_EXCLUDE, Exclude

    here = os.getcwd()
    base = str(config.path.parent) if config.path is not None else here
    flags, extra = split_commas(exclude), split_commas(extend_exclude)
    if flags:
        patterns, where = flags, here
    else:
        patterns, where = tuple(config.get("exclude", DEFAULT_EXCLUDE)), base
    # Patterns with a slash are relative to where they were written: make them absolute here.
    def anchor(p: str, at: str) -> str:
        return p if "/" not in p.rstrip("/") else os.path.join(at, p.lstrip("/")).replace(os.sep, "/")

    return Exclude(tuple(anchor(p, where) for p in patterns)
                   + tuple(anchor(p, base) for p in config.get("extend-exclude", ()))
                   + tuple(anchor(p, here) for p in extra), here)


def read_stdin_if_needed(paths: tuple[str, ...]) -> bytes | None:
    if "-" not in paths:
        return None
    from jdfix.io.sources import MAX_BYTES

    if sys.stdin is None:  # started with no standard input at all
        return b""
    return sys.stdin.buffer.read(MAX_BYTES + 1)


def enable_llm_log(level: int) -> None:
    """Show the LLM exchange (logger jdfix.llm) on stderr: INFO for -v, DEBUG for --debug."""
    import logging

    log = logging.getLogger("jdfix.llm")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("jdfix: llm: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(min(level, log.level or level))


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`1 answer`, `2 answers` (or `many` for irregular nouns)."""
    return f"{n} {noun if n == 1 else (many or noun + 's')}"


def exit_code(results: Sequence[Any]) -> int:
    """2 when anything could not be read, 1 when a finding is at or above the fail level, else 0."""
    if any(r.error is not None for r in results):
        return EXIT_ERROR
    if any(r.failing for r in results):
        return EXIT_FINDINGS
    return EXIT_OK
