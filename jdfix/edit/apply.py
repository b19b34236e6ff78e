"""Apply a suggested title and duty list to the original text, every other byte unchanged.

The title is rewritten where it came from (front matter, H1, `Job title:` line, first line).
The new duty list is aligned with the old one (unchanged duties stay byte for byte, even when
duties around them are dropped or added); replaced duties keep their marker, indentation and
numbering style, added ones take the style of the duty before them, and numbered lists are
renumbered within their section. Duties found only as prose sentences are replaced inside their
paragraph when the sentence can be found verbatim on one line, otherwise left as they are.
"""

from __future__ import annotations

from jdfix.engine.document import TABLE_MARKER, Document, Duty
from jdfix.engine.regexes import IGNORECASE, escape, regex
from jdfix.linediff import opcodes
from jdfix.linediff import unified_diff as _diff_lines
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re

_NUMBER_RE = regex(r"^(\d+)([.)])$")
_LEAD_NUMBER_RE = regex(r"^(\s*)(\d+)([.)])")
_YAML_NEEDS_QUOTES = regex(r"[:#\[\]{}&*!|>'\"%@`]|^[-?\s]|\s$")


@dataclass(frozen=True, slots=True)
class Change:
    """One change a suggestion makes: the title, or one duty replaced, added or removed."""

    kind: str  # title | details (a line under the title) | replace | add | remove
    old: str | None
    new: str | None
    line: int | None  # where in the original (for add: the line it goes after)
    index: int = -1  # old duty index (replace/remove), or the old duty it follows (add; -1 = before all)
    span: tuple[int, int] | None = None  # a title change at another place: the columns of `old` on `line`


@dataclass(frozen=True, slots=True)
class EditResult:
    """The edited text and what changed."""

    text: str
    changes: tuple[Change, ...]
    duties_untouched_reason: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def plan_changes(doc: Document, title: str | None, duties: list[str] | None,
                 details: str | None = None) -> list[Change]:
    """The changes that turn `doc`'s title and duty list into `title` and `duties`; `details` (what
    moved out of the title: "Location: Berlin · Pay: €50k") becomes a line under a Markdown title."""
    changes: list[Change] = []
    if title is not None and doc.title is not None and title.strip() != doc.title.text:
        changes.append(Change("title", doc.title.text, title.strip(), doc.title.line))
        for line, start, end in title_places(doc):
            old_text = doc.text.split("\n")[line - 1][start:end]
            changes.append(Change("title", old_text, _as_written(old_text, title.strip()), line, span=(start, end)))
        if details and doc.title.origin != "front-matter" and doc.title.start >= 0:
            changes.append(Change("details", None, details, doc.title.line))
    if duties is None or not doc.duties:
        return changes
    old = [d.text for d in doc.duties]
    for op, i1, i2, j1, j2 in opcodes([_norm(t) for t in old], [_norm(t) for t in duties]):
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            changes.append(Change("replace", old[i1 + k], duties[j1 + k], doc.duties[i1 + k].line, i1 + k))
        for k in range(i1 + pairs, i2):
            changes.append(Change("remove", old[k], None, doc.duties[k].line, k))
        after = i1 + pairs - 1 if op == "replace" else i1 - 1
        for k in range(j1 + pairs, j2):
            line = doc.duties[after].end_line if after >= 0 else doc.duties[0].line
            changes.append(Change("add", None, duties[k], line, after))
    return changes


_H1_RE = regex(r"^ {0,3}#[ \t]+\S")
_LABEL_RE = regex(r"^[ \t>]*(?:\*\*|__)?(?:job[ \t]+title|title|position|role)(?:\*\*|__)?[ \t]*:", IGNORECASE)
# The role's name in the body where it speaks of this role, not of a colleague ("work with the
# product owner"): after "hiring", "looking for", "seeking", "join us as", "as a", "role of".
_MENTION_CUE = (r"(?:\b(?:hiring|looking\s+for|seeking|recruiting|searching\s+for|need|needs|join\s+us\s+as|"
                r"join\s+\w+\s+as|role\s+of)\s+(?:an?|our|the)?\s*(?:new\s+)?"
                r"|(?:^|[.!?:]\s+|\b(?:and|then|now)\s+)as\s+(?:an?|our|the)\s+(?:new\s+)?)")


