"""The composed flow: read (io) -> check (engine) -> suggest (rewriter) -> apply (edit) -> re-check.

The Python API (`jdfix.check`, `jdfix.rewrite`) and the CLI both call these functions.

Every suggestion is run back through the rule engine: `verified` says whether the edited posting
still mismatches, and a rewrite that still does is reported as such, never as a fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jdfix.edit.apply import EditResult, apply, unified_diff
from jdfix.engine.checker import CheckOptions, Result, check_text
from jdfix.errors import InputError
from jdfix.io.config import check_options
from jdfix.io.sources import Source
from jdfix.rewriter.context import LLMContext
from jdfix.rewriter.suggestion import Suggestion, rules_suggestion

__all__ = ["LLMContext", "Rewrite", "check", "check_source", "rewrite", "rewrite_source"]


DEFAULT_OPTIONS = CheckOptions()


def check_source(source: Source, options: CheckOptions = DEFAULT_OPTIONS) -> Result:
    """Check one posting read by jdfix.io.sources. Raises RoleBookError or ConfigError for a broken setup."""
    return check_text(source.text, source.path, options, source.line_map)


def check(text: str, *, path: str | None = None, config: Any = None, options: CheckOptions | None = None) -> Result:
    """Check the text of one posting and return its Result (`.mismatch`, `.title`, `.inferred.family`,
    `.findings`, `.to_dict()` equal to the JSON result).

    `config` is a `jdfix.io.config.Config` (e.g. `load_config()`) or a dict of the same keys as
    jdfix.toml; `options` (CheckOptions) wins over it. Raises TypeError unless `text` is a str
    (decode bytes first: postings must be UTF-8), ConfigError for a bad configuration.
    """
    if not isinstance(text, str):
        raise TypeError(f"jdfix.check takes the posting as str, not {type(text).__name__}")
    if options is None:
        options = check_options(config)
    from jdfix.io.formats import detect, postings_in  # HTML/JSON parsing: loaded only when asked for

    name = path or "<text>"
    fmt = detect(name, text) if options.input_format == "auto" else options.input_format
    if fmt != "markdown":
        postings = postings_in(name, text, fmt)
        if len(postings) != 1:
            raise InputError(name, f"{len(postings)} postings in one text: check them one by one "
                                   "(jdfix.io.sources.read_postings splits them)")
        return check_source(Source(postings[0][0], postings[0][1], False, fmt, postings[0][2]), options)
    return check_source(Source(name, text), options)


def rewrite(text: str, *, path: str | None = None, config: Any = None, options: CheckOptions | None = None,
            llm: LLMContext | None = None) -> Rewrite:
    """Check `text` and, when its title mismatches, suggest, apply and re-check a fix.

    `llm` is None for the rule engine's own offline suggestion, or a `jdfix.pipeline.LLMContext`.
    The returned Rewrite has `.suggestion`, `.diff`, `.verified` and `.to_dict()`.
    """
    if not isinstance(text, str):
        raise TypeError(f"jdfix.rewrite takes the posting as str, not {type(text).__name__}")
    if options is None:
        options = check_options(config)
    return rewrite_source(Source(path or "<text>", text), options, llm)


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
