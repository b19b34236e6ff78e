"""Words, stems and the phrase matcher the role book is matched with.

A pattern is space-separated slots; a slot is one word or `a|b|c` alternatives, and a trailing `?`
makes it optional. `@family-id` stands for any name of that role in the text ("coach
@delivery-manager" matches "coach the delivery managers"). A pattern matches when every required
slot occurs within a window of
(number of slots + 3) content words, in any order; a pattern that starts with `^` needs its slots
in the order written ("^continuous delivery" is not "delivery and continuous improvement"). Text and patterns go through the same
tokeniser, stop-word filter and light stemmer, so "prioritising the backlog" meets
"prioritise backlog". Stems conflate inflections and -ise/-ize only: "manageable" is not "manage",
"competence" is not "compete".

The matcher is built for speed: patterns are compiled once into an index keyed by the stem of one
anchor slot, and a text is matched in one pass over its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

WORD_RE = re.compile(r"[^\W_]+(?:&[^\W_]+)*[+#]*")

STOP_WORDS = frozenset(
    """
    a an the and or nor but of to for with without in on at by from as into onto over up out
    our your their its his her my we you they it he she i us them me is are was were be been being am
    will would shall should can could may might must do does did done have has had having this that
    these those there here which who whom whose what when where why how all any each every both either
    neither some such than then so too very also just only same other others more most much many
    few via per across within among amongst between through throughout about around against during
    before after above below s ll re ve d t etc e g eg ie i.e including include includes
    """.split()
)

# Forms the suffix rules would get wrong, mapped to the stem of their base form.
_IRREGULAR = {
    "led": "lead",
    "leads": "lead",
    "leading": "lead",
    "ran": "run",
    "running": "run",
    "wrote": "writ",
    "written": "writ",
    "writing": "writ",
    "write": "writ",
    "writes": "writ",
    "analysis": "analyz",
    "analyses": "analyz",
    "analyse": "analyz",
    "analyze": "analyz",
    "analysed": "analyz",
    "analyzed": "analyz",
    "analysing": "analyz",
    "analyzing": "analyz",
    "data": "data",
    # "positioning" is a marketing duty; "position" is the job being advertised.
    "positioning": "positioning",
    "news": "news",
    "bias": "bias",
    "status": "status",
    "process": "process",
    "business": "business",
    "sales": "sales",
    "analytics": "analytics",
    "metrics": "metric",
    "ux": "ux",
    "ui": "ui",
    "ios": "ios",
    "aws": "aws",
    "gcp": "gcp",
}

_NO_UNDOUBLE = frozenset("lsfz")

_stem_cache: dict[str, str] = {}


def _stem_uncached(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ys")):
        w = w[:-1]
    inflected = False
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        inflected = True
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        inflected = True
    if inflected and len(w) > 3 and w[-1] == w[-2] and w[-1] not in _NO_UNDOUBLE and w[-1].isalpha():
        w = w[:-1]
    for suffix in ("isation", "ization", "iser", "izer", "ise", "ize"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + "iz"
    if inflected and w.endswith(("is", "iz")) and len(w) > 4:
        return w[:-2] + "iz"
    if w.endswith("e") and len(w) >= 4 and not w.endswith("ee"):
        w = w[:-1]
    return w


def stem(word: str) -> str:
    """Return the light stem of one lowercase word."""
    cached = _stem_cache.get(word)
    if cached is None:
        cached = _stem_uncached(word)
        _stem_cache[word] = cached
    return cached


class _TokenMap(dict[str, str]):
    """word -> stem, or "" for a stop word; filled on first sight (C-speed lookups after that)."""

    def __missing__(self, word: str) -> str:
        value = "" if word in STOP_WORDS else stem(word)
        self[word] = value
        return value


_TOKENS = _TokenMap()


@dataclass(frozen=True, slots=True)
class Words:
    """The content words of a text as stems; where each came from is worked out when quoted.

    `joined[i]` is True when content word i follows word i-1 directly, with no stop word between
    ("lead engineer" is a role name; "lead the engineering team" is not).
    """

    text: str
    stems: tuple[str, ...]
    joined: tuple[bool, ...] = ()
    # (start, end) of each content word, worked out on the first quote (most texts are never quoted)
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)

    def quote(self, first: int, last: int) -> str:
        """The original text from content word `first` to content word `last`, inclusive."""
        if not self.spans:
            self.spans.extend(m.span() for m in WORD_RE.finditer(self.text.lower()) if _TOKENS[m.group()])
        if not self.spans:
            return ""
        last = min(last, len(self.spans) - 1)
        return self.text[self.spans[min(first, last)][0] : self.spans[last][1]]


def content_words(text: str) -> Words:
    """Tokenise, drop stop words and stem."""
    stems: list[str] = []
    joined: list[bool] = []
    follows = False
    for s in map(_TOKENS.__getitem__, WORD_RE.findall(text.lower())):
        if s:
            stems.append(s)
            joined.append(follows)
            follows = True
        else:
            follows = False
    return Words(text, tuple(stems), tuple(joined))


def stems_of(text: str) -> tuple[str, ...]:
    """Just the stems of the content words of `text`."""
    return content_words(text).stems


WINDOW_SLACK = 3  # extra content words a pattern may span beyond its own slots


class PatternError(ValueError):
    """A role-book pattern cannot be compiled."""


def expand_pattern(pattern: str) -> list[tuple[frozenset[str], ...]]:
    """Compile one pattern into its variants: tuples of slots, each slot a set of stems.

    Optional slots keep their place, so an ordered pattern stays in order.
    """
    slots: list[tuple[frozenset[str], bool]] = []
    for raw in pattern.lstrip("^").split():
        is_optional = raw.endswith("?")
        raw = raw.rstrip("?")
        alternatives: set[str] = set()
        for alt in raw.split("|"):
            if alt.startswith("@"):
                alternatives.add(alt)  # a role named in the text: "@delivery-manager"
                continue
            alt_stems = stems_of(alt)
            if len(alt_stems) == 1:
                alternatives.add(alt_stems[0])
            elif len(alt_stems) > 1:
                raise PatternError(f"pattern {pattern!r}: alternative {alt!r} is more than one word")
            else:
                raise PatternError(f"pattern {pattern!r}: {alt!r} is a stop word, which text never matches")
        slots.append((frozenset(alternatives), is_optional))
    if all(opt for _, opt in slots):
        raise PatternError(f"pattern {pattern!r} has no content word")
    variants: list[tuple[frozenset[str], ...]] = [()]
    for slot, opt in slots:
        variants = [v + (slot,) for v in variants] + (list(variants) if opt else [])
    return variants


@dataclass(frozen=True, slots=True)
class Match:
    """One pattern found in a text: which key it belongs to and the words it covered."""

    key: int
    first: int
    last: int


# Words so common in postings that anchoring a pattern on them would test it on nearly every line.
_COMMON_WORDS = (
    "data product team user service manage work business support develop design deliver delivery project "
    "stakeholder process system new help lead ensure requirement customer plan test technical digital "
    "organisation good people"
)
_COMMON_STEMS = frozenset(stem(w) for w in _COMMON_WORDS.split())


class PhraseIndex:
    """Many patterns, each under an integer key, compiled once and matched in one pass."""

    def __init__(self) -> None:
        # anchor stem -> list of (key, other slots, window, slot order of anchor + others or None)
        self._by_anchor: dict[str, list[tuple[int, tuple[frozenset[str], ...], int, tuple[int, ...] | None]]] = {}
        self.size = 0
        self._anchors: frozenset[str] = frozenset()

    def add(self, key: int, pattern: str) -> None:
        """Compile `pattern` and file it under `key`. Raises PatternError."""
        ordered = pattern.startswith("^")
        for slots in expand_pattern(pattern):
            window = len(slots) + WINDOW_SLACK
            # Anchor on the slot with the fewest alternatives (usually the object noun) so the
            # index stays small and each lookup checks few candidates.
            anchor_i = min(range(len(slots)),
                           key=lambda i: (bool(slots[i] & _COMMON_STEMS), len(slots[i]), -i))
            others = slots[:anchor_i] + slots[anchor_i + 1 :]
            order = (anchor_i, *(i for i in range(len(slots)) if i != anchor_i)) if ordered else None
            for s in slots[anchor_i]:
                self._by_anchor.setdefault(s, []).append((key, others, window, order))
            self.size += 1
        self._anchors = frozenset(self._by_anchor)

    def find(self, stems: Sequence[str]) -> list[Match]:
        """Every key whose pattern occurs in `stems`, once per key (the first place found)."""
        by_anchor = self._by_anchor
        found: dict[int, Match] = {}
        present = set(stems)
        hits = present & self._anchors
        if not hits:
            return []
        positions: dict[str, list[int]] = {}
        for j, t in enumerate(stems):
            positions.setdefault(t, []).append(j)
        for i, s in enumerate(stems):
            if s not in hits:
                continue
            for key, others, window, order in by_anchor[s]:
                if key in found:
                    continue
                if not others:
                    found[key] = Match(key, i, i)
                    continue
                # Most candidates fail here, in C: a slot none of whose words is in the text.
                if others[0].isdisjoint(present) or (
                    len(others) > 1 and any(slot.isdisjoint(present) for slot in others[1:])
                ):
                    continue
                used = {i}
                chosen = [i]
                lo = hi = i
                ok = True
                for slot in others:
                    best = -1
                    best_d = window
                    for alt in slot & present:
                        for j in positions[alt]:
                            d = j - i if j > i else i - j
                            # ties go to the earlier word, so the result never depends on set order
                            if (d < best_d or (d == best_d and j < best)) and j not in used:
                                best, best_d = j, d
                    if best < 0:
                        ok = False
                        break
                    used.add(best)
                    chosen.append(best)
                    if best < lo:
                        lo = best
                    elif best > hi:
                        hi = best
                if ok and order is not None:
                    by_slot = sorted(zip(order, chosen))
                    ok = all(a[1] < b[1] for a, b in zip(by_slot, by_slot[1:]))
                if ok and hi - lo < window:
                    found[key] = Match(key, lo, hi)
        return list(found.values())