def title_places(doc: Document) -> list[tuple[int, int, int]]:
    """Every other place the title stands, as (line, start, end): the H1, a `Job title:` line, and
    the role's name in the body where it refers to this role. Duty items and code are left out."""
    if doc.title is None:
        return []
    old = doc.title.text
    raw = doc.text.split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in raw]
    duty_lines = {n for d in doc.duties for n in range(d.line, d.end_line + 1)}
    # Compiled only for a line that holds the title (about 3.5M instructions, a tenth of what a
    # cached rewrite costs beyond a check; most postings name their role in the title alone).
    # _folded() folds together at least what IGNORECASE matches, so no line that could match is skipped.
    needle = _folded(old)
    mention: re.Pattern[str] | None = None
    places: list[tuple[int, int, int]] = []
    fence = False
    front = bool(lines) and lines[0].strip() == "---"
    for n, line in enumerate(lines, 1):
        if front:
            front = n == 1 or line.strip() not in ("---", "...")
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or n == doc.title.line or n in duty_lines:
            continue
        if _H1_RE.match(line) or _LABEL_RE.match(line):
            at = line.lower().find(old.lower())
            if at >= 0:
                places.append((n, at, at + len(old)))
            continue
        if needle not in _folded(line):
            continue
        if mention is None:  # one pattern per title: not added to jdfix.engine.regexes' table
            mention = regex(_MENTION_CUE + r"(" + escape(old) + r")\b", IGNORECASE, keep=False)
        places += [(n, m.start(1), m.end(1)) for m in mention.finditer(line)]
    return places


def _folded(text: str) -> str:
    """`text` casefolded, with the dotless i and the dotted capital I as i: re's IGNORECASE matches
    "ı" and "İ" with "i" and "I", and casefold() keeps them apart ("İ" folds to "i" and a combining
    dot; the only such letters; tests/test_pipeline.py checks every one)."""
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


def _as_written(old: str, new: str) -> str:
    """`new` in the case `old` was written in ("product owner" -> "product manager")."""
    return new.lower() if old.islower() else new


_ARTICLE_RE = regex(r"\b(an?)(\s+)$", IGNORECASE)


def _article(before: str, new: str) -> str:
    """`before` (the text up to a replaced name) with its closing a/an fitted to `new`."""
    m = _ARTICLE_RE.search(before)
    if not m:
        return before
    article = "an" if new[:1].lower() in "aeiou" else "a"
    if m.group(1)[0].isupper():
        article = article.capitalize()
    return before[: m.start(1)] + article + m.group(2)


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".;")


