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

from itertools import compress
from marshal import dumps, loads

from jdfix.engine.regexes import regex

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

WORD_RE = regex(r"[^\W_]+(?:&[^\W_]+)*[+#]*")
# For ASCII text with no "&", "+" or "#", WORD_RE's words are exactly the runs of letters and
# digits: one bytes.translate and a split find them about twice as fast as the regex.
_ASCII_SPACE_OUT = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))

_ASCII_WORD_RE = regex(r"[A-Za-z0-9]+")  # ... and where they stand, for quotes


def words_of(lower: str) -> list[str]:
    """The words of a lowercased text, as WORD_RE.findall finds them."""
    if lower.isascii() and "&" not in lower and "+" not in lower and "#" not in lower:
        return lower.encode().translate(_ASCII_SPACE_OUT).decode().split()
    return WORD_RE.findall(lower)

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
_IZE_SUFFIXES = ("isation", "ization", "iser", "izer", "ise", "ize")  # in the order they are tried
_span = type(next(_ASCII_WORD_RE.finditer("a"))).span  # re.Match.span, without importing re

_stem_cache: dict[str, str] = {}


def _stem_uncached(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w[-1] != "s":
        pass  # most words: none of the plural endings below (each ends in "s")
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif not w.endswith(("ss", "us", "is", "ys")):
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
    if w.endswith(_IZE_SUFFIXES):  # one test for the many words with none of them
        for suffix in _IZE_SUFFIXES:
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
    """word -> stem, or "" for a stop word: stop words in from the start, other words filled on first
    sight (C-speed lookups after that)."""

    def __missing__(self, word: str) -> str:
        # Stop words are in from the start; a word first seen here is stemmed once, so stem()'s
        # own cache is passed by: a batch meets thousands of new words.
        value = self[word] = _stem_uncached(word)
        return value


_TOKENS = _TokenMap(dict.fromkeys(STOP_WORDS, ""))


class Words:
    """The content words of a text as stems; where each came from is worked out when quoted.

    `joined[i]` is True when content word i follows word i-1 directly, with no stop word between
    ("lead engineer" is a role name; "lead the engineering team" is not). Like the spans, it is
    worked out on first use: most texts never need it.
    """

    __slots__ = ("text", "stems", "_tokens", "_joined", "_spans")

    def __init__(self, text: str, stems: tuple[str, ...], tokens: list[str] | None = None) -> None:
        self.text = text
        self.stems = stems
        # every word of the text: its stem, or "" for a stop word
        self._tokens = tokens
        self._joined: tuple[bool, ...] | None = None
        self._spans: list[tuple[int, int]] | None = None  # worked out on the first quote

    def __repr__(self) -> str:
        return f"Words({self.text!r}, {self.stems!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and (self.text, self.stems) == (other.text, other.stems)

    def __hash__(self) -> int:
        return hash((self.text, self.stems))

    def _all_tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = list(map(_TOKENS.__getitem__, words_of(self.text.lower())))
        return self._tokens

    @property
    def joined(self) -> tuple[bool, ...]:
        if self._joined is None:
            at = [j for j, t in enumerate(self._all_tokens()) if t]
            self._joined = (False, *(b == a + 1 for a, b in zip(at, at[1:]))) if at else ()
        return self._joined

    def quote(self, first: int, last: int) -> str:
        """The original text from content word `first` to content word `last`, inclusive."""
        spans = self._spans
        if spans is None:
            spans = self._spans = self._content_spans()
        # Comparisons, not min(): the same clamping, without two builtin calls per quote.
        if not spans:
            return ""
        if last >= len(spans):
            last = len(spans) - 1
        start, end = spans[first if first < last else last][0], spans[last][1]
        # Whole words only: "stand-up" is split into "stand" and the stop word "up", and a quote
        # ending at "stand" reads as cut mid-word ("daily stand").
        text = self.text
        size = len(text)
        while end < size and (text[end].isalnum() or (
                text[end] in "-'’" and end + 1 < size and text[end + 1].isalnum())):
            end += 1
        while start > 0 and (text[start - 1].isalnum() or (
                text[start - 1] in "-'’" and start > 1 and text[start - 2].isalnum())):
            start -= 1
        return text[start:end]

    def _content_spans(self) -> list[tuple[int, int]]:
        """(start, end) in the text of each content word."""
        text = self.text
        # The words words_of finds, where they stand (the same pattern, or its ASCII equivalent),
        # kept where the word is a content word (its token not ""): all in C. Both patterns find
        # the same words in an ASCII text as in its lowercase, at the same places, so only other
        # text is lowercased first.
        if text.isascii():
            plain = "&" not in text and "+" not in text and "#" not in text
            found = (_ASCII_WORD_RE if plain else WORD_RE).finditer(text)
            return list(compress(map(_span, found), self._all_tokens()))
        lower = text.lower()
        spans = list(compress(map(_span, WORD_RE.finditer(lower)), self._all_tokens()))
        if len(lower) != len(self.text):
            # A few letters lowercase to two characters ("İ"): map back to the original's.
            back = [i for i, c in enumerate(self.text) for _ in c.lower()]
            spans = [(back[a], back[b - 1] + 1) for a, b in spans]
        return spans


def content_words(text: str) -> Words:
    """Tokenise, drop stop words and stem (all in C once each word has been seen)."""
    tokens = list(map(_TOKENS.__getitem__, words_of(text.lower())))
    return Words(text, tuple(filter(None, tokens)), tokens)


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


# A pattern found in a text: (key, first, last), the content words it covered. A plain tuple:
# a text yields several, and they are made on the hot path.
Match = tuple[int, int, int]

# One compiled variant of a pattern, filed under its anchor stem: its key, the other slots, the
# window, the slot order (ordered patterns only), and for a cheap first test the stems the other
# one-word slots need and the other slots with alternatives.
_Entry = tuple[int, tuple[frozenset[str], ...], int, "tuple[int, ...] | None", frozenset[str],
               tuple[frozenset[str], ...]]


# Words so common in postings that anchoring a pattern on them would test it on nearly every line.
_COMMON_WORDS = (
    "data product team user service manage work business support develop design deliver delivery project "
    "stakeholder process system new help lead ensure requirement customer plan test technical digital "
    "organisation good people"
)
_COMMON_STEMS = frozenset(stem(w) for w in _COMMON_WORDS.split())


class _Packed(dict):  # type: ignore[type-arg]
    """key -> value, each value read from its own bytes (marshal) the first time it is asked for.

    The compiled role book is read at every start; its phrase index was two thirds of that (some
    10,000 tuples and frozensets), and a posting meets a few dozen of its 750 anchor words."""

    __slots__ = ("_packed",)

    def __init__(self, packed: dict[str, bytes]) -> None:
        super().__init__()
        self._packed = packed

    def __missing__(self, key: str) -> object:
        value = self[key] = loads(self._packed[key])
        return value


def _pack(table: dict[str, Any]) -> dict[str, bytes]:
    # marshal holds the entries' tuples, frozensets, ints and strings, and is built in: Python has
    # loaded it before any module, where pickle's C half imports functools and collections.
    return {key: dumps(table[key]) for key in sorted({*table, *getattr(table, "_packed", ())})}


class PhraseIndex:
    """Many patterns, each under an integer key, compiled once and matched in one pass."""

    def __init__(self) -> None:
        self._by_anchor: dict[str, list[_Entry]] = {}
        # Per anchor, words of which a text must hold at least one for any of its patterns to
        # match (None when one of them is the anchor alone): most anchors found in a text are
        # dismissed with this one test.
        self._gate: dict[str, frozenset[str] | None] = {}
        self.size = 0
        self._anchors: frozenset[str] = frozenset()

    def __getstate__(self) -> dict[str, object]:
        # Kept (in the compiled role book) with each anchor's patterns and gate as bytes of their
        # own, read back when a text first holds the anchor (_Packed).
        return {"size": self.size, "anchors": self._anchors, "by_anchor": _pack(self._by_anchor),
                "gate": _pack(self._gate)}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.size = state["size"]  # type: ignore[assignment]
        self._anchors = state["anchors"]  # type: ignore[assignment]
        self._by_anchor = _Packed(state["by_anchor"])  # type: ignore[arg-type]
        self._gate = _Packed(state["gate"])  # type: ignore[arg-type]

    def add(self, key: int, pattern: str) -> None:
        """Compile `pattern` and file it under `key`. Raises PatternError."""
        if isinstance(self._by_anchor, _Packed):  # a loaded index grows as a plain one
            self._by_anchor = {a: self._by_anchor[a] for a in self._anchors}
            self._gate = {a: self._gate[a] for a in self._anchors}
        ordered = pattern.startswith("^")
        for slots in expand_pattern(pattern):
            window = len(slots) + WINDOW_SLACK
            # Anchor on the slot with the fewest alternatives (usually the object noun) so the
            # index stays small and each lookup checks few candidates.
            anchor_i = min(range(len(slots)),
                           key=lambda i: (bool(slots[i] & _COMMON_STEMS), len(slots[i]), -i))
            others = slots[:anchor_i] + slots[anchor_i + 1 :]
            order = (anchor_i, *(i for i in range(len(slots)) if i != anchor_i)) if ordered else None
            need = frozenset(next(iter(slot)) for slot in others if len(slot) == 1)
            multi = tuple(slot for slot in others if len(slot) > 1)
            # a text that matches this variant has one of these words
            requires = need or (multi[0] if multi else None)
            for s in slots[anchor_i]:
                self._by_anchor.setdefault(s, []).append((key, others, window, order, need, multi))
                if s not in self._gate:
                    self._gate[s] = requires
                elif self._gate[s] is not None:
                    gate = self._gate[s]
                    self._gate[s] = None if requires is None or gate is None else gate | requires
            self.size += 1
        self._anchors = frozenset(self._by_anchor)

    def find(self, stems: Sequence[str]) -> list[Match]:
        """Every key whose pattern occurs in `stems`, once per key (the first place found)."""
        present = set(stems)
        hits = present.intersection(self._anchors)
        if not hits:
            return []
        # First, per anchor word in the text, the patterns whose every slot has a word in the
        # text (set tests in C; most patterns fail here). Only those are placed word by word.
        by_anchor = self._by_anchor
        live: dict[str, list[_Entry]] = {}
        gates = self._gate
        for s in hits:
            gate = gates[s]
            if gate is not None and gate.isdisjoint(present):
                continue
            keep: list[_Entry] = []
            for entry in by_anchor[s]:
                if entry[4] <= present:
                    for slot in entry[5]:
                        if slot.isdisjoint(present):
                            break
                    else:
                        keep.append(entry)
            if keep:
                live[s] = keep
        if not live:
            return []
        found: dict[int, Match] = {}
        # Where each word stands. Most texts hold each word once: then the table is made in C.
        positions: dict[str, tuple[int]] | dict[str, list[int]]
        if len(present) == len(stems):
            positions = dict(zip(stems, zip(range(len(stems)))))
        else:
            repeated: dict[str, list[int]] = {}
            positions = repeated
            for j, t in enumerate(stems):
                if t in repeated:
                    repeated[t].append(j)
                else:
                    repeated[t] = [j]
        for i, s in enumerate(stems):
            if s not in live:
                continue
            for key, others, window, order, _, _ in live[s]:
                if key in found:
                    continue
                chosen = [i]
                lo = hi = i
                for slot in others:
                    best = -1
                    best_d = window
                    # A one-word slot's word is in the text: the live filter above kept only entries whose
                    # one-word slots (entry[4], `need`) are all in `present`.
                    for alt in slot if len(slot) == 1 else slot & present:
                        for j in positions[alt]:
                            d = j - i if j > i else i - j
                            # ties go to the earlier word, so the result never depends on set order
                            if (d < best_d or (d == best_d and j < best)) and j not in chosen:
                                best, best_d = j, d
                    if best < 0:
                        break
                    chosen.append(best)
                    if best < lo:
                        lo = best
                    elif best > hi:
                        hi = best
                else:
                    if order is not None:
                        by_slot = sorted(zip(order, chosen))
                        if not all(a[1] < b[1] for a, b in zip(by_slot, by_slot[1:])):
                            continue
                    if hi - lo < window:
                        found[key] = (key, lo, hi)
        return list(found.values())
