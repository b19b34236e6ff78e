"""Fault injection on a real loopback server: every failure ends in success or one clear error, in
bounded time (run_jdfix's timeout), with nothing invalid cached and the key never shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DRAFTS, run_jdfix
from tests.fake_llm import DEFAULT_ANSWER, FakeLLM

SECRET = "sk-fault-SECRET-9876543210"


def _run(tmp_path: Path, llm: FakeLLM, *args: str) -> object:
    """One run; it ends (run_jdfix's timeout guards against a hang, no test asserts a time)."""
    draft = tmp_path / "po.md"
    draft.write_bytes((DRAFTS / "product-owner-pricing.md").read_bytes())
    env = {"OPENAI_BASE_URL": llm.url, "JDFIX_CACHE_DIR": str(tmp_path / "cache"), "OPENAI_API_KEY": SECRET}
    return run_jdfix(str(draft), *args, env=env)


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
        proc = _run(tmp_path, llm, "--format", "json")
        assert proc.returncode == 1, proc.stderr  # type: ignore[attr-defined]
        assert len(llm.chat_requests) == requests
    result = json.loads(proc.stdout)["results"][0]  # type: ignore[attr-defined]
    assert result["suggestion"]["title"] == DEFAULT_ANSWER["title"]
    assert [e["answer"]["title"] for e in _cached(tmp_path)] == [DEFAULT_ANSWER["title"]]


@pytest.mark.parametrize(
    ("script", "message"),
    [
        # Slow tier: eight resets with their back-off; test_unreachable_endpoint keeps the message.
        pytest.param([{"reset": True}] * 8, "could not connect", marks=pytest.mark.slow),
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
        proc = _run(tmp_path, llm)
    assert proc.returncode == 2  # type: ignore[attr-defined]
    err = proc.stderr  # type: ignore[attr-defined]
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert SECRET not in err + proc.stdout  # type: ignore[attr-defined]
    assert _cached(tmp_path) == []


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


@pytest.fixture
def full_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A tiny tmpfs, filled up (needs root and mount, as on CI here; skipped elsewhere)."""
    import os
    import subprocess

    mnt = tmp_path / "full"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_full_disk_is_a_clear_error_and_the_posting_stays(full_disk: Path, tmp_path: Path) -> None:
    draft = full_disk / "po.md"
    draft.write_bytes((DRAFTS / "product-owner-pricing.md").read_bytes())
    before = draft.read_bytes()
    with (full_disk / "filler").open("wb") as fh:
        try:
            fh.write(b"\0" * 128 * 1024)
        except OSError:
            pass
    proc = run_jdfix("--write", str(draft))
    assert proc.returncode == 2
    assert "No space left" in proc.stderr and "Traceback" not in proc.stderr
    assert draft.read_bytes() == before
    assert not [p for p in full_disk.iterdir() if p.name.endswith(".jdfix-tmp")]
    with FakeLLM() as llm:
        other = tmp_path / "po.md"
        other.write_bytes(before)
        cached = run_jdfix(str(other), "--cache-dir", str(full_disk / "cache"), env={"OPENAI_BASE_URL": llm.url})
    assert cached.returncode == 2 and "cannot write the cache" in cached.stderr
    assert len(cached.stderr.strip().splitlines()) == 1


@pytest.mark.slow  # the slow tier: `pytest -m slow` (.ci/run runs it)
def test_eight_racing_runs_share_one_cache(tmp_path: Path) -> None:
    import subprocess
    import sys

    drafts = []
    for i in range(8):
        p = tmp_path / f"d{i}.md"
        text = (DRAFTS / "product-owner-pricing.md").read_text()
        p.write_text(text if i % 2 else text.replace("Northwind Freight", f"Northwind Freight {i}"))
        drafts.append(p)
    with FakeLLM() as llm:
        for _ in range(8):
            llm.push(delay=0.3)
        env = {**__import__("os").environ, "OPENAI_BASE_URL": llm.url, "JDFIX_CACHE_DIR": str(tmp_path / "cache"),
               "NO_COLOR": "1"}
        procs = [subprocess.Popen([sys.executable, "-m", "jdfix", str(p)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for p in drafts]
        codes = [p.wait(timeout=120) for p in procs]
    assert codes == [1] * 8
    import re

    # answers only (the compiled role book and templates are cached beside them)
    files = [e for e in (tmp_path / "cache").rglob("*") if re.fullmatch(r"[0-9a-f]{64}\.json", e.name)]
    assert len(files) == 5  # four distinct drafts, and four copies of the same one
    assert not [e for e in (tmp_path / "cache").rglob("*.tmp")]
    for f in files:
        assert json.loads(f.read_text())["answer"]["title"] == DEFAULT_ANSWER["title"]


def test_a_password_in_the_base_url_is_never_shown_or_cached(tmp_path: Path) -> None:
    password = "pw-URL-SECRET-2468"
    draft = tmp_path / "po.md"
    draft.write_bytes((DRAFTS / "product-owner-pricing.md").read_bytes())
    with FakeLLM() as llm:
        url = llm.url.replace("://", f"://jdfix:{password}@") + "?api-key=" + password
        env = {"OPENAI_BASE_URL": url, "JDFIX_CACHE_DIR": str(tmp_path / "cache")}
        answered = run_jdfix("--debug", "-v", str(draft), env=env)
        llm.push(status=401, body={"error": {"message": "no"}})
        refused = run_jdfix(str(draft), "--cache", "off", env=env)
        shown = run_jdfix("config", env=env)
    assert answered.returncode == 1 and refused.returncode == 2 and "401" in refused.stderr
    # The base URL's query goes with each request, after its path (not into it).
    sent = [r.path.partition("?") for r in llm.requests]
    assert sent and all(path == "/v1/chat/completions" and query == "api-key=" + password for path, _, query in sent)
    assert "://***@127.0.0.1" in refused.stderr
    cached = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert cached and "***@127.0.0.1" in cached
    for text in (answered.stdout, answered.stderr, refused.stdout, refused.stderr, shown.stdout, cached):
        assert password not in text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
        ("https://user:pw@host/v1", "https://***@host/v1"),
        ("https://host/v1?api-key=pw", "https://host/v1?***"),
        ("https://host?api-key=pw", "https://host?***"),  # a query with no path
        ("https://u:p@host?k=pw", "https://***@host?***"),
    ],
)
def test_shown_url_hides_credentials(url: str, shown: str) -> None:
    from jdfix.rewriter.llm.settings import shown_url

    assert shown_url(url) == shown


@pytest.mark.parametrize("value", ["nan", "inf", "0"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_one_line_before_any_request(
        tmp_path: Path, value: str) -> None:
    with FakeLLM() as llm:
        proc = _run(tmp_path, llm, "--timeout", value)
        assert proc.returncode == 2 and proc.stdout == ""  # type: ignore[attr-defined]
        err = proc.stderr.strip()  # type: ignore[attr-defined]
        assert len(err.splitlines()) == 1 and "--timeout" in err and "internal error" not in err
        assert llm.requests == []


def test_scrub_hides_what_the_base_url_carries() -> None:
    # A gateway may repeat the key of `?api-key=...` (or the URL's password) in an error's body.
    from jdfix.rewriter.llm.client import scrub
    from jdfix.rewriter.llm.settings import LLMSettings

    settings = LLMSettings(base_url="https://u:pw-8642@gw.example/v1?api-version=1&api-key=k-2468-gw#top", model="m")
    said = scrub("401: key k-2468-gw is not valid (user u, password pw-8642); api-version=1", settings)
    assert "k-2468-gw" not in said and "pw-8642" not in said
    assert said.endswith("api-version=1")  # too short to be a secret: ordinary words stay
    assert settings.client_options()["default_query"] == {"api-version": "1", "api-key": "k-2468-gw"}
