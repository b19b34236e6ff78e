"""The OpenAI Batch API: thousands of postings through the provider's batch engine, into the cache.

prepare: one JSONL line per posting that needs a rewrite (custom_id = the cache key), split to stay
         under the provider's limits, plus a sidecar file with each request as the cache keeps it.
submit:  upload a requests file and create the batch (through the SDK); prints the batch id.
collect: read the output (and error) file of a batch, match lines by custom_id (never by order),
         validate each answer as the live path does, and store the good ones in the cache. After
         that an ordinary run, even with --cache replay, is served from the cache.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdfix.errors import JdfixError
from jdfix.io.files import write_atomic
from jdfix.rewriter.llm.answer import ANSWER_SCHEMA, parse_answer
from jdfix.rewriter.llm.cache import ResponseCache
from jdfix.rewriter.llm.client import response_format
from jdfix.rewriter.llm.errors import AnswerError, LLMError
from jdfix.rewriter.llm.settings import LLMSettings

MAX_LINES = 50_000
MAX_BYTES = 200 * 1024 * 1024
ENDPOINT = "/v1/chat/completions"
SIDECAR_FORMAT = 2  # 1 (no "format" key): {key: request}; 2 adds the posting paths of each key


def sidecar(path: Path) -> Path:
    """Where prepare keeps the requests (as cached) for a requests file."""
    return path.with_name(path.name + ".requests.json")


def batch_line(key: str, request: dict[str, Any]) -> dict[str, Any]:
    """One Batch API input line for a cached-form request."""
    body = {"model": request["model"], "messages": request["messages"],
            "response_format": response_format("json_schema", request["schema"]), **request["params"]}
    return {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}


def write_requests(out: Path, requests: dict[str, dict[str, Any]], max_lines: int = MAX_LINES,
                   max_bytes: int = MAX_BYTES, postings: dict[str, list[str]] | None = None) -> list[Path]:
    """Write the requests as one or more JSONL files (requests.jsonl, requests-2.jsonl, ...).

    `postings` maps a cache key to the posting paths it came from: the sidecar keeps them so that
    collect can name a posting, not a hash, when its answer is unusable.
    """
    postings = postings or {}
    files: list[Path] = []
    chunk: list[str] = []
    size = 0
    keys: list[str] = []

    def flush() -> None:
        nonlocal chunk, size, keys
        if not chunk:
            return
        target = out if not files else out.with_name(f"{out.stem}-{len(files) + 1}{out.suffix}")
        write_atomic(str(target), "".join(chunk))
        body = {"format": SIDECAR_FORMAT, "requests": {k: requests[k] for k in keys},
                "postings": {k: postings[k] for k in keys if k in postings}}
        write_atomic(str(sidecar(target)), json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        files.append(target)
        chunk, size, keys = [], 0, []

    for key, request in requests.items():
        line = json.dumps(batch_line(key, request), ensure_ascii=False) + "\n"
        n = len(line.encode("utf-8"))
        if chunk and (len(chunk) >= max_lines or size + n > max_bytes):
            flush()
        chunk.append(line)
        keys.append(key)
        size += n
    flush()
    return files


@dataclass(frozen=True)
class Requests:
    """What prepare wrote: each request as the cache keeps it, and the postings behind each key."""

    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)

    def update(self, other: Requests) -> None:
        self.requests.update(other.requests)
        self.postings.update(other.postings)

    def name(self, key: str) -> str:
        """The postings a key stands for (what a user recognises), else the key itself."""
        return ", ".join(self.postings.get(key, ())) or f"custom_id {key}"


@dataclass
class Collected:
    """What collect did: entries stored, and lines it could not use (where, and why)."""

    stored: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def collect_lines(lines: Iterable[str], requests: dict[str, dict[str, Any]] | Requests, cache: ResponseCache,
                  origin: str, where: str = "results") -> Collected:
    """Validate each result line and store the good answers under their custom_id.

    A failure names the posting (from the requests' sidecar) or, for a line that names no known
    request, `where:line`.
    """
    if not isinstance(requests, Requests):
        requests = Requests(dict(requests))
    known = requests.requests
    done = Collected()
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            done.failed.append((f"{where}:{n}", f"not a JSON line ({exc.msg})"))
            continue
        key = str(item.get("custom_id", "?")) if isinstance(item, dict) else "?"
        if key not in known:
            done.failed.append((f"{where}:{n}", f"no request with custom_id {key} in the requests file"))
            continue
        name = requests.name(key)
        try:
            error = item.get("error")
            response = item.get("response") or {}
            status = response.get("status_code")
            if error or status != 200:
                message = error.get("message") if isinstance(error, dict) else None
                done.failed.append((name, message or f"HTTP {status}"))
                continue
            body = response.get("body") or {}
            choices = body.get("choices") or []
            if not choices:
                done.failed.append((name, "no choices"))
                continue
            choice = choices[0]
            answer = parse_answer((choice.get("message") or {}).get("content"), choice.get("finish_reason"))
        except AnswerError as exc:
            done.failed.append((name, str(exc)))
            continue
        except (AttributeError, TypeError, KeyError):
            done.failed.append((name, "not a Batch API result line"))
            continue
        cache.store(key, known[key], answer, usage=body.get("usage") or {}, origin=origin,
                    response_format_used="json_schema")
        done.stored.append(key)
    return done


def load_requests(path: Path) -> Requests:
    """The requests prepare wrote beside a requests file. Raises JdfixError."""
    side = sidecar(path)
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JdfixError(f"{side}: missing: give collect the requests file that 'jdfix batch prepare' wrote") \
            from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JdfixError(f"{side}: unreadable ({exc})") from None
    if not isinstance(data, dict):
        raise JdfixError(f"{side}: not a requests file of jdfix")
    if "format" not in data:  # format 1: the requests alone
        return Requests(data)
    if data.get("format") != SIDECAR_FORMAT or not isinstance(data.get("requests"), dict):
        raise JdfixError(f"{side}: not a requests file of this jdfix (format {data.get('format')!r})")
    return Requests(data["requests"], dict(data.get("postings") or {}))


def submit(settings: LLMSettings, path: Path) -> str:
    """Upload a requests file and create the batch. Returns the batch id. Raises LLMError."""
    import openai

    client = openai.OpenAI(**settings.client_options(), max_retries=2, timeout=settings.timeout)  # type: ignore[arg-type]
    try:
        with path.open("rb") as fh:
            uploaded = client.files.create(file=fh, purpose="batch")
        batch = client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                                      completion_window="24h")
    except OSError as exc:
        raise JdfixError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except openai.OpenAIError as exc:
        from jdfix.rewriter.llm.client import scrub

        raise LLMError(scrub(f"{settings.shown_base_url}: batch submit failed: {exc}", settings)) from None
    return str(batch.id)


def fetch_results(settings: LLMSettings, batch_id: str) -> tuple[str, list[str]]:
    """The status of a batch and the lines of its output and error files. Raises LLMError."""
    import openai

    client = openai.OpenAI(**settings.client_options(), max_retries=2, timeout=settings.timeout)  # type: ignore[arg-type]
    try:
        batch = client.batches.retrieve(batch_id)
        lines: list[str] = []
        for file_id in (getattr(batch, "output_file_id", None), getattr(batch, "error_file_id", None)):
            if file_id:
                lines += client.files.content(file_id).text.splitlines()
    except openai.OpenAIError as exc:
        from jdfix.rewriter.llm.client import scrub

        raise LLMError(scrub(f"{settings.shown_base_url}: batch {batch_id}: {exc}", settings)) from None
    return str(batch.status), lines


__all__ = ["ANSWER_SCHEMA", "Collected", "Requests", "batch_line", "collect_lines", "fetch_results", "load_requests",
           "sidecar", "submit", "write_requests"]
