"""`jdfix batch prepare | submit | collect`: the OpenAI Batch API."""

from __future__ import annotations

import os
import re
from typing import Any

import click

from jdfix.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    exclude_for,
    llm_flags,
    load_config,
    options_by_folder,
    plural,
)


@click.group()
def batch() -> None:
    """The OpenAI Batch API: prepare requests, submit them, collect the answers into the cache."""


@batch.command("prepare")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="requests.jsonl",
              show_default=True, help="Requests file (split into -2, -3 ... past 50,000 lines or 200 MB).")
@click.option("--select", multiple=True, metavar="CODE[,CODE...]", help="Only these rules, as `jdfix FILE` takes them.")
@click.option("--ignore", multiple=True, metavar="CODE[,CODE...]", help="Skip these rules.")
@click.option("--roles", "roles", multiple=True, type=click.Path(), metavar="PATH",
              help="Extra role-family profiles (a TOML file or a folder of them). Repeatable.")
@click.option("--input-format", type=click.Choice(["auto", "markdown", "html", "json"]), default="auto",
              show_default=True, help="How to read the postings (auto: from the file name).")
@click.option("--prompts", "prompts_dir", type=click.Path(exists=True, file_okay=False), metavar="DIR",
              help="Use the prompt templates in DIR, as the live run that replays the answers will.")
@llm_flags
def batch_prepare(paths: tuple[str, ...], output: str, base_url: str | None, model: str | None,
                  cache_dir: str | None, config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
                  roles: tuple[str, ...], input_format: str, prompts_dir: str | None) -> None:
    """One request per posting that needs a rewrite (custom_id = its cache key).

    Take the options the live run (`jdfix FILE --cache replay`) will use: the cache key covers the
    rendered prompt, so different --prompts, --roles or rules make different keys.
    """
    from pathlib import Path

    from jdfix.errors import InputError, NotAPosting
    from jdfix.io.discovery import Walked
    from jdfix.io.sources import expand_paths, read_postings
    from jdfix.pipeline import check_source
    from jdfix.rewriter.llm.batch import write_requests
    from jdfix.rewriter.llm.settings import resolve
    from jdfix.rewriter.llm.suggest import build_request

    config = load_config(config_path)
    by_folder = options_by_folder(select, ignore, None, roles, config, config_path, input_format)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    prompts = prompts_dir or None
    requests: dict[str, Any] = {}
    postings: dict[str, list[str]] = {}
    failed = False
    skipped = 0
    for item in expand_paths(list(paths), exclude_for(config)):
        try:
            if isinstance(item, InputError):
                raise item
            for source in read_postings(item, input_format):
                result = check_source(source, by_folder(source.path))
                if not result.title_to_fix or result.analysis is None:  # as `jdfix FILE` decides
                    skipped += 1
                    continue
                request, key = build_request(result.analysis, result.findings, settings, prompts)
                requests[key] = request
                postings.setdefault(key, []).append(source.path)
        except NotAPosting as exc:
            if not isinstance(item, Walked):
                click.echo(f"jdfix: error: {exc.path}: {exc.reason}", err=True)
                failed = True
            else:
                click.echo(f"jdfix: note: {exc.path}: skipped: {exc.reason}", err=True)
        except InputError as exc:
            click.echo(f"jdfix: error: {exc.path}: {exc.reason}", err=True)
            failed = True
    files = write_requests(Path(output), requests, postings=postings) if requests else []
    click.echo(f"{plural(len(requests), 'request')} in " + (", ".join(str(f) for f in files) or "no file")
               + f"; {plural(skipped, 'posting')} need{'s' if skipped == 1 else ''} no rewrite")
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

    from jdfix.rewriter.llm.batch import Requests, collect_lines, fetch_results, load_requests
    from jdfix.rewriter.llm.cache import ResponseCache
    from jdfix.rewriter.llm.settings import resolve

    config = load_config(config_path)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    requests = Requests()
    for f in requests_files:
        requests.update(load_requests(Path(f)))
    where = source
    if os.path.exists(source):
        if os.path.isdir(source):
            raise click.ClickException(f"{source}: is a directory, not a results file")
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{source}: cannot read: {exc}") from None
        origin = f"OpenAI Batch API results file {os.path.basename(source)}"
    elif not looks_like_batch_id(source):
        # A mistyped results file must not turn into a request to the endpoint.
        raise click.ClickException(f"{source}: no such file (a batch id looks like batch_abc123)")
    else:
        where = f"batch {source}"
        status, lines = fetch_results(settings, source)
        if status != "completed":
            click.echo(f"batch {source} is {status}; collecting what it has", err=True)
        origin = f"OpenAI Batch API batch {source}"
    cache = ResponseCache(settings.cache_dir, "use")
    cache.ensure_writable()
    done = collect_lines(lines, requests, cache, origin, where)
    for name, why in done.failed:
        click.echo(f"jdfix: error: {name}: {why}", err=True)
    missing = len(set(requests.requests) - set(done.stored))
    click.echo(f"{plural(len(done.stored), 'answer')} stored in {settings.cache_dir}; {len(done.failed)} failed; "
               f"{plural(missing, 'request')} without a stored answer")
    if not done.stored:
        click.echo(f"jdfix: error: {where}: no usable answer collected", err=True)
    raise SystemExit(EXIT_ERROR if done.failed or not done.stored else EXIT_OK)


def looks_like_batch_id(text: str) -> bool:
    """Batch ids are one word (batch_abc123); anything with a path separator or a suffix is a file."""
    return bool(re.fullmatch(r"[A-Za-z0-9_-]+", text))
