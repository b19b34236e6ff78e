"""The response cache's marshal copies (entries read, request keys, rendered prompts) only ever
cost speed: an entry replaced on disk, or a damaged copy, never changes an answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DRAFTS, FIXTURES

DRAFT = DRAFTS / "product-owner-pricing.md"


def _run(llm: Path, start_up: Path) -> subprocess.CompletedProcess[str]:
    args = [str(DRAFT), "--base-url", "http://127.0.0.1:9/v1", "--model", "recorded-model", "--cache", "replay",
            "--cache-dir", str(llm), "--format", "json"]
    env = {**os.environ, "JDFIX_CACHE_DIR": str(start_up)}
    return subprocess.run([sys.executable, "-m", "jdfix", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def _title(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, proc.stderr
    title: str = json.loads(proc.stdout)["results"][0]["suggestion"]["title"]
    return title


def _entry_used(llm: Path, start_up: Path) -> Path:
    """The recorded entry the draft's rewrite is answered from (the one file read)."""
    before = {p: p.stat().st_atime_ns for p in llm.rglob("*.json")}
    for p in before:
        os.utime(p, ns=(0, p.stat().st_mtime_ns))
    assert _title(_run(llm, start_up)) == "Product Manager"
    used = [p for p in llm.rglob("*.json") if p.stat().st_atime_ns != 0]
    assert len(used) == 1, used
    return used[0]


def test_an_entry_replaced_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    # `cp -p`, `tar x`, `rsync -a` or a hand edit followed by `touch -r` keep the modification time;
    # a title edited to one of the same length keeps the size. The answer is the file's, not the copy's.
    llm = shutil.copytree(FIXTURES / "llm-cache", tmp_path / "llm")
    start_up = tmp_path / "start-up"
    entry = _entry_used(llm, start_up)
    assert _title(_run(llm, start_up)) == "Product Manager"  # now from the marshal copy
    st = entry.stat()
    text = entry.read_text(encoding="utf-8")
    edited = text.replace('"title": "Product Manager"', '"title": "Product Mxnager"')
    assert edited != text and len(edited.encode()) == len(text.encode())
    entry.write_text(edited, encoding="utf-8")
    os.utime(entry, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert entry.stat().st_size == st.st_size and entry.stat().st_mtime_ns == st.st_mtime_ns
    assert _title(_run(llm, start_up)) == "Product Mxnager"


def test_damaged_marshal_copies_cost_only_speed(tmp_path: Path) -> None:
    llm = shutil.copytree(FIXTURES / "llm-cache", tmp_path / "llm")
    start_up = tmp_path / "start-up"
    _entry_used(llm, start_up)
    copies = [p for kind in ("llm-entries", "llm-keys", "prompts") for p in (start_up / kind).iterdir()
              if not p.name.startswith(".")]
    assert {p.parent.name for p in copies} == {"llm-entries", "llm-keys", "prompts"}
    for p in copies:
        raw = p.read_bytes()
        # A byte changed inside the answer's title, the cache key or the prompt: marshal reads
        # the damaged text as valid data.
        for old, new in ((b"Product Manager", b"Product Mxnager"), (b"Product Owner", b"Product Oxner")):
            raw = raw.replace(old, new)
        if p.parent.name == "llm-keys":
            raw = raw.replace(b"a", b"b").replace(b"0", b"1")  # the remembered keys' hex digits
        p.write_bytes(raw)
    assert _title(_run(llm, start_up)) == "Product Manager"



def test_a_prompts_folder_named_in_bytes_that_are_not_utf8_renders(tmp_path: Path) -> None:
    # os.fsdecode keeps such a name as surrogates: hashing it for the prompt memo or Jinja2's
    # bytecode cache was an internal error (UnicodeEncodeError) instead of a rewrite.
    folder = os.fsdecode(os.fsencode(str(tmp_path)) + b"/prompts-\xff")
    shutil.copytree(Path(__file__).resolve().parent.parent / "prompts", folder)
    env = {**os.environ, "JDFIX_CACHE_DIR": str(tmp_path / "start-up")}
    args = [str(DRAFT), "--base-url", "http://127.0.0.1:9/v1", "--model", "recorded-model", "--cache", "replay",
            "--cache-dir", str(FIXTURES / "llm-cache"), "--prompts", folder, "--format", "json"]
    proc = subprocess.run([sys.executable, "-m", "jdfix", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert _title(proc) == "Product Manager"
