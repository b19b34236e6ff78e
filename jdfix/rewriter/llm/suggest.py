"""An LLM suggestion for one analysed posting: render, look up the cache, call, validate, store.

One request per posting; an invalid answer gets one repair round carrying the validation error.
Only validated answers are cached. A cache hit imports neither the openai SDK nor pydantic.
"""

from __future__ import annotations

import _thread
import sys
import time

from jdfix.engine.analysis import Analysis
from jdfix.engine.rules import Finding
from jdfix.rewriter.llm.answer import ANSWER_SCHEMA, check_answer
from jdfix.rewriter.llm.cache import ResponseCache, cache_key
from jdfix.rewriter.llm.errors import AnswerError, CacheError, LLMError
from jdfix.rewriter.llm.settings import LLMSettings
from jdfix.rewriter.prompt import PromptBook, context_for, messages_for
from jdfix.rewriter.suggestion import Suggestion

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

_prompt_books: dict[str, PromptBook] = {}
_clients: dict[tuple[str, str], Any] = {}
# `--jobs` threads ask for the client (and the prompts) at once: one of them builds it (the SDK
# import, the HTTP pool, its TLS context), the others wait and share it and its connection pool.
# threading.Lock is _thread's lock; importing threading cost a cached rewrite about 0.7 ms.
_clients_lock = _thread.allocate_lock()
DEBUG, INFO = 10, 20  # logging.DEBUG and logging.INFO


def _log(level: int, msg: str, *args: object) -> None:
    """Log `msg` to the jdfix.llm logger when logging is loaded. Until something imports it (-v
    and --debug do, as does an application that sets logging up), no handler can show a debug or
    info record, and importing it cost a cached rewrite about 4 ms."""
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.getLogger("jdfix.llm").log(level, msg, *args, stacklevel=2)


def _prompts(folder: str | None) -> PromptBook:
    key = str(folder or "")
    with _clients_lock:
        if key not in _prompt_books:
            _prompt_books[key] = PromptBook(folder)
        return _prompt_books[key]


def _client(settings: LLMSettings) -> Any:
    from jdfix.rewriter.llm.client import ChatClient

    key = (settings.effective_base_url, settings.model)
    with _clients_lock:
        if key not in _clients:
            _clients[key] = ChatClient(settings)
        return _clients[key]


def build_request(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...], settings: LLMSettings,
                  prompts_dir: str | None = None, direction: str = "retitle") -> tuple[dict[str, Any], str]:
    """The request (as cached: no headers, no key) and its cache key."""
    prompts = _prompts(prompts_dir)
    messages = messages_for(prompts, context_for(analysis, findings, direction))
    request = {
        "base_url": settings.shown_base_url,
        "model": settings.model,
        "messages": messages,
        "params": {"temperature": settings.temperature, "seed": settings.seed, "max_tokens": settings.max_tokens},
        "response_format": "json_schema",
        "schema": ANSWER_SCHEMA,
    }
    return request, cache_key(request)


def llm_suggestion(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...], settings: LLMSettings,
                   prompts_dir: str | None = None, direction: str = "retitle") -> Suggestion:
    """Ask the model (or the cache) for a corrected title and duty list, in `direction` (retitle,
    or keep-title: the duties rewritten for the title's family). Raises LLMError/CacheMiss."""
    request, key = build_request(analysis, findings, settings, prompts_dir, direction)
    cache = ResponseCache(settings.cache_dir, settings.cache_mode)
    _log(DEBUG, "%s: cache key %s (mode %s)", analysis.document.path, key, settings.cache_mode)
    entry = cache.lookup(key)
    _log(INFO, "%s: cache %s (%s)", analysis.document.path, "hit" if entry is not None else "miss", key[:12])
    if entry is not None:
        # A cached answer is checked like a fresh one: entries live in git and can be edited.
        try:
            answer = check_answer(entry["answer"])
        except AnswerError as exc:
            if settings.cache_mode == "replay":
                raise CacheError(f"{cache.path_for(key)}: invalid cached answer: {exc}") from None
            answer = None
        if answer is not None:
            return Suggestion(answer["title"], tuple(answer["duties"]), answer.get("rationale", ""), "llm",
                              settings.model, cached=True, direction=direction)

    from jdfix.rewriter.llm.answer import parse_answer

    client = _client(settings)
    messages = request["messages"]
    params = request["params"]
    usage: dict[str, Any] = {}
    content: str | None = None
    completion = None
    started = time.monotonic()
    try:
        completion = client.complete(messages, params, ANSWER_SCHEMA)
        usage = completion.usage
        content = completion.content
        answer = parse_answer(completion.content, completion.finish_reason)
    except AnswerError as first:
        repair = [
            *messages,
            {"role": "assistant", "content": content or ""},
            {"role": "user", "content": _prompts(prompts_dir).render("repair.j2", {"error": str(first)})},
        ]
        try:
            completion = client.complete(repair, params, ANSWER_SCHEMA)
            usage = {k: usage.get(k, 0) + v for k, v in completion.usage.items()}
            answer = parse_answer(completion.content, completion.finish_reason)
        except AnswerError as second:
            raise LLMError(f"{settings.shown_base_url} (model {settings.model}): unusable answer after a "
                           f"repair round: {second}") from None
    _log(INFO, "%s: answer from %s in %.2fs (%d attempt%s, %s tokens)", analysis.document.path, settings.model,
             time.monotonic() - started, completion.attempts if completion else 0,
             "" if completion and completion.attempts == 1 else "s", usage.get("total_tokens", "?"))
    cache.store(key, request, answer, usage=usage,
                origin=f"recorded from {settings.shown_base_url} model {settings.model}",
                response_format_used=completion.format_used if completion else None)
    return Suggestion(answer["title"], tuple(answer["duties"]), answer.get("rationale", ""), "llm",
                      settings.model, cached=False, direction=direction)
