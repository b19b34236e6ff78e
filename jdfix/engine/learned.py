"""The learned layer: a linear model over a duty's words and the role book's matches.

The role book is precise where one of its phrases occurs, and silent elsewhere. The learned layer
reads the rest: a multinomial logistic model, trained on labelled duty lines (`jdfix.train`),
over the duty's content stems (single words and adjacent pairs, role names masked) and the
families whose role-book signals matched. It gives each duty a family, `generic` (work any role
does) or `other` (work outside the role book), and names the words that decided it.

Only derived numbers ship (feature -> weights), never posting text. Pure Python at run time.
"""

from __future__ import annotations

import math
import os
from itertools import repeat
from math import exp  # by name: the softmax calls it once per class, as a global not an attribute
from operator import itemgetter, truediv

from jdfix.errors import RoleBookError
from jdfix.memo import memo

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from array import array
    from collections.abc import Iterable, Sequence

MODEL_FILE = os.path.join(os.path.dirname(__file__), "rolebook", "learned.json")
MODEL_ENV = "JDFIX_LEARNED_MODEL"  # another model file, for held-out evaluation (`jdfix.train`)
FORMAT = 2
NONE_CLASSES = ("generic", "other")
# Verdicts remembered per model, by the duty's features: postings repeat their boilerplate lines
# ("work with stakeholders to ...") and a batch repeats them across postings. Past this many
# the memory starts again, so a long batch stays bounded.
MAX_REMEMBERED = 8192
_UNSEEN = object()


def features(stems: Sequence[str], lexicon: Iterable[str] = ()) -> list[str]:
    """The features of one duty: its stems, adjacent pairs of stems, and `lex:<family>` for each
    family whose role-book signal matched. Masked role names (empty or `@family` tokens) break
    pairs and are not features: a colleague's title says nothing about this job."""
    if len(stems) > 1 and "" not in stems:
        joined = "".join(stems)
        if "\x00" not in joined and "@" not in joined:
            # Nothing masked (most duties): stems and pairs interleaved, as the loop below makes them.
            out = [""] * (2 * len(stems) - 1)
            out[0] = stems[0]
            out[1::2] = stems[1:]
            out[2::2] = map(" ".join, zip(stems, stems[1:]))
            if lexicon:  # most duties match no role-book phrase
                out.extend("lex:" + fam for fam in lexicon)
            return out
    out = []
    prev = ""
    for s in stems:
        if not s or s[0] in "\x00@":
            prev = ""
            continue
        out.append(s)
        if prev:
            out.append(prev + " " + s)
        prev = s
    out.extend("lex:" + fam for fam in lexicon)
    return out


class Verdict:
    """The model's reading of one duty: probabilities per class, the best class, and (worked out
    only when asked for) the features that pushed it there. Read-only by convention; not a frozen
    dataclass because one is made per duty on the hot path."""

    __slots__ = ("probs", "best", "_known", "_rows", "_best_i")

    def __init__(self, probs: dict[str, float], best: str, known: list[str], rows: list[tuple[float, ...]],
                 best_i: int) -> None:
        self.probs = probs
        self.best = best
        self._known = known
        # Each known feature's row of weights, and where `best` stands in them: the weights for
        # `best` are picked out only when quoted (a duty whose best is generic or other never is).
        self._rows = rows
        self._best_i = best_i

    @property
    def _weights(self) -> list[float]:
        """Each known feature's weight for `best`."""
        return list(map(itemgetter(self._best_i), self._rows))

    @property
    def contributions(self) -> tuple[tuple[str, float], ...]:
        """(feature, weight for `best`) of the features that spoke for it, strongest first."""
        return tuple(sorted(((f, w) for f, w in zip(self._known, self._weights) if w > 0), key=lambda fw: -fw[1]))

    def quotable(self, min_weight: float) -> list[tuple[str, float]]:
        """(feature, weight) of the word and pair features weighing at least `min_weight` for `best`
        (`lex:` features left out): pairs first, then strongest first."""
        return _quotable(self._known, map(itemgetter(self._best_i), self._rows), min_weight)


_STRONGEST = itemgetter(1)


def _quotable(known: Iterable[str], weights: Iterable[float], min_weight: float) -> list[tuple[str, float]]:
    floor = max(min_weight, 0.0)
    pairs: list[tuple[str, float]] = []
    words: list[tuple[str, float]] = []
    # One pass, the weight tested first (most features weigh under the floor); pairs, then words,
    # each strongest first, ties in feature order (sort is stable, reverse=True included).
    for f, w in zip(known, weights):
        if w >= floor and w > 0 and f[:4] != "lex:":
            (pairs if " " in f else words).append((f, w))
    if len(pairs) > 1:
        pairs.sort(key=_STRONGEST, reverse=True)
    if len(words) > 1:
        words.sort(key=_STRONGEST, reverse=True)
    pairs += words
    return pairs


