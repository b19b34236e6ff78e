"""Postings that are not Markdown: HTML pages and ATS JSON, turned into Markdown for the parser.

HTML: the title from <h1> (else <title>), headings as Markdown headings, <li> as list items,
entities decoded, scripts and styles ignored; a schema.org JobPosting in JSON-LD wins when present.
ATS JSON: a Greenhouse job (title, content as entity-escaped HTML), a Lever posting (text as the
title, lists of {text, content}, descriptionPlain), a schema.org JobPosting (title, description,
responsibilities); a JSON array (or {"jobs": [...]}) holds several postings.

Line numbers of findings on these inputs refer to the Markdown made of them (`jdfix convert`
prints it). They are read-only: `--write` is refused; `-o FILE` writes an edited Markdown copy.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from itertools import accumulate
from typing import Any

from jdfix.errors import InputError, NotAPosting

FORMATS = ("markdown", "html", "json")
_BLANK_RE = re.compile(r"\s*")
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_BLOCKS = frozenset({"p", "div", "section", "article", "ul", "ol", "table", "tr", "br", "header", "footer",
                     "main", "blockquote", "dl", "dt", "dd", "hr"})


def detect(path: str, text: str) -> str:
    """The format of a posting, from its name, or from its first character for stdin."""
    lower = path.lower()
    if lower.endswith((".html", ".htm")):
        return "html"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".md", ".markdown", ".txt")):
        return "markdown"
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            json.loads(stripped)
            return "json"
        except (json.JSONDecodeError, RecursionError):
            return "markdown"  # "[Apply here](...)" is Markdown
    head = stripped[:2000].lower()
    if stripped[:1] == "<" and any(tag in head for tag in ("<html", "<!doctype", "<h1", "<h2", "<p", "<ul", "<div",
                                                            "<li", "<body")):
        return "html"
    return "markdown"


class _Markdown(HTMLParser):
    """HTML to the Markdown jdfix reads: headings, list items, paragraphs, bold."""

    def __init__(self, source: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.source = source  # the raw HTML, to place text on its lines
        self._line_starts: list[int] = []
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.prefix = ""
        self.skip = 0
        self.depth = 0
        self.title_tag: list[str] = []
        self.in_title = False
        self.ld_json: list[str] = []
        self.in_ld = False
        self.h1 = False
        self.skipped: list[str] = []  # the skipped elements we are inside (head, svg, ...)
        self.in_li = 0
        # The HTML line each Markdown line came from: where its element began, or its first text.
        self.origin: list[int] = []
        self.block_line = 1
        self.title_line = 1

    def _flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        if text:
            self.lines.append(self.prefix + text)
            self.origin.append(self.block_line)
            if self.prefix.startswith("# "):
                self.h1 = True  # only a heading with words in it is the title
            if not self.prefix.lstrip().startswith("-"):
                self.lines.append("")
                self.origin.append(self.block_line)
        self.buf = []
        self.prefix = ""

    def handle_comment(self, data: str) -> None:
        # jdfix's own suppression comments survive the conversion; other comments do not.
        if "jdfix" in data.lower() and not self.skip:
            self._flush()
            self.lines += [f"<!--{data}-->", ""]
            self.origin += [self.getpos()[0]] * 2  # result() numbers a comment's own lines

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("type", "") == "application/ld+json":
            self.in_ld = True
            return
        if tag == "title" and self.skipped in ([], ["head"]):
            self.in_title = True  # the page's title, not an SVG icon's
            self.title_line = self.getpos()[0]
        if tag in _SKIP:
            self.skip += 1
            self.skipped.append(tag)
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.prefix = "#" * int(tag[1]) + " "
            self.block_line = self.getpos()[0]
        elif tag == "li":
            self._flush()
            self.in_li += 1
            self.prefix = "  " * max(0, self.depth - 1) + "- "
            self.block_line = self.getpos()[0]
        elif self.in_li and tag in ("p", "div", "span", "section", "br"):
            self.buf.append(" ")  # a paragraph inside a list item is still that item
        elif tag in ("ul", "ol"):
            self._flush()
            self.depth += 1
        elif tag in _BLOCKS:
            self._flush()
        elif tag in ("strong", "b"):
            self.buf.append("**")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.in_ld:
            self.in_ld = False
            return
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            if self.skipped:
                self.skipped.pop()
            return
        if tag == "li":
            self.in_li = max(0, self.in_li - 1)
            self._flush()
            return
        if self.in_li and tag in ("p", "div", "span", "section", "br"):
            return
        if tag in ("ul", "ol"):
            self._flush()
            self.depth = max(0, self.depth - 1)
            self.lines.append("")
            self.origin.append(self.getpos()[0])
        elif tag in ("strong", "b"):
            self.buf.append("**")
        elif tag in ("li", "h1", "h2", "h3", "h4", "h5", "h6") or tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_ld:
            self.ld_json.append(data)
        elif self.in_title:
            self.title_tag.append(data)
        elif not self.skip:
            if not self.prefix and data.strip() and not "".join(self.buf).replace("*", "").strip():
                # a paragraph's line is where its text starts (its tag may be far above)
                self.block_line = self._text_line()
            self.buf.append(data)

    def _text_line(self) -> int:
        """The line of the raw HTML where the text now being read starts (past blank space;
        an entity such as &#10; is text, not a line break)."""
        line, offset = self.getpos()
        if not self._line_starts:
            self._line_starts = [0, *accumulate(len(ln) + 1 for ln in self.source.split("\n"))]
        if line > len(self._line_starts) - 1:
            return line
        pos = self._line_starts[line - 1] + offset
        m = _BLANK_RE.match(self.source, pos)
        end = m.end() if m else pos
        return line + self.source.count("\n", pos, end)

    def result(self) -> tuple[str, list[int]]:
        """The Markdown, and for each of its lines the HTML line it came from."""
        self._flush()
        out: list[str] = []
        origin: list[int] = []
        for ln, at in zip(self.lines, self.origin, strict=True):
            ln = ln.replace("** **", " ").replace("****", "")
            if ln == "" and out and out[-1] == "":
                continue
            out.append(ln)
            # an entry of several lines (a multi-line comment) gives each its own line
            origin.extend(range(at, at + ln.count("\n") + 1))
        joined = "\n".join(out)
        text = joined.strip() + "\n"
        origin = origin[joined[: len(joined) - len(joined.lstrip())].count("\n"):]  # lines stripped off the top
        title = " ".join("".join(self.title_tag).split())
        if not self.h1 and title:
            text = f"# {title}\n\n{text}"
            origin[:0] = [self.title_line] * 2
        origin += [origin[-1] if origin else 1] * 2  # the final newline, and any stripped blanks
        last = self.source.count("\n") + 1
        return text, [min(max(n, 1), last) for n in origin]


def html_to_markdown(source: str) -> tuple[str, list[Any]]:
    """Markdown for an HTML posting, and any JSON-LD objects found in it."""
    markdown, _, found = html_to_markdown_mapped(source)
    return markdown, found


def html_to_markdown_mapped(source: str) -> tuple[str, tuple[int, ...], list[Any]]:
    """Markdown for an HTML posting; for each Markdown line (index = line - 1) the line of the
    HTML it came from; and any JSON-LD objects found in the page."""
    parser = _Markdown(source)
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser gives up on some malformed markup
        raise InputError("<html>", f"unreadable HTML ({exc})") from None
    found: list[Any] = []
    for blob in parser.ld_json:
        try:
            found.append(json.loads(blob))
        except json.JSONDecodeError:
            continue
    markdown, origin = parser.result()
    return markdown, tuple(origin), found


def _html_field(value: Any) -> str:
    if isinstance(value, str) and "<" not in value and "\n" in value.strip():
        # plain text, one duty a line
        return "\n".join(f"- {line.strip().lstrip('-*•').strip()}" for line in value.splitlines() if line.strip())
    if isinstance(value, list):
        return "\n".join(f"- {html_to_markdown(str(v))[0].strip()}" for v in value if str(v).strip())
    return html_to_markdown(html.unescape(str(value or "")))[0]


def _job_postings(obj: Any) -> list[dict[str, Any]]:
    """schema.org JobPosting objects in a JSON-LD value (plain, a list, or an @graph)."""
    if isinstance(obj, list):
        return [p for item in obj for p in _job_postings(item)]
    if isinstance(obj, dict):
        if obj.get("@type") == "JobPosting" or (isinstance(obj.get("@type"), list) and "JobPosting" in obj["@type"]):
            return [obj]
        if "@graph" in obj:
            return _job_postings(obj["@graph"])
    return []


def posting_from_json(obj: dict[str, Any]) -> str | None:
    """Markdown for one ATS record (Greenhouse, Lever or schema.org JobPosting), or None."""
    found = _job_postings(obj)
    if found:
        obj = found[0]  # the posting itself, also when it sits in an @graph
        parts = [f"# {obj.get('title', '')}".rstrip(), "", _html_field(obj.get("description", ""))]
        if obj.get("responsibilities"):
            parts += ["## Responsibilities", "", _html_field(obj["responsibilities"])]
        return "\n".join(parts).strip() + "\n"
    if isinstance(obj.get("text"), str) and ("lists" in obj or "descriptionPlain" in obj or "description" in obj):
        parts = [f"# {obj['text']}", ""]
        if obj.get("descriptionPlain"):
            parts += [str(obj["descriptionPlain"]).strip(), ""]
        elif obj.get("description"):
            parts += [_html_field(obj["description"]), ""]
        for entry in obj.get("lists") or []:
            if isinstance(entry, dict):
                parts += [f"## {entry.get('text', '')}", "", _html_field(entry.get("content", "")), ""]
        return "\n".join(parts).strip() + "\n"
    if isinstance(obj.get("title"), str) and "content" in obj:
        return f"# {obj['title']}\n\n" + _html_field(obj.get("content", ""))
    return None


def split_postings(path: str, text: str, fmt: str) -> list[tuple[str, str]]:
    """(name, Markdown) for each posting in a file. Raises InputError for JSON that holds none."""
    return [(name, markdown) for name, markdown, _ in postings_in(path, text, fmt)]


# For each line of a converted posting (index = line - 1), the line of the original file it
# came from; None where there is no such line (JSON fields hold whole documents on one line).
LineMap = tuple[int, ...] | None


def postings_in(path: str, text: str, fmt: str) -> list[tuple[str, str, LineMap]]:
    """(name, Markdown, line map) for each posting in a file. Raises InputError for JSON that
    holds none."""
    if fmt == "markdown":
        return [(path, text, None)]
    try:
        return _split(path, text, fmt)
    except InputError as exc:
        if exc.path == "<html>":
            raise InputError(path, exc.reason) from None
        raise


def _split(path: str, text: str, fmt: str) -> list[tuple[str, str, LineMap]]:
    if fmt == "html":
        markdown, origin, ld = html_to_markdown_mapped(text)
        postings = [p for obj in ld for p in _job_postings(obj)]
        if postings:
            converted = posting_from_json(postings[0])
            if converted:
                return [(path, converted, None)]
        return [(path, markdown, origin)]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None
    records = data.get("jobs", data) if isinstance(data, dict) and isinstance(data.get("jobs"), list) else data
    records = records if isinstance(records, list) else [records]
    out: list[tuple[str, str, LineMap]] = []
    for n, record in enumerate(records):
        converted = posting_from_json(record) if isinstance(record, dict) else None
        if converted is None:
            raise NotAPosting(path, f"record {n} is not a posting (Greenhouse, Lever or schema.org JobPosting)")
        out.append((f"{path}#{n}" if len(records) > 1 else path, converted, None))
    if not out:
        raise NotAPosting(path, "no postings in this JSON file")
    return out
