"""The batch report: one self-contained HTML page (no network) over the JSON report's results.

The page has four parts: a summary (postings, mismatches by rule and severity, errors, the run's
settings), the title-family x duty-family matrix, a chart of how sure the mismatches are, and the
list of postings, worst first, each with its evidence and, when one was made, its suggested diff.
The summary, matrix and chart are rendered here as plain HTML tables; the list is drawn by a small
script inside the page from the data embedded once as JSON, one page of rows at a time, so a
report of 10,000 postings stays quick to open.

The embedded data is the JSON report made compact: the full report of 10,000 realistic postings
is over 50 MB, mostly repeated keys, per-family scores and signal notes. `page_data` keeps
everything the page shows (paths, titles, families, levels, confidence, each duty's text and
evidence, findings, suggestion and diff) and writes the repeated strings once:

    {"format": 1, "families": {id: name}, "rules": {code: name}, "signals": [note, ...],
     "results": [
       {"path", "error"}                                           an unreadable file
       {"path", "mismatch", "title", "line", "tf", "ts",            title text, line, family, level
        "family", "level", "inferred", "confidence",                what the duties say
        "duties": [[line, text, family, [[family, phrase, weight, signal index], ...]], ...],
        "findings": [[code, severity, line, message], ...],
        "suggestion": {"title", "source", "verified", "rationale", "model", "dropped"},  (if any)
        "diff": "...",                                              (if any)
        "llm_error": "..."}                                         (if the LLM failed: the suggestion is the rule engine's)
     ]}

Jinja2 is imported only when a report is rendered, so other output formats never load it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jdfix.engine.rules import REGISTRY, SEVERITY_RANK

PAGE_FORMAT = 1
TEMPLATES = Path(__file__).resolve().parent / "templates"
CONFIDENCE_BINS = 10
NO_FAMILY = "(none)"  # the matrix's key for "no family": a title jdfix does not know, duties without evidence


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the matrix: postings titled `title_family` whose duties read as `duty_family`."""

    title_family: str
    duty_family: str
    count: int
    mismatched: int

    @property
    def diagonal(self) -> bool:
        return self.title_family == self.duty_family


@dataclass(frozen=True)
class Summary:
    """The figures of the page's summary, matrix and chart, counted from the results."""

    checked: int
    mismatched: int
    errors: tuple[tuple[str, str], ...]  # (path, reason) of each unreadable file
    by_rule: tuple[tuple[str, str, dict[str, int]], ...]  # (code, name, {severity: findings})
    severities: dict[str, int]  # findings per severity, over every rule
    families: tuple[str, ...]  # the matrix's rows and columns, in role-book order; NO_FAMILY last
    matrix: dict[tuple[str, str], MatrixCell]
    confidence: tuple[tuple[float, float, int], ...]  # (low, high, mismatched postings) per bin
    sure: int  # mismatches at confidence 0.8 or more
    llm_errors: tuple[tuple[str, str], ...] = ()  # (path, reason) of each posting whose LLM rewrite failed

    @property
    def off_diagonal(self) -> int:
        return sum(c.count for c in self.matrix.values() if not c.diagonal)

    def row_total(self, title_family: str) -> int:
        return sum(c.count for c in self.matrix.values() if c.title_family == title_family)

    def column_total(self, duty_family: str) -> int:
        return sum(c.count for c in self.matrix.values() if c.duty_family == duty_family)

    @property
    def findings(self) -> int:
        return sum(self.severities.values())


@dataclass(frozen=True)
class ReportPage:
    """What the template needs besides the figures: the run's settings and the family names."""

    settings: Sequence[tuple[str, str]]
    family_names: Mapping[str, str]
    heading: str = "jdfix report"
    version: str = ""  # of jdfix, shown in the page
    generated: str = ""  # when, as the reader should see it


def _severity_key(result: Mapping[str, Any]) -> int:
    return max((SEVERITY_RANK.get(f["severity"], 0) for f in result.get("findings", ())), default=-1)