class LearnedModel:
    """Weights per feature and class, as written by `jdfix.train` (or as `rows_form` caches them)."""

    def __init__(self, data: dict[str, object]) -> None:
        self._seen: dict[tuple[str, ...], Verdict | None] = {}
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format') if isinstance(data, dict) else None!r}, expected {FORMAT}")
        self.classes: tuple[str, ...] = tuple(data["classes"])  # type: ignore[arg-type]
        self.bias: tuple[float, ...] = tuple(data["bias"])  # type: ignore[arg-type]
        n = len(self.classes)
        if not n or len(self.bias) != n or not all(isinstance(c, str) for c in self.classes):
            raise ValueError("the classes and their biases do not match")
        # Each class once (a verdict's probabilities are keyed by class, and read in class order),
        # each bias a number: a model file is user input (JDFIX_LEARNED_MODEL).
        if len(set(self.classes)) != n:
            raise ValueError("a class is named twice")
        if not all(isinstance(b, (int, float)) and math.isfinite(b) for b in self.bias):
            raise ValueError("a bias is not a number")
        # feature -> one weight per class: summing whole rows is one C-level pass per duty
        # (map(sum, zip(...))) instead of a Python step per weight. The file stores them sparse
        # ([class index, weight, ...]); the cached form (`packed_form`) as one block of numbers,
        # a row made a tuple the first time a duty uses its feature: building all ~5,000 rows'
        # floats took most of the model's load at every start, and one file uses a few hundred.
        blob = data.get("blob")
        if blob is not None:
            text = data["features"]
            if not isinstance(text, str):
                raise ValueError("the feature names are not text")
            names = text.split("\n")
            scale = data.get("scale")
            if scale is not None and not (type(scale) is int and scale > 0):
                raise ValueError("the weights' scale is not a positive whole number")
            values = memoryview(blob).cast("d" if scale is None else "h")  # type: ignore[arg-type]
            if len(values) != len(names) * n:
                raise ValueError("the packed rows do not fit the classes")
            self.index: dict[str, int] = dict(zip(names, range(0, len(values), n)))
            self.rows: dict[str, tuple[float, ...]] = _Rows(self.index, values, n, scale)
            return
        rows = {}
        for feature, pairs in data["weights"].items():  # type: ignore[attr-defined]
            row = [0.0] * n
            if len(pairs) % 2 or not all(0 <= int(pairs[k]) < n for k in range(0, len(pairs), 2)):
                raise ValueError(f"the weights of {feature!r} do not fit the classes")
            for k in range(0, len(pairs), 2):
                row[int(pairs[k])] = float(pairs[k + 1])
            if not all(map(math.isfinite, row)):
                raise ValueError(f"the weights of {feature!r} are not all numbers")
            rows[feature] = tuple(row)
        self.rows = rows
        self.index = dict(zip(rows, range(0, len(rows) * n, n)))

    def packed_form(self) -> dict[str, object]:
        """The model as plain data, which this class reads back as it is: the rows as one block of
        numbers, each weight as a 16-bit count of thousandths when that gives back the very same
        double (`jdfix.train` writes three decimals: a quarter of the bytes to read, check and
        copy at every start), otherwise as the double itself."""
        from array import array

        names = sorted(self.index, key=self.index.__getitem__)
        if any("\n" in f for f in names):
            raise ValueError("a feature holds a line break")
        values = array("d")
        for f in names:
            values.extend(self.rows[f])
        packed: dict[str, object] = {"format": FORMAT, "classes": list(self.classes), "bias": list(self.bias),
                                     "features": "\n".join(names)}
        thousandths = _as_thousandths(values)
        if thousandths is None:
            packed["blob"] = values.tobytes()
        else:
            packed["blob"], packed["scale"] = thousandths.tobytes(), 1000
        return packed

    def quotable_for(self, verdict: Verdict, cls: str, min_weight: float) -> list[tuple[str, float]]:
        """As `Verdict.quotable`, for another class than the verdict's best."""
        # The verdict keeps its features' rows: no second lookup per feature.
        return _quotable(verdict._known, map(itemgetter(self.classes.index(cls)), verdict._rows), min_weight)

    def classify(self, feats: Sequence[str]) -> Verdict | None:
        """The class probabilities of one duty, or None when no feature is known to the model.
        The same features give the same (read-only) Verdict object, worked out once."""
        key = tuple(feats)
        seen = self._seen
        found = seen.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        if len(seen) >= MAX_REMEMBERED:
            seen.clear()
        verdict = seen[key] = self._classify(feats)
        return verdict

    def _classify(self, feats: Sequence[str]) -> Verdict | None:
        # The sums are one C-level pass per class (map(sum, zip(...))). The arithmetic on each
        # class's sum is a plain loop: the interpreter runs a float operator inline, where
        # map(operator.sub, ...) made a call per item and a comprehension a function per duty.
        # The same operations in the same order, so the same floats.
        known = list(dict.fromkeys(filter(self.index.__contains__, feats)))  # unknown ones never hashed in
        if not known:
            return None
        vectors = list(map(self.rows.__getitem__, known))
        logits = list(map(sum, zip(self.bias, *vectors)))
        top = max(logits)
        exps: list[float] = []
        for v in logits:
            exps.append(exp(v - top))
        scale = 1.0 / sum(exps)
        best_i = logits.index(top)
        classes = self.classes
        probs: dict[str, float] = {}
        for c, e in zip(classes, exps):
            probs[c] = e * scale
        return Verdict(probs, classes[best_i], known, vectors, best_i)


