"""Regular expressions compiled once per Python, not once per run.

Python compiles a pattern in pure Python on every start (re's cache lives in the process), and
jdfix's patterns (the title word lists, the pay amounts, the Markdown blocks) took a fifth of a
one-file `jdfix check`. `regex()` keeps what the compiler produced for each pattern in one file
in the cache folder and builds the pattern from it with `_sre.compile`, as `re` itself does.

That is CPython's internal interface, so it is used with care: the file is keyed by the
interpreter (its cache tag, version, `_sre.MAGIC` and byte order); a compiled form is only kept after the
pattern built from it compared equal to `re.compile`'s (a Pattern compares its code); and on any
surprise (another Python, a damaged file, an unwritable folder) `regex()` is `re.compile`.

`re` itself is imported only when a pattern must be compiled (a pattern not in the file yet):
importing it (with enum and re's own modules) was ~11M of the ~161M instructions of a one-file
check (callgrind, CPython 3.11). So the flags modules pass are plain ints here, and `escape()` is
`re.escape` without `re`. (The `jdfix` launcher that pip 23 writes imports re before jdfix; a current pip's does not.)

Each pattern's code is kept as bytes (its 32-bit words), made a list only when the pattern is
asked for: as lists of ints, reading the table (some 20,000 ints, most of them for patterns a
run never asks for) was 5% of a one-file check.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re
    from typing import Any

# re's flag values (re.RegexFlag), as plain ints: they are part of the pattern language, fixed
# since Python 2, and tests/test_regexes.py compares them with re's.
IGNORECASE = 2
MULTILINE = 8
DOTALL = 16
VERBOSE = 64

# What re.escape puts a backslash before (re._special_chars_map).
_SPECIAL_CHARS = {i: "\\" + chr(i) for i in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}

try:
    # Loaded by name: it is an interpreter internal, with no type stubs. __import__, not
    # importlib.import_module: importing importlib (and the warnings it brings) was 1% of a check.
    _sre: Any = __import__("_sre")
    # The code words go through memoryview.cast("I"): they must be its unsigned ints.
    if _sre.CODESIZE != memoryview(b"\0\0\0\0").cast("I").itemsize:  # pragma: no cover
        _sre = None
except (ImportError, AttributeError):  # pragma: no cover - other Python implementations
    _sre = None


def escape(text: str) -> str:
    """`re.escape(text)`, without importing re."""
    return text.translate(_SPECIAL_CHARS)


def group_1(m: re.Match[str]) -> str:
    """`pattern.sub(group_1, text)` is `pattern.sub(r"\1", text)` for a group that always takes
    part: _sre hands a template with a backslash to re to read, which imports re."""
    return m.group(1)


def find_word(text: str, literal: str, not_before: str = "") -> int:
    r"""Where `re.search(r"(?<![\w" + not_before + r"])" + escape(literal) + r"(?!\w)", text)` would
    match, or -1. For a literal a posting supplies (a company's name): through regex() each would
    stay in the cache file, and through re.compile each run would import re. A str pattern's `\w`
    is `isalnum()` or "_" (tests/test_regexes.py compares them over all of Unicode)."""
    end = len(literal)
    at = text.find(literal)
    while at != -1:
        before = text[at - 1] if at else ""
        after = text[at + end] if at + end < len(text) else ""
        if not (before and (before.isalnum() or before == "_" or before in not_before)) and not (
                after and (after.isalnum() or after == "_")):
            return at
        at = text.find(literal, at + 1)
    return -1

# The only characters outside ASCII that a pattern ignoring case takes for an ASCII letter and
# that str.lower() does not turn into that letter: İ and ı for "i", ſ for "s" (the Kelvin sign
# lowercases to "k"). tests/test_regex_prechecks.py checks this over all of Unicode.
ASCII_TWINS = ("\u0130", "\u0131", "\u017f")


def lowered_unless_twins(text: str) -> str | None:
    """`text.lower()`, where a pattern of ASCII words ignoring case can match only where the lowered
    text holds the words in lower case, at the same place; None for a text with one of ASCII_TWINS
    (the only characters for which that fails; İ is also the only one that lowercases to two)."""
    if not text.isascii() and any(c in text for c in ASCII_TWINS):
        return None
    return text.lower()


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only where a pattern ignoring case that needs one of the lowercase ASCII `words` cannot
    match `text`: a few C-level substring tests instead of the regex engine's walk over the text."""
    low = lowered_unless_twins(text)
    return low is None or any(w in low for w in words)

# (pattern, flags) -> the arguments of _sre.compile after the pattern, the code as bytes
_Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_known: dict[tuple[str, int], _Compiled] | None = None
_learned: dict[tuple[str, int], _Compiled] = {}


def regex(pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the compiled form kept in the cache folder when there is one.
    With `keep=False` a pattern the file lacks is compiled but not added to it: for one-off patterns
    (one per posting), which would grow the file that every run reads."""
    flags = int(flags)
    if _sre is None:
        import re

        return re.compile(pattern, flags)
    known = _known if _known is not None else _load()
    args = known.get((pattern, flags))
    if args is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = args
            return _sre.compile(pattern, final_flags, memoryview(code).cast("I").tolist(),  # type: ignore[no-any-return]
                                groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - a damaged entry: compile it as re does
            pass
    import re  # only now: a pattern the file does not hold yet

    compiled = re.compile(pattern, flags)
    if keep:
        _learn(pattern, flags, compiled)
    return compiled


def _path() -> str:
    from jdfix.paths import cache_folder

    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}-{sys.byteorder}"
    # "-2": the first files could hold thousands of one-off patterns (title_quality built one
    # pattern in a hash-seeded order); a new name leaves them unread. "-3": the code as bytes.
    return os.path.join(cache_folder(), "regex", f"{tag}-3.marshal")


def _load() -> dict[tuple[str, int], _Compiled]:
    global _known
    from jdfix.paths import load_marshal_table

    _known = load_marshal_table(_path())
    return _known


def _learn(pattern: str, flags: int, compiled: re.Pattern[str]) -> None:
    """Keep the compiled form of `pattern` (written when the process exits), if building the
    pattern from it gives what re.compile gave."""
    try:
        # re imported both (regex() imported re); by name, as they have no type stubs.
        _compiler: Any = sys.modules["re._compiler"]
        _parser: Any = sys.modules["re._parser"]
        parsed = _parser.parse(pattern, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        # The code holds re's named constants (int subclasses); as bytes, plain words.
        code = b"".join(int(word).to_bytes(_sre.CODESIZE, sys.byteorder) for word in _compiler._code(parsed, flags))
        args: _Compiled = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
                           tuple(indexgroup))
        if _sre.compile(pattern, args[0], memoryview(code).cast("I").tolist(), *args[2:]) != compiled:
            return
    except Exception:  # noqa: BLE001 - another re: compile as re does, keep nothing
        return
    if not _learned:
        import atexit

        atexit.register(_save)
    _learned[(pattern, flags)] = args


def _save() -> None:
    """Add the patterns compiled in this run to the file (atomically; an unwritable folder only costs speed)."""
    from jdfix.paths import save_marshal_table

    save_marshal_table(_path(), _learned, ".regex-")
