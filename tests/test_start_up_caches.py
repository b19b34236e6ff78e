"""What start-up keeps in the cache folder changes no output: compiled patterns and rendered prompts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jdfix.engine import regexes
from tests.conftest import DRAFTS, FIXTURES

# Shaped like jdfix's own (groups, look-arounds, back references, flags), and none of them: the
# test's cache folder starts with jdfix's patterns in it.
PATTERNS = [
    (r"^(?P<company>.+?)\s+(?:is|are)\s+hiring\s+(?P<role>.+)$", re.IGNORECASE),
    (r"(?<![\w-])(?:scrum master|product owner)(?![\w-])", re.IGNORECASE),
    (r"[.!?;][ \t]+(?=[\"'(“‘]?[A-Z0-9])x?", 0),
    (r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$x?", 0),
]


@pytest.fixture()
def fresh_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """regexes' table as in a new process (the test's own cache folder, nothing loaded yet)."""
    monkeypatch.setattr(regexes, "_known", None)
    monkeypatch.setattr(regexes, "_learned", {})


@pytest.mark.usefixtures("fresh_table")
def test_patterns_built_from_the_cache_equal_re_compile() -> None:
    first = [regexes.regex(p, f) for p, f in PATTERNS]
    assert len(regexes._learned) == len(PATTERNS)
    regexes._save()  # what the process does when it exits
    regexes._known = None
    regexes._learned.clear()
    again = [regexes.regex(p, f) for p, f in PATTERNS]
    assert regexes._learned == {}, "every pattern came from the file"
    for (pattern, flags), a, b in zip(PATTERNS, first, again):
        assert a == b == re.compile(pattern, flags)  # a Pattern compares its compiled code
        assert b.groupindex == re.compile(pattern, flags).groupindex
    assert again[0].match("Acme is hiring Product Manager").group("role") == "Product Manager"


@pytest.mark.usefixtures("fresh_table")
def test_a_damaged_pattern_file_is_recompiled() -> None:
    path = Path(regexes._path())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not marshal data")
    assert regexes.regex(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_a_rewrite_from_the_cache_renders_its_prompt_once(tmp_path: Path) -> None:
    # The second run finds the rendered prompt remembered: the same output, and no Jinja2.
    code = (
        "import sys\n"
        "from jdfix.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('jinja2' in sys.modules, file=sys.stderr)\n"
    )
    args = [str(DRAFTS / "product-owner-pricing.md"), "--base-url", "http://127.0.0.1:9/v1", "--model",
            "recorded-model", "--cache", "replay", "--cache-dir", str(FIXTURES / "llm-cache"), "--format", "json"]
    env = {**os.environ, "JDFIX_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                           stdin=subprocess.DEVNULL, timeout=120) for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr
    assert [r.stderr.splitlines()[-1] for r in runs] == ["True", "False"]
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    assert json.loads(runs[1].stdout)["results"][0]["suggestion"]["cached"] is True
    assert len(list((tmp_path / "cache" / "prompts").glob("*.prompts"))) == 1


def test_a_marshal_table_grown_past_its_bound_starts_again(tmp_path: Path) -> None:
    from jdfix.paths import MAX_TABLE_ENTRIES, load_marshal_table, save_marshal_table

    path = str(tmp_path / "table.marshal")
    save_marshal_table(path, {("old", i): i for i in range(MAX_TABLE_ENTRIES - 1)}, ".t-")
    save_marshal_table(path, {"kept": 1}, ".t-")
    assert len(load_marshal_table(path)) == MAX_TABLE_ENTRIES  # up to the bound, entries add up
    save_marshal_table(path, {"new": 2}, ".t-")
    assert load_marshal_table(path) == {"new": 2}  # past it, only this run's entries stay
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".t-")]  # no temporary file left
    # A run that learned more than the bound keeps its last entries (the remembered LLM cache keys).
    save_marshal_table(path, {i: i for i in range(10)}, ".t-", limit=4)
    assert load_marshal_table(path) == {6: 6, 7: 7, 8: 8, 9: 9}


@pytest.mark.parametrize("path", ["a//b/./c/", "/", "//host/share", "///x", ".", "./a", "a/..", "", "~/x", "llm/"])
def test_the_llm_sides_folders_read_as_pathlib_wrote_them(path: str) -> None:
    # Strings now (pathlib cost a cached rewrite a third of its extra over a check); the folders
    # named in messages and in `jdfix config` read as they did.
    from pathlib import PurePosixPath

    from jdfix.paths import tidy
    from jdfix.rewriter.llm.cache import ResponseCache

    assert tidy(path) == str(PurePosixPath(path))
    assert ResponseCache(path).path_for("ab12") == str(PurePosixPath(path) / "ab" / "ab12.json")


def test_a_remembered_cache_key_is_the_sha256_of_the_canonical_request(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    from jdfix.rewriter.llm import cache

    request = {"model": "m", "messages": [{"role": "user", "content": "Ünïcode \u2028 posting"}],
               "params": {"temperature": 0.0, "seed": 7}}
    expected = hashlib.sha256(cache.canonical({"cache_format": cache.CACHE_FORMAT, "request": request})
                              .encode()).hexdigest()
    monkeypatch.setattr(cache, "_known_keys", None)
    monkeypatch.setattr(cache, "_learned_keys", {})
    assert cache.cache_key(request) == expected  # worked out, then kept when the process exits
    cache._save_keys()
    monkeypatch.setattr(cache, "_known_keys", None)
    monkeypatch.setattr(cache, "_learned_keys", {})
    assert cache.cache_key(request) == expected  # read back from the table
    assert cache._learned_keys == {}
    # A request that differs in any value has its own key.
    assert cache.cache_key({**request, "params": {"temperature": 0, "seed": 7}}) != expected


def test_a_cache_entry_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    from jdfix.rewriter.llm.cache import CACHE_FORMAT, ResponseCache

    cache = ResponseCache(tmp_path / "llm", "use")
    key = "ab" * 32
    cache.store(key, {"n": 1}, {"title": "First", "duties": ["d"]})
    first = cache.lookup(key)
    assert first is not None and first["answer"]["title"] == "First"
    assert cache.lookup(key) == first  # the marshal copy
    entry = json.loads(Path(cache.path_for(key)).read_text(encoding="utf-8"))
    entry["answer"]["title"] = "Second, edited by hand"
    Path(cache.path_for(key)).write_text(json.dumps(entry), encoding="utf-8")
    again = cache.lookup(key)
    assert again is not None and again["answer"]["title"] == "Second, edited by hand"
    assert again["format"] == CACHE_FORMAT
