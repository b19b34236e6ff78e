"""Parse a Markdown or plain-text posting into a Document: title, sections, duty items.

The parser is line based and forgiving on purpose: real postings have headings without a space
after the hashes, bold lines and `Key responsibilities:` lines used as headings, list items that
wrap over several lines, and no duty list at all. Every title and duty keeps its line range so it
can be rewritten in place later; the text itself is kept untouched.
"""

from __future__ import annotations

from jdfix.engine.regexes import IGNORECASE, escape, group_1, may_hold, regex
from jdfix.memo import memo
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re

# Section kinds: duties, requirements and other, with other split finer (an overview of the role,
# or a heading that says nothing) because the analysis weighs evidence by them.
DUTIES, REQUIREMENTS, OTHER = "duties", "requirements", "other"
OVERVIEW, UNKNOWN = "overview", "unknown"

_KEYWORDS: dict[str, tuple[str, ...]] = {
    DUTIES: (
        "responsibilit", "duties", "duty", "what you'll do", "what you will do", "what youll do",
        "what you'll be doing", "what you will be doing", "key objectives", "objectives",
        "in this role", "your day", "day to day", "day-to-day", "you will", "you'll", "main tasks",
        "key tasks", "tasks", "accountabilit", "what the job involves", "job involves",
        "role involves", "your impact", "what you'll work on", "what you will work on",
        "your mission", "key areas", "activities", "what you'll achieve", "the work",
        "responsible for", "you'll need to accomplish", "you will need to accomplish",
        "what you'll be responsible", "key result", "main purpose of the job is to",
        # US job descriptions: "Essential Functions", "Essential Duties and Responsibilities"
        # (before the requirements' "essential": the longer keyword wins where both start).
        "essential functions", "essential job functions", "essential duties", "job functions",
        "key functions", "primary functions", "main functions",
        # Areas of a manager's work ("Team and Department Management"): here the longer keyword
        # wins over the "department" of a section about the department.
        "department management", "team management", "people management", "line management",
        "staff management",
    ),
    OVERVIEW: (
        "about the role", "about this role", "the role", "role overview", "job purpose", "purpose",
        "overview", "summary", "job description", "description", "the opportunity", "introduction",
        "the position", "about the job", "the job", "role profile",
    ),
    REQUIREMENTS: (
        "requirement", "qualification", "what you bring", "you'll bring", "you will bring",
        "looking for", "look for", "nice to have", "nice-to-have", "bonus", "skills", "skill", "experience",
        "about you", "you have", "you are", "who you are", "essential", "desirable", "criteria",
        "person specification", "competenc", "knowledge", "ideal candidate", "must have",
        "must-have", "you'll need", "you will need", "what you need", "preferred", "education",
        "abilities", "capabilities", "specification", "background", "profile of",
        "what we're looking", "what we are looking", "who we're looking", "attributes",
    ),
    OTHER: (
        "about us", "about the company", "about the organisation", "about the organization",
        "who we are", "benefit", "perks", "what we offer", "we offer", "how to apply", "apply",
        "salary", "compensation", "pay ", "location", "equal opportunit", "equal employment",
        "why join", "why work", "hiring process", "interview process", "application process",
        "recruitment process", "contact", "next steps", "working hours", "terms and conditions",
        "conditions", "disclaimer", "legal", "our values", "culture", "diversity and inclusion",
        "accommodation", "security clearance", "clearance", "notes", "note", "timeline",
        "department", "directorate",
    ),
}

