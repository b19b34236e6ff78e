"""Train the learned layer (`jdfix.learned`) from labelled duty lines, and measure it held out.

    python -m jdfix.engine.train --corpus ../shared/corpus --corpus ../shared/corpus-dev   # rebuild the shipped model
    python -m jdfix.engine.train ... --cv                 # leave-one-collection-out figures per duty line
    python -m jdfix.engine.train ... --holdout po-ba -o /tmp/m.json   # a model that never saw po-ba
    python -m jdfix.engine.train ... --heldout-score      # each collection scored by a model that never saw it
    python -m jdfix.engine.train --mine [FAMILY]   # the words the shipped model weighs most, per family

Each corpus folder holds `labels.tsv` (per posting: published_title, ...) and `duties.tsv` (per
duty line: file, line, text, family). A folder without them stands for its subfolders. Needs the
`train` extra (scikit-learn); nothing here runs when jdfix checks a posting.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jdfix.engine.analysis import Analyser
from jdfix.engine.learned import FORMAT, MODEL_FILE, NONE_CLASSES, features
from jdfix.engine.phrases import content_words, stems_of
from jdfix.engine.rolebook import load_role_book

C = 0.5  # inverse regularisation strength, chosen by leave-one-collection-out (see --cv)
PRUNE = 0.05  # weights smaller than this are dropped from the shipped table
MIN_DF = 3  # a feature seen in fewer postings is not learned from


@dataclass(frozen=True)
class Line:
    text: str
    label: str
    title: str
    collection: str  # the corpus folder
    file: str
    weight: float = 1.0  # how much the line counts in the fit


EXEMPLARS = Path(MODEL_FILE).with_name("exemplars.tsv")  # duty lines we wrote ourselves, one per family line
# Duty lines we wrote in a small employer's everyday words, no jargon ("decide the order of the web
# team's to-do list"). They teach the model words real postings rarely use for the work; at full
# weight they also pulled real postings' plainer lines (teams, people, new hires) towards the
# families they were written for, so they count for less than a real posting's line.
PLAIN_EXEMPLARS = EXEMPLARS.with_name("exemplars-plain.tsv")
PLAIN_WEIGHT = 0.3


def load_exemplars(path: Path = EXEMPLARS, weight: float = 1.0) -> list[Line]:
    """Our own hand-written duty lines (no title: they name no posting). Always trained on, never scored."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [Line(r["text"], r["family"], "", "exemplars", path.name, weight)
                for r in csv.DictReader(fh, delimiter="\t")]


