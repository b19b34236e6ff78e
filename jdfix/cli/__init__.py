"""The command line. Thin: parse options, call the library, print, map errors to exit codes.

`main` runs the common `jdfix check PATH... [--format F]` and `jdfix FILE... [--base-url URL --model M
--cache MODE ...]` without importing click (a third of a one-file check went into importing it;
jdfix.cli.lean), and everything else through the click group (jdfix.cli.group): help, errors of
usage, the other options and commands.
"""

from __future__ import annotations

import sys

from jdfix.cli.shared import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "JdfixGroup", "cli", "main"]


def main() -> None:
    """Entry point: run the CLI, turning every error into one line on stderr and exit code 2."""
    import gc

    # A jdfix process makes most of its objects once and keeps them (the role book, the learned
    # model, the compiled rules): at CPython's default of one collection per 700 new objects, the
    # collector walked them over and over, and its last collection at exit walked them all again
    # for cycles that exit frees anyway; together a fifth of a one-file check. Cycles are still
    # collected, in larger steps. Here and not on `import jdfix`: a program using the API keeps its own,
    # and so does one that calls main() and catches SystemExit (its threshold given back, its
    # objects frozen only as it exits).
    threshold = gc.get_threshold()
    frozen = gc.get_freeze_count()
    gc.set_threshold(50_000)  # before the engine's modules load: their import made 20 collections
    try:
        from jdfix.cli.lean import run

        code = run(sys.argv[1:])
        if code is None:
            from jdfix.cli.group import main as click_main

            click_main()
    finally:
        import atexit

        atexit.register(gc.freeze)  # at exit, nothing left to collect that exit would not free
        # Given back as it was, without the collection the old threshold would start at once over
        # the run's young objects (about 1 ms): they join the oldest generation unvisited (freeze
        # then unfreeze moves them there and empties the youngest).
        # Only where nothing was frozen before: unfreeze would thaw a calling program's own
        # frozen objects (a server's, frozen before it forks) along with the run's.
        if not frozen:
            gc.freeze()
            gc.unfreeze()
        gc.set_threshold(*threshold)
    sys.exit(code)


def __getattr__(name: str) -> Any:
    # The click group, for `from jdfix.cli import cli` (click's CliRunner in tests, the API docs).
    if name in ("cli", "JdfixGroup"):
        from jdfix.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'jdfix.cli' has no attribute {name!r}")
