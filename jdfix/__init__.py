"""jdfix: catch job descriptions whose title does not match the work they describe.

The public API:

    >>> import jdfix
    >>> result = jdfix.check(open("draft.md").read(), path="draft.md")
    >>> result.mismatch, result.inferred.family, [f.code for f in result.findings]

`check` runs the rule engine only (no network, no LLM SDK imported). `rewrite` also proposes a
corrected title and duty list (offline from the rule engine, or from an LLM when configured).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jdfix.engine.checker import CheckOptions, Inferred, Result, check
from jdfix.errors import ConfigError, InputError, JdfixError, RoleBookError

if TYPE_CHECKING:
    from jdfix.pipeline import Rewrite

__version__ = "0.1.0"
__all__ = ["CheckOptions", "ConfigError", "Inferred", "InputError", "JdfixError", "Result", "RoleBookError", "__version__",
           "check", "rewrite"]


def rewrite(text: str, *, path: str | None = None, config: Any = None, options: CheckOptions | None = None,
            llm: Any = None) -> Rewrite:
    """Check `text` and, when its title mismatches, suggest, apply and re-check a fix.

    `llm` is None for the rule engine's own offline suggestion, or a `jdfix.pipeline.LLMContext`.
    The returned Rewrite has `.suggestion`, `.diff`, `.verified` and `.to_dict()`.
    """
    from jdfix.pipeline import rewrite_source
    from jdfix.io.sources import Source

    if not isinstance(text, str):
        raise TypeError(f"jdfix.rewrite takes the posting as str, not {type(text).__name__}")
    if options is None:
        from jdfix.io.config import check_options

        options = check_options(config)
    return rewrite_source(Source(path or "<text>", text), options, llm)
