"""No re on the check path: regexes' flags, escape(), find_word() and group_1 do what re's do, the
JSON encoder is json.dumps's, and a check whose patterns are all in the cache file imports no re
(nor json, which imports it)."""

from __future__ import annotations

import json
import math
import os
import re
import site
import subprocess
import sys
from pathlib import Path

import pytest

from jdfix.engine import regexes
from jdfix.io.parallel import _json_encoder
from tests.conftest import DRAFTS, ROOT

# Every character re.escape treats specially, the ASCII range, and some of the rest of Unicode.
SAMPLE = "".join(map(chr, range(0x250))) + "’“”–—…€£¥₹₫İıßẞǅﬁ①٣𝟘😀\u2028\u00a0\u200b"


@pytest.mark.parametrize("name", ["IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE"])
def test_the_flags_are_res(name: str) -> None:
    assert getattr(regexes, name) == int(getattr(re, name))


def test_escape_is_re_escape() -> None:
    assert regexes.escape(SAMPLE) == re.escape(SAMPLE)
    for c in SAMPLE:
        assert regexes.escape(c) == re.escape(c), repr(c)


def test_a_word_character_is_isalnum_or_underscore() -> None:
    # find_word's reading of re's \w for a str pattern, over all of Unicode.
    word = re.compile(r"\w")
    differ = [i for i in range(sys.maxunicode + 1)
              if (word.match(chr(i)) is not None) != (chr(i).isalnum() or chr(i) == "_")]
    assert differ == []


@pytest.mark.parametrize(("text", "literal", "not_before"), [
    ("Acme Corp is hiring. Join Acme Corp.", "acme corp", ""),
    ("acme corp is hiring. join acme corp.", "acme corp", ""),
    ("acmecorp, acme corporation; then acme corp", "acme corp", ""),
    ("_acme corp acme corp_ (acme corp)", "acme corp", ""),
    ("Sr. PM / Snr.PM / PM", "PM", "."),
    ("Sr.PM", "PM", "."),
    ("PMs and PM", "PM", "."),
    ("éPM PMé ٣PM PM٣ PM", "PM", "."),
    ("a.b a b", "a", "."),
    ("", "x", ""),
    ("xx", "x", ""),
    ("x", "x", ""),
    ("abc", "", ""),
    ("a b", "", ""),
    ("ab ", "", "."),
])
def test_find_word_is_the_search_it_replaces(text: str, literal: str, not_before: str) -> None:
    rx = re.compile(r"(?<![\w" + re.escape(not_before) + r"])" + re.escape(literal) + r"(?!\w)")
    m = rx.search(text)
    assert regexes.find_word(text, literal, not_before) == (m.start() if m else -1)


def test_group_1_is_the_template() -> None:
    rx = re.compile(r"\s+([,)\]])")
    text = "a , b ) c\t] d"
    assert rx.sub(regexes.group_1, text) == rx.sub(r"\1", text)


def test_the_json_encoder_is_json_dumps() -> None:
    doc = {"path": "a/b.md", "n": 3, "x": 0.1, "big": 1e300, "neg": -2.5, "t": True, "f": False, "none": None,
           "text": SAMPLE + '"\\\n\t\x00\x7f', "list": [1, [2, {"k": []}], {}], "nan": math.nan,
           "inf": math.inf, "ninf": -math.inf, 7: "int key", 1.5: "float key", None: "null key"}
    assert _json_encoder()(doc) == json.dumps(doc, ensure_ascii=False)
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        _json_encoder()({"s": set()})


def test_a_check_from_the_cache_imports_neither_re_functools_nor_pickle(tmp_path: Path) -> None:
    # Real runs of the CLI's entry, in a Python whose start-up imports no re (-S: no site, whose .pth
    # files, an editable install's among them, may import it). The first process fills the cache
    # folder with the postings' patterns; the second must find them all there.
    postings = [str(p) for p in sorted(DRAFTS.iterdir())]
    runs = [["check", p, *fmt] for p in postings for fmt in ([], ["--format", "json"])]
    code = (
        "import sys\n"
        "from jdfix.cli import main\n"
        f"for args in {runs!r}:\n"
        "    sys.argv = ['jdfix', *args]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        print(exc.code, file=sys.stderr)\n"
        # functools brings collections; pickle's C half brings both (README, Speed)
        "print(sorted({'re', 'enum', 'json', 'typing', 'functools', 'collections', '_pickle', '_bisect'} & set(sys.modules)),"
        " file=sys.stderr)\n"
    )
    env = {**os.environ, "JDFIX_CACHE_DIR": str(tmp_path), "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *site.getsitepackages()])}
    seen = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, env=env,
                              cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=120)
        *codes, last = proc.stderr.splitlines()
        assert len(codes) == len(runs) and set(codes) == {"0", "1"}, proc.stderr[-2000:]  # checked, none failed
        seen.append(last)
    assert seen[1] == "[]", seen


def test_a_one_off_pattern_is_compiled_but_not_kept() -> None:
    """keep=False (a rewrite's pattern for one posting's title) compiles as re does and leaves the
    file every run reads as it was; a kept pattern is written at exit."""
    import time

    from jdfix.engine import regexes

    unique = f"x{time.time_ns()}"  # in no file yet, whatever ran before
    one_off = rf"\b(product\s+owner\s+of\s+a\s+pattern\s+seen\s+once)\b|{unique}"
    kept = rf"\b(a\s+pattern\s+kept\s+for\s+later)\b|{unique}"
    assert regexes.regex(one_off, regexes.IGNORECASE, keep=False).search("The PRODUCT Owner of a pattern seen once")
    assert (one_off, regexes.IGNORECASE) not in regexes._learned
    assert regexes.regex(kept).pattern == kept
    assert (kept, 0) in regexes._learned
    regexes._learned.pop((kept, 0))
