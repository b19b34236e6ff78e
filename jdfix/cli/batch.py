"""`jdfix batch prepare | submit | collect`: the OpenAI Batch API."""

from __future__ import annotations

import os
from typing import Any

import click

from jdfix.cli.common import EXIT_ERROR, EXIT_OK, check_options, llm_flags, load_config


@click.group()
def batch() -> None:
    """The OpenAI Batch API: prepare requests, submit them, collect the answers into the cache."""


@batch.command("prepare")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="requests.jsonl",
              show_default=True, help="Requests file (split into -2, -3 ... past 50,000 lines or 200 MB).")
@llm_flags
def batch_prepare(paths: tuple[str, ...], output: str, base_url: str | None, model: str | None,
                  cache_dir: str | None, config_path: str | None) -> None:
    """One request per posting that needs a rewrite (custom_id = its cache key)."""
    from pathlib import Path

    from jdfix.errors import InputError
    from jdfix.io.sources import expand_paths, read_postings
    from jdfix.pipeline import check_source
    from jdfix.rewriter.llm.batch import write_requests
    from jdfix.rewriter.llm.settings import resolve
    from jdfix.rewriter.llm.suggest import build_request

    config = load_config(config_path)
    options = check_options((), (), None, (), config)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    requests: dict[str, Any] = {}
    failed = False
    skipped = 0
    for item in expand_paths(list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            for source in read_postings(item, "auto"):
                result = check_source(source, options)
                if not result.title_to_fix or result.analysis is None:  # as `jdfix FILE` decides
                    skipped += 1
                    continue
                request, key = build_request(result.analysis, result.findings, settings)
                requests[key] = request
        except InputError as exc:
            click.echo(f"jdfix: error: {exc.path}: {exc.reason}", err=True)
            failed = True
    files = write_requests(Path(output), requests) if requests else []
    click.echo(f"{len(requests)} request{'s' if len(requests) != 1 else ''} in "
               + (", ".join(str(f) for f in files) or "no file") + f"; {skipped} posting(s) need no rewrite")
    raise SystemExit(EXIT_ERROR if failed else EXIT_OK)


@batch.command("submit")
@click.argument("requests_file", type=click.Path(exists=True, dir_okay=False), metavar="REQUESTS.jsonl")
@llm_flags
def batch_submit(requests_file: str, base_url: str | None, model: str | None, cache_dir: str | None,
                 config_path: str | None) -> None:
    """Upload a requests file and create the batch; prints its id."""
    from pathlib import Path

    from jdfix.rewriter.llm.batch import submit
    from jdfix.rewriter.llm.settings import resolve

    config = load_config(config_path)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    click.echo(submit(settings, Path(requests_file)))


@batch.command("collect")
@click.argument("source", metavar="RESULTS.jsonl|BATCH_ID")
@click.option("--requests", "requests_files", multiple=True, type=click.Path(dir_okay=False),
              default=("requests.jsonl",), show_default=True, help="The requests file(s) prepare wrote.")
@llm_flags
def batch_collect(source: str, requests_files: tuple[str, ...], base_url: str | None, model: str | None,
                  cache_dir: str | None, config_path: str | None) -> None:
    """Validate a batch's answers and store the good ones in the cache (matched by custom_id)."""
    from pathlib import Path

    from jdfix.rewriter.llm.batch import collect_lines, fetch_results, load_requests
    from jdfix.rewriter.llm.cache import ResponseCache
    from jdfix.rewriter.llm.settings import resolve

    config = load_config(config_path)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    requests: dict[str, Any] = {}
    for f in requests_files:
        requests.update(load_requests(Path(f)))
    if os.path.exists(source):
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{source}: cannot read: {exc}") from None
        origin = f"OpenAI Batch API results file {os.path.basename(source)}"
    else:
        status, lines = fetch_results(settings, source)
        if status != "completed":
            click.echo(f"batch {source} is {status}; collecting what it has", err=True)
        origin = f"OpenAI Batch API batch {source}"
    cache = ResponseCache(settings.cache_dir, "use")
    cache.ensure_writable()
    done = collect_lines(lines, requests, cache, origin)
    for key, why in done.failed:
        click.echo(f"jdfix: {key}: {why}", err=True)
    click.echo(f"{len(done.stored)} answer(s) stored in {settings.cache_dir}; {len(done.failed)} failed; "
               f"{len(set(requests) - set(done.stored))} request(s) without a stored answer")
    raise SystemExit(EXIT_ERROR if done.failed else EXIT_OK)
