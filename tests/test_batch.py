"""The Batch API: prepare -> results (any order) -> collect -> an ordinary run replays from the cache."""

from __future__ import annotations

import json
from pathlib import Path

from jdfix.rewriter.llm.batch import write_requests
from tests.conftest import DRAFTS, run_jdfix
from tests.fake_llm import DEFAULT_ANSWER, FakeLLM

BASE = ["--base-url", "http://127.0.0.1:9/v1", "--model", "batch-model"]


def _drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    for name in ("product-owner-pricing.md", "senior-product-manager-backlog.md", "scrum-master.md",
                 "product-owner-functional-specs.md"):
        (folder / name).write_bytes((DRAFTS / name).read_bytes())
    return folder


def _result_line(key: str, content: str, status: int = 200) -> str:
    body = {"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1}}
    return json.dumps({"custom_id": key, "response": {"status_code": status, "body": body}, "error": None})


def test_prepare_collect_replay(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    env = {"JDFIX_CACHE_DIR": str(tmp_path / "cache")}
    prep = run_jdfix("batch", "prepare", str(folder), "-o", str(tmp_path / "requests.jsonl"), *BASE, env=env)
    assert prep.returncode == 0, prep.stderr
    lines = [json.loads(x) for x in (tmp_path / "requests.jsonl").read_text().splitlines()]
    assert len(lines) == 3  # the Scrum Master posting needs no rewrite
    assert {x["method"] for x in lines} == {"POST"} and {x["url"] for x in lines} == {"/v1/chat/completions"}
    assert lines[0]["body"]["response_format"]["type"] == "json_schema"
    keys = [x["custom_id"] for x in lines]
    results = [_result_line(k, json.dumps(DEFAULT_ANSWER)) for k in reversed(keys[1:])]  # any order
    results.append(_result_line(keys[0], "not json at all"))
    (tmp_path / "results.jsonl").write_text("\n".join(results) + "\n")
    collect = run_jdfix("batch", "collect", str(tmp_path / "results.jsonl"), "--requests",
                        str(tmp_path / "requests.jsonl"), *BASE, env=env)
    assert collect.returncode == 2  # one answer was garbage: reported, not stored
    assert "2 answers stored" in collect.stdout
    # the failure names the posting it belongs to, not the cache key
    assert "product-owner" in collect.stderr or "senior-product-manager" in collect.stderr
    assert keys[0] not in collect.stderr
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert sorted(e.stem for e in entries) == sorted(keys[1:])
    # an ordinary run, even in replay mode, is now served from the cache for the collected postings
    # (the posting whose answer was garbage misses: its findings and the offline suggestion, exit 2)
    missed = 0
    for path in sorted(folder.iterdir()):
        proc = run_jdfix(str(path), *BASE, "--cache", "replay", "--format", "json", env=env)
        result = json.loads(proc.stdout)["results"][0]
        if "llm_error" in result:
            missed += 1
            assert proc.returncode == 2 and "no cached answer" in result["llm_error"]
            assert result["suggestion"]["source"] == "rules" and result["findings"]
        elif result.get("suggestion"):
            assert result["suggestion"]["cached"] is True
    assert missed == 1


def test_requests_are_split_over_the_limits(tmp_path: Path) -> None:
    requests = {f"{i:064x}": {"model": "m", "messages": [{"role": "user", "content": "x" * 50}],
                              "params": {"temperature": 0}, "schema": {}} for i in range(5)}
    files = write_requests(tmp_path / "requests.jsonl", requests, max_lines=2)
    assert [f.name for f in files] == ["requests.jsonl", "requests-2.jsonl", "requests-3.jsonl"]
    assert sum(len(f.read_text().splitlines()) for f in files) == 5
    assert all((f.parent / (f.name + ".requests.json")).is_file() for f in files)


def test_submit_and_collect_by_batch_id(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    with FakeLLM() as llm:
        env = {"JDFIX_CACHE_DIR": str(tmp_path / "cache"), "OPENAI_API_KEY": "sk-batch-secret-123456"}
        base = ["--base-url", llm.url, "--model", "batch-model"]
        run_jdfix("batch", "prepare", str(folder), "-o", str(tmp_path / "requests.jsonl"), *base, env=env)
        sub = run_jdfix("batch", "submit", str(tmp_path / "requests.jsonl"), *base, env=env)
        assert sub.returncode == 0, sub.stderr
        assert sub.stdout.strip() == "batch_1"
        col = run_jdfix("batch", "collect", "batch_1", "--requests", str(tmp_path / "requests.jsonl"), *base, env=env)
        assert col.returncode == 0, col.stderr
        assert "3 answers stored" in col.stdout
        replay = run_jdfix(str(folder / "product-owner-pricing.md"), *base, "--cache", "replay", env=env)
        assert replay.returncode == 1 and "cached" in replay.stdout
    for f in list(tmp_path.rglob("*.json*")):
        assert "sk-batch-secret" not in f.read_text()


def test_malformed_result_line_is_reported_not_fatal(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    env = {"JDFIX_CACHE_DIR": str(tmp_path / "cache")}
    run_jdfix("batch", "prepare", str(folder), "-o", str(tmp_path / "requests.jsonl"), *BASE, env=env)
    keys = [json.loads(x)["custom_id"] for x in (tmp_path / "requests.jsonl").read_text().splitlines()]
    lines = [json.dumps({"custom_id": keys[0], "response": {"status_code": 200, "body": "x"}}),
             _result_line(keys[1], json.dumps(DEFAULT_ANSWER))]
    (tmp_path / "results.jsonl").write_text("\n".join(lines) + "\n")
    proc = run_jdfix("batch", "collect", str(tmp_path / "results.jsonl"), "--requests",
                     str(tmp_path / "requests.jsonl"), *BASE, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "1 answer stored" in proc.stdout and "not a Batch API result line" in proc.stderr


def test_collect_a_mistyped_results_file_is_no_such_file(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    with FakeLLM() as llm:
        env = {"JDFIX_CACHE_DIR": str(tmp_path / "cache"), "OPENAI_API_KEY": "sk-x"}
        base = ["--base-url", llm.url, "--model", "batch-model"]
        run_jdfix("batch", "prepare", str(folder), "-o", str(tmp_path / "requests.jsonl"), *base, env=env)
        proc = run_jdfix("batch", "collect", str(tmp_path / "results-typo.jsonl"), "--requests",
                         str(tmp_path / "requests.jsonl"), *base, env=env)
        assert proc.returncode == 2
        assert "results-typo.jsonl: no such file" in proc.stderr
        assert "stored" not in proc.stdout  # never taken for a batch id


def test_collect_with_nothing_usable_fails_and_names_file_and_line(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    env = {"JDFIX_CACHE_DIR": str(tmp_path / "cache")}
    run_jdfix("batch", "prepare", str(folder), "-o", str(tmp_path / "requests.jsonl"), *BASE, env=env)
    results = tmp_path / "results.jsonl"
    results.write_text("")
    empty = run_jdfix("batch", "collect", str(results), "--requests", str(tmp_path / "requests.jsonl"), *BASE,
                      env=env)
    assert empty.returncode == 2 and "no usable answer" in empty.stderr
    results.write_text("\n{not json\n")
    bad = run_jdfix("batch", "collect", str(results), "--requests", str(tmp_path / "requests.jsonl"), *BASE,
                    env=env)
    assert bad.returncode == 2 and f"{results}:2: not a JSON line" in bad.stderr


def test_prepare_includes_a_title_to_fix_that_fits_its_duties(tmp_path: Path) -> None:
    """`jdfix FILE` rewrites a fitting title with a wording finding (JD404): batch asks for it too."""
    folder = tmp_path / "postings"
    folder.mkdir()
    text = (DRAFTS / "scrum-master.md").read_text(encoding="utf-8")
    (folder / "stuffed.md").write_text(text.replace("# Scrum Master", "# SCRUM MASTER!!! - Berlin", 1),
                                       encoding="utf-8")
    (folder / "fits.md").write_text(text, encoding="utf-8")
    prep = run_jdfix("batch", "prepare", str(folder), "-o", str(tmp_path / "requests.jsonl"), *BASE,
                     env={"JDFIX_CACHE_DIR": str(tmp_path / "cache")})
    assert prep.returncode == 0, prep.stderr
    assert len((tmp_path / "requests.jsonl").read_text().splitlines()) == 1
