"""`jdfix check` and `jdfix FILE` (fix) with their common options, without importing click.

Importing click (and what it brings: typing, enum, uuid, platform, gettext...) was about a third
of a one-file `jdfix check`, and most of what a rewrite answered from the response cache paid
beyond one. The common command lines are parsed here and handed to the same `run_check` and
`run_fix` the click commands call; every other command line (--help, any other option or
command, a missing path, an option given twice, a value click would reject or that this module
does not check as click would, `--`) returns None and goes to click, so errors of usage keep
click's words. The options read here are the click commands' own (names, choices and defaults are
compared with them, and both paths are run on a table of command lines, by
tests/test_lean_entry.py). Errors raised while running are reported as jdfix.cli.group.main and
click report them: the same line on stderr and the same exit code.
"""

from __future__ import annotations

import os
import sys

from jdfix.cli.checking import FORMATS
from jdfix.cli.shared import COMMANDS, DEFAULT_COMMAND, EXIT_ERROR

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    Options = dict[str, tuple[str, tuple[str, ...] | str]]

# Each option read here: flag -> (parameter, kind). A kind is a tuple of choices, or "on"/"off" (a
# flag that sets True/False), "text" (any value), "texts" (repeatable: a tuple of values),
# "seconds" (a float >= 0.1), "count" (an int >= 1) or "folder" (a path that is not a file).
# `jdfix check`; html (the page of `jdfix report`) goes through click.
OPTIONS: Options = {
    "--format": ("fmt", tuple(f for f in FORMATS if f != "html")),
    "--quiet": ("quiet", "on"),
    "-q": ("quiet", "on"),
    "--exit-zero": ("exit_zero", "on"),
}

