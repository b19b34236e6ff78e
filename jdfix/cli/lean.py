"""`jdfix check PATH... [--format F] [--quiet] [--exit-zero]` without importing click.

Importing click (and what it brings: typing, enum, uuid, platform, gettext...) was about a third
of a one-file `jdfix check`. The common run is parsed here and handed to the same `run_check` the
click command calls; every other command line (--help, any other option or command, a missing
path, an option given twice, a value click would reject, `--`) returns None and goes to click, so
errors of usage keep click's words. The options read here are the click command's own (names,
choices and defaults are compared with it, and both paths are run on a table of command lines, by
tests/test_lean_entry.py). Errors raised while checking are reported as jdfix.cli.group.main and
click report them: the same line on stderr and the same exit code.
"""

from __future__ import annotations

import os
import sys

from jdfix.cli.checking import FORMATS
from jdfix.cli.shared import EXIT_ERROR

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

# The `jdfix check` options read here: flag -> (parameter, its choices, or None for an on/off flag).
# html (the page of `jdfix report`) goes through click.
OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--format": ("fmt", tuple(f for f in FORMATS if f != "html")),
    "--quiet": ("quiet", None),
    "-q": ("quiet", None),
    "--exit-zero": ("exit_zero", None),
}


def parse(argv: list[str]) -> dict[str, Any] | None:
    """`run_check`'s arguments for `argv` (without the program name), or None when click should parse it."""
    if not argv or argv[0] != "check":
        return None
    params: dict[str, Any] = {}
    paths: list[str] = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=")
        spec = OPTIONS.get(name)
        if spec is None:
            return None
        param, choices = spec
        if param in params:
            return None
        if choices is None:
            if eq:
                return None
            params[param] = True
            continue
        if not eq:
            if i >= len(argv):
                return None
            value = argv[i]
            i += 1
        if value not in choices:
            return None
        params[param] = value
    if not paths:
        return None
    return {"paths": tuple(paths), **params}


def run(argv: list[str]) -> int | None:
    """Run `jdfix check` when `argv` is one this module reads; its exit code, or None for click."""
    params = parse(argv)
    if params is None or not _plain_streams() or os.environ.get("JDFIX_DEBUG") or "_JDFIX_COMPLETE" in os.environ:
        return None
    from jdfix.cli.checking import run_check
    from jdfix.errors import JdfixError

    # As click's Command.main and jdfix.cli.group.main handle what the command raises.
    try:
        run_check(_echo_err, **params)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except (EOFError, KeyboardInterrupt):
        _echo_err("")
        _echo_err("jdfix: aborted")
        return EXIT_ERROR
    except JdfixError as exc:
        _echo_err(f"jdfix: error: {exc}")
        return EXIT_ERROR
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            return _internal_error(exc)
        # The reader went away (`jdfix check ... | head`): exit 1 and keep Python's final flush quiet.
        import click.utils

        pacify: Any = click.utils.PacifyFlushWrapper  # what click's Command.main puts in their place
        sys.stdout, sys.stderr = pacify(sys.stdout), pacify(sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        return _internal_error(exc)
    raise AssertionError("run_check returns only by SystemExit")  # pragma: no cover


def _internal_error(exc: Exception) -> int:
    _echo_err(f"jdfix: internal error: {type(exc).__name__}: {exc} (run with --debug or JDFIX_DEBUG=1 "
              "for details)")
    return EXIT_ERROR


def _plain_streams() -> bool:
    """False where click.echo would not write to sys.stderr as it is (no stderr, an ASCII one that
    click rewraps, a Jupyter kernel's)."""
    import codecs

    stream = sys.stderr
    if stream is None or type(stream).__module__.startswith("ipykernel."):
        return False
    try:
        return codecs.lookup(stream.encoding or "ascii").name != "ascii"
    except (LookupError, AttributeError, TypeError):
        return False


def _echo_err(line: str) -> None:
    """`click.echo(line, err=True)` on a stream _plain_streams accepted: ANSI codes dropped
    unless stderr is a terminal, then flushed."""
    stream = sys.stderr
    try:
        tty = stream.isatty()
    except Exception:  # noqa: BLE001 - as click.isatty
        tty = False
    if not tty and "\033" in line:
        import re

        line = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", line)
    stream.write(line + "\n")
    stream.flush()
