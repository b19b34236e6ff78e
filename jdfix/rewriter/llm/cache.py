"""The response cache: content-addressed JSON files, one per answer, written atomically.

The key is the SHA-256 of the canonical JSON of everything that shapes an answer (endpoint, model,
messages, sampling and response-format parameters, the schema, the cache format version) and
nothing secret. Entries are readable in a diff, so recorded answers can live in git.

A run answered from the cache does not import the json module (its import compiles seven patterns,
about a sixth of what such a run cost beyond `jdfix check`): each request's key and each entry
read are remembered in the start-up cache folder in marshal form (jdfix.paths), and worked out
with json only the first time.
"""

from __future__ import annotations

import os
import time

from jdfix.paths import blake2b_16, cache_folder, cached_data, load_marshal_table, save_marshal_table, tidy
from jdfix.rewriter.llm.errors import CacheError, CacheMiss

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

CACHE_FORMAT = 1


def canonical(obj: Any) -> str:
    import json

    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def cache_key(request: dict[str, Any]) -> str:
    """The key of a request: hex SHA-256 of its canonical JSON plus the cache format version."""
    # Remembered by the request's repr: equal reprs of JSON values are equal values, so equal keys
    # (a request that differs only in order gets its own entry, the same key).
    memo = blake2b_16(repr(request).encode()).digest()
    known = _known_keys if _known_keys is not None else _load_keys()
    key = known.get(memo) or _learned_keys.get(memo)
    if isinstance(key, str):
        return key
    key = str(_sha256(canonical({"cache_format": CACHE_FORMAT, "request": request}).encode()).hexdigest())
    if not _learned_keys:
        import atexit

        atexit.register(_save_keys)
    _learned_keys[memo] = key
    return key


_known_keys: dict[bytes, str] | None = None
_learned_keys: dict[bytes, str] = {}


def _keys_path() -> str:
    return os.path.join(cache_folder(), "llm-keys", f"format-{CACHE_FORMAT}.marshal")


def _load_keys() -> dict[bytes, str]:
    global _known_keys
    _known_keys = load_marshal_table(_keys_path())
    return _known_keys


# Every run reads the whole table: 4,096 keys took as long to read as the json module to import.
MAX_REMEMBERED_KEYS = 256


def _save_keys() -> None:
    """Add the keys worked out in this run to the table, once, as the process exits."""
    save_marshal_table(_keys_path(), dict(_learned_keys), ".llm-keys-", MAX_REMEMBERED_KEYS)


def _read_entry(path: str) -> Any:
    """The JSON file at `path`, parsed; kept in marshal form for the next run (jdfix.paths.cached_data,
    keyed by the file's path and bytes: entries live in git and are edited, copied and checked out,
    so one can be replaced by another of the same size and time). Raises OSError or ValueError."""

    def parse() -> Any:
        import json

        with open(path, encoding="utf-8") as fh:
            return json.load(fh)

    return cached_data(path, "llm-entries", parse, by_content=True)


def _sha256(data: bytes) -> Any:
    # CPython's built-in SHA-256, as rolebook does for BLAKE2: hashlib loads OpenSSL first (several
    # ms of every cached rewrite). The same digest.
    import importlib

    for module in ("_sha256", "_sha2"):  # Python 3.11; 3.12 and later
        try:
            return importlib.import_module(module).sha256(data)
        except ImportError:
            continue
    import hashlib  # pragma: no cover - other Python implementations

    return hashlib.sha256(data)  # pragma: no cover


class ResponseCache:
    """Answers by key under `root`, in mode use | refresh | off | replay."""

    def __init__(self, root: str | os.PathLike[str], mode: str = "use") -> None:
        if mode not in ("use", "refresh", "off", "replay"):
            raise CacheError(f"unknown cache mode {mode!r} (use, refresh, off or replay)")
        # A string (os.path), not a Path: see jdfix.rewriter.llm.settings.default_cache_dir.
        self.root = tidy(os.fspath(root))
        self.mode = mode

    def path_for(self, key: str) -> str:
        return tidy(os.path.join(self.root, key[:2], f"{key}.json"))

    def ensure_writable(self) -> None:
        """Fail before any request is paid for when answers could not be stored. Raises CacheError."""
        if self.mode in ("off", "replay"):
            return
        try:
            os.makedirs(self.root, exist_ok=True)
            # A file of this process's own, made and removed (tempfile, with its imports, is loaded
            # only when an answer is stored: a run served from the cache writes nothing).
            probe = os.path.join(self.root, f".probe-{os.getpid()}")
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            os.unlink(probe)
        except OSError as exc:
            raise CacheError(f"cannot write the cache at {self.root}: {exc.strerror or exc}") from None

    def lookup(self, key: str) -> dict[str, Any] | None:
        """The entry for `key`, or None when it must be fetched. Raises CacheMiss in replay mode."""
        if self.mode in ("off", "refresh"):
            return None
        path = self.path_for(key)
        try:
            entry = _read_entry(path)
            if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT or "answer" not in entry:
                raise ValueError("not a cache entry of this format")
            return dict(entry)
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            if self.mode == "replay":
                raise CacheError(f"{path}: unreadable cache entry ({exc})") from None
        if self.mode == "replay":
            raise CacheMiss(key)
        return None

    def store(self, key: str, request: dict[str, Any], answer: dict[str, Any], *,
              usage: dict[str, Any] | None = None, origin: str = "",
              response_format_used: str | None = None) -> str | None:
        """Write an entry atomically (temp file + rename). Returns its path, or None when mode is off."""
        if self.mode in ("off", "replay"):
            return None
        entry = {
            "format": CACHE_FORMAT,
            "key": key,
            "origin": origin,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "request": request,
            "answer": answer,
            "usage": usage or {},
            "response_format_used": response_format_used,
        }
        path = self.path_for(key)
        try:
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
            import json
            import tempfile

            fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(entry, fh, ensure_ascii=False, indent=2, sort_keys=True)
                    fh.write("\n")
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            raise CacheError(f"cannot write the cache at {self.root}: {exc.strerror or exc}") from None
        return path
