"""The chat client: the openai SDK with its own retries off, and one retry policy (tenacity).

Retried: 429 (honouring Retry-After), 408, 409, 5xx, timeouts and connection errors, with jittered
exponential backoff, a bounded number of attempts and a total deadline. Failed at once, with one
line naming the endpoint and model: 400, 401, 403, 404 and 422 (unless the error is about the
response_format, which moves to the next format).

Structured output is asked for as a strict `json_schema`; a server that rejects it gets
`{"type": "json_object", "schema": ...}`, then plain `json_object`. The downgrade is remembered
per endpoint for the rest of the run.
"""

from __future__ import annotations

import email.utils
import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from jdfix.rewriter.llm.errors import AnswerError, LLMError
from jdfix.rewriter.llm.settings import LLMSettings

FORMATS = ("json_schema", "json_object_schema", "json_object")
RETRY_STATUSES = frozenset({408, 409, 429})
FORMAT_REJECT_STATUSES = frozenset({400, 422, 500, 501})
MAX_RETRY_AFTER = 30.0

# -v shows INFO (retries with their wait, cache hits, timings); --debug shows DEBUG too (each
# request's summary, status, cache key). Messages never carry the key: they go through scrub().
log = logging.getLogger("jdfix.llm")

_downgrades: dict[str, int] = {}
_downgrades_lock = threading.Lock()
_KEY_RE = re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-*]{6,}")
_URL_USER_RE = re.compile(r"://[^/\s@]+@")  # a URL's user name and password


def response_format(kind: str, schema: dict[str, Any]) -> dict[str, Any]:
    if kind == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "jdfix_rewrite", "strict": True, "schema": schema}}
    if kind == "json_object_schema":
        # Servers that take a schema this way (llama.cpp) turn it into a grammar, where size limits
        # keep a small model from rambling until it is cut off. OpenAI's strict mode gets none.
        return {"type": "json_object", "schema": bounded(schema)}
    return {"type": "json_object"}


def bounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The answer schema with the limits a grammar can afford: non-empty strings, 1 to MAX_DUTIES
    duties. No maxLength: llama.cpp spells a maxLength out as one grammar rule per character,
    which took SmolLM2-135M from 16 tokens/s to under 1 and added seconds of grammar set-up to
    each request. Lengths are checked when the answer is validated (with one repair round), and
    max_tokens bounds a rambling answer."""
    from jdfix.rewriter.llm.answer import MAX_DUTIES

    props = dict(schema.get("properties", {}))
    if "title" in props:
        props["title"] = {**props["title"], "minLength": 1}
    if "duties" in props:
        props["duties"] = {**props["duties"], "minItems": 1, "maxItems": MAX_DUTIES,
                           "items": {"type": "string", "minLength": 1}}
    return {**schema, "properties": props}


def scrub(text: str, settings: LLMSettings) -> str:
    """Remove the API key (and anything shaped like one) from a message, and the values of the
    base URL's query: a gateway's `?api-key=...` may come back in an error's body."""
    for secret in (settings.api_key, *settings.url_secrets()):
        if secret:
            text = text.replace(secret, "***")
    return _URL_USER_RE.sub("://***@", _KEY_RE.sub("***", text))


@dataclass(frozen=True, slots=True)
class Completion:
    """What came back from one chat call."""

    content: str | None
    finish_reason: str | None
    usage: dict[str, Any]
    format_used: str
    attempts: int


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


def _about_format(exc: BaseException) -> bool:
    """Whether an error response is the server refusing the response_format (not the request)."""
    body = getattr(exc, "body", None)
    text = json.dumps(body) if body is not None else str(exc)
    return any(word in text.lower() for word in ("response_format", "json_schema", "schema"))


def _retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    status = _status(exc)
    return status is not None and (status in RETRY_STATUSES or status >= 500)


class DeadlineSpent(Exception):
    """The run's deadline for one posting passed before the next attempt. Not the SDK's
    APITimeoutError: building that takes a request object of the SDK's own HTTP library (it reads
    the request's headers), which a request never sent does not have."""