def _yaml_scalar(value: str, quote: str | None) -> str:
    if quote == "'":
        return value.replace("'", "''")
    if quote == '"':
        return value.replace("\\", "\\\\").replace('"', '\\"')
    if _YAML_NEEDS_QUOTES.search(value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def apply(doc: Document, title: str | None, duties: list[str] | None, details: str | None = None) -> EditResult:
    """`doc`'s text with `title` and `duties` applied (None leaves that part alone), and `details`
    as a line under the title."""
    return apply_changes(doc, plan_changes(doc, title, duties, details))


def apply_changes(doc: Document, changes: list[Change] | tuple[Change, ...]) -> EditResult:
    """`doc`'s text with the given changes (all, or the ones a person accepted) applied."""
    # Each line keeps its own ending: a file that mixes CRLF and LF is left mixed.
    raw = doc.text.split("\n")
    crs = ["\r" if ln.endswith("\r") else "" for ln in raw]
    lines = [ln[:-1] if cr else ln for ln, cr in zip(raw, crs)]
    replacement: dict[int, list[str]] = {}
    reason: str | None = None

    spans: dict[int, list[tuple[int, int, str]]] = {}
    for c in changes:
        if c.kind == "title" and c.span is not None and c.line and c.new:
            spans.setdefault(c.line - 1, []).append((c.span[0], c.span[1], c.new))
        elif c.kind == "title" and doc.title is not None and c.new and doc.title.start < 0:
            reason = ("the title line mixes markup or hidden characters into its words, so it was not "
                      "rewritten: change it by hand")
        elif c.kind == "title" and doc.title is not None and c.new:
            t = doc.title
            line = lines[t.line - 1]
            new = c.new
            if t.origin == "front-matter":
                before = line[t.start - 1] if t.start > 0 else ""
                new = _yaml_scalar(c.new, before if before in ("'", '"') else None)
            replacement[t.line - 1] = [line[: t.start] + new + line[t.end :]]
    for idx, edits in spans.items():
        line = lines[idx]
        for start, end, new in sorted(edits, reverse=True):  # right to left: the columns stay right
            line = _article(line[:start], new) + new + line[end:]
        replacement[idx] = [line]
    for c in changes:
        if c.kind == "details" and doc.title is not None and c.new:
            # A line of its own under the title, a blank line either side (a paragraph in Markdown).
            at = doc.title.line - 1
            after = lines[at + 1] if at + 1 < len(lines) else ""
            replacement[at] = [*replacement.get(at, [lines[at]]), "", c.new, *([""] if after.strip() else [])]

    duty_changes = [c for c in changes if c.kind not in ("title", "details")]
    items = list(doc.duties)
    if duty_changes and items and not any(d.marker for d in items):
        reason = _apply_to_sentences(doc, lines, replacement, duty_changes) or reason
    elif duty_changes and items:
        _apply_to_items(items, doc, lines, replacement, duty_changes)

    out: list[str] = []
    for i, line in enumerate(lines):
        if i in replacement:
            out.extend(new + crs[i] for new in replacement[i])
        else:
            out.append(line + crs[i])
    return EditResult("\n".join(out), tuple(changes), reason)


def _apply_to_items(items: list[Duty], doc: Document, lines: list[str], replacement: dict[int, list[str]],
                    changes: list[Change]) -> None:
    replaced = {c.index: c.new for c in changes if c.kind == "replace"}
    removed = {c.index for c in changes if c.kind == "remove"}
    added: dict[int, list[str]] = {}
    for c in changes:
        if c.kind == "add" and c.new:
            added.setdefault(c.index, []).append(c.new)

    # Walk the new list in order to number each section's numbered items afresh.
    counters: dict[int, int] = {}

    def next_number(template: Duty) -> int | None:
        m = _NUMBER_RE.match(template.marker)
        if not m:
            return None
        start = next((int(_NUMBER_RE.match(d.marker).group(1))  # type: ignore[union-attr]
                      for d in items if d.section == template.section and _NUMBER_RE.match(d.marker)), 1)
        n = counters.get(template.section, start - 1) + 1
        counters[template.section] = n
        return n

    def new_line(template: Duty, text: str) -> str:
        if template.marker == TABLE_MARKER:
            # A duty in a table row: a new row with the duty in the last column, as wide as the table.
            columns = lines[template.line - 1].strip().strip("|").count("|") + 1
            return "| " + " | ".join([""] * (columns - 1) + [text]) + " |"
        number = next_number(template)
        m = _NUMBER_RE.match(template.marker)
        marker = f"{number}{m.group(2)}" if m and number is not None else template.marker
        indent = lines[template.line - 1][: len(lines[template.line - 1]) - len(lines[template.line - 1].lstrip())]
        return f"{indent}{marker} {text}"

    def insert_after(index: int, new_lines: list[str]) -> None:
        if index >= 0:
            key = items[index].end_line - 1
            replacement[key] = [*replacement.get(key, [lines[key]]), *new_lines]
        else:
            key = items[0].line - 1
            replacement[key] = [*new_lines, *replacement.get(key, [lines[key]])]

    # Additions before the first item take the first item's style.
    if -1 in added:
        insert_after(-1, [new_line(items[0], t) for t in added[-1]])
    for i, item in enumerate(items):
        first, last = item.line - 1, item.end_line - 1
        if i in removed:
            for k in range(first, last + 1):
                replacement[k] = []
        elif i in replaced and replaced[i]:
            replacement[first] = [new_line(item, replaced[i] or "")]
            for k in range(first + 1, last + 1):
                replacement[k] = []
        else:
            number = next_number(item)
            m = _NUMBER_RE.match(item.marker)
            if m and number is not None and int(m.group(1)) != number:
                raw = lines[first]
                lead = _LEAD_NUMBER_RE.match(raw)
                if lead:
                    # The line may already carry duties inserted before or after it: keep them.
                    current = replacement.get(first, [raw])
                    at = current.index(raw) if raw in current else len(current) - 1
                    current[at] = f"{lead.group(1)}{number}{lead.group(3)}{raw[lead.end():]}"
                    replacement[first] = current
        if i in added:
            insert_after(i, [new_line(item, t) for t in added[i]])


def _apply_to_sentences(doc: Document, lines: list[str], replacement: dict[int, list[str]],
                        changes: list[Change]) -> str | None:
    """Replace prose duty sentences that appear verbatim on one line; leave the rest."""
    skipped = 0
    for c in changes:
        if c.kind != "replace" or not c.new or c.index < 0:
            skipped += 1
            continue
        old = doc.duties[c.index]
        idx = old.line - 1
        current = replacement.get(idx, [lines[idx]])
        if old.line != old.end_line or len(current) != 1 or old.text not in current[0]:
            skipped += 1
            continue
        replacement[idx] = [current[0].replace(old.text, c.new, 1)]
    if skipped:
        return "the duties are written as prose, so only sentences found verbatim on one line were replaced"
    return None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of two texts, `a/` and `b/` prefixed like git, ready for `patch -p1`."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    if a and not a[-1].endswith("\n"):
        a[-1] += "\n\\ No newline at end of file\n"
    if b and not b[-1].endswith("\n"):
        b[-1] += "\n\\ No newline at end of file\n"
    name = path.lstrip("/") if path not in ("-", "<text>") else "posting"
    return "".join(_diff_lines(a, b, f"a/{name}", f"b/{name}"))
