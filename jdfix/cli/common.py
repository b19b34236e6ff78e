"""What the commands share: exit codes, option stacks, reading the configuration and stdin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from jdfix.cli.shared import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    check_options,
    enable_llm_log,
    exclude_for,
    exit_code,
    load_config,
    options_by_folder,
    plural,
    read_stdin_if_needed,
    split_commas,
)

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "check_options", "common_check_options", "enable_llm_log",
           "exclude_for", "exit_code", "format_option", "llm_flags", "llm_options", "load_config", "options_by_folder",
           "plural", "read_stdin_if_needed", "split_commas"]


def format_option(choices: tuple[str, ...]) -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default="text", show_default=True,
                        help="Output format.")


def _finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """FloatRange lets nan and inf through (no comparison fails for them); a timeout must be a number."""
    import math

    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds.", ctx=ctx, param=param)
    return value


def llm_options(prefix: str = "") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The LLM settings of `jdfix FILE` (--no-llm, --base-url, --model, --timeout, --cache,
    --cache-dir, --prompts), for every command that asks for suggestions; `prefix` starts each help."""

    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--no-llm", is_flag=True,
                         help=prefix + "Use the rule engine's own suggestion even if an endpoint is set."),
            click.option("--base-url", metavar="URL", help=prefix + "OpenAI-compatible endpoint [env: OPENAI_BASE_URL]."),
            click.option("--model", metavar="NAME", help=prefix + "Model name [env: JDFIX_MODEL; default: gpt-4o-mini]."),
            click.option("--timeout", type=click.FloatRange(min=0.1), metavar="SECONDS", callback=_finite,
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