# Patterns end in `(.*)$` and trailing blanks are stripped in code: a lazy group before `[ \t]*$`
# backtracks quadratically on a line of thousands of spaces.
_ATX_RE = regex(r"^ {0,3}(#{1,6})(?:[ \t\u00a0]+|(?=[^\W\d_]))(.*)$")
_SETEXT_RE = regex(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK_RE = regex(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE_RE = regex(r"^ {0,3}(```|~~~)")
_ITEM_RE = regex(r"^([ \t]*)([-*+•●▪◦‣·–]|\d{1,3}[.)])[ \t]+(\S.*)$")
_LABEL_RE = regex(
    r"^[ \t>]*(?:\*\*|__)?(?:job[ \t]+title|title|position|role|job)(?:\*\*|__)?[ \t]*[:：]"
    r"[ \t]*(?P<t>\S.*)$",
    IGNORECASE,
)
_FRONT_KEY_RE = regex(r"^title[ \t]*:[ \t]*(?P<t>.*)$")
# A Markdown table's delimiter row: | --- | :---: |
_TABLE_RULE_RE = regex(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
TABLE_MARKER = "|"  # the marker of a duty read from a table row
# A sentence end: the stop and the blanks after it, before a capital (or a quote and a capital).
# Starting on the stop, not a look-behind, lets the regex engine skip ahead.
_SENTENCE_END_RE = regex(r"[.!?;][ \t]+(?=[\"'(“‘]?[A-Z0-9])")
_INLINE_MARKUP_RE = regex(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])|`")
_LINK_RE = regex(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG_RE = regex(r"</?[A-Za-z][^>]*>")
_WS_RE = regex(r"\s+")
_FENCE_STARTS = frozenset("`~")
_ITEM_STARTS = frozenset("-*+•●▪◦‣·–")
_META_RE = regex(r"^[ \t>]*(?:\*\*|__)?[A-Z][\w /&.-]{0,30}(?:\*\*|__)?:(?:\*\*|__)?[ \t]+\S.{0,60}$")

MAX_TITLE_CHARS = 150  # a longer `Job title:` line is a sentence, not a title
# Characters that show nothing: stripped before a line is classified, so "\u200b# Title" is a heading.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"
                                   "\u2066\u2067\u2068\u2069"), None)
_INVISIBLE_RE = regex("[" + "".join(map(chr, _INVISIBLE)) + "]")


def _atx_content(raw: str) -> str:
    """The text of an ATX heading without trailing blanks and a closing run of #."""
    text = raw.rstrip(" \t")
    if text.endswith("#"):
        bare = text.rstrip("#")
        if not bare or bare.endswith((" ", "\t")):
            text = bare.rstrip(" \t")
    return text.strip(" \t\u00a0")


def _bold_line(stripped: str) -> str | None:
    """The text of a line that is only bold ("**Responsibilities:**"), else None."""
    s = stripped.rstrip(": \t")
    for mark in ("**", "__"):
        if s.startswith(mark) and len(s) > 4:
            inner = s[2:]
            if inner.endswith(mark + ":"):
                inner = inner[:-1]
            if inner.endswith(mark) and mark not in inner[:-2] and inner[:1] not in "*_":
                return inner[:-2].strip()
    return None


def plain(text: str) -> str:
    """Markdown inline text as plain words: links, emphasis, code ticks and tags removed."""
    # One substring test per markup character: each is a C scan of the text, where a frozenset's
    # isdisjoint looked up every character of it (a tenth of the parse).
    emphasis = "*" in text or "_" in text or "`" in text
    if emphasis or "[" in text or "<" in text:
        # Each substitution only where its telltale character is present (most texts have one kind).
        if "](" in text:
            text = _LINK_RE.sub(group_1, text)
        if "<" in text:
            text = _TAG_RE.sub(" ", text)
        if emphasis:  # (a no-op where the substitutions above took the marks away)
            text = _INLINE_MARKUP_RE.sub("", text)
    return squeeze(text)


def squeeze(text: str) -> str:
    """`text` with its runs of blanks made one space and its ends stripped: " ".join(text.split())."""
    # Most texts are so already: a text whose only blank is the space (every other character
    # str.split splits on is unprintable) with no two in a row and none at an end is returned as
    # it is, without splitting it into words and joining them again.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


# The leftmost keyword in a heading wins, and at one place the longest ("what you'll need" over
# "you'll"). One alternation of every keyword, longest first, finds it fastest (~5 us a heading)
# but costs ~2 ms to compile: the first headings of a run are searched with str.find (~18 us
# each), and only a run that meets many compiles the alternation.
_KEYWORD_KIND = {w: kind for kind, words in _KEYWORDS.items() for w in words}
_KEYWORDS_LONGEST_FIRST = tuple(sorted(_KEYWORD_KIND, key=len, reverse=True))
_FIND_BEFORE_COMPILING = 100
_keyword_search: list[re.Pattern[str]] = []  # the compiled alternation, once a run needs it
_headings_searched = 0


def _leftmost_keyword(h: str) -> str | None:
    global _headings_searched
    if _keyword_search:
        m = _keyword_search[0].search(h)
        return m.group() if m else None
    _headings_searched += 1
    if _headings_searched >= _FIND_BEFORE_COMPILING:
        _keyword_search.append(regex("|".join(map(escape, _KEYWORDS_LONGEST_FIRST))))
    best, best_at = None, len(h)
    for word in _KEYWORDS_LONGEST_FIRST:
        at = h.find(word, 0, best_at + len(word))
        if 0 <= at < best_at:
            best, best_at = word, at
    return best


