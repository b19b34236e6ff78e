"""The command line. Thin: parse options, call the library, print, map errors to exit codes.

`main` runs the common `jdfix check PATH... [--format F]` and `jdfix FILE... [--base-url URL --model M
--cache MODE ...]` without importing click (a third of a one-file check went into importing it;
jdfix.cli.lean), and everything else through the click group (jdfix.cli.group): help, errors of
usage, the other options and commands. `program` is the `jdfix` command itself (the console script
and `python -m jdfix`): `main`, then a quicker exit.
"""

from __future__ import annotations

import sys

from jdfix.cli.shared import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "JdfixGroup", "cli", "main", "program"]


def main() -> None:
    """Entry point: run the CLI, turning every error into one line on stderr and exit code 2."""
    import gc

    # A jdfix process makes most of its objects once and keeps them (the role book, the learned
    # model, the compiled rules): at CPython's default of one collection per 700 new objects, the
    # collector walked them over and over, and its last collection at exit walked them all again
    # for cycles that exit frees anyway; together a fifth of a one-file check. Cycles are still
    # collected, in larger steps. In a batch nearly every young object survives too (the Analyser's
    # and the model's remembered readings, each file's rendered result): at 50,000 a check of 296
    # real postings paid three collections (~12 ms each) that found almost nothing. 200,000 spares
    # them; a collection then walks more objects, so a long batch pays no more than before.
    # Here and not on `import jdfix`: a program using the API keeps its own,
    # and so does one that calls main() and catches SystemExit (its threshold given back, its
    # objects frozen only as it exits).
    threshold = gc.get_threshold()
    frozen = gc.get_freeze_count()
    gc.set_threshold(200_000)  # before the engine's modules load: their import made 20 collections
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


def program() -> None:
    """The `jdfix` command: `main()`, then the process ends without tearing the interpreter down.

    Python's own exit frees every object and module one by one (the role book, the learned model,
    the compiled patterns): about 5M instructions, 4% of a one-file check, for memory the system
    takes back at once. Here the exit handlers run (the caches jdfix writes at exit, logging's
    flush), stdout and stderr are flushed, and the process ends with the exit code. Anything
    unusual (an exit that is not a number, threads still running, a failed flush, no
    atexit._run_exitfuncs) ends the ordinary way, as `main()` alone would. A program that calls
    `main()` itself is never ended here."""
    try:
        main()
        code: str | int | None = 0
    except SystemExit as exc:
        code = exc.code
    _leave(code)


def _leave(code: str | int | None) -> None:
    import atexit
    import os

    status = 0 if code is None else code
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if (type(status) is not int or not 0 <= status <= 255 or run_exit_handlers is None
            or _threads_running()):
        sys.exit(code)
    run_exit_handlers()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # noqa: BLE001 - Python's own exit reports it, as it always did
        sys.exit(code)
    os._exit(status)


def _threads_running() -> bool:
    """Whether a thread other than this one, not a daemon, is still running (Python's exit waits for it)."""
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    main_thread = threading.main_thread()
    return any(t is not main_thread and not t.daemon and t.is_alive() for t in threading.enumerate())


def __getattr__(name: str) -> Any:
    # The click group, for `from jdfix.cli import cli` (click's CliRunner in tests, the API docs).
    if name in ("cli", "JdfixGroup"):
        from jdfix.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'jdfix.cli' has no attribute {name!r}")
