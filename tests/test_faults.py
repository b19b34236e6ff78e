"""Fault injection on a real loopback server: every failure ends in success or one clear error, in
bounded time, with nothing invalid cached and the key never shown."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import DRAFTS, run_jdfix
from tests.fake_llm import DEFAULT_ANSWER, FakeLLM

SECRET = "sk-fault-SECRET-9876543210"


def _run(tmp_path: Path, llm: FakeLLM, *args: str) -> tuple[object, float]:
    draft = tmp_path / "po.md"
    draft.write_bytes((DRAFTS / "product-owner-pricing.md").read_bytes())
    env = {"OPENAI_BASE_URL": llm.url, "JDFIX_CACHE_DIR": str(tmp_path / "cache"), "OPENAI_API_KEY": SECRET}
    start = time.monotonic()
    proc = run_jdfix(str(draft), *args, env=env)
    return proc, time.monotonic() - start


def _cached(tmp_path: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text()) for p in (tmp_path / "cache").rglob("*.json")]


@pytest.mark.parametrize(
    ("script", "requests"),
    [
        ([{"status": 429}], 2),                       # no Retry-After: jittered backoff
        ([{"reset": True}], 2),                       # connection reset, then an answer
        ([{"status": 503}, {"status": 502}], 3),
        ([{"body": {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": []}}], 2),
        ([{"refusal": "I can't help with that."}], 2),  # refusal: one repair round, then an answer
        ([{"content": '{"title": ["Product Manager"], "duties": [1], "rationale": null}'}], 2),
    ],
    ids=["429-no-retry-after", "reset", "5xx", "empty-choices", "refusal", "wrong-types"],
)
def test_recoverable_faults_end_in_success(tmp_path: Path, script: list[dict[str, object]], requests: int) -> None:
    with FakeLLM() as llm:
        for step in script:
            llm.push(**step)
        proc, elapsed = _run(tmp_path, llm, "--format", "json")
        assert proc.returncode == 1, proc.stderr  # type: ignore[attr-defined]
        assert len(llm.chat_requests) == requests
    result = json.loads(proc.stdout)["results"][0]  # type: ignore[attr-defined]
    assert result["suggestion"]["title"] == DEFAULT_ANSWER["title"]
    assert [e["answer"]["title"] for e in _cached(tmp_path)] == [DEFAULT_ANSWER["title"]]
    assert elapsed < 30


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ([{"reset": True}] * 8, "could not connect"),
        ([{"refusal": "No."}] * 2, "refused"),
        ([{"body": {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": []}}] * 2,
         "no choices"),
        ([{"status": 400}], "HTTP 400"),
        ([{"status": 403}], "HTTP 403"),
        ([{"status": 404}], "HTTP 404"),
    ],
    ids=["resets", "refusals", "empty-choices", "400", "403", "404"],
)
def test_hopeless_faults_end_in_one_clear_error(tmp_path: Path, script: list[dict[str, object]],
                                                message: str) -> None:
    with FakeLLM() as llm:
        for step in script:
            llm.push(**step)
        proc, elapsed = _run(tmp_path, llm)
    assert proc.returncode == 2  # type: ignore[attr-defined]
    err = proc.stderr  # type: ignore[attr-defined]
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert SECRET not in err + proc.stdout  # type: ignore[attr-defined]
    assert _cached(tmp_path) == []
    assert elapsed < 45


def test_debug_output_never_shows_the_key(tmp_path: Path) -> None:
    with FakeLLM() as llm:
        llm.push(status=401, body={"error": {"message": f"Incorrect API key provided: {SECRET}"}})
        draft = tmp_path / "po.md"
        draft.write_bytes((DRAFTS / "product-owner-pricing.md").read_bytes())
        proc = run_jdfix("--debug", str(draft), env={"OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": SECRET,
                                                     "JDFIX_CACHE_DIR": str(tmp_path / "c")})
    assert proc.returncode == 2
    assert "401" in proc.stderr
    assert SECRET not in proc.stderr and SECRET not in proc.stdout
    assert SECRET[:12] not in proc.stderr
