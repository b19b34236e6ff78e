"""Reading postings from the file system and stdin: paths, folders, decoding. I/O lives here.

Text must be UTF-8 (a BOM is accepted and remembered). Other encodings are refused with a clear
error rather than guessed, so nothing is silently mangled when a posting is written back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from jdfix.errors import InputError

POSTING_SUFFIXES = (".md", ".markdown", ".txt")
MAX_BYTES = 4 * 1024 * 1024
STDIN_NAME = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """The text of one posting and where it came from."""

    path: str
    text: str
    bom: bool = False


def decode(data: bytes, path: str) -> Source:
    """Decode the bytes of a posting. Raises InputError for empty, binary or non-UTF-8 data."""
    if len(data) > MAX_BYTES:
        raise InputError(
            path, f"file too large ({len(data) / 1_048_576:.1f} MiB; a posting may be at most "
            f"{MAX_BYTES // 1_048_576} MiB)"
        )
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
        raise InputError(path, "empty file: nothing to check")
    return Source(path, text, bom)


def read_path(path: str) -> Source:
    """Read one posting file. Raises InputError with a one-line reason."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, "dangling symbolic link") from None
        raise InputError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    return decode(data, path)


def expand_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Yield posting paths in order: files as given, folders walked recursively (sorted).

    A path that does not exist is yielded as an InputError so the caller can report it and go on.
    """
    for p in paths:
        if p == STDIN_NAME:
            yield p
        elif os.path.isdir(p):
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(POSTING_SUFFIXES) and not name.startswith("."):
                        found = True
                        yield os.path.join(root, name)
            if not found:
                yield InputError(p, f"no postings ({', '.join(POSTING_SUFFIXES)}) in this folder")
        elif os.path.exists(p) or os.path.islink(p):
            yield p
        else:
            yield InputError(p, "no such file or directory")


