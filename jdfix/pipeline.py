"""The main job: check a posting, get a suggestion (LLM or rules), apply it, re-check it, diff it.

Every suggestion is run back through the rule engine: `verified` says whether the edited posting
still mismatches, and a rewrite that still does is reported as such, never as a fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdfix.engine.checker import CheckOptions, Result, check_source
from jdfix.edit.apply import EditResult, apply, unified_diff
from jdfix.io.sources import Source
from jdfix.rewriter.suggestion import Suggestion, rules_suggestion


@dataclass(frozen=True)
class Rewrite:
    """A checked posting with its suggestion, the edited text, the diff and the re-check."""

    result: Result
    source: Source
    suggestion: Suggestion | None = None
    edit: EditResult | None = None
    diff: str = ""
    after: Result | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def verified(self) -> bool | None:
        """True when the edited posting no longer mismatches; None when nothing was suggested."""
        if self.after is None:
            return None
        return not self.after.mismatch

    def to_dict(self) -> dict[str, Any]:
        data = self.result.to_dict()
        if self.result.error is not None:
            return data
        if self.suggestion is not None:
            suggestion: dict[str, Any] = {**self.suggestion.to_dict(), "verified": self.verified,
                                          "dropped": list(self.suggestion.dropped)}
            if self.after is not None and self.after.mismatch:
                suggestion["remaining"] = [f.to_dict() for f in self.after.failing if f.about_title]
            data["suggestion"] = suggestion
        else:
            data["suggestion"] = None
        data["diff"] = self.diff
        return data


@dataclass(frozen=True)
class LLMContext:
    """What the LLM path needs: settings, templates and the cache (built once per run)."""

    settings: Any  # jdfix.rewriter.llm.settings.LLMSettings
    prompts_dir: Path | None = None


def rewrite_source(source: Source, options: CheckOptions, llm: LLMContext | None = None) -> Rewrite:
    """Check one posting and, when its title mismatches, suggest, apply and verify a fix.

    Raises JdfixError subclasses for LLM, cache or prompt failures.
    """
    result = check_source(source, options)
    if not result.mismatch or result.analysis is None:
        return Rewrite(result, source)
    analysis = result.analysis
    notes: list[str] = []
    suggestion: Suggestion | None
    if llm is not None and llm.settings.enabled:
        from jdfix.rewriter.llm.suggest import llm_suggestion

        suggestion = llm_suggestion(analysis, result.findings, llm.settings, llm.prompts_dir)
    else:
        suggestion = rules_suggestion(analysis, result.findings)
    if suggestion is None:
        return Rewrite(result, source, notes=tuple(notes))
    edit = apply(analysis.document, suggestion.title, list(suggestion.duties))
    if edit.duties_untouched_reason:
        notes.append(edit.duties_untouched_reason)
    after = check_source(Source(source.path, edit.text, source.bom), options)
    # The diff is of the bytes on disk, BOM included, so it applies with patch.
    bom = "\ufeff" if source.bom else ""
    diff = unified_diff(source.path, bom + source.text, bom + edit.text)
    return Rewrite(result, source, suggestion, edit, diff, after, tuple(notes))
