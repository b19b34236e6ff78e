"""Apply a suggested title and duty list to the original text, every other byte unchanged.

The title is rewritten where it came from (front matter, H1, `Job title:` line, first line).
Duty items are rewritten in place with their marker, indentation and numbering style; extra
duties are added after the last item, and duties that were dropped lose their lines. Duties
found only as prose sentences are replaced inside their paragraph when the sentence can be found
verbatim, otherwise left as they are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from jdfix.document import Document, Duty

_NUMBER_RE = re.compile(r"^(\d+)([.)])$")
_YAML_NEEDS_QUOTES = re.compile(r"[:#\[\]{}&*!|>'\"%@`]|^[-?\s]|\s$")


@dataclass(frozen=True, slots=True)
class EditResult:
    """The edited text and what changed."""

    text: str
    title_changed: bool
    duties_changed: int
    duties_added: int
    duties_removed: int
    duties_untouched_reason: str | None = None

    @property
    def changed(self) -> bool:
        return self.title_changed or bool(self.duties_changed or self.duties_added or self.duties_removed)


def _yaml_scalar(value: str, quote: str | None) -> str:
    if quote == "'":
        return value.replace("'", "''")
    if quote == '"':
        return value.replace("\\", "\\\\").replace('"', '\\"')
    if _YAML_NEEDS_QUOTES.search(value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _marker_for(template: Duty, number: int | None) -> str:
    m = _NUMBER_RE.match(template.marker)
    if m and number is not None:
        return f"{number}{m.group(2)}"
    return template.marker


def apply(doc: Document, title: str | None, duties: list[str] | None) -> EditResult:
    """Return the text of `doc` with `title` and `duties` applied (None leaves that part alone)."""
    nl = doc.newline
    had_final_newline = doc.text.endswith("\n")
    lines = doc.text.split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    if had_final_newline:
        lines = lines[:-1]
    # Each original line index maps to the list of lines that replace it (None: unchanged).
    replacement: dict[int, list[str]] = {}
    title_changed = False
    if title is not None and doc.title is not None and title != doc.title.text:
        t = doc.title
        idx = t.line - 1
        line = lines[idx]
        new = title
        if t.origin == "front-matter":
            before = line[t.start - 1] if t.start > 0 else ""
            quote = before if before in ("'", '"') else None
            new = _yaml_scalar(title, quote)
        replacement[idx] = [line[: t.start] + new + line[t.end :]]
        title_changed = True

    changed = added = removed = 0
    reason: str | None = None
    if duties is not None:
        items = [d for d in doc.duties if d.marker]
        if doc.duties and not items:
            changed, added, removed, reason = _apply_to_sentences(doc, lines, replacement, duties)
        elif items:
            first_number: int | None = None
            m = _NUMBER_RE.match(items[0].marker)
            if m:
                first_number = int(m.group(1))
            for i, new_text in enumerate(duties):
                number = first_number + i if first_number is not None else None
                if i < len(items):
                    old = items[i]
                    marker = _marker_for(old, number)
                    new_line = f"{lines[old.line - 1][: old.indent]}{marker} {new_text}"
                    raw_old = [lines[k] for k in range(old.line - 1, old.end_line)]
                    if new_text != old.text or marker != old.marker:
                        replacement[old.line - 1] = [new_line]
                        for k in range(old.line, old.end_line):
                            replacement[k] = []
                        changed += 1
                    elif len(raw_old) > 1:
                        pass  # unchanged wrapped item stays as written
                else:
                    last = items[-1]
                    template = items[-1]
                    marker = _marker_for(template, number)
                    indent = lines[template.line - 1][: template.indent]
                    key = last.end_line - 1
                    base = replacement.get(key, [lines[key]])
                    replacement[key] = [*base, f"{indent}{marker} {new_text}"]
                    added += 1
            for old in items[len(duties):]:
                for k in range(old.line - 1, old.end_line):
                    replacement[k] = []
                removed += 1
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(replacement.get(i, [line]))
    text = nl.join(out) + (nl if had_final_newline else "")
    return EditResult(text, title_changed, changed, added, removed, reason)


def _apply_to_sentences(doc: Document, lines: list[str], replacement: dict[int, list[str]],
                        duties: list[str]) -> tuple[int, int, int, str | None]:
    """Replace prose duty sentences that appear verbatim on one line; leave the rest."""
    changed = 0
    for old, new in zip(doc.duties, duties):
        if old.line != old.end_line or new == old.text:
            continue
        idx = old.line - 1
        current = replacement.get(idx, [lines[idx]])
        if len(current) != 1 or old.text not in current[0]:
            continue
        replacement[idx] = [current[0].replace(old.text, new, 1)]
        changed += 1
    if changed < min(len(doc.duties), len(duties)) or len(duties) != len(doc.duties):
        return changed, 0, 0, "the duties are written as prose, so only sentences found verbatim were replaced"
    return changed, 0, 0, None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of two texts, `a/` and `b/` prefixed like git, ready for `patch -p1`."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    if a and not a[-1].endswith("\n"):
        a[-1] += "\n\\ No newline at end of file\n"
    if b and not b[-1].endswith("\n"):
        b[-1] += "\n\\ No newline at end of file\n"
    name = path.lstrip("/") if path not in ("-", "<text>") else "posting"
    return "".join(difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"))
