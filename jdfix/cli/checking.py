"""The work of `jdfix check`, without click: the click command (jdfix.cli.check) and the lean
entry (jdfix.cli.lean) both run `run_check`.
"""

from __future__ import annotations

import sys

from jdfix.cli.shared import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    exclude_for,
    load_config,
    options_by_folder,
    read_stdin_if_needed,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn, TextIO

FORMATS = ("text", "json", "jsonl", "github", "sarif", "html")


def run_check(echo: Callable[[str], None], paths: tuple[str, ...], fmt: str = "text", fail_level: str | None = None,
              select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), roles: tuple[str, ...] = (),
              color: bool | None = None, jobs: int | None = None, config_path: str | None = None,
              input_format: str = "auto", exclude: tuple[str, ...] = (), extend_exclude: tuple[str, ...] = (),
              force_exclude: bool = False, quiet: bool = False, exit_zero: bool = False, statistics: bool = False,
              output_file: str | None = None) -> NoReturn:
    """Check `paths` and print the report in `fmt` (not html); `echo` writes one line to stderr.
    The defaults are the click command's (a test compares them). Raises SystemExit with the exit code."""
    from jdfix.engine.rolebook import load_role_book
    from jdfix.io.parallel import Rendered, check_items
    from jdfix.io.sources import expand_paths

    config = load_config(config_path)
    by_folder = options_by_folder(select, ignore, fail_level, roles, config, config_path, input_format)
    load_role_book(by_folder.default.roles)  # a broken role profile stops the run before any file is read
    stdin = read_stdin_if_needed(paths)
    items = list(expand_paths(list(paths), exclude_for(config, exclude, extend_exclude), force_exclude))
    # The report for FILE is kept in memory and written atomically at the end: a failed run leaves no half report.
    out = _open_output(output_file)
    colour = False if output_file else _colour_wanted(color)
    err_palette = _err_palette(color)
    outcomes: list[Rendered] = []
    report = _Report(fmt, out, colour, quiet or statistics, statistics)
    for r in check_items(items, by_folder, fmt, colour, jobs or config.get("jobs"), stdin):
        if r.note is not None:
            if not quiet:
                echo(f"jdfix: note: {r.path}: {r.note}")
            continue
        outcomes.append(r)
        if r.error is not None:
            echo(f"jdfix: {err_palette.red('error')}: {r.path}: {r.error}")
        report.add(r)
    if statistics:
        _statistics(outcomes, out)
    report.close(outcomes)
    _close_output(out, output_file)
    if any(r.error is not None for r in outcomes):
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if any(r.failing for r in outcomes) and not exit_zero else EXIT_OK)


class _Report:
    """Writes each result as it comes, in the chosen format, and closes the document."""

    def __init__(self, fmt: str, out: TextIO, colour: bool, findings_only: bool, statistics: bool) -> None:
        from jdfix.io.report import REPORT_VERSION

        self.fmt, self.out, self.colour, self.findings_only = fmt, out, colour, findings_only
        self.statistics = statistics
        self.version = REPORT_VERSION
        self.pretty = fmt == "json" and bool(getattr(out, "isatty", lambda: False)())
        self.n = 0
        self.results: list[dict[str, Any]] = []
        if fmt == "json":
            out.write(f'{{"version": {REPORT_VERSION}, "results": [')

    def add(self, r: Any) -> None:
        out, fmt = self.out, self.fmt
        if fmt in ("text", "github"):
            if not self.statistics:
                for line in r.lines:
                    out.write(line + "\n")
        elif fmt == "jsonl":
            out.write(f'{{"version": {self.version}, ' + r.json[1:] + "\n")
        elif fmt == "sarif":
            import json  # here and below only: a text report imports no json

            self.results.append(json.loads(r.json))
        elif self.pretty:
            import json

            body = json.dumps(json.loads(r.json), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.write(("," if self.n else "") + "\n  " + body)
        else:
            out.write(("," if self.n else "") + "\n" + r.json)
        self.n += 1

    def close(self, outcomes: list[Any]) -> None:
        from jdfix.io.report import Palette, sarif_report, summary_counts

        if self.fmt == "json":
            self.out.write("\n]}\n")
        elif self.fmt == "sarif":
            import json

            json.dump(sarif_report(self.results), self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
        elif self.fmt == "text" and not self.findings_only:
            self.out.write(summary_counts(outcomes, Palette(self.colour)) + "\n")
        self.out.flush()


def _statistics(outcomes: list[Any], out: TextIO) -> None:
    """`  3  JD103  duty-from-another-family`, most frequent first, as ruff --statistics prints."""
    from collections import Counter

    counts = Counter(code for r in outcomes for code in r.codes)
    width = len(str(max(counts.values()))) if counts else 1
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{n:>{width}}  {code}  {name}\n")


def _colour_wanted(color: bool | None) -> bool:
    from jdfix.io.report import Palette

    return Palette.wanted(sys.stdout, color)


def _err_palette(color: bool | None) -> Any:
    from jdfix.io.report import Palette

    return Palette(Palette.wanted(sys.stderr, color))


def _open_output(output_file: str | None) -> TextIO:
    """Standard output, or a buffer for FILE (written atomically by `_close_output`). Whether FILE's
    folder takes a file is tried before any posting is read, so a run that cannot write stops at once."""
    if output_file is None:
        return sys.stdout
    import io
    import os
    import tempfile

    try:
        fd, probe = tempfile.mkstemp(dir=os.path.dirname(os.path.realpath(output_file)) or ".", suffix=".jdfix-tmp")
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        import click  # only to report the error as the click command always has

        raise click.ClickException(f"{output_file}: cannot write: {exc.strerror or exc}") from None
    return io.StringIO()


def _close_output(out: TextIO, output_file: str | None) -> None:
    """Write the report to FILE through a temporary file and a rename: an interrupted or failed
    run leaves FILE as it was and no temporary file behind."""
    if output_file is None:
        return
    import io

    from jdfix.io.files import write_atomic

    assert isinstance(out, io.StringIO)
    write_atomic(output_file, out.getvalue())