class ChatClient:
    """One endpoint and model, with the retry policy and the format fallback."""

    def __init__(self, settings: LLMSettings) -> None:
        import openai

        self.settings = settings
        self._openai = openai
        self._client = openai.OpenAI(**settings.client_options(), max_retries=0,  # type: ignore[arg-type]
                                     timeout=settings.timeout)

    def _describe(self) -> str:
        return f"{self.settings.shown_base_url} (model {self.settings.model})"

    def complete(self, messages: list[dict[str, str]], params: dict[str, Any], schema: dict[str, Any]) -> Completion:
        """Send one chat request (retrying as the policy says). Raises LLMError or AnswerError."""
        from tenacity import RetryCallState, Retrying, retry_if_exception, wait_random_exponential

        endpoint = self.settings.effective_base_url
        start = time.monotonic()
        deadline = self.settings.deadline
        backoff = wait_random_exponential(multiplier=0.5, max=8.0)
        attempts = 0

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            hinted = _retry_after(exc) if exc else None
            delay = min(hinted, MAX_RETRY_AFTER) if hinted is not None else backoff(state)
            return float(delay)

        def stop(state: RetryCallState) -> bool:
            elapsed = time.monotonic() - start
            upcoming = state.upcoming_sleep or 0.0
            return state.attempt_number >= self.settings.max_attempts or elapsed + upcoming >= deadline

        self._log_request(messages, params)

        def call() -> Completion:
            nonlocal attempts
            while True:
                with _downgrades_lock:
                    level = _downgrades.get(endpoint, 0)
                kind = FORMATS[level]
                remaining = deadline - (time.monotonic() - start)
                if remaining <= 0.2:
                    raise DeadlineSpent
                attempts += 1
                sent = time.monotonic()
                try:
                    response = self._client.chat.completions.create(  # type: ignore[call-overload]
                        model=self.settings.model,
                        messages=messages,
                        response_format=response_format(kind, schema),
                        timeout=min(self.settings.timeout, remaining),
                        **params,
                    )
                except self._openai.APIError as exc:
                    log.debug("attempt %d (%s): %s after %.2fs", attempts, kind,
                              f"HTTP {_status(exc)}" if _status(exc) else type(exc).__name__,
                              time.monotonic() - sent)
                    if not isinstance(exc, self._openai.APIStatusError):
                        raise
                    if (exc.status_code in FORMAT_REJECT_STATUSES and level + 1 < len(FORMATS)
                            and _about_format(exc)):
                        with _downgrades_lock:
                            _downgrades[endpoint] = max(_downgrades.get(endpoint, 0), level + 1)
                        log.info("%s refused response_format %s; trying %s", self._describe(), kind,
                                 FORMATS[level + 1])
                        continue
                    raise
                log.debug("attempt %d (%s): HTTP 200 after %.2fs", attempts, kind, time.monotonic() - sent)
                return self._completion(response, kind, attempts)

        retrying = Retrying(retry=retry_if_exception(_retryable), stop=stop, wait=wait, reraise=True,
                            before_sleep=self._log_retry)
        try:
            return retrying(call)
        except AnswerError:
            raise
        except self._openai.APIStatusError as exc:
            raise LLMError(self._status_message(exc, attempts, time.monotonic() - start)) from None
        except (self._openai.APITimeoutError, self._openai.APIConnectionError, DeadlineSpent) as exc:
            what = "timed out" if isinstance(exc, (self._openai.APITimeoutError, DeadlineSpent)) else "could not connect"
            raise LLMError(f"{self._describe()}: {what} after {attempts} attempt{'s' if attempts != 1 else ''} "
                           f"in {time.monotonic() - start:.1f}s") from None
        except self._openai.OpenAIError as exc:
            raise LLMError(scrub(f"{self._describe()}: {type(exc).__name__}: {exc}", self.settings)) from None

    def _log_request(self, messages: list[dict[str, str]], params: dict[str, Any]) -> None:
        chars = sum(len(m.get("content") or "") for m in messages)
        log.debug("request: POST %s/chat/completions model=%s messages=%d (%d chars) params=%s",
                  self.settings.shown_base_url, self.settings.model, len(messages), chars,
                  json.dumps(params, sort_keys=True))

    def _log_retry(self, state: Any) -> None:
        exc = state.outcome.exception() if state.outcome else None
        why = f"HTTP {_status(exc)}" if exc is not None and _status(exc) else type(exc).__name__
        log.info("%s: %s; retrying in %.1fs (attempt %d of %d)", self._describe(), why,
                 state.upcoming_sleep or 0.0, state.attempt_number + 1, self.settings.max_attempts)

    def _status_message(self, exc: Any, attempts: int, elapsed: float) -> str:
        status = exc.status_code
        detail = ""
        body = getattr(exc, "body", None)
        if isinstance(body, dict):
            err = body.get("error", body)
            detail = str(err.get("message", "") if isinstance(err, dict) else err)
        detail = scrub(" ".join(detail.split())[:200], self.settings)
        hints = {401: "check OPENAI_API_KEY", 403: "the key may not have access to this model",
                 404: "check --base-url and --model", 429: "rate limited"}
        parts = [f"{self._describe()}: HTTP {status}"]
        if detail:
            parts.append(detail)
        if status in hints:
            parts.append(hints[status])
        if _retryable(exc):
            parts.append(f"gave up after {attempts} attempt{'s' if attempts != 1 else ''} in {elapsed:.1f}s")
        return "; ".join(parts)

    def _completion(self, response: Any, kind: str, attempts: int) -> Completion:
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise AnswerError("the endpoint returned no choices")
        choice = choices[0]
        message = getattr(choice, "message", None)
        refusal = getattr(message, "refusal", None)
        if refusal:
            raise AnswerError(f"the model refused: {' '.join(str(refusal).split())[:200]}")
        usage_obj = getattr(response, "usage", None)
        usage: dict[str, Any] = {}
        if usage_obj is not None:
            for name in ("prompt_tokens", "completion_tokens", "total_tokens"):
                value = getattr(usage_obj, name, None)
                if isinstance(value, int):
                    usage[name] = value
        return Completion(getattr(message, "content", None), getattr(choice, "finish_reason", None),
                          usage, kind, attempts)
