"""HTML to the Markdown jdfix reads (jdfix.io.formats): its own module, so reading Markdown or
JSON never loads html.parser and its patterns."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from itertools import accumulate
from typing import Any

from jdfix.engine.regexes import regex
from jdfix.errors import InputError

_BLANK_RE = regex(r"\s*")
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_BLOCKS = frozenset({"p", "div", "section", "article", "ul", "ol", "table", "tr", "br", "header", "footer",
                     "main", "blockquote", "dl", "dt", "dd", "hr"})


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
