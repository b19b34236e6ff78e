"""Where jdfix keeps its files. Shared by the rule engine and the LLM side, importing neither."""

from __future__ import annotations

import os

from jdfix.errors import JdfixError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from hashlib import blake2b
    from pathlib import Path
    from typing import Any

# The rule engine's paths are strings (os.path): importing pathlib (and the urllib.parse and
# ipaddress it brings) was about 4 ms of every one-file check.


def cache_folder() -> str:
    """`$JDFIX_CACHE_DIR`, else `$XDG_CACHE_HOME/jdfix`, else `~/.cache/jdfix`."""
    env = os.environ.get("JDFIX_CACHE_DIR")
    if env:
        return env
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg, "jdfix") if xdg else os.path.join(os.path.expanduser("~"), ".cache", "jdfix")


def cache_dir() -> Path:
    """`cache_folder()` as a Path."""
    from pathlib import Path

    return Path(cache_folder())


def tidy(path: str) -> str:
    """`path` as pathlib writes it ("a//b/./c/" is "a/b/c", "" is "."): the LLM side's folders are
    strings now, and its messages name them as they did when they were Paths."""
    if os.name != "posix":  # pragma: no cover - pathlib's rules for drives and UNC shares
        from pathlib import Path

        return str(Path(path))
    root = "//" if path.startswith("//") and not path.startswith("///") else "/" if path.startswith("/") else ""
    return root + "/".join(p for p in path.split("/") if p and p != ".") or "."


def marshal_bytes(data: Any) -> bytes:
    """`data` in marshal form, followed by a CRC-32 of it (see unmarshal_bytes)."""
    import marshal
    from zlib import crc32

    body = marshal.dumps(data)
    return body + crc32(body).to_bytes(4, "little")


def unmarshal_bytes(raw: bytes) -> Any:
    """What marshal_bytes wrote. Raises ValueError when the CRC-32 does not match: marshal reads a
    changed byte as valid data (another answer, key or prompt), and a changed length can make it
    allocate gigabytes, so a damaged copy is never given to it."""
    import marshal
    from zlib import crc32

    body = raw[:-4]
    if len(raw) < 4 or crc32(body).to_bytes(4, "little") != raw[-4:]:
        raise ValueError("damaged marshal data")
    return marshal.loads(body)


def write_marshal(path: str, data: Any, prefix: str) -> None:
    """`data` written to `path` in marshal_bytes form, atomically (a temporary file named with
    `prefix` in the same folder, made if missing, then renamed; removed if anything fails).
    Raises OSError, or ValueError for data marshal cannot hold: callers in the cache folder ignore
    both, as a cache that cannot be written only costs speed."""
    import tempfile

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal_bytes(data))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def load_marshal_table(path: str) -> dict[Any, Any]:
    """The dict kept in marshal form at `path`: empty when the file is missing, unreadable, damaged or not a dict."""
    try:
        with open(path, "rb") as fh:
            data = unmarshal_bytes(fh.read())  # marshal.load(fh) reads the file in tiny pieces
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


MAX_TABLE_ENTRIES = 4096  # a table grows by what each jdfix version and role book adds; past this it starts again


def save_marshal_table(path: str, new: dict[Any, Any], prefix: str, limit: int = MAX_TABLE_ENTRIES) -> None:
    """Add `new` to the table at `path` (read again, so what other processes added stays), written
    atomically; a table grown past `limit` entries (entries of earlier versions, other role
    books) is replaced by `new`, or by its last `limit` entries. A folder that cannot be written
    only costs speed."""
    try:
        table = load_marshal_table(path)
        if len(table) + len(new) > limit:
            table = {}
        table.update(list(new.items())[-limit:])
        write_marshal(path, table, prefix)
    except (OSError, ValueError):
        pass


def read_toml(path: str | os.PathLike[str], error: type[JdfixError]) -> dict[str, Any]:
    """A TOML file as a dict. Raises `error` with one line naming the file and the problem."""
    import tomllib  # only when a file is read: a cached role book needs no TOML

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None


def blake2b_16(data: bytes = b"") -> blake2b:
    """A BLAKE2b hash with a 16-byte digest, the cache folder's keys: from CPython's built-in
    module, as hashlib would load OpenSSL first (~2.5 ms of every start-up)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Python implementations
        from hashlib import blake2b
    return blake2b(data, digest_size=16)


def text_key(text: str) -> str:
    """The hex digest of `text`, a cache key (a path in it that is not UTF-8 keeps its bytes)."""
    return blake2b_16(text.encode("utf-8", "surrogateescape")).hexdigest()


def cached_data(source: str, kind: str, build: Callable[[], Any], by_content: bool = False) -> Any:
    """`build()` (plain data read from `source`), kept in the cache folder in marshal form: keyed by
    the file's path, size and modification time (with `by_content`, its bytes instead) and by the
    Python (marshal's format is its own), it is read back in one call instead of parsed again. A
    cache that cannot be read or written, or a damaged copy, only costs speed; errors of `build`
    propagate."""
    import sys

    cached: str | None = None
    try:
        if by_content:
            # A file that can be replaced by one of the same size and modification time (`cp -p`,
            # `tar x`, an edit then `touch -r`, two writes within one clock tick) is known by its bytes.
            with open(source, "rb") as fh:
                stamp = blake2b_16(fh.read()).hexdigest()
        else:
            st = os.stat(source)
            stamp = f"{st.st_size}|{st.st_mtime_ns}"
        key = f"{sys.implementation.cache_tag}|{os.path.realpath(source)}|{stamp}"
        cached = os.path.join(cache_folder(), kind, f"{text_key(key)}.marshal")
        with open(cached, "rb") as fh:
            return unmarshal_bytes(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    if cached is None:
        return data
    try:
        write_marshal(cached, data, f".{kind}-")
    except (OSError, ValueError):
        pass
    return data