def collections(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if (p / "duties.tsv").exists():
            out.append(p)
        else:
            out.extend(sorted(d for d in p.iterdir() if (d / "duties.tsv").exists()))
    return out


def load_lines(paths: list[str]) -> list[Line]:
    lines: list[Line] = []
    csv.field_size_limit(1 << 24)
    for folder in collections(paths):
        titles: dict[str, str] = {}
        with (folder / "labels.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                titles[row["file"]] = row.get("published_title") or ""
        with (folder / "duties.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                label = (row.get("family") or "").strip()
                if not label or label == "family":
                    continue
                lines.append(Line(row["text"], label, titles.get(row["file"], ""), folder.name, row["file"]))
    return lines


class Featurizer:
    """The run-time features of a duty line: masked stems and the role book's matches."""

    def __init__(self) -> None:
        self.analyser = Analyser(load_role_book(()))
        self.book = self.analyser.book

    def __call__(self, text: str, title: str) -> list[str]:
        title_stems = stems_of(title)
        if len(title_stems) < 2:
            title_stems = ()
        stems = self.analyser._mask_role_names(content_words(text), title_stems)
        n = len(self.book.signals)
        fams = sorted({self.book.signals[k].family for k, _, _ in self.book.index.find(stems) if k < n})
        return features(stems, fams)


def fit(lines: list[Line], feats: list[list[str]], c: float = C) -> dict[str, Any]:
    """Fit the model; return it in the shipped JSON form."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    # A feature counts once per posting: words that only one employer uses (its name, its product)
    # say nothing about postings from anyone else.
    seen: dict[str, set[str]] = {}
    for ln, fs in zip(lines, feats):
        source = ln.file if ln.collection != "exemplars" else ln.text
        for f in fs:
            seen.setdefault(f, set()).add(source)
    vocab = sorted(f for f, where in seen.items() if len(where) >= MIN_DF)
    index = {f: i for i, f in enumerate(vocab)}
    classes = sorted({ln.label for ln in lines})
    x = _matrix(feats, index)
    y = [classes.index(ln.label) for ln in lines]
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit(x, y, sample_weight=[ln.weight for ln in lines])
    weights: dict[str, list[float]] = {}
    for j, f in enumerate(vocab):
        pairs = [v for ci in range(len(classes)) if abs(model.coef_[ci, j]) >= PRUNE
                 for v in (ci, round(float(model.coef_[ci, j]), 3))]
        if pairs:
            weights[f] = pairs
    return {"format": FORMAT, "classes": classes, "bias": [round(float(b), 3) for b in model.intercept_],
            "weights": weights, "trained_on": sorted({ln.collection for ln in lines}),
            "lines": len(lines), "c": c}


def _matrix(feats: list[list[str]], index: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    rows, cols = [], []
    for i, fs in enumerate(feats):
        for j in sorted({index[f] for f in fs if f in index}):
            rows.append(i)
            cols.append(j)
    return csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(feats), len(index)))


def cross_validate(lines: list[Line], feats: list[list[str]], c: float = C) -> None:
    """Leave one collection out: train on the others, judge each duty line of the one left out."""
    from jdfix.engine.learned import LearnedModel

    for held in sorted({ln.collection for ln in lines} - {"exemplars"}):
        train = [i for i, ln in enumerate(lines) if ln.collection != held]
        test = [i for i, ln in enumerate(lines) if ln.collection == held]
        model = LearnedModel(fit([lines[i] for i in train], [feats[i] for i in train], c))
        right = fam_lines = claimed_none = 0
        for i in test:
            v = model.classify(feats[i])
            guess = v.best if v else "generic"
            if lines[i].label not in NONE_CLASSES:
                fam_lines += 1
                right += guess == lines[i].label
            elif guess not in NONE_CLASSES:
                claimed_none += 1
        n_none = len(test) - fam_lines
        print(f"{held:12} family lines right {right}/{fam_lines} = {right / max(fam_lines, 1):.3f}; "
              f"generic/other lines given a family {claimed_none}/{n_none}")


SCORE = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"


def heldout_score(paths: list[str], lines: list[Line], feats: list[list[str]], c: float, score: Path) -> None:
    """Score each collection with `score.py`, running jdfix with a model trained without it."""
    import os
    import re
    import subprocess
    import tempfile

    folders = {f.name: f for f in collections(paths)}
    pooled: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for held, folder in sorted(folders.items()):
            keep = [i for i, ln in enumerate(lines) if ln.collection != held]
            model = Path(tmp, held + ".json")
            model.write_text(json.dumps(fit([lines[i] for i in keep], [feats[i] for i in keep], c)), encoding="utf-8")
            env = {**os.environ, "JDFIX_LEARNED_MODEL": str(model)}
            cmd = f"{sys.executable} -m jdfix check --format json"
            out = subprocess.run([sys.executable, str(score), "--corpus", str(folder), "--cmd", cmd],
                                 env=env, capture_output=True, text=True).stdout
            print(f"{held:12} {out.strip().splitlines()[-1] if out.strip() else '(no score)'}")
            for name, hit, total in re.findall(r"^(\w+)\s+[\d.]+\s+\(\s*(\d+)/(\d+)\)", out, re.M):
                acc = pooled.setdefault(name, [0, 0])
                acc[0] += int(hit)
                acc[1] += int(total)
    print("pooled       " + " ".join(f"{k}={a / b:.3f} ({a}/{b})" for k, (a, b) in pooled.items() if b))


def mine(model: dict[str, Any], families: list[str], top: int = 25) -> None:
    """The words each family's duties use most distinctively, by learned weight: for checking
    against ROLES.md and growing the role book's phrases from real wording."""
    classes = model["classes"]
    for fam in families or classes:
        ci = classes.index(fam)
        ranked = sorted(((pairs[k + 1], f) for f, pairs in model["weights"].items()
                         for k in range(0, len(pairs), 2) if pairs[k] == ci and not f.startswith("lex:")),
                        reverse=True)
        print(f"{fam}: " + ", ".join(f"{f} ({w:.2f})" for w, f in ranked[:top]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], help="a labelled corpus folder (repeatable)")
    ap.add_argument("--mine", nargs="*", metavar="FAMILY", help="print the shipped model's strongest words")
    ap.add_argument("-o", "--output", default=MODEL_FILE, help="where to write the model")
    ap.add_argument("--holdout", action="append", default=[], help="a collection (folder name) to leave out")
    ap.add_argument("--cv", action="store_true", help="print leave-one-collection-out figures, write nothing")
    ap.add_argument("-C", type=float, default=C)
    ap.add_argument("--no-exemplars", action="store_true", help="train on the corpora alone")
    ap.add_argument("--plain-weight", type=float, default=PLAIN_WEIGHT,
                    help="how much a line of exemplars-plain.tsv counts against a real one (default: %(default)s)")
    ap.add_argument("--heldout-score", action="store_true",
                    help="score each collection (../shared/eval/score.py) with a model that never saw it")
    ap.add_argument("--score", default=str(SCORE), help="the scoring script (default: %(default)s)")
    args = ap.parse_args(argv)
    if args.mine is not None:
        mine(json.loads(Path(args.output).read_text(encoding="utf-8")), args.mine)
        return 0
    if not args.corpus:
        ap.error("--corpus is required")
    lines = load_lines(args.corpus)
    if not args.no_exemplars:
        lines += load_exemplars() + load_exemplars(PLAIN_EXEMPLARS, args.plain_weight)
    featurize = Featurizer()
    feats = [featurize(ln.text, ln.title) for ln in lines]
    if args.cv:
        cross_validate(lines, feats, args.C)
        return 0
    if args.heldout_score:
        heldout_score(args.corpus, lines, feats, args.C, Path(args.score))
        return 0
    keep = [i for i, ln in enumerate(lines) if ln.collection not in args.holdout]
    data = fit([lines[i] for i in keep], [feats[i] for i in keep], args.C)
    Path(args.output).write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(data['weights'])} features, {len(data['classes'])} classes, "
          f"{data['lines']} lines from {', '.join(data['trained_on'])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
