"""Writing files: an edited posting, atomically, keeping the file's permissions."""

from __future__ import annotations

import os

from jdfix.errors import JdfixError


class OutputError(JdfixError):
    """An edited posting could not be written; the original is untouched."""


def write_atomic(path: str, text: str, bom: bool = False) -> None:
    """Write `text` to `path` through a temporary file and a rename, keeping the file's permissions.

    A symbolic link is followed, so the link stays a link. Raises OutputError; on any failure the
    file at `path` is exactly as it was.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        # A new file gets the usual mode (0666 less the umask), not mkstemp's 0600.
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    import tempfile  # shutil, bz2, lzma, random: only a run that writes pays for them

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".jdfix-tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
