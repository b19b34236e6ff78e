"""What the commands share: exit codes, option stacks, reading the configuration and stdin."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from jdfix.engine.checker import CheckOptions
    from jdfix.io.config import Config

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def format_option(choices: tuple[str, ...]) -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default="text", show_default=True,
                        help="Output format.")


def common_check_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--fail-level", type=click.Choice(["warning", "error"]), default=None,
                     help="Lowest severity that fails the run (exit 1; default: warning). Info findings never fail.")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Configuration file (default: the nearest jdfix.toml or [tool.jdfix] in pyproject.toml).")(f)
    f = click.option("--select", multiple=True, metavar="CODE",
                     help="Only these rules (code, prefix like JD1, or name). Repeatable.")(f)
    f = click.option("--ignore", multiple=True, metavar="CODE", help="Skip these rules. Repeatable.")(f)
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
                     help="Cache folder [env: JDFIX_CACHE_DIR].")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Configuration file.")(f)
    return f


def load_config(config_path: str | None) -> Config:
    from pathlib import Path

    from jdfix.io.config import load_config

    return load_config(Path(config_path) if config_path else None)


def check_options(select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None, roles: tuple[str, ...],
                  config: Config, input_format: str = "auto") -> CheckOptions:
    """Flags override the configuration file, which overrides the defaults."""
    from jdfix.io.config import check_options

    return check_options(config, select=select, ignore=ignore, fail_level=fail_level, roles=roles,
                         input_format=input_format)


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
