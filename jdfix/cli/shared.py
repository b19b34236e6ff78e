"""What the commands share that needs no click: exit codes, reading the configuration and stdin.

The lean entry (jdfix.cli.lean) runs `jdfix check` with these and without importing click.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from jdfix.engine.checker import CheckOptions
    from jdfix.io.config import Config, OptionsByFolder
    from jdfix.io.discovery import Exclude

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

# The commands of the click group, each imported when run (jdfix.cli.group). Kept here so that the
# lean entry can tell `jdfix FILE` from `jdfix COMMAND` without importing click.
COMMANDS = {
    "batch": "jdfix.cli.batch:batch",
    "check": "jdfix.cli.check:check",
    "config": "jdfix.cli.config:config_command",
    "convert": "jdfix.cli.convert:convert",
    "fix": "jdfix.cli.fix:fix",
    "report": "jdfix.cli.report:report",
    "roles": "jdfix.cli.roles:roles",
    "rules": "jdfix.cli.rules:rules",
    "schema": "jdfix.cli.schema:schema",
}
DEFAULT_COMMAND = "fix"


class UsageProblem(Exception):
    """An error of usage found after the options were read (flags that exclude each other, --cache
    replay with no endpoint). The click command raises it as click.UsageError; the lean entry
    prints the same line. Not a JdfixError: nothing in the library may catch it."""


def load_config(config_path: str | None) -> Config:
    from jdfix.io.config import load_config

    if config_path:
        from pathlib import Path  # not on the plain check path (see jdfix.paths)

        return load_config(Path(config_path))
    return load_config(None)


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