@memo(maxsize=4096)  # headings repeat from posting to posting; the keyword search costs ~9 us
def classify_heading(heading: str) -> str:
    """The kind of a section from its heading: duties, overview, requirements, other or unknown."""
    h = " " + _WS_RE.sub(" ", heading.lower().replace("’", "'")).strip(" :.-*#") + " "
    if len(h.split()) > 8:
        return UNKNOWN  # a sentence set in bold is content, not a section name
    word = _leftmost_keyword(h)
    return _KEYWORD_KIND[word] if word else UNKNOWN


@dataclass(frozen=True, slots=True)
class Title:
    """The posting's title and exactly where it sits in the text."""

    text: str
    line: int  # 1-based
    origin: str  # front-matter | h1 | label | first-line
    start: int  # column span of the title text within that line; -1 when it cannot be
    end: int  # rewritten in place (markup or hidden characters split its words)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the lines under it up to the next heading."""

    heading: str | None
    kind: str  # duties | overview | requirements | other | unknown
    level: int  # 1-6 for Markdown headings, 7 for bold or `Label:` lines, 0 for the preamble
    line: int
    end_line: int


# Not frozen: made once per duty on the hot path, where a frozen dataclass's __init__ costs
# four times as much. Treat as read-only.
@dataclass(slots=True)
class Duty:
    """One duty: a list item or a sentence of prose, with its line range."""

    text: str
    line: int
    end_line: int
    section: int  # index into Document.sections
    marker: str  # "-", "*", "1.", ... or "" for a sentence
    indent: int
    depth: int


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed posting. `duties` is the duty list; `items`/`sentences` are all evidence units."""

    path: str
    text: str
    title: Title | None
    sections: tuple[Section, ...]
    items: tuple[Duty, ...]
    sentences: tuple[Duty, ...]
    duties: tuple[Duty, ...]
    duty_origin: str  # section | list | sentences | none
    newline: str = "\n"
    # Items of requirement lists that state work ("Lead workshops" under "Skills and experience"),
    # outside the duty list: duties too, reported beside it.
    work_items: tuple[Duty, ...] = ()


def _front_matter(lines: list[str]) -> tuple[int, Title | None]:
    """Return (number of lines the front matter spans, its title)."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in ("---", "..."):
            title = None
            for j in range(1, i):
                m = _FRONT_KEY_RE.match(lines[j])
                if m:
                    raw = m.group("t").rstrip(" \t")
                    start = m.start("t")
                    end = start + len(raw)
                    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
                        start, end = start + 1, end - 1
                        raw = raw[1:-1]
                    if raw.strip():
                        title = Title(raw.strip(), j + 1, "front-matter", start, end)
                    break
            return i + 1, title
    return 0, None


def _span_of(line: str, text: str, fallback: tuple[int, int] | None = None) -> tuple[int, int]:
    """Where `text` sits in `line`; else `fallback`; else (-1, -1): a title that cannot be
    rewritten in place (its words are split by markup or hidden characters)."""
    start = line.find(text) if text else -1
    if start >= 0:
        return start, start + len(text)
    return fallback if fallback is not None else (-1, -1)


@dataclass(slots=True)
class _Lines:
    """The posting's lines and what each one is (pass 1 of the parse)."""

    lines: list[str]  # as written, without line ends
    vis: list[str]  # the same without invisible characters (the same list when there are none)
    kind: list[str]  # blank, code, heading, underline, item, row, table, break, para, front
    level: list[int]  # heading level: 1-6 Markdown, 7 bold or `Label:` lines
    head_text: list[str]  # a heading's plain text
    fm_len: int  # lines of front matter
    item_match: dict[int, re.Match[str]]  # each list item's line: its _ITEM_RE match, kept for reading it


def parse(text: str, path: str = "<text>") -> Document:
    """Parse the text of a posting. Never raises on odd input; an empty posting has no duties.

    The steps: front matter, blocks (what each line is), the title, sections, list items and
    prose sentences, and the duty list.
    """
    newline = "\r\n" if "\r\n" in text[:4096] else "\n"
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
    fm_len, fm_title = _front_matter(lines)
    doc = _blocks(text, lines, fm_len)
    title = fm_title or _h1_title(doc) or _label_title(doc) or _first_line_title(doc)
    sections, sec_of_line = _sections(doc, title)
    items, sentences = _items_and_sentences(doc, sec_of_line, title)
    duties, origin = _duty_list(items, sentences, sections)
    work_items = _work_items(items, sentences, sections, duties, origin)
    return Document(
        path=path,
        text=text,
        title=title,
        sections=tuple(sections),
        items=tuple(items),
        sentences=tuple(sentences),
        duties=tuple(duties),
        duty_origin=origin,
        newline=newline,
        work_items=work_items,
    )


