"""Issue 13: what a new user tripped over, and what ruff users expect. Each test runs the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DRAFTS, run_jdfix
from tests.fake_llm import FakeLLM

SECRET = "sk-polish-secret-0123456789"
PRICING = DRAFTS / "product-owner-pricing.md"


def _draft(tmp_path: Path, name: str = "product-owner-pricing.md") -> Path:
    target = tmp_path / name
    target.write_bytes((DRAFTS / name).read_bytes())
    return target


# --debug and -v: the LLM exchange on stderr


def test_debug_is_accepted_after_the_subcommand_and_shows_the_exchange(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    with FakeLLM() as llm:
        llm.push(status=503, headers={"Retry-After": "0"})
        env = {"OPENAI_API_KEY": SECRET}
        proc = run_jdfix(str(draft), "--base-url", llm.url, "--model", "m", "--debug", env=env)
        assert proc.returncode == 1, proc.stderr
        err = proc.stderr
        assert "request: POST" in err and "model=m" in err
        assert "HTTP 503" in err and "retrying in" in err and "HTTP 200" in err
        assert "cache key" in err and "cache miss" in err
        assert SECRET not in err and SECRET not in proc.stdout
        again = run_jdfix("fix", str(draft), "--debug", "--base-url", llm.url, "--model", "m", env=env)
        assert "cache hit" in again.stderr


def test_verbose_shows_retries_hits_and_timings_but_not_the_requests(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    with FakeLLM() as llm:
        llm.push(status=429, headers={"Retry-After": "0"})
        proc = run_jdfix(str(draft), "-v", "--base-url", llm.url, "--model", "m")
        assert proc.returncode == 1, proc.stderr
        assert "HTTP 429; retrying in 0.0s (attempt 2 of" in proc.stderr
        assert "cache miss" in proc.stderr and "answer from m in" in proc.stderr
        assert "request: POST" not in proc.stderr
    quiet = run_jdfix(str(draft), "--no-llm")
    assert "jdfix: llm:" not in quiet.stderr
