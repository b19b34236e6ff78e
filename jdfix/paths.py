"""Where jdfix keeps its files. Shared by the rule engine and the LLM side, importing neither."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """`$JDFIX_CACHE_DIR`, else `$XDG_CACHE_HOME/jdfix`, else `~/.cache/jdfix`."""
    env = os.environ.get("JDFIX_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "jdfix" if xdg else Path.home() / ".cache" / "jdfix"
