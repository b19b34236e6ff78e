"""Check many postings on several cores. Workers send back rendered output, not analyses.

A posting takes a few milliseconds to analyse; shipping its whole analysis between processes
would cost more than that, so each worker renders its results (a JSON line, or linter lines) and
returns them with the few facts the parent needs for the exit code and the summary.
"""

from __future__ import annotations

import os

from jdfix.engine.checker import CheckOptions, Result, check_text
from jdfix.errors import InputError, NotAPosting
from jdfix.io.discovery import Walked
from jdfix.io.report import Palette, finding_lines, github_lines
from jdfix.io.sources import read_postings
from jdfix.memo import memo
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    OptionsFor = CheckOptions | Callable[[str], CheckOptions]

# A second process pays for itself from about 40 postings on (70 real postings: 0.38 s -> 0.27 s
# on two cores; fork and sending the results back cost about 25 ms): a worker per 20 postings.
# Postings go to the workers in chunks of at most CHUNK, and small batches in smaller ones, so no
# worker waits long on another's last chunk.
MIN_FILES_PER_WORKER = 20
CHUNK = 32
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class Rendered:
    """One checked posting, rendered: what to print and what it counts for."""

    path: str
    error: str | None
    mismatch: bool
    failing: bool
    severities: tuple[str, ...]
    json: str
    lines: tuple[str, ...]
    note: str | None = None  # a file a folder walk found that is not a posting: skipped, not counted
    codes: tuple[tuple[str, str], ...] = ()  # (code, name) of each finding, for --statistics


def render(result: Result, fmt: str, colour: bool) -> Rendered:
    as_json = ""
    if fmt in ("json", "jsonl", "sarif"):
        as_json = _json_encoder()(result.to_dict())
    if fmt == "text":
        lines = tuple(finding_lines(result, Palette(colour)))
    elif fmt == "github":
        lines = tuple(github_lines(result))
    else:
        lines = ()
    return Rendered(result.path, result.error, result.error is None and result.mismatch, bool(result.failing),
                    tuple(f.severity for f in result.findings), as_json, lines,
                    codes=tuple((f.code, f.name) for f in result.findings))


@memo(maxsize=1)
def _json_encoder() -> Callable[[Any], str]:
    """json.dumps(..., ensure_ascii=False), made once. A result's dicts are a tree, never a cycle,
    so the check for one (an id kept and dropped per dict and list) is left out: the same text,
    sooner.

    Built from _json, json's C encoder, as JSONEncoder.encode builds it for these settings: importing
    json imports re (json.encoder and json.decoder compile patterns as they load), and with it
    enum, which cost a one-file `check --format json` more than its posting's analysis. Where
    _json is missing or its encoder takes other arguments (another Python), it is JSONEncoder."""
    try:
        from _json import encode_basestring, make_encoder

        # (markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)
        chunks = make_encoder(None, _not_serialisable, encode_basestring, None, ": ", ", ", False, False, True)
    except (ImportError, TypeError):  # pragma: no cover - other Python implementations
        import json

        return json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    return lambda obj: "".join(chunks(obj, 0))


def _not_serialisable(obj: Any) -> Any:
    """JSONEncoder.default: what the encoder calls for a value JSON has no form for."""
    raise TypeError(f"Object of type {obj.__class__.__name__} is not JSON serializable")


def _work(task: tuple[str, CheckOptions, str, bool]) -> list[Rendered]:
    path, options, fmt, colour = task
    try:
        return [render(check_text(source.text, source.path, options, source.line_map), fmt, colour)
                for source in read_postings(path, options.input_format)]
    except NotAPosting as exc:
        if isinstance(path, Walked):
            return [skipped(exc)]
        return [render(Result(exc.path, error=exc.reason, fail_level=options.fail_level), fmt, colour)]
    except InputError as exc:
        return [render(Result(exc.path, error=exc.reason, fail_level=options.fail_level), fmt, colour)]


def skipped(exc: NotAPosting) -> Rendered:
    return Rendered(exc.path, None, False, False, (), "", (), f"skipped: {exc.reason}")


def jobs_for(n_files: int, requested: int | None) -> int:
    """How many processes to use: as asked, else one per core once the batch is big enough."""
    if requested is not None:
        return max(1, requested)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n_files // MIN_FILES_PER_WORKER))


def options_of(options: OptionsFor, path: str) -> CheckOptions:
    """The options for one posting: the same for all, or per folder (jdfix.io.config.OptionsByFolder)."""
    return options if isinstance(options, CheckOptions) else options(path)


def check_files(paths: list[str], options: OptionsFor, fmt: str, colour: bool,
                jobs: int) -> Iterator[list[Rendered]]:
    """Check `paths` (files only) with `jobs` processes: per file, in input order, its results."""
    tasks = [(p, options_of(options, p), fmt, colour) for p in paths]
    if jobs <= 1:
        yield from map(_work, tasks)
        return
    # Only a batch pays for importing the process machinery (about 20 ms).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        chunk = max(1, min(CHUNK, -(-len(tasks) // (jobs * CHUNKS_PER_WORKER))))
        yield from pool.map(_work, tasks, chunksize=chunk)


def check_items(items: list[str | InputError], options: OptionsFor, fmt: str, colour: bool,
                jobs: int | None, stdin: bytes | None = None) -> Iterator[Rendered]:
    """Every posting of `items` (files, "-" for `stdin`, or the error finding a path), checked and
    rendered, in input order; the files on `jobs_for` processes."""
    files = [i for i in items if isinstance(i, str) and i != "-"]
    batch = iter(check_files(files, options, fmt, colour, jobs_for(len(files), jobs)))
    here = options_of(options, "-")
    for item in items:
        if isinstance(item, InputError):
            yield render(Result(item.path, error=item.reason, fail_level=here.fail_level), fmt, colour)
        elif item == "-":
            try:
                for source in read_postings("-", here.input_format, stdin or b""):
                    yield render(check_text(source.text, source.path, here, source.line_map), fmt, colour)
            except InputError as exc:
                yield render(Result(exc.path, error=exc.reason, fail_level=here.fail_level), fmt, colour)
        else:
            yield from next(batch)
