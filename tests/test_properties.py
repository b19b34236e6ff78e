"""Property-based tests: the readers never crash, mutated postings never crash check/rewrite, and
editing a posting touches nothing but its title and its duty list."""

from __future__ import annotations

import json
import os
import random
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

import jdfix
from jdfix.edit.apply import apply, title_places
from jdfix.engine.document import parse
from jdfix.errors import InputError
from jdfix.io.formats import postings_in, split_postings
from jdfix.io.sources import decode
from tests.conftest import DRAFTS, run_jdfix

# Hypothesis keeps caches in ./.hypothesis by default: keep the work tree clean. No example database
# either, so every run is independent; known failures are pinned with @example instead.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "jdfix-hypothesis")
# The autouse fixture in conftest only sets environment variables: sharing it between examples is fine.
SETTINGS = dict(deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

DRAFT_TEXTS = {p.name: p.read_bytes().decode("utf-8") for p in sorted(DRAFTS.iterdir()) if p.is_file()}
DRAFT_NAMES = sorted(DRAFT_TEXTS)
assert len(DRAFT_NAMES) >= 5

# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

MARKDOWN_TOKENS = [
    "\n", "\r\n", "\r", "\n\n", "\t", " ", "    ", "#", "# ", "## ", "###", "###### ", "####### ", "-", "- ",
    "* ", "+ ", "• ", "– ", "1. ", "12) ", "999. ", "0.", "> ", ">", "---", "***", "___", "===", "- - -", "```",
    "~~~", "<!--", "-->", "<!-- jdfix: ignore -->", "**", "__", "`", "[", "](", ")", "<b>", "</b>", ":", "：",
    "Title: ", "Job title: ", "**Job title:** ", "title: \"", "'", "\"", "Responsibilities:", "## What you'll do",
    "Requirements", "About you", "Key responsibilities", "Product Owner", "Senior Data Scientist", "Junior",
    "Manage a team of five engineers.", "Own the roadmap; set pricing. Write SQL queries!", "|", "| a | b |",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
    "\u2067", "\u2069", "\u00a0", "\u3000", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "é", "ß", "İ",
    "ﬁ", "ǅ", "עברית", "العربية", "中文", "🙂", "\U0001f469\u200d\U0001f4bb", "e\u0301",
    " " * 3000, "\t" * 500, " \u2022 " * 200, "#" * 7, "-" * 50, "=" * 40, "1" * 5, ".",
]
# Everything a str can hold, lone surrogates included.
ANY_CHAR = st.characters(codec=None, categories=None)
markdown_text = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_TOKENS), st.text(ANY_CHAR, max_size=12)), max_size=40
).map("".join)

HTML_TOKENS = [
    "<html>", "</html>", "<!DOCTYPE html>", "<head>", "</head>", "<title>", "</title>", "<h1>", "</h1>", "<h2>",
    "</h2>", "<h7>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<p>", "</p>", "<div>", "<br>", "<br/>",
    "<hr>", "<strong>", "</strong>", "<b>", "</b>", "<script>", "</script>", '<script type="application/ld+json">',
    "<style>", "</style>", "<svg>", "</svg>", "<template>", "&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#x110000;",
    "&#99999999999;", "&bogus;", "&", "<!--", "-->", "<!", "<!x>", "<![CDATA[", "]]>", "<![if", "<![", "<?xml ?>",
    "<?", "</", "<", ">", "/>", "'", '"', "=", " a=", "\n", "\r\n", "\t", " ", "Product Owner",
    "Responsibilities", '{"@type": "JobPosting", "title": "Analyst", "description": "<li>x</li>"}', "{", "}",
    "[", "]", "\u200b", "\u202e", "\x00",
]
html_text = st.lists(
    st.one_of(st.sampled_from(HTML_TOKENS), st.text(ANY_CHAR, max_size=10)), max_size=40
).map("".join)

JSON_KEYS = ["title", "content", "text", "lists", "descriptionPlain", "description", "@type", "@graph", "jobs",
             "responsibilities"]
