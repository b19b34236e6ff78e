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
from jdfix.pipeline import check, rewrite
from jdfix.version import __version__

__all__ = ["CheckOptions", "ConfigError", "Inferred", "InputError", "JdfixError", "Result", "RoleBookError", "__version__",
           "check", "rewrite"]
