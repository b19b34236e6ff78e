"""Line diffs as difflib makes them, without importing difflib.

difflib imports `re` (for its junk patterns) and, with it, enum, functools and collections: about
a third of what `jdfix FILE` answered from the response cache cost beyond a check. jdfix uses two
of its answers, for sequences of lines with no junk: the edit operations of
`SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()` and the text of
`unified_diff(a, b, fromfile, tofile)` (whose matcher, as difflib's default, sets aside lines
that make up more than 1% of a `b` of 200 lines or more, matching them only next to a run). Both
are made here by the same method (Ratcliff and Obershelp's: the longest common run first, earliest
on ties, then the same on each side of it), so they are the same, item for item and character for
character (tests/test_linediff.py compares them with difflib's on generated sequences).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator, Sequence

    Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How to turn `a` into `b`: ("equal" | "replace" | "delete" | "insert", i1, i2, j1, j2) steps
    covering both sequences in order, as difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()."""
    return _opcodes(a, b, autojunk=False)


def _opcodes(a: Sequence[Hashable], b: Sequence[Hashable], autojunk: bool) -> list[Opcode]:
    steps: list[Opcode] = []
    i = j = 0
    for ai, bj, size in _matching_blocks(a, b, autojunk):
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            steps.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            steps.append(("equal", ai, i, bj, j))
    return steps


def unified_diff(a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str, context: int = 3) -> Iterator[str]:
    """The lines of a unified diff of `a` and `b` (lines that end in "\\n"), with `context` lines
    around each change, as difflib.unified_diff(a, b, fromfile, tofile, n=context)."""
    started = False
    for group in _grouped(_opcodes(a, b, autojunk=True), context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        yield f"@@ -{_span(group[0][1], group[-1][2])} +{_span(group[0][3], group[-1][4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            if tag != "insert":
                for line in a[i1:i2]:
                    yield "-" + line
            if tag != "delete":
                for line in b[j1:j2]:
                    yield "+" + line


def _span(start: int, stop: int) -> str:
    """A hunk's range in unified form: the first line (1-based) and the count, the count left out
    when it is 1; an empty range names the line before it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _grouped(steps: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """The steps cut into hunks: changes with up to `context` equal lines around each, hunks whose
    changes are nearer than twice that joined."""
    if not steps:
        steps = [("equal", 0, 1, 0, 1)]
    if steps[0][0] == "equal":
        tag, i1, i2, j1, j2 = steps[0]
        steps[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if steps[-1][0] == "equal":
        tag, i1, i2, j1, j2 = steps[-1]
        steps[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in steps:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable], autojunk: bool) -> list[tuple[int, int, int]]:
    """The common runs (i, j, size) in order, adjacent runs joined, ending with (len(a), len(b), 0)."""
    where: dict[Hashable, list[int]] = {}
    for j, item in enumerate(b):
        where.setdefault(item, []).append(j)
    if autojunk and len(b) >= 200:
        most = len(b) // 100 + 1
        for item in [item for item, places in where.items() if len(places) > most]:
            del where[item]
    found: list[tuple[int, int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        i, j, size = _longest(a, b, where, alo, ahi, blo, bhi)
        if size:
            found.append((i, j, size))
            if alo < i and blo < j:
                todo.append((alo, i, blo, j))
            if i + size < ahi and j + size < bhi:
                todo.append((i + size, ahi, j + size, bhi))
    found.sort()
    joined: list[tuple[int, int, int]] = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in found:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
            continue
        if k1:
            joined.append((i1, j1, k1))
        i1, j1, k1 = i2, j2, k2
    if k1:
        joined.append((i1, j1, k1))
    joined.append((len(a), len(b), 0))
    return joined


def _longest(a: Sequence[Hashable], b: Sequence[Hashable], where: dict[Hashable, list[int]],
             alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """The longest run a[i:i+size] == b[j:j+size] within the bounds: of the longest, the one that
    starts first in `a`, and of those the one that starts first in `b`."""
    best_i, best_j, best = alo, blo, 0
    # run_at[j]: the length of the common run ending at the previous item of `a` and at b[j]
    run_at: dict[int, int] = {}
    empty: list[int] = []
    for i in range(alo, ahi):
        runs: dict[int, int] = {}
        for j in where.get(a[i], empty):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = runs[j] = run_at.get(j - 1, 0) + 1
            if k > best:
                best_i, best_j, best = i - k + 1, j - k + 1, k
        run_at = runs
    # Lines set aside (autojunk) are matched only as they extend a run found without them.
    while best_i > alo and best_j > blo and a[best_i - 1] == b[best_j - 1]:
        best_i, best_j, best = best_i - 1, best_j - 1, best + 1
    while best_i + best < ahi and best_j + best < bhi and a[best_i + best] == b[best_j + best]:
        best += 1
    return best_i, best_j, best