json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(ANY_CHAR, max_size=10),
    st.sampled_from(["JobPosting", ["JobPosting"], "<p>x</p>", "<li>a</li><li>b</li>", "&lt;li&gt;a",
                     "<![x]>", "Product Owner", ""]),
)
json_value = st.recursive(
    json_leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(JSON_KEYS), st.text(max_size=5)), children, max_size=5),
    ),
    max_leaves=25,
)
html_or_value = st.one_of(html_text, json_value)
# Records shaped like the three ATS formats, so the converters behind them are reached.
posting_record = st.one_of(
    st.fixed_dictionaries({"title": st.text(ANY_CHAR, max_size=20), "content": html_or_value}),
    st.fixed_dictionaries(
        {"text": st.text(ANY_CHAR, max_size=20),
         "lists": st.lists(st.fixed_dictionaries({"text": json_value, "content": html_or_value}), max_size=3)},
        optional={"descriptionPlain": json_value, "description": html_or_value}),
    st.fixed_dictionaries(
        {"@type": st.sampled_from(["JobPosting", ["Thing", "JobPosting"]]), "title": json_value,
         "description": html_or_value},
        optional={"responsibilities": st.one_of(html_or_value, st.lists(html_or_value, max_size=3))}),
)
json_document = st.one_of(
    posting_record, st.lists(posting_record, max_size=3), st.fixed_dictionaries({"jobs": st.lists(posting_record)}),
    st.fixed_dictionaries({"@graph": st.lists(posting_record, max_size=2)}), json_value,
)


class _Deep(str):
    """Deeply nested JSON ("[[[[..."), with a short repr in failure reports."""

    def __repr__(self) -> str:
        return f"{self[:1]!r} * {len(self)}"


json_text = st.one_of(
    json_document.map(lambda v: json.dumps(v, ensure_ascii=False)),
    st.lists(st.one_of(st.sampled_from(['{', '}', '[', ']', ',', ':', '"', '"title"', '"content"', 'null', '1e999',
                                         'NaN', '-', '\\u0000', '\\ud800', ' ', '\n']),
                       st.text(ANY_CHAR, max_size=5)), max_size=30).map("".join),
    st.integers(1, 200_000).map(lambda n: _Deep("[" * n)),
)

byte_inputs = st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]),
              st.binary(max_size=100)).map(b"".join),
    markdown_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    markdown_text.map(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8", "surrogatepass")),
)

# ---------------------------------------------------------------------------------------------
# Mutating the bundled drafts (shared by the hypothesis tests and the seeded subprocess test)
# ---------------------------------------------------------------------------------------------

INSERT_LINES = [
    "", " ", "# Product Owner", "## Responsibilities", "### Requirements", "Key responsibilities:", "**Duties**",
    "**Job title:** Head of Data", "Job title: Senior Data Scientist", "TITLE: x", "- Manage a team of engineers",
    "* Own the product roadmap and the pricing", "1. Write SQL queries", "2) Report to the board", "+ x",
    "   continuation of the item above", "> quoted line", "---", "***", "===", "- - -", "```", "~~~",
    "<!-- jdfix: ignore -->", "<!--", "-->", "title: 'x'", "| a | b |", "\u200b# Hidden heading", "\u202eReversed",
    "\u200f- RTL item", " " * 2000, "x" + " " * 3000 + "y", "\t- tabbed item", "•\tbullet", "##NoSpace", "# ", "#",
    "-", "1.", "Department: Finance", "WHAT YOU WILL DO", "Responsibilities" + ":" * 50, "- **bold** `code` [l](u)",
    "\ufeff", "\u00a0\u00a0# nbsp", "é\u0301\u0301", "🙂 Lead the team 🙂",
]
MARKERS = ["-", "*", "+", "•", "–", "·", "1.", "2)", "10.", "999)", "- -", "#", ">", ""]
ITEM_START = re.compile(r"^([ \t]*)([-*+•●▪◦‣·–]|\d{1,3}[.)])([ \t]+)")
HEADING_START = re.compile(r"^( {0,3})(#{1,7})[ \t]*")
# A line of random text for the seeded mutator: no newline, no NUL (a NUL makes a file "binary").
RANDOM_ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     \t.,;:!?-*_#>`[]()<>|/\\'\""
                   "•–\u00a0\u200b\u200d\u200f\u202e\u2066\ufeff\u3000éßİﬁ中文🙂\r")