def _blocks(text: str, lines: list[str], fm_len: int) -> _Lines:
    """What each line is: blank, code (fences, HTML comments), heading, item, break or paragraph."""
    n = len(lines)
    kind = ["para"] * n
    level = [0] * n
    head_text: list[str] = [""] * n
    for i in range(fm_len):
        kind[i] = "front"
    in_fence = False
    in_comment = False
    item_match: dict[int, re.Match[str]] = {}
    # Most postings have no invisible characters at all: then the lines are their own visible form.
    vis = [ln.translate(_INVISIBLE) for ln in lines] if _INVISIBLE_RE.search(text) else lines
    for i in range(fm_len, n):
        line = vis[i]
        stripped = line.strip()
        first = stripped[:1]
        # Each test runs only for lines whose first character could start that construct.
        if first in _FENCE_STARTS and _FENCE_RE.match(line):
            kind[i] = "code"
            in_fence = not in_fence
            continue
        if in_fence:
            kind[i] = "code"
            continue
        # HTML comments (and jdfix's own `<!-- jdfix: ignore ... -->`) are not content.
        if in_comment or (first == "<" and stripped.startswith("<!--")):
            kind[i] = "code"
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            kind[i] = "blank"
            continue
        if first == "#":
            m = _ATX_RE.match(line.lstrip(" ") if len(line) - len(line.lstrip(" ")) <= 3 else line)
            content = _atx_content(m.group(2)) if m else ""
            if content:
                kind[i], level[i], head_text[i] = "heading", len(m.group(1)), plain(content)  # type: ignore[union-attr]
                continue
        sm = _SETEXT_RE.match(line) if first in "=-" else None
        if sm and i > fm_len and kind[i - 1] == "para" and (i < 2 or kind[i - 2] in ("blank", "heading", "front")):
            kind[i - 1], level[i - 1] = "heading", 1 if sm.group(1)[0] == "=" else 2
            head_text[i - 1] = plain(vis[i - 1])
            kind[i] = "underline"
            continue
        if first in "-*_" and _BREAK_RE.match(line):
            kind[i] = "break"
            continue
        if first in _ITEM_STARTS or first.isdigit():
            m = _ITEM_RE.match(line)
            if m:
                kind[i] = "item"
                item_match[i] = m
                continue
        if kind[i] == "table" or (first == "|" and _table_starts(vis, i, kind)):
            continue
        heading = _heading_line(stripped, first)
        if heading is not None:
            kind[i], level[i], head_text[i] = "heading", 7, heading
    _plain_headings(vis, kind, level, head_text, fm_len)
    return _Lines(lines, vis, kind, level, head_text, fm_len, item_match)


def _table_starts(vis: list[str], i: int, kind: list[str]) -> bool:
    """Mark a Markdown table's header and delimiter rows (its body rows are `row`s, read as list
    items: a table of duties is a duty list). True when line `i` is part of a table."""
    if i > 0 and kind[i - 1] in ("row", "table"):
        kind[i] = "row"
        return True
    if i + 1 < len(vis) and _TABLE_RULE_RE.match(vis[i + 1]) and "|" in vis[i + 1]:
        kind[i] = kind[i + 1] = "table"  # the header names the columns; the rule draws the line
        return True
    return False


_PLAIN_HEADING_MAX_WORDS = 5


def _plain_headings(vis: list[str], kind: list[str], level: list[int], head_text: list[str], fm_len: int) -> None:
    """A short line standing alone that names a section ("Responsibilities", "What you'll do",
    "Requirements") is a heading in plain text, colon or not."""
    n = len(vis)
    for i in range(fm_len, n):
        if kind[i] != "para" or (i > fm_len and kind[i - 1] not in ("blank", "heading", "break", "underline")):
            continue
        if i + 1 < n and kind[i + 1] == "para" and not vis[i + 1].startswith((" ", "\t")):
            continue  # the first line of a paragraph
        text = plain(vis[i].strip())
        words = text.split()
        if not words or len(words) > _PLAIN_HEADING_MAX_WORDS or text[-1] in ".,;!?" or len(text) > 50:
            continue
        h = " " + _WS_RE.sub(" ", text.lower().replace("’", "'")).strip(" :.-*#") + " "
        word = _leftmost_keyword(h)
        # The section word must lead the line, or follow one word in a short one ("Key
        # responsibilities"), not sit in a phrase of prose ("Our skills matter to us").
        at = h.find(word) if word else -1
        if 0 <= at and (at <= 1 or (at <= len(words[0]) + 2 and len(words) <= 3)) and classify_heading(text) != UNKNOWN:
            kind[i], level[i], head_text[i] = "heading", 7, text


