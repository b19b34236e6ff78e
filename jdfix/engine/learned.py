"""The learned layer: a linear model over a duty's words and the role book's matches.

The role book is precise where one of its phrases occurs, and silent elsewhere. The learned layer
reads the rest: a multinomial logistic model, trained on labelled duty lines (`jdfix.train`),
over the duty's content stems (single words and adjacent pairs, role names masked) and the
families whose role-book signals matched. It gives each duty a family, `generic` (work any role
does) or `other` (work outside the role book), and names the words that decided it.

Only derived numbers ship (feature -> weights), never posting text. Pure Python at run time.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jdfix.errors import RoleBookError

MODEL_FILE = Path(__file__).with_name("rolebook") / "learned.json"
MODEL_ENV = "JDFIX_LEARNED_MODEL"  # another model file, for held-out evaluation (`jdfix.train`)
FORMAT = 2
NONE_CLASSES = ("generic", "other")


def features(stems: Sequence[str], lexicon: Iterable[str] = ()) -> list[str]:
    """The features of one duty: its stems, adjacent pairs of stems, and `lex:<family>` for each
    family whose role-book signal matched. Masked role names (empty or `@family` tokens) break
    pairs and are not features: a colleague's title says nothing about this job."""
    out: list[str] = []
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


@dataclass(frozen=True, slots=True)
class Verdict:
    """The model's reading of one duty: probabilities per class and the features behind the top one."""

    probs: dict[str, float]
    best: str
    contributions: tuple[tuple[str, float], ...]  # (feature, weight for `best`), strongest first


class LearnedModel:
    """Weights per feature and class, as written by `jdfix.train`."""

    def __init__(self, data: dict[str, object]) -> None:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format') if isinstance(data, dict) else None!r}, expected {FORMAT}")
        self.classes: tuple[str, ...] = tuple(data["classes"])  # type: ignore[arg-type]
        self.bias: tuple[float, ...] = tuple(data["bias"])  # type: ignore[arg-type]
        # feature -> [class index, weight, class index, weight, ...], used as loaded
        self.weights: dict[str, list[float]] = data["weights"]  # type: ignore[assignment]

    def classify(self, feats: Sequence[str]) -> Verdict | None:
        """The class probabilities of one duty, or None when no feature is known to the model."""
        weights = self.weights
        known = [f for f in dict.fromkeys(feats) if f in weights]
        if not known:
            return None
        logits = list(self.bias)
        for f in known:
            pairs = weights[f]
            for k in range(0, len(pairs), 2):
                logits[int(pairs[k])] += pairs[k + 1]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        probs = {cls: e / total for cls, e in zip(self.classes, exps)}
        best_i = max(range(len(logits)), key=logits.__getitem__)
        contrib = []
        for f in known:
            pairs = weights[f]
            for k in range(0, len(pairs), 2):
                if pairs[k] == best_i and pairs[k + 1] > 0:
                    contrib.append((f, pairs[k + 1]))
        contrib.sort(key=lambda fw: -fw[1])
        return Verdict(probs, self.classes[best_i], tuple(contrib))


@lru_cache(maxsize=4)
def _load(path: str) -> LearnedModel:
    try:
        with open(path, encoding="utf-8") as fh:
            return LearnedModel(json.load(fh))
    except OSError as exc:
        raise RoleBookError(f"{path}: cannot read the learned model: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:  # not JSON, or not a model of this format
        raise RoleBookError(f"{path}: not a jdfix learned model ({exc})") from None


def load_model() -> LearnedModel | None:
    """The shipped model (or the one `$JDFIX_LEARNED_MODEL` names; `none` turns the layer off).
    Raises RoleBookError for a missing or malformed file."""
    path = os.environ.get(MODEL_ENV) or str(MODEL_FILE)
    if path == "none":
        return None
    return _load(path)