def _mutate(text: str, ops: list[tuple]) -> str:
    """Apply mutation operations; indices are taken modulo the number of lines (or item/heading lines)."""
    lines = text.replace("\r\n", "\n").split("\n")
    line_ending = "\n"
    for op in ops:
        kind = op[0]
        n = len(lines)
        if kind == "drop" and n > 1:
            del lines[op[1] % n]
        elif kind == "dup" and n:
            i = op[1] % n
            lines.insert(i, lines[i])
        elif kind == "swap" and n:
            i, j = op[1] % n, op[2] % n
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "shuffle" and n:
            i = op[1] % n
            block = lines[i:i + op[2]]
            random.Random(op[3]).shuffle(block)
            lines[i:i + op[2]] = block
        elif kind == "insert":
            lines.insert(op[1] % (n + 1), op[2])
        elif kind == "marker":
            items = [k for k, ln in enumerate(lines) if ITEM_START.match(ln)]
            if items:
                k = items[op[1] % len(items)]
                lines[k] = ITEM_START.sub(lambda m, op=op: m.group(1) + op[2] + m.group(3), lines[k], count=1)
        elif kind == "heading":
            heads = [k for k, ln in enumerate(lines) if HEADING_START.match(ln)]
            if heads:
                k = heads[op[1] % len(heads)]
                lines[k] = HEADING_START.sub(lambda m, op=op: m.group(1) + "#" * op[2] + op[3], lines[k], count=1)
        elif kind == "strip_title":
            doc = parse("\n".join(lines))
            if doc.title is not None:
                i = doc.title.line - 1
                if op[1] or doc.title.start < 0:
                    del lines[i]
                else:
                    lines[i] = lines[i][: doc.title.start] + lines[i][doc.title.end:]
        elif kind == "crlf":
            line_ending = "\r\n"
        elif kind == "cr":
            line_ending = "\r"
        elif kind == "crlf_line" and n:
            lines[op[1] % n] += "\r"
    return line_ending.join(lines)


_index = st.integers(0, 200)
op_strategy = st.one_of(
    st.tuples(st.just("drop"), _index),
    st.tuples(st.just("dup"), _index),
    st.tuples(st.just("swap"), _index, _index),
    st.tuples(st.just("shuffle"), _index, st.integers(2, 30), st.integers(0, 2**16)),
    st.tuples(st.just("insert"), _index,
              st.one_of(st.sampled_from(INSERT_LINES),
                        st.text(st.characters(codec=None, categories=None, exclude_characters="\n"),
                                max_size=40))),
    st.tuples(st.just("marker"), _index, st.sampled_from(MARKERS)),
    st.tuples(st.just("heading"), _index, st.integers(0, 7), st.sampled_from([" ", "", "\t", "\u00a0"])),
    st.tuples(st.just("strip_title"), st.booleans()),
    st.tuples(st.sampled_from(["crlf", "cr"])),
    st.tuples(st.just("crlf_line"), _index),
)


def _random_ops(rng: random.Random) -> list[tuple]:
    """The seeded twin of `op_strategy`: a list of mutation operations."""
    ops: list[tuple] = []
    for _ in range(rng.randint(1, 10)):
        kind = rng.choice(["drop", "dup", "swap", "shuffle", "insert", "insert", "marker", "heading",
                           "strip_title", "crlf", "cr", "crlf_line"])
        i, j = rng.randint(0, 200), rng.randint(0, 200)
        if kind in ("drop", "dup", "crlf_line"):
            ops.append((kind, i))
        elif kind == "swap":
            ops.append((kind, i, j))
        elif kind == "shuffle":
            ops.append((kind, i, rng.randint(2, 30), rng.randint(0, 2**16)))
        elif kind == "insert":
            if rng.random() < 0.5:
                line = rng.choice(INSERT_LINES)
            else:
                line = "".join(rng.choice(RANDOM_ALPHABET) for _ in range(rng.randint(0, 60)))
            ops.append((kind, i, line))
        elif kind == "marker":
            ops.append((kind, i, rng.choice(MARKERS)))
        elif kind == "heading":
            ops.append((kind, i, rng.randint(0, 7), rng.choice([" ", "", "\t", "\u00a0"])))
        elif kind == "strip_title":
            ops.append((kind, rng.random() < 0.5))
        else:
            ops.append((kind,))
    return ops


