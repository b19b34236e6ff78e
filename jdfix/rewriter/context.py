"""What a rewrite needs to ask an LLM, built once per run (kept apart from jdfix.rewriter.llm so
that naming it loads nothing of the LLM side)."""

from __future__ import annotations

from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from jdfix.rewriter.llm.settings import LLMSettings


@dataclass(frozen=True)
class LLMContext:
    """What the LLM path needs: settings, templates and the cache (built once per run)."""

    settings: LLMSettings
    prompts_dir: str | None = None  # None: the bundled templates
