"""jdfix: catch job descriptions whose title does not match the work they describe.

The public API:

    >>> import jdfix
    >>> result = jdfix.check(open("draft.md").read(), path="draft.md")
    >>> result.mismatch, result.inferred.family, [f.code for f in result.findings]

`check` runs the rule engine only (no network, no LLM SDK imported). `rewrite` also proposes a
corrected title and duty list (offline from the rule engine, or from an LLM when configured).
"""

from __future__ import annotations

from jdfix.engine.checker import CheckOptions, Inferred, Result
from jdfix.errors import ConfigError, InputError, JdfixError, RoleBookError
from jdfix.version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from jdfix.pipeline import check, rewrite


def __getattr__(name: str) -> Any:
    # The pipeline (and the rewriter it brings) loads on first use of jdfix.check or
    # jdfix.rewrite: the CLI imports this package for every command, and `jdfix check` needs neither.
    if name in ("check", "rewrite"):
        from jdfix import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'jdfix' has no attribute {name!r}")


__all__ = ["CheckOptions", "ConfigError", "Inferred", "InputError", "JdfixError", "Result", "RoleBookError", "__version__",
           "check", "rewrite"]