def _heading_line(stripped: str, first: str) -> str | None:
    """The heading text of a line used as a heading: only bold, `Label:`, or SHOUTED; else None."""
    bold = _bold_line(stripped) if first in "*_" and len(stripped) <= 100 else None
    if bold:
        return plain(bold).rstrip(":").strip()
    if stripped.endswith(":") and len(stripped) <= 70 and len(stripped.split()) <= 9 and first != ">":
        return plain(stripped[:-1])
    if stripped.isupper() and len(stripped.split()) <= 6 and sum(c.isalpha() for c in stripped) >= 4:
        return plain(stripped).title()
    return None


# The title, in order: front matter, the first H1, a `Job title:` line, the first short line.


def _h1_title(doc: _Lines) -> Title | None:
    lines, vis, kind, level, head_text = doc.lines, doc.vis, doc.kind, doc.level, doc.head_text
    for i in range(doc.fm_len, len(lines)):
        if kind[i] == "heading" and level[i] == 1 and head_text[i]:
            raw_line = lines[i]
            m = _ATX_RE.match(raw_line.lstrip(" "))
            fallback = None
            if m and raw_line == vis[i]:
                raw = _atx_content(m.group(2))
                offset = len(raw_line) - len(raw_line.lstrip(" ")) + m.start(2)
                begin = raw_line.find(raw, offset)
                fallback = (begin, begin + len(raw)) if begin >= 0 else None
            elif not m and raw_line == vis[i]:
                fallback = (len(raw_line) - len(raw_line.lstrip()), len(raw_line.rstrip()))
            start, end = _span_of(raw_line, head_text[i], fallback)
            return Title(head_text[i], i + 1, "h1", start, end)
    return None


def _label_title(doc: _Lines) -> Title | None:
    for i in range(doc.fm_len, len(doc.lines)):
        if doc.kind[i] in ("code", "front"):
            continue
        m = _LABEL_RE.match(doc.vis[i])
        if m and len(m.group("t")) <= MAX_TITLE_CHARS:
            t = plain(m.group("t").rstrip(" \t").strip("*_ \t"))
            if t:
                start, end = _span_of(doc.lines[i], t)
                return Title(t, i + 1, "label", start, end)
    return None


def _first_line_title(doc: _Lines) -> Title | None:
    for i in range(doc.fm_len, len(doc.lines)):
        if doc.kind[i] in ("blank", "code", "break", "underline"):
            continue
        raw = doc.vis[i].strip()
        m = _ATX_RE.match(raw)
        if m:
            raw = _atx_content(m.group(2))
        t = plain(raw.lstrip("#>*-+ \u00a0").rstrip(":"))
        if t and len(t) <= 100:
            start, end = _span_of(doc.lines[i], t)
            return Title(t, i + 1, "first-line", start, end)
        return None
    return None


def _sections(doc: _Lines, title: Title | None) -> tuple[list[Section], list[int]]:
    """The sections, and each line's section index. A heading whose words say nothing inherits its
    parent's kind; the title's own heading opens no section."""
    n = len(doc.lines)
    kind, level, head_text = doc.kind, doc.level, doc.head_text
    sec_of_line = [0] * n
    parents: list[tuple[int, str]] = []  # (level, kind)
    cur_start, cur_heading, cur_kind, cur_level = 1, None, UNKNOWN, 0
    open_sections: list[tuple[int, str | None, str, int]] = []
    headings = [i for i, k in enumerate(kind) if k == "heading"]
    previous = 0
    for i in headings:
        if not (title and title.line == i + 1 and title.origin != "label"):
            sec_of_line[previous:i] = [len(open_sections)] * (i - previous)
            previous = i
            open_sections.append((cur_start, cur_heading, cur_kind, cur_level))
            lvl = level[i]
            while parents and parents[-1][0] >= lvl:
                parents.pop()
            k = classify_heading(head_text[i])
            if k == UNKNOWN and parents:
                k = parents[-1][1]
            parents.append((lvl, k))
            cur_start, cur_heading, cur_kind, cur_level = i + 1, head_text[i], k, lvl
    sec_of_line[previous:] = [len(open_sections)] * (n - previous)
    open_sections.append((cur_start, cur_heading, cur_kind, cur_level))
    sections: list[Section] = []
    for idx, (start, heading, k, lvl) in enumerate(open_sections):
        end = open_sections[idx + 1][0] - 1 if idx + 1 < len(open_sections) else n
        sections.append(Section(heading, k, lvl, start, max(start, end)))
    return sections, sec_of_line