def _norm_ws(text: str) -> str:
    return " ".join(text.split())


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def _exercise(result: jdfix.Result) -> None:
    """Use a Result the way the CLI and API callers do."""
    result.mismatch, result.inferred, result.failing  # noqa: B018
    json.dumps(result.to_dict(), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# 1. Readers never raise
# ---------------------------------------------------------------------------------------------


@settings(max_examples=500, **SETTINGS)
@given(text=markdown_text)
def test_parse_never_raises(text: str) -> None:
    doc = parse(text)
    n = len(text.split("\n"))
    if doc.title is not None:
        assert 1 <= doc.title.line <= n
    for d in doc.duties:
        assert 1 <= d.line <= d.end_line <= n


@settings(max_examples=300, **SETTINGS)
@given(data=byte_inputs)
def test_decode_returns_or_raises_input_error(data: bytes) -> None:
    try:
        source = decode(data, "x")
    except InputError:
        return
    assert source.text.strip()


def test_decode_refuses_oversized_input_with_input_error() -> None:
    with pytest.raises(InputError):
        decode(b"a" * (4 * 1024 * 1024 + 1), "x")


@settings(max_examples=300, **SETTINGS)
@given(text=html_text)
@example(text="<![0")
def test_split_postings_html_returns_or_raises_input_error(text: str) -> None:
    try:
        postings = split_postings("x.html", text, "html")
    except InputError:
        return
    assert postings and all(isinstance(md, str) for _, md in postings)
    # every line of the converted Markdown maps to a line of the HTML file
    for _, markdown, lines in postings_in("x.html", text, "html"):
        if lines is not None:
            assert len(lines) >= len(markdown.splitlines())
            assert all(1 <= n <= text.count("\n") + 1 for n in lines)


@pytest.mark.slow  # the slow tier: `pytest -m slow` (.ci/run runs it)
@settings(max_examples=300, **SETTINGS)
@given(text=json_text)
@example(text='{"title": "", "content": "<![0"}')
@example(text=_Deep("[" * 100_000))  # Hypothesis raises the recursion limit while it runs a test
def test_split_postings_json_returns_or_raises_input_error(text: str) -> None:
    try:
        postings = split_postings("x.json", text, "json")
    except InputError:
        return
    assert postings and all(isinstance(md, str) for _, md in postings)


@settings(max_examples=300, **SETTINGS)
@given(text=markdown_text)
def test_check_never_raises(text: str) -> None:
    _exercise(jdfix.check(text))


# ---------------------------------------------------------------------------------------------
# 2. Mutated postings never crash check or the offline rewrite
# ---------------------------------------------------------------------------------------------


@settings(max_examples=250, **SETTINGS)
@given(name=st.sampled_from(DRAFT_NAMES), ops=st.lists(op_strategy, max_size=8))
def test_mutated_postings_never_crash_check_or_rewrite(name: str, ops: list[tuple]) -> None:
    text = _mutate(DRAFT_TEXTS[name], ops)
    _exercise(jdfix.check(text, path=name))
    rw = jdfix.rewrite(text, path=name)  # llm=None: the rule engine's own suggestion, offline
    json.dumps(rw.to_dict(), ensure_ascii=False)
    if rw.edit is not None:
        assert isinstance(rw.edit.text, str)


# ---------------------------------------------------------------------------------------------
# 3. Editing keeps every byte outside the title and the duty list
# ---------------------------------------------------------------------------------------------

# One-line printable text (no control, surrogate, line or paragraph separator characters).
printable_line = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda s: s.strip())
# Text with no Markdown meaning at all: letters, digits, spaces and plain punctuation.
plain_line = st.text(
    st.one_of(st.characters(categories=("L", "N")), st.sampled_from(list(" ,.;:()&/'-+?!%$@"))),
    min_size=1, max_size=60,
).filter(lambda s: any(c.isalnum() for c in s))


@settings(max_examples=300, **SETTINGS)
@given(name=st.sampled_from(DRAFT_NAMES), ops=st.lists(op_strategy, max_size=4), title=printable_line,
       duties=st.lists(printable_line, min_size=1, max_size=8))
