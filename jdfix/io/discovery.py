"""Which files of a folder are postings: `.gitignore`, hidden and vendored folders, and excludes.

As ruff does: a folder walk skips what git ignores (each `.gitignore` on the way, from the top of
the repository down), hidden files and folders, vendored folders (`node_modules`, `venv`, ...) and
the `exclude` globs (default: the vendored folders and the usual repository documents such as
README.md); `extend-exclude` adds to them. A file named on the command line is always read.

A glob without a slash matches any file or folder of that name (`drafts-old`, `*.tmp.md`); one
with a slash matches the path relative to the folder it was given in (the configuration file's
folder, or the working folder for flags), where `**` spans folders.
"""

from __future__ import annotations

import os

from jdfix.memo import memo
from jdfix.records import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable, Sequence

VENDORED = ("node_modules", "bower_components", "vendor", "venv", "site-packages", "__pypackages__",
            "__pycache__", "_build", "buck-out", "dist")
REPOSITORY_DOCUMENTS = ("README*", "CHANGELOG*", "CHANGES*", "LICENSE*", "LICENCE*", "COPYING*",
                        "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "NOTICE*")
DEFAULT_EXCLUDE = VENDORED + REPOSITORY_DOCUMENTS


class Walked(str):
    """A path found by walking a folder (not named by the user): one that is not a posting is
    skipped with a note rather than failing the run."""

    __slots__ = ()


@memo(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-style glob as a regex over a '/'-separated path: `*` within a name, `**` across.
    re.compile, not regex(): a user's globs would stay in the cache file. Imported here: a check of
    files named on the command line matches no glob, and imports no re."""
    import re

    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:end]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class Exclude:
    """Glob patterns: a name (no slash) matches a file or folder of that name anywhere; a pattern
    with a slash is absolute (the CLI anchors relative ones where they were written)."""

    patterns: tuple[str, ...]
    base: str = ""

    def matches(self, path: str) -> bool:
        name = os.path.basename(path.rstrip(os.sep))
        full = os.path.abspath(path).replace(os.sep, "/")
        for pattern in self.patterns:
            pattern = pattern.rstrip("/")
            target = name if "/" not in pattern else full
            if _glob_regex(pattern).match(target):
                return True
        return False


@dataclass
class _Rule:
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool
    anchored: bool


def _read_gitignore(folder: str) -> list[_Rule]:
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return []
    rules = []
    for line in lines:
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        line = line.replace("\\#", "#").replace("\\!", "!")
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        rules.append(_Rule(_glob_regex(line.lstrip("/")), negate, dir_only, anchored))
    return rules


@dataclass
class GitIgnore:
    """The `.gitignore` files from the repository's top folder down to the folders walked."""

    levels: dict[str, list[_Rule]] = field(default_factory=dict)

    def rules_for(self, folder: str) -> list[_Rule]:
        if folder not in self.levels:
            self.levels[folder] = _read_gitignore(folder)
        return self.levels[folder]

    def ignored(self, path: str, is_dir: bool, folders: Sequence[str]) -> bool:
        """Whether git ignores `path`, given the folders (top first) whose .gitignore apply."""
        verdict = False
        for folder in folders:
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            if rel.startswith(".."):
                continue
            for rule in self.rules_for(folder):
                if rule.dir_only and not is_dir:
                    continue
                target = rel if rule.anchored else rel.rsplit("/", 1)[-1]
                if rule.regex.match(target):
                    verdict = not rule.negate
        return verdict


def repository_folders(start: str) -> list[str]:
    """The folders from the git top level (the nearest parent with `.git`) down to `start`."""
    here = os.path.abspath(start)
    chain = [here]
    folder = here
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return [here]  # not in a repository: only the .gitignore files inside the walk count
        folder = parent
        chain.append(folder)
    return list(reversed(chain))


def walk(top: str, exclude: Exclude) -> Iterable[str]:
    """The files under `top` that are not hidden, ignored by git or excluded, sorted, recursively."""
    gitignore = GitIgnore()
    above = repository_folders(top)[:-1]

    def inner(folder: str, chain: list[str]) -> Iterable[str]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        chain = [*chain, os.path.abspath(folder)]
        for entry in entries:
            if entry.name.startswith("."):
                continue
            is_dir = entry.is_dir(follow_symlinks=False)  # as os.walk: a linked folder is not entered
            full = os.path.join(folder, entry.name)
            if exclude.matches(full) or gitignore.ignored(os.path.abspath(full), is_dir, chain):
                continue
            if is_dir:
                yield from inner(full, chain)
            elif entry.is_file():
                yield full

    yield from inner(top, above)