def _items_and_sentences(doc: _Lines, sec_of_line: list[int], title: Title | None) -> tuple[list[Duty], list[Duty]]:
    """The list items (with their wrapped and loose continuation lines, and nesting depth) and the
    sentences of every paragraph outside them."""
    lines, kind, n = doc.lines, doc.kind, len(doc.lines)
    items: list[Duty] = []
    sentences: list[Duty] = []
    stack: list[int] = []  # marker indents of open items, for depth
    i = doc.fm_len
    while i < n:
        k = kind[i]
        if k == "item":
            i = _item_at(doc, i, stack, sec_of_line, items)
            continue
        if k == "row":
            stack.clear()
            cells = [plain(c) for c in doc.vis[i].strip().strip("|").split("|")]
            text = ": ".join(c for c in cells if c)
            if text:
                items.append(Duty(text, i + 1, i + 1, sec_of_line[i], TABLE_MARKER, 0, 0))
            i += 1
            continue
        if k == "para":
            stack.clear()
            j = i
            while j < n and kind[j] == "para":
                j += 1
            _sentences_of(lines, i, j, sec_of_line[i], sentences, title)
            i = j
            continue
        if k in ("heading", "break"):
            stack.clear()
        i += 1
    return items, sentences


def _item_at(doc: _Lines, i: int, stack: list[int], sec_of_line: list[int], out: list[Duty]) -> int:
    """Read the list item starting on line `i` into `out`; return the line after it."""
    lines, kind, n = doc.lines, doc.kind, len(doc.lines)
    lead, marker, content = doc.item_match[i].groups()
    indent = len(lead.expandtabs(4))
    line = lines[i]
    content_col = len(line) - len(line.lstrip()) + len(marker) + 1
    while stack and stack[-1] >= indent:
        stack.pop()
    depth = len(stack)
    stack.append(indent)
    parts = [content.rstrip(" \t")]
    j = i + 1
    while j < n:
        kj = kind[j]
        if kj == "para" and not lines[j].lstrip().startswith("|"):
            parts.append(lines[j].strip())
            j += 1
            continue
        if kj == "blank" and j + 1 < n and kind[j + 1] == "para":
            nxt = lines[j + 1]
            if len(nxt) - len(nxt.lstrip()) >= max(2, content_col):
                j += 1
                continue
        break
    item_text = plain(parts[0] if len(parts) == 1 else " ".join(parts))  # most items are one line
    last = j - 1
    while last > i and kind[last] == "blank":
        last -= 1
    if item_text:
        out.append(Duty(item_text, i + 1, last + 1, sec_of_line[i], marker, indent, depth))
    return j


def _duty_list(items: list[Duty], sentences: list[Duty], sections: list[Section]) -> tuple[list[Duty], str]:
    """The duty list and where it came from: items of duty sections; else items outside
    requirement/other sections; else lists under a requirements heading that are made of work
    ("Skills and experience: - Develop content ... - Conduct content audits"); else the sentences
    of the body outside those sections."""

    def in_kinds(d: Duty, kinds: tuple[str, ...]) -> bool:
        return sections[d.section].kind in kinds

    duties = [d for d in items if in_kinds(d, (DUTIES,))]
    if duties:
        return duties, "section"
    duties = [d for d in items if in_kinds(d, (OVERVIEW, UNKNOWN))]
    if duties:
        return duties, "list"
    prose = [d for d in sentences if in_kinds(d, (DUTIES,)) or (in_kinds(d, (OVERVIEW, UNKNOWN)) and
                                                                 _speaks_of_the_job(d.text))]
    if any(in_kinds(d, (DUTIES,)) for d in prose):
        return prose, "sentences"  # duties in prose under a duties heading come before any list
    duties = _work_read_as_requirements(items, sections)
    if duties:
        return duties, "list"
    if prose:
        return prose, "sentences"
    return [], "none"