# `jdfix FILE` / `jdfix fix FILE`: the LLM settings, the output, and the flags a recruiter or a
# pipeline passes. -o, --interactive and --yes (a terminal, or a file written elsewhere),
# --prompts, --config, --roles and the walk's excludes go through click.
FIX_OPTIONS: Options = {
    "--format": ("fmt", ("text", "json")),
    "--fail-level": ("fail_level", ("warning", "error")),
    "--select": ("select", "texts"),
    "--ignore": ("ignore", "texts"),
    "--color": ("color", "on"),
    "--no-color": ("color", "off"),
    "--no-llm": ("no_llm", "on"),
    "--base-url": ("base_url", "text"),
    "--model": ("model", "text"),
    "--timeout": ("timeout", "seconds"),
    "--cache": ("cache_mode", ("use", "refresh", "off", "replay")),
    "--cache-dir": ("cache_dir", "folder"),
    "--diff": ("diff_only", "on"),
    "--write": ("write", "on"),
    "-w": ("write", "on"),
    "--keep-title": ("keep_title", "on"),
    "--force": ("force", "on"),
    "--jobs": ("jobs", "count"),
    "-j": ("jobs", "count"),
    "--verbose": ("verbose", "on"),
    "-v": ("verbose", "on"),
}


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command ("check" or "fix") and its run function's arguments for `argv` (without the
    program name), or None when click should parse it."""
    if not argv:
        return None
    if argv[0] == "check":
        command, options, args = "check", OPTIONS, argv[1:]
    elif argv[0] == DEFAULT_COMMAND:
        command, options, args = DEFAULT_COMMAND, FIX_OPTIONS, argv[1:]
    elif argv[0] in COMMANDS:
        return None
    else:  # the group runs `fix` when no command is named (jdfix.cli.group.JdfixGroup.parse_args)
        command, options, args = DEFAULT_COMMAND, FIX_OPTIONS, argv
    params = _parse_options(args, options)
    return None if params is None else (command, params)


def _parse_options(args: list[str], options: Options) -> dict[str, Any] | None:
    params: dict[str, Any] = {}
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        # Only a long option takes its value after "=": click reads `-j=2` as -j with the value "=2".
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spec = options.get(name)
        if spec is None:
            return None
        param, kind = spec
        if param in params and kind != "texts":
            return None
        if kind in ("on", "off"):
            if eq:
                return None
            params[param] = kind == "on"
            continue
        if not eq:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        converted = _convert(value, kind)
        if converted is None:
            return None
        if kind == "texts":
            params[param] = (*params.get(param, ()), converted)
        else:
            params[param] = converted
    if not paths:
        return None
    return {"paths": tuple(paths), **params}


def _convert(value: str, kind: tuple[str, ...] | str) -> object | None:
    """The value click gives an option of this kind, or None where click might answer otherwise."""
    if value.startswith("-") and value != "-":
        return None  # click takes it as the value; a user more likely forgot one
    if isinstance(kind, tuple):
        return value if value in kind else None
    if kind in ("text", "texts"):
        return value
    if kind == "seconds":  # click.FloatRange(min=0.1)
        try:
            seconds = float(value)
        except ValueError:
            return None
        return seconds if 0.1 <= seconds < float("inf") else None  # nan and inf: click says why
    if kind == "count":  # click.IntRange(min=1)
        try:
            n = int(value)
        except ValueError:
            return None
        return n if n >= 1 else None
    if kind == "folder":  # click.Path(file_okay=False): missing, or a folder that can be read
        import stat

        try:
            st = os.stat(value)
        except OSError:
            return value
        return value if stat.S_ISDIR(st.st_mode) and os.access(value, os.R_OK) else None
    raise AssertionError(kind)  # pragma: no cover


def run(argv: list[str]) -> int | None:
    """Run `jdfix check` or `jdfix FILE` when `argv` is one this module reads; its exit code, or
    None for click."""
    parsed = parse(argv)
    if parsed is None or not _plain_streams() or os.environ.get("JDFIX_DEBUG") or "_JDFIX_COMPLETE" in os.environ:
        return None
    command, params = parsed
    from jdfix.cli.shared import UsageProblem
    from jdfix.errors import JdfixError

    # As click's Command.main and jdfix.cli.group.main handle what the command raises.
    try:
        if command == "check":
            from jdfix.cli.checking import run_check

            run_check(_echo_err, **params)
        else:
            from jdfix.cli.fixing import run_fix

            run_fix(echo, **params)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except UsageProblem as exc:  # click.UsageError, raised in the command's context
        _echo_err(f"jdfix: error: {exc} (see: jdfix {command} --help)")
        return EXIT_ERROR
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
    raise AssertionError("run_check and run_fix return only by SystemExit")  # pragma: no cover


def _internal_error(exc: Exception) -> int:
    _echo_err(f"jdfix: internal error: {type(exc).__name__}: {exc} (run with --debug or JDFIX_DEBUG=1 "
              "for details)")
    return EXIT_ERROR


def _plain_streams() -> bool:
    """False where click.echo would not write to sys.stdout and sys.stderr as they are (none, an
    ASCII or errors-less one that click rewraps, a Jupyter kernel's, click's pager's)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        if (stream is None or type(stream).__module__.startswith("ipykernel.") or hasattr(stream, "color")
                or getattr(stream, "errors", None) is None):
            return False
        try:
            if codecs.lookup(stream.encoding or "ascii").name == "ascii":
                return False
        except (LookupError, AttributeError, TypeError):
            return False
    return True


def echo(message: str, *, nl: bool = True, err: bool = False) -> None:
    """`click.echo(message, nl=nl, err=err)` on the streams _plain_streams accepted: ANSI codes
    dropped unless the stream is a terminal, then flushed."""
    stream = sys.stderr if err else sys.stdout
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    if "\033" in out and not _isatty(stream):
        # Colour asked for on a pipe (--color, FORCE_COLOR), or an escape in a posting or a file
        # name: rare, and stripped by click's own pattern, whichever click is installed.
        from click import unstyle

        out = unstyle(out)
    stream.write(out)
    stream.flush()


def _echo_err(line: str) -> None:
    echo(line, err=True)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # noqa: BLE001 - as click.isatty
        return False