def test_apply_keeps_every_other_line(name: str, ops: list[tuple], title: str, duties: list[str]) -> None:
    text = _mutate(DRAFT_TEXTS[name], ops)
    doc = parse(text)
    result = apply(doc, title, duties)
    touched = {d for duty in doc.duties for d in range(duty.line, duty.end_line + 1)}
    if doc.title is not None:
        touched.add(doc.title.line)
    touched |= {line for line, _start, _end in title_places(doc)}  # the title's other places change too
    original = text.split("\n")
    kept = [ln for i, ln in enumerate(original, 1) if i not in touched]
    assert _is_subsequence(kept, result.text.split("\n"))


H1_LIST_DRAFTS = []
for _name in DRAFT_NAMES:
    _doc = parse(DRAFT_TEXTS[_name])
    if (_name.endswith(".md") and _doc.title is not None and _doc.title.origin == "h1" and _doc.title.start >= 0
            and _doc.duties and all(d.marker for d in _doc.duties)):
        H1_LIST_DRAFTS.append(_name)
assert len(H1_LIST_DRAFTS) >= 5, H1_LIST_DRAFTS


@settings(max_examples=300, **SETTINGS)
@given(name=st.sampled_from(H1_LIST_DRAFTS), title=plain_line,
       # New duties, and old ones (an int picks one) kept verbatim, so that every kind of alignment
       # (equal, insert, delete, replace) is exercised.
       picks=st.lists(st.one_of(plain_line, st.integers(0, 50)), min_size=1, max_size=8))
@example(name="product-owner-functional-specs.md", title="0", picks=["0", 0])
def test_apply_then_parse_gives_the_new_title_and_duties(name: str, title: str, picks: list[str | int]) -> None:
    doc = parse(DRAFT_TEXTS[name])
    duties = [p if isinstance(p, str) else doc.duties[p % len(doc.duties)].text for p in picks]
    after = parse(apply(doc, title, duties).text)
    assert after.title is not None and _norm_ws(after.title.text) == _norm_ws(title)
    assert [_norm_ws(d.text) for d in after.duties] == [_norm_ws(t) for t in duties]


# ---------------------------------------------------------------------------------------------
# 4. The CLI never crashes on mutated postings
# ---------------------------------------------------------------------------------------------


@pytest.mark.slow  # the slow tier: `pytest -m slow` (.ci/run runs it)
def test_cli_never_crashes_on_mutated_postings(tmp_path: Path) -> None:
    rng = random.Random(20240611)
    folder = tmp_path / "postings"
    folder.mkdir()
    files: list[Path] = []
    for n in range(300):
        name = rng.choice(DRAFT_NAMES)
        text = _mutate(DRAFT_TEXTS[name], _random_ops(rng))
        if not text.strip():
            text = "x" + text  # an empty file is an input error (exit 2), not what this test is about
        data = text.encode("utf-8")
        if rng.random() < 0.1:
            data = b"\xef\xbb\xbf" + data
        path = folder / f"{n:03d}-{Path(name).stem}{rng.choice(['.md', '.txt', '.markdown'])}"
        path.write_bytes(data)
        files.append(path)

    proc = run_jdfix("check", "--format", "json", str(folder), timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    results = json.loads(proc.stdout)["results"]
    assert sorted(r["path"] for r in results) == sorted(str(p) for p in files)

    for path in rng.sample(files, 20):
        fixed = run_jdfix(str(path), "--format", "json", "--no-llm")
        assert "Traceback" not in fixed.stderr, (path.read_bytes()[:2000], fixed.stderr[-3000:])
        assert fixed.returncode in (0, 1), (path.read_bytes()[:2000], fixed.stderr[-3000:])
        json.loads(fixed.stdout)


_WORDY = st.text(alphabet=st.sampled_from(list("abcXYZ019 _-&+#.,'\t\n") + ["é", "ß", "İ", "٣", "\u00a0", "ﬁ"]),
                 max_size=60)


@given(_WORDY)
@example("r&d c++ c# a_b")
@example("ascii only, with under_scores and 42 numbers")
@settings(max_examples=300, deadline=None)
def test_fast_word_split_is_the_regex_split(text: str) -> None:
    # The ASCII fast path must find exactly the words the regex finds, or stems shift.
    from jdfix.engine.phrases import WORD_RE, content_words, words_of

    lower = text.lower()
    assert words_of(lower) == WORD_RE.findall(lower)
    words = content_words(text)
    assert len(words.joined) == len(words.stems)
    if words.stems:
        assert words.quote(0, len(words.stems) - 1)