def worst_first(results: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Results ordered for a reader: mismatches first, then by their worst finding, the surest
    first, then by the number of findings; ties keep path order. Unreadable files are left out."""
    checked = [r for r in results if "error" not in r]
    return sorted(checked, key=lambda r: (not r.get("mismatch"), -_severity_key(r),
                                          -float(r["inferred"]["confidence"] or 0.0), -len(r["findings"]),
                                          r["path"]))


def summarise(results: Sequence[Mapping[str, Any]], family_order: Sequence[str] = ()) -> Summary:
    """Count what the summary, the matrix and the confidence chart show."""
    checked = [r for r in results if "error" not in r]
    errors = tuple((str(r["path"]), str(r["error"])) for r in results if "error" in r)
    findings: dict[str, Counter[str]] = {}
    severities: Counter[str] = Counter()
    cells: Counter[tuple[str, str]] = Counter()
    mismatched_cells: Counter[tuple[str, str]] = Counter()
    bins = [0] * CONFIDENCE_BINS
    sure = 0
    for r in checked:
        for f in r["findings"]:
            findings.setdefault(f["code"], Counter())[f["severity"]] += 1
            severities[f["severity"]] += 1
        key = (r["title"]["family"] or NO_FAMILY, r["inferred"]["family"] or NO_FAMILY)
        cells[key] += 1
        if r["mismatch"]:
            mismatched_cells[key] += 1
            confidence = float(r["inferred"]["confidence"] or 0.0)
            bins[min(int(confidence * CONFIDENCE_BINS), CONFIDENCE_BINS - 1)] += 1
            sure += confidence >= 0.8
    seen = {f for key in cells for f in key}
    order = [f for f in family_order if f in seen and f != NO_FAMILY]
    order += sorted(f for f in seen if f not in order and f != NO_FAMILY)
    if NO_FAMILY in seen:
        order.append(NO_FAMILY)
    names = {code: cls.name for code, cls in REGISTRY.items()}
    by_rule = tuple((code, names.get(code, ""), {s: findings[code][s] for s in SEVERITY_RANK})
                    for code in sorted(findings))
    return Summary(
        checked=len(checked),
        mismatched=sum(1 for r in checked if r["mismatch"]),
        errors=errors,
        by_rule=by_rule,
        severities={s: severities[s] for s in SEVERITY_RANK},
        families=tuple(order),
        matrix={key: MatrixCell(key[0], key[1], n, mismatched_cells[key]) for key, n in cells.items()},
        confidence=tuple((n / CONFIDENCE_BINS, (n + 1) / CONFIDENCE_BINS, count) for n, count in enumerate(bins)),
        sure=sure,
        llm_errors=tuple((str(r["path"]), str(r["llm_error"])) for r in checked if r.get("llm_error")),
    )


def page_data(ordered: Sequence[Mapping[str, Any]], errors: Sequence[tuple[str, str]],
              family_names: Mapping[str, str]) -> dict[str, Any]:
    """The compact form of the results that the page's script reads (see the module docstring)."""
    signals: dict[str, int] = {}

    def signal(note: str | None) -> int:
        if not note:
            return -1
        return signals.setdefault(note, len(signals))

    rows: list[dict[str, Any]] = []
    for r in ordered:
        title, inferred = r["title"], r["inferred"]
        row: dict[str, Any] = {
            "path": r["path"], "mismatch": r["mismatch"],
            "title": title["text"], "line": title["line"], "tf": title["family"], "ts": title["seniority"],
            "family": inferred["family"], "level": inferred["seniority"], "inferred": inferred["title"],
            "confidence": inferred["confidence"],
            "duties": [[d["line"], d["text"], d["family"],
                        [[e["family"], e["phrase"], e.get("weight"), signal(e.get("signal"))] for e in d["evidence"]]]
                       for d in r["duties"]],
            "findings": [[f["code"], f["severity"], f["line"], f["message"]] for f in r["findings"]],
        }
        suggestion = r.get("suggestion")
        if suggestion:
            row["suggestion"] = {k: suggestion.get(k) for k in ("title", "source", "verified", "rationale", "model",
                                                                  "dropped")}
        if r.get("diff"):
            row["diff"] = r["diff"]
        if r.get("llm_error"):
            row["llm_error"] = r["llm_error"]
        rows.append(row)
    rows += [{"path": path, "error": reason} for path, reason in errors]
    return {"format": PAGE_FORMAT, "families": dict(family_names),
            "rules": {code: cls.name for code, cls in REGISTRY.items()},
            "signals": list(signals), "results": rows}


def embed_json(data: Any) -> str:
    """JSON safe inside a <script> element: no `</script>`, no `<!--` (every `<` is escaped, which
    JSON.parse reads back as the same character)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 are valid in JSON and in modern JS, but escaping them costs nothing and keeps old parsers happy.
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_report(results: Sequence[Mapping[str, Any]], page: ReportPage, family_order: Sequence[str] = ()) -> str:
    """The whole HTML page for `results` (dicts of the JSON report, version 1: `Result.to_dict()`,
    or `Rewrite.to_dict()` with `suggestion` and `diff`). Returns the page as a str."""
    import jinja2  # only here: `jdfix check` in another format must not pay for it
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    order = list(family_order) or list(page.family_names)
    summary = summarise(results, order)
    ordered = worst_first(results)
    data = page_data(ordered, summary.errors, page.family_names)

    def family_name(family: str | None) -> str:
        if not family:
            return "no family"
        return page.family_names.get(family, family)

    loader = env.loader
    assert loader is not None
    style = loader.get_source(env, "report.css")[0]
    script = loader.get_source(env, "report.js")[0]
    return env.get_template("report.html.j2").render(
        page=page, summary=summary, family_name=family_name, severities=sorted(SEVERITY_RANK, key=lambda s: -SEVERITY_RANK[s]),
        max_bin=max((n for _, _, n in summary.confidence), default=0),
        style=Markup(style), script=Markup(script),
        data=Markup(embed_json(data)),
    )