# The first words of an item that states work ("Develop ...", "Ensuring ...", "Accountable for ...")
# and of one that states what a candidate must bring ("Experience of ...", "Strong ...", "3+ years").
_WORK_VERBS = frozenset("""
accountable act adhere advise advocate align analyse analyze architect assess assist audit build
champion chair coach collaborate collect communicate conduct configure contribute coordinate create
debug define deliver deploy design develop direct document drive edit engage ensure establish
evaluate explain facilitate forecast foster gather guide help hire identify implement improve
influence interview investigate lead liaise maintain manage measure mentor
monitor negotiate organise organize oversee own participate partner perform plan prepare present
prioritise prioritize produce promote provide recruit report represent research resolve responsible
review run scope set shape spot support test track train translate troubleshoot update
validate visualise visualize work write
automate craft draft enforce find integrate iterate keep launch migrate minimise minimize model
optimise optimize profile prototype refactor refine release scale schedule simplify streamline
""".split())
# The base form and the -s forms of a verb: "develop", "develops", "finishes", "identifies".
_VERB_ENDINGS = (("", ""), ("s", ""), ("es", ""), ("ies", "y"))
_BRINGS_NOUNS = frozenset({"skills", "skill", "tools", "frameworks", "knowledge", "experience", "permit", "abilities"})
_BRINGS_RE = regex(
    r"^(?:\d|a |an |at least|minimum|experience|experienced|ability|able|knowledge|knowledgeable|"
    r"understanding|proficien|strong|excellent|good|great|proven|demonstra|degree|bachelor|master|phd|"
    r"familiar|comfortable|fluent|skill|expert|solid|deep|working knowledge|track record|background|"
    r"certif|passion|exposure|hands-on|desire|willing|confident|you |your |must|previous|prior|"
    r"qualified|qualification|educated|excellent|outstanding|exceptional|self|detail)",
    IGNORECASE,
)
_MIN_WORK_ITEMS = 3  # a list this long at least, of which...
_WORK_SHARE = 0.65  # ...this share states work, is a duty list whatever its heading says


def _brings(text: str) -> bool:
    """Whether an item names what a candidate brings: "Reporting tools such as Looker", "Writing
    skills", "3+ years of ...", "Ability to ..."."""
    t = text.lstrip("*_ ").lower()
    return _BRINGS_RE.match(t) is not None or any(w.strip(".,:;") in _BRINGS_NOUNS for w in t.split(" ", 4)[1:4])


def _states_work(text: str) -> bool:
    # Gerunds are not read as work ("Testing frameworks"), only the base and -s forms ("Develop",
    # "Delivers"), after an adverb too ("Confidently explain ...").
    words = text.lstrip("*_ ").lower().split(" ", 2)
    first = words[0].strip(".,:;*_")
    if first.endswith("ly") and len(first) > 4 and len(words) > 1 and _is_work_verb(words[1].strip(".,:;*_")):
        return True
    return not _brings(text) and _is_work_verb(first)


def _is_work_verb(word: str) -> bool:
    return any(word.endswith(end) and word[: len(word) - len(end)] + base in _WORK_VERBS for end, base in _VERB_ENDINGS)


_YOU_WILL_RE = regex(r"^(?:in this (?:role|position),? )?you(?:'ll| will| are going to) (?:also |directly |help )?", IGNORECASE)
_WILL_ANSWER_FOR_RE = regex(r"\b(?:will|would|shall) be (?:responsible|accountable) for\b", IGNORECASE)
_ANSWER_FOR = ("be responsible for", "be accountable for")  # what every match of it holds, lowercased


def _says_you_will_work(text: str) -> bool:
    """A sentence that tells the reader the work they will do ("You will lead our design work",
    "The person in this role will be responsible for ..."), wherever it stands: not what they
    bring ("You will have five years of ...")."""
    # Most sentences hold neither phrase: two substring tests spare them the pattern's walk.
    if may_hold(text, _ANSWER_FOR) and _WILL_ANSWER_FOR_RE.search(text):
        return True
    m = _YOU_WILL_RE.match(text.replace("’", "'"))
    if m is None:
        return False
    words = text[m.end():].lower().split(" ", 2)
    if words[0] == "be" and len(words) > 1:  # "You will be driving the project timelines"
        doing = words[1]
        return doing.endswith("ing") and any(doing[:-3] + e in _WORK_VERBS for e in ("", "e"))
    return _states_work(text[m.end():])


