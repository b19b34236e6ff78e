"""benchmarks/bench_rewrite.py runs end to end against a real HTTP server on 127.0.0.1: it prints one
row per model, counts LLM errors by kind, and with --retitled adds retitled copies of fitting
postings. The figures mean nothing here; the path is what is tested."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DRAFTS, ROOT
from tests.fake_llm import FakeLLM

BENCH = ROOT / "benchmarks" / "bench_rewrite.py"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [("product-owner-pricing.md", "product-manager", "no"), ("scrum-master.md", "scrum-master", "yes"),
            ("engineering-manager-people.md", "engineering-manager", "yes")]
    for name, _family, _fits in rows:
        (corpus / name).write_bytes((DRAFTS / name).read_bytes())
    (corpus / "labels.tsv").write_text("file\tfamily\ttitle_fits\n" + "".join(f"{n}\t{f}\t{t}\n" for n, f, t in rows),
                                       encoding="utf-8")
    return corpus


def _bench(url: str, corpus: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JDFIX_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, str(BENCH), "--base-url", url, "--model", "fake-model",
                           "--corpus", str(corpus), "--timeout", "5", *extra],
                          capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


def _row(stdout: str) -> list[str]:
    (line,) = [line for line in stdout.splitlines() if line.startswith("fake-model")]
    return line.split()


def test_one_row_per_model_with_the_retitled_copies(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    with FakeLLM() as llm:
        proc = _bench(llm.url, corpus, tmp_path, "--retitled")
    assert proc.returncode == 0, proc.stderr
    head = proc.stdout.splitlines()[0]
    m = re.match(r"(\d+) mismatched postings of 3 in .* \((\d+) of them fitting postings retitled", head)
    assert m and int(m[2]) >= 1 and int(m[1]) == int(m[2]) + 1, head
    n = m[1]
    row = _row(proc.stdout)
    assert row[1] == f"{n}/{n}" or row[1].endswith(f"/{n}")  # valid answers out of the postings
    assert "LLM errors" not in proc.stdout


@pytest.mark.slow  # every kind of LLM failure with its back-off: the slow tier
def test_llm_errors_are_counted_by_kind(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    with FakeLLM() as llm:
        for _ in range(10):
            llm.push(status=500)
        proc = _bench(llm.url, corpus, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert _row(proc.stdout)[1] == "0/1"
    assert re.search(r"LLM errors: HTTP 5 1$", proc.stdout, re.MULTILINE), proc.stdout


def test_a_folder_without_labels_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = _bench("http://127.0.0.1:9/v1", tmp_path, tmp_path)
    assert proc.returncode == 2 and proc.stderr.strip().endswith("has no labels.tsv (a folder of postings with their labels)")
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
