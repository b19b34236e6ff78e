"""jdfix: catch job descriptions whose title does not match the work they describe.

The public API:

    >>> import jdfix
    >>> result = jdfix.check(open("draft.md").read(), path="draft.md")
    >>> result.mismatch, result.inferred.family, [f.code for f in result.findings]

`check` runs the rule engine only (no network, no LLM SDK imported). `rewrite` also proposes a
corrected title and duty list (offline from the rule engine, or from an LLM when configured).
"""

from __future__ import annotations

from jdfix.errors import ConfigError, InputError, JdfixError, RoleBookError
from jdfix.version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from jdfix.engine.checker import CheckOptions, Inferred, Result
    from jdfix.pipeline import check, rewrite


def __getattr__(name: str) -> Any:
    # The rule engine loads on first use of its names, and the pipeline (with the rewriter it
    # brings) on first use of jdfix.check or jdfix.rewrite: the CLI imports this package for
    # every command, and sets up the process (its collector's threshold) before the engine loads.
    if name in ("CheckOptions", "Inferred", "Result"):
        from jdfix.engine import checker

        value = getattr(checker, name)
    elif name in ("check", "rewrite"):
        from jdfix import pipeline

        value = getattr(pipeline, name)
    else:
        raise AttributeError(f"module 'jdfix' has no attribute {name!r}")
    globals()[name] = value  # once looked up, a plain attribute
    return value


__all__ = ["CheckOptions", "ConfigError", "Inferred", "InputError", "JdfixError", "Result", "RoleBookError", "__version__",
           "check", "rewrite"]
