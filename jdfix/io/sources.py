"""Reading postings from the file system and stdin: paths, folders, decoding. I/O lives here.

Text must be UTF-8 (a BOM is accepted and remembered). Other encodings are refused with a clear
error rather than guessed, so nothing is silently mangled when a posting is written back.
"""

from __future__ import annotations

import errno
import os
import stat

from jdfix.errors import InputError
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from jdfix.io.discovery import Exclude

POSTING_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".json")
MAX_BYTES = 4 * 1024 * 1024
STDIN_NAME = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """The text of one posting and where it came from."""

    path: str
    text: str
    bom: bool = False
    format: str = "markdown"  # markdown | html | json: only Markdown is written back in place
    # For text converted from HTML: the original file's line of each line of `text` (index =
    # line - 1). None for Markdown (its own lines) and for JSON (fields have no lines of their own).
    line_map: tuple[int, ...] | None = None


def decode(data: bytes, path: str) -> Source:
    """Decode the bytes of a posting. Raises InputError for empty, binary or non-UTF-8 data."""
    if len(data) > MAX_BYTES:
        raise InputError(path, f"file too large (over {MAX_BYTES // 1_048_576} MiB; a posting may be at most "
                               f"{MAX_BYTES // 1_048_576} MiB)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "UTF-16 text; convert it to UTF-8 first, e.g. iconv -f utf-16 -t utf-8")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not a text posting")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None
    if not text.strip():
        if path == STDIN_NAME:
            raise InputError(path, "standard input is empty: nothing to check (pipe a posting in, or name a file)")
        raise InputError(path, "empty file: nothing to check")
    return Source(path, text, bom)


def read_path(path: str) -> Source:
    """Read one posting file. Raises InputError with a one-line reason."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or a device would block or never end; a folder is walked by expand_paths.
            kind = "a directory" if os.path.isdir(path) else "not a regular file"
            raise InputError(path, kind if kind != "a directory" else "is a directory")
        with open(path, "rb") as fh:
            # At most MAX_BYTES + 1 bytes, asked for as the size the file has: read(n) first makes
            # a buffer of n bytes, and one of 4 MiB per posting (mapped, then shrunk and unmapped)
            # cost more than reading a posting. A file grown since the stat reads on.
            want = min(st.st_size, MAX_BYTES) + 1
            data = fh.read(want)
            if len(data) == want and want <= MAX_BYTES:
                data += fh.read(MAX_BYTES + 1 - want)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, "dangling symbolic link") from None
        raise InputError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except InputError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        raise InputError(path, exc.strerror or str(exc)) from None
    return decode(data, path)


def read_postings(path: str, input_format: str = "auto", data: bytes | None = None) -> list[Source]:
    """Every posting in a file (a JSON file may hold several), as Markdown. Raises InputError."""
    from jdfix.io.formats import detect, postings_in

    source = decode(data, path) if data is not None else read_path(path)
    fmt = detect(path, source.text) if input_format == "auto" else input_format
    if fmt == "markdown":
        return [source]
    return [Source(name, text, False, fmt, lines) for name, text, lines in postings_in(path, source.text, fmt)]


def expand_paths(paths: list[str], exclude: Exclude | None = None,
                 force_exclude: bool = False) -> Iterator[str | InputError]:
    """Yield posting paths in order: files as given, folders walked recursively (sorted), skipping
    what jdfix.io.discovery says (git-ignored, hidden, vendored, excluded); those found by a walk
    are `Walked` paths.

    A path that does not exist is yielded as an InputError so the caller can report it and go on.
    With `force_exclude`, files named directly are excluded too (for pre-commit, which names them).
    """
    from jdfix.io.discovery import DEFAULT_EXCLUDE, Exclude, Walked, walk

    if exclude is None:
        exclude = Exclude(DEFAULT_EXCLUDE, os.getcwd())
    stdin_seen = False
    for p in paths:
        if p == STDIN_NAME:
            if not stdin_seen:  # standard input can be read once
                stdin_seen = True
                yield p
        elif os.path.isdir(p):
            found = False
            for full in walk(p, exclude):
                if full.lower().endswith(POSTING_SUFFIXES):
                    found = True
                    yield Walked(full)
            if not found:
                yield InputError(p, f"no postings ({', '.join(POSTING_SUFFIXES)}) in this folder")
        elif os.path.exists(p) or os.path.islink(p):
            if not (force_exclude and exclude.matches(p)):
                yield p
        elif any(c in p for c in "*?["):
            # A quoted glob ("postings/**/*.md"), expanded here as a shell would.
            import glob

            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(p, "no file matches this pattern")
            for m in matches:
                if os.path.isdir(m):
                    yield from expand_paths([m], exclude)
                elif os.path.isfile(m):
                    yield m
        else:
            yield InputError(p, "no such file or directory")


