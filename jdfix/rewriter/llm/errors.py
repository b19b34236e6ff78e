"""Errors of the LLM side, all JdfixErrors so the CLI turns them into one line and exit code 2."""

from __future__ import annotations

from jdfix.errors import JdfixError


class LLMError(JdfixError):
    """The endpoint failed, refused, or kept answering with something unusable."""


class AnswerError(LLMError):
    """An answer that does not parse or validate; the message says what is wrong."""


class CacheMiss(JdfixError):
    """Replay mode found no recorded answer for a request."""

    def __init__(self, key: str) -> None:
        super().__init__(f"no cached answer for key {key} (cache mode is replay, so nothing was sent)")
        self.key = key


class CacheError(JdfixError):
    """The cache directory cannot be read or written."""
