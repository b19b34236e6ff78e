"""Where jdfix keeps its files. Shared by the rule engine and the LLM side, importing neither."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jdfix.errors import JdfixError


def cache_dir() -> Path:
    """`$JDFIX_CACHE_DIR`, else `$XDG_CACHE_HOME/jdfix`, else `~/.cache/jdfix`."""
    env = os.environ.get("JDFIX_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "jdfix" if xdg else Path.home() / ".cache" / "jdfix"


def read_toml(path: Path, error: type[JdfixError]) -> dict[str, Any]:
    """A TOML file as a dict. Raises `error` with one line naming the file and the problem."""
    import tomllib  # only when a file is read: a cached role book needs no TOML

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
