"""Reports: results as JSON (versioned contract; each result's form is `Result.to_dict`) and as
linter-style text lines."""

from __future__ import annotations

import os

from jdfix.engine.checker import REPORT_VERSION, Result
from jdfix.engine.rules import SEVERITY_RANK

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import IO, Any

__all__ = ["REPORT_VERSION", "Palette", "colour_diff", "finding_lines", "github_lines", "summary_counts", "write_json"]


def write_json(results: Iterable[Any], out: IO[str], pretty: bool | None = None) -> None:
    """The whole report as one JSON document: indented for a terminal, compact for a pipe."""
    import json  # a text report imports no json

    if pretty is None:
        pretty = bool(getattr(out, "isatty", lambda: False)())
    if pretty:
        doc = {"version": REPORT_VERSION, "results": [r.to_dict() for r in results]}
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    # Compact output goes through the C encoder, one result at a time.
    out.write(f'{{"version": {REPORT_VERSION}, "results": [')
    for n, r in enumerate(results):
        out.write((",\n" if n else "\n") + json.dumps(r.to_dict(), ensure_ascii=False))
    out.write("\n]}\n")


class Palette:
    """ANSI colours, or none (NO_COLOR, not a terminal, or --no-color)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @staticmethod
    def wanted(stream: IO[str], choice: bool | None) -> bool:
        if choice is not None:
            return choice
        if os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        return bool(getattr(stream, "isatty", lambda: False)())

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def yellow(self, text: str) -> str:
        return self._wrap("33", text)

    def cyan(self, text: str) -> str:
        return self._wrap("36", text)

    def severity(self, severity: str, text: str) -> str:
        return {"error": self.red, "warning": self.yellow}.get(severity, self.cyan)(text)


def finding_lines(result: Result, palette: Palette) -> list[str]:
    """`path:line: CODE name message` for each finding of one result."""
    lines = []
    for f in result.findings:
        line = result.source_line(f.line)
        where = f"{result.path}:{line}" if line else result.path
        lines.append(
            f"{palette.bold(where)}: {palette.severity(f.severity, f.code)} {palette.dim(f.name)} {f.message}"
        )
    return lines


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github_lines(result: Result) -> list[str]:
    """GitHub Actions workflow commands: one annotation per finding (and per unreadable file)."""
    # "jobs.json#2" is the third posting of jobs.json; annotations attach to the file
    path = _gh_escape(result.path.rsplit("#", 1)[0] if "#" in result.path else result.path, prop=True)
    if result.error is not None:
        return [f"::error file={path},title=jdfix::{_gh_escape(result.error)}"]
    lines = []
    for f in result.findings:
        line = result.source_line(f.line)
        where = f"file={path}" + (f",line={line}" if line else "")
        title = _gh_escape(f"{f.code} {f.name}", prop=True)
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {where},title={title}::{_gh_escape(f.message)}")
    return lines


def summary_counts(results: list[Any], palette: Palette) -> str:
    """One closing line: how many postings, how many mismatched, findings by severity.

    `results` are Result or rendered outcomes: anything with path, error, mismatch, severities.
    """
    checked = [r for r in results if r.error is None]
    errors = len(results) - len(checked)
    mismatched = sum(1 for r in checked if r.mismatch)
    counts = {s: 0 for s in SEVERITY_RANK}
    for r in checked:
        for sev in r.severities:
            counts[sev] += 1
    parts = [f"{len(checked)} posting{'s' if len(checked) != 1 else ''} checked"]
    parts.append(palette.red(f"{mismatched} with a title mismatch") if mismatched else palette.green("no title mismatch"))
    if any(counts.values()):
        total = sum(counts.values())
        by_severity = ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: -SEVERITY_RANK[kv[0]]) if n)
        parts.append(f"{total} finding{'s' if total != 1 else ''} ({by_severity})")
    if errors:
        parts.append(palette.red(f"{errors} unreadable"))
    return "; ".join(parts)


def colour_diff(diff: str, palette: Palette) -> str:
    """A unified diff with its headers bold, additions green, removals red, hunks cyan."""
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(palette.bold(line.rstrip("\n")) + "\n")
        elif line.startswith("+"):
            out.append(palette.green(line.rstrip("\n")) + "\n")
        elif line.startswith("-"):
            out.append(palette.red(line.rstrip("\n")) + "\n")
        elif line.startswith("@@"):
            out.append(palette.cyan(line.rstrip("\n")) + "\n")
        else:
            out.append(line)
    return "".join(out)


SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif_report(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A SARIF 2.1.0 log (one run) from JSON results (`Result.to_dict()`), for code-scanning tools.

    Each finding is a result with its rule, level and line; an unreadable posting is a tool
    execution notification, and makes `executionSuccessful` false.
    """
    import inspect
    from urllib.parse import quote

    from jdfix.engine.rules import REGISTRY
    from jdfix.version import __version__

    codes = list(REGISTRY)
    rules = []
    for code in codes:
        rule = REGISTRY[code]
        doc = inspect.cleandoc(rule.__doc__ or "")
        rules.append({
            "id": code, "name": rule.name,
            "shortDescription": {"text": doc.splitlines()[0] if doc else rule.name},
            "fullDescription": {"text": doc or rule.name},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"about_title": rule.about_title},
        })
    out: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        path = str(result["path"])
        file_path = path.rsplit("#", 1)[0] if "#" in path else path  # jobs.json#2: a posting in jobs.json
        uri = quote(file_path.replace(os.sep, "/"))
        if result.get("error"):
            notifications.append({"level": "error", "message": {"text": f"{path}: {result['error']}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
            continue
        for f in result.get("findings", []):
            physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if f.get("line"):
                physical["region"] = {"startLine": int(f["line"])}
            entry: dict[str, Any] = {"ruleId": f["code"], "level": _SARIF_LEVEL[f["severity"]],
                                     "message": {"text": f["message"]}, "locations": [{"physicalLocation": physical}]}
            if f["code"] in codes:
                entry["ruleIndex"] = codes.index(f["code"])
            if path != file_path:
                entry["properties"] = {"posting": path}
            out.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "jdfix", "version": __version__, "rules": rules}},
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "results": out,
        }],
    }