class _Rows(dict):  # type: ignore[type-arg]
    """feature -> its row of weights, unpacked from the block of numbers when first asked for
    (counts of 1/`scale`, or with no scale the doubles themselves)."""

    __slots__ = ("_index", "_values", "_n", "_scale")

    def __init__(self, index: dict[str, int], values: memoryview[float] | memoryview[int], n: int,
                 scale: int | None = None) -> None:
        super().__init__()
        self._index = index
        self._values = values
        self._n = n
        self._scale = scale

    def __missing__(self, feature: str) -> tuple[float, ...]:
        start = self._index[feature]
        part = self._values[start:start + self._n]
        # k / scale of two ints is the double nearest the fraction, as float() of its decimals is
        # (checked for every weight when the block was packed: _as_thousandths).
        row = self[feature] = tuple(part) if self._scale is None else tuple(map(truediv, part, repeat(self._scale)))
        return row


def _as_thousandths(values: array[float]) -> array[int] | None:
    """`values` as 16-bit counts of thousandths, or None unless each count / 1000 is the very
    same double (sign of zero included)."""
    from array import array

    try:
        counts = array("h", (round(v * 1000) for v in values))
    except (OverflowError, ValueError):  # beyond 16 bits, or not a finite number
        return None
    again = array("d", map(truediv, counts, repeat(1000)))
    return counts if again.tobytes() == values.tobytes() else None


@memo(maxsize=4)
def _load(path: str) -> LearnedModel:
    try:
        st = os.stat(path)
        # Decoding the JSON takes about 17 ms of every start; the model in marshal form (the
        # rows as one block of numbers: packed_form), kept in the cache folder, about 1 ms. Keyed
        # by the file's path, size and modification time, and by the Python that wrote it
        # (marshal's format is Python's own).
        cached = _cached_path(path, st)
        data = _read_cached(cached)
        if data is not None:
            try:
                return LearnedModel(data)
            except (ValueError, KeyError, TypeError, AttributeError):
                pass  # a damaged copy: read the model itself again, and rewrite the copy
        import json  # only when the marshal copy is missing: a plain check imports no json

        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        model = LearnedModel(data)  # validated before it is cached
        _write_cached(cached, model)
        return model
    except OSError as exc:
        raise RoleBookError(f"{path}: cannot read the learned model: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not JSON, or not a model of this format
        raise RoleBookError(f"{path}: not a jdfix learned model ({exc})") from None


def _cached_path(path: str, st: os.stat_result) -> str:
    import sys

    from jdfix.paths import cache_folder, text_key

    key = f"{FORMAT}|packed-thousandths|{sys.byteorder}|{sys.implementation.cache_tag}|{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}"
    return os.path.join(cache_folder(), "learned", f"{text_key(key)}.marshal")


def _read_cached(cached: str) -> dict[str, object] | None:
    from jdfix.engine.rolebook import _mark_used
    from jdfix.paths import unmarshal_bytes

    try:
        with open(cached, "rb") as fh:
            # CRC-checked: a changed byte in the block of weights would read as another weight.
            data = unmarshal_bytes(fh.read())
            written = os.fstat(fh.fileno()).st_mtime
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    _mark_used(cached, written)  # kept from looking stale to _prune while in use
    return data


def _write_cached(cached: str, model: LearnedModel) -> None:
    from jdfix.paths import write_marshal

    try:
        write_marshal(cached, model.packed_form(), ".learned-")
        from jdfix.engine.rolebook import _prune

        _prune(os.path.dirname(cached), keep=cached, suffixes=(".marshal",))
    except (OSError, ValueError):
        pass  # a read-only cache only costs speed


def load_model() -> LearnedModel | None:
    """The shipped model (or the one `$JDFIX_LEARNED_MODEL` names; `none` turns the layer off).
    Raises RoleBookError for a missing or malformed file."""
    path = os.environ.get(MODEL_ENV) or MODEL_FILE
    if path == "none":
        return None
    return _load(path)