def _after_label(text: str) -> str:
    """An item's text after a short label ("Project coordination: You will drive ..."), or all of it."""
    head, sep, rest = text.partition(": ")
    return rest if sep and len(head) <= 40 and head.count(" ") < 4 else text


def _work_items(items: list[Duty], sentences: list[Duty], sections: list[Section], duties: list[Duty],
                origin: str) -> tuple[Duty, ...]:
    """The work stated under a requirements heading, outside the duty list: items that state work
    ("Lead workshops", "Project coordination: You will drive ..."), and sentences that tell the
    reader the work ("You will lead our design work"). In a posting with no duty anywhere else,
    also what its requirements list asks that is not something to bring ("Conflict resolution
    within the team", "Ensuring the team keeps its definition of done")."""
    listed = {id(d) for d in duties}
    asked = [d for d in items if sections[d.section].kind == REQUIREMENTS and id(d) not in listed]
    work = [d for d in asked if _states_work(d.text) or _says_you_will_work(_after_label(d.text))]
    work += [d for d in sentences if sections[d.section].kind == REQUIREMENTS and _says_you_will_work(d.text)]
    if origin == "none":
        taken = {id(d) for d in work}
        work += [d for d in asked if d.depth == 0 and id(d) not in taken and not _brings(d.text)]
    return tuple(work)


def _work_read_as_requirements(items: list[Duty], sections: list[Section]) -> list[Duty]:
    """The items of requirements sections whose lists are mostly work, when no other list is."""
    by_section: dict[int, list[Duty]] = {}
    for d in items:
        if sections[d.section].kind == REQUIREMENTS and d.depth == 0:
            by_section.setdefault(d.section, []).append(d)
    out: list[Duty] = []
    for group in by_section.values():
        if len(group) >= _MIN_WORK_ITEMS and sum(map(_states_work, (d.text for d in group))) >= _WORK_SHARE * len(group):
            out.extend(group)
    return out


# Words by which a prose sentence speaks of the job rather than of the employer: "You will...",
# "The analyst is responsible for...", "In this role...". A posting whose prose is all about the
# company ("Acme is a great place to work") has no duties, however long it is.
_JOB_WORDS = (" you ", " you'", " your ", " yours", "responsib", " will ", " role ", " role'", " position ",
              " post ", " job ", " duties ", " duty ", " tasks ", " candidate", " successful applicant", " jobholder")


def _speaks_of_the_job(text: str) -> bool:
    t = " " + _WS_RE.sub(" ", text.lower().replace("’", "'")) + " "
    t = t.replace(",", " ").replace(".", " ").replace(":", " ").replace(";", " ")
    return any(w in t for w in _JOB_WORDS)


def _sentences_of(
    lines: list[str], start: int, stop: int, section: int, out: list[Duty], title: Title | None
) -> None:
    """Split the paragraph lines[start:stop] into sentences, each with its line range."""
    offsets: list[int] = []  # where each kept line starts in the joined paragraph
    line_numbers: list[int] = []
    buf: list[str] = []
    pos = 0
    for k in range(start, stop):
        if title is not None and title.line == k + 1:
            continue
        if ":" in lines[k] and _META_RE.match(lines[k]) and not lines[k].rstrip().endswith((".", ";")):
            continue  # "Department: Finance" is metadata, not a sentence of work
        s = lines[k].strip().lstrip(">").strip()
        offsets.append(pos)
        line_numbers.append(k + 1)
        buf.append(s)
        pos += len(s) + 1
    if not buf:
        return
    para = " ".join(buf)

    def line_at(off: int) -> int:
        # The last line starting at or before `off` (a paragraph has a few lines: a scan, where
        # bisect's C module cost every run a shared-library load).
        i = 0
        while i + 1 < len(offsets) and offsets[i + 1] <= off:
            i += 1
        return line_numbers[i]

    begin = 0
    for m in [*_SENTENCE_END_RE.finditer(para), None]:
        # a sentence ends with its full stop; the blanks after it belong to no sentence
        end = m.start() + 1 if m else len(para)
        piece = para[begin:end]
        first, begin = begin, (m.end() if m else len(para))
        text = plain(piece)
        # plain() leaves one space between words: two spaces make three words, without a split.
        if len(text) < 12 or text.count(" ") < 2:
            continue
        out.append(Duty(text, line_at(first), line_at(max(first, end - 1)), section, "", 0, 0))
