"""`jdfix fix` posting by posting, without a subprocess: read, rewrite, decide, write, re-check."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdfix import pipeline
from jdfix.edit.review import Review
from jdfix.engine.checker import CheckOptions
from jdfix.errors import InputError
from jdfix.io.report import Palette
from jdfix.io.sources import read_path
from tests.conftest import DRAFTS

PLAIN = Palette(False)
OPTIONS = CheckOptions()


def _rewrite(tmp_path: Path, name: str = "product-owner-pricing.md") -> pipeline.Rewrite:
    draft = tmp_path / name
    draft.write_bytes((DRAFTS / name).read_bytes())
    return pipeline.rewrite_source(read_path(str(draft)), OPTIONS)


def test_read_work_keeps_input_order_and_errors(tmp_path: Path) -> None:
    missing = InputError(str(tmp_path / "nope.md"), "no such file or directory")
    work = pipeline.read_work([str(DRAFTS / "scrum-master.md"), missing], "auto", None)
    assert [type(w).__name__ for w in work] == ["Source", "InputError"]


def test_rewrite_all_reports_progress_and_passes_errors_through(tmp_path: Path) -> None:
    err = InputError("x.md", "no such file or directory")
    work = [read_path(str(DRAFTS / "product-owner-pricing.md")), err]
    seen: list[tuple[int, int]] = []
    out = list(pipeline.rewrite_all(work, OPTIONS, None, 2, lambda n, total: seen.append((n, total))))
    assert isinstance(out[0], pipeline.Rewrite) and out[0].suggestion is not None
    assert out[1] is err
    assert seen == [(1, 2), (2, 2)]


def test_without_a_write_flag_nothing_is_written(tmp_path: Path) -> None:
    rw = _rewrite(tmp_path)
    settled = pipeline.settle(rw, pipeline.WriteChoice(), OPTIONS, PLAIN, PLAIN, False)
    assert settled == pipeline.Settled(rw.result)
    assert Path(rw.source.path).read_bytes() == (DRAFTS / "product-owner-pricing.md").read_bytes()


def test_write_in_place_rechecks_the_written_file(tmp_path: Path) -> None:
    rw = _rewrite(tmp_path)
    settled = pipeline.settle(rw, pipeline.WriteChoice(write=True), OPTIONS, PLAIN, PLAIN, False)
    assert rw.edit is not None and not settled.state.mismatch
    (line,) = settled.lines
    assert line.text.startswith(f"wrote {rw.source.path}: ") and line.text.endswith("; now passes jdfix check")
    assert Path(rw.source.path).read_text(encoding="utf-8").startswith("# Product Manager")


def test_output_of_an_unchanged_posting_is_a_copy(tmp_path: Path) -> None:
    rw = _rewrite(tmp_path, "scrum-master.md")
    out = tmp_path / "out.md"
    settled = pipeline.settle(rw, pipeline.WriteChoice(output=str(out)), OPTIONS, PLAIN, PLAIN, True)
    assert out.read_text(encoding="utf-8") == rw.source.text
    assert settled.lines == (pipeline.Line(f"wrote {out}: no change needed", err=True),)


def test_nothing_accepted_in_review_writes_nothing(tmp_path: Path) -> None:
    class Refuse:
        def review(self, path: str, changes: list[object], reasons: dict[int, str]) -> Review:
            assert reasons  # each change says why it is suggested
            return Review(skipped=list(changes), quit=True)  # type: ignore[arg-type]

    rw = _rewrite(tmp_path)
    before = Path(rw.source.path).read_bytes()
    settled = pipeline.settle(rw, pipeline.WriteChoice(interactive=True), OPTIONS, PLAIN, PLAIN, False,
                              Refuse())  # type: ignore[arg-type]
    assert settled.quit
    assert settled.lines == (pipeline.Line(f"{rw.source.path}: nothing accepted; not written"),)
    assert Path(rw.source.path).read_bytes() == before


def test_write_failure_is_an_error_result(tmp_path: Path) -> None:
    rw = _rewrite(tmp_path)
    out = tmp_path / "missing-folder" / "out.md"
    settled = pipeline.settle(rw, pipeline.WriteChoice(output=str(out)), OPTIONS, PLAIN, PLAIN, False)
    assert settled.state.error is not None and settled.lines[0].err


@pytest.mark.parametrize("name", ["product-owner-pricing.md", "scrum-master.md"])
def test_diff_only_prints_the_diff_alone(tmp_path: Path, name: str) -> None:
    rw = _rewrite(tmp_path, name)
    settled = pipeline.diff_only(rw, PLAIN)
    assert settled.lines == ((pipeline.Line(rw.diff, nl=False),) if rw.diff else ())


def test_rewrite_lines_give_the_llm_hint_once(tmp_path: Path) -> None:
    rw = _rewrite(tmp_path)
    lines, hinted = pipeline.rewrite_lines(rw, PLAIN, False)
    texts = [line.text for line in lines]
    assert "Suggested title: Product Manager  [rules]" in texts
    assert hinted and texts[-1] == "note: " + pipeline.LLM_HINT
    again, _ = pipeline.rewrite_lines(rw, PLAIN, True)
    assert again == lines[:-1]


def test_a_failed_posting_is_one_error_line() -> None:
    err = InputError("x.md", "no such file or directory")
    settled = pipeline.failed(err, err, PLAIN)
    assert settled.state.error == "no such file or directory"
    assert settled.lines == (pipeline.Line("jdfix: error: x.md: no such file or directory", err=True),)


def test_the_title_pretest_skips_no_letter_ignorecase_would_match() -> None:
    # title_places compiles its pattern only for a line that holds the title, folded: any two
    # letters re's IGNORECASE matches together must fold alike.
    import re
    import sys

    from jdfix.edit.apply import _folded

    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        variants = {c.lower(), c.upper(), c.casefold(), c.title()}
        if variants == {c}:
            continue  # uncased: IGNORECASE matches it with itself alone
        variants |= {v for d in list(variants) if len(d) == 1 for v in (d.lower(), d.upper())}
        for d in variants:
            if len(d) == 1 and d != c and re.fullmatch(re.escape(c), d, re.IGNORECASE):
                assert _folded(c) == _folded(d), (c, d)


def test_the_title_pretest_keeps_a_dotted_capital_i() -> None:
    # "İ" lower-cases and folds to two characters ("i" and a combining dot), so the letter test
    # above never pairs it with "I": re's IGNORECASE matches the three, and the title's mention stays.
    from jdfix.edit.apply import title_places
    from jdfix.engine.document import parse

    text = "# DİGİTAL PRODUCT OWNER\n\nWe are hiring a Digital Product Owner to lead pricing.\n"
    assert title_places(parse(text, "p.md")) == [(3, 16, 37)]


def test_a_title_named_again_in_the_body_is_rewritten_there_too() -> None:
    from jdfix.edit.apply import title_places
    from jdfix.engine.document import parse

    text = "# Product Owner\n\nWe are hiring a PRODUCT OWNER to lead pricing.\nNo mention here.\n"
    assert title_places(parse(text, "p.md")) == [(3, 16, 29)]
