"""The composed flow: read (io) -> check (engine) -> suggest (rewriter) -> apply (edit) -> re-check.

The Python API (`jdfix.check`, `jdfix.rewrite`) and the CLI both call these functions.

Every suggestion is run back through the rule engine: `verified` says whether the edited posting
still mismatches, and a rewrite that still does is reported as such, never as a fix.
"""

from __future__ import annotations

import os

from jdfix.engine.checker import CheckOptions, Result, check_text
from jdfix.engine.retitle import retitle
from jdfix.errors import InputError, JdfixError, NotAPosting
from jdfix.io.config import check_options
from jdfix.io.files import write_atomic
from jdfix.io.sources import Source, read_postings
from jdfix.records import dataclass, field, replace
from jdfix.rewriter.context import LLMContext
from jdfix.rewriter.faithful import Faithfulness, judge
from jdfix.rewriter.suggestion import Suggestion, keep_title_suggestion, rules_suggestion

# jdfix.edit (difflib) and jdfix.io.report (json) are imported where used: `import jdfix` and
# `jdfix.check` load no more than the engine and the readers.
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from jdfix.edit.apply import Change, EditResult
    from jdfix.edit.review import Reviewer
    from jdfix.io.report import Palette

__all__ = ["LLMContext", "Line", "Rewrite", "Settled", "WriteChoice", "change_reasons", "check", "check_source",
           "diff_only", "failed", "read_work", "rewrite", "rewrite_all", "rewrite_lines", "rewrite_source",
           "settle"]


DEFAULT_OPTIONS = CheckOptions()


def check_source(source: Source, options: CheckOptions = DEFAULT_OPTIONS) -> Result:
    """Check one posting read by jdfix.io.sources. Raises RoleBookError or ConfigError for a broken setup."""
    return check_text(source.text, source.path, options, source.line_map)


def check(text: str, *, path: str | None = None, config: Any = None, options: CheckOptions | None = None) -> Result:
    """Check the text of one posting and return its Result (`.mismatch`, `.title`, `.inferred.family`,
    `.findings`, `.to_dict()` equal to the JSON result).

    `config` is a `jdfix.io.config.Config` (e.g. `load_config()`) or a dict of the same keys as
    jdfix.toml; `options` (CheckOptions) wins over it. Raises TypeError unless `text` is a str
    (decode bytes first: postings must be UTF-8), ConfigError for a bad configuration.
    """
    if not isinstance(text, str):
        raise TypeError(f"jdfix.check takes the posting as str, not {type(text).__name__}")
    if options is None:
        options = check_options(config)
    from jdfix.io.formats import detect, postings_in  # HTML/JSON parsing: loaded only when asked for

    name = path or "<text>"
    fmt = detect(name, text) if options.input_format == "auto" else options.input_format
    if fmt != "markdown":
        postings = postings_in(name, text, fmt)
        if len(postings) != 1:
            raise InputError(name, f"{len(postings)} postings in one text: check them one by one "
                                   "(jdfix.io.sources.read_postings splits them)")
        return check_source(Source(postings[0][0], postings[0][1], False, fmt, postings[0][2]), options)
    return check_source(Source(name, text), options)


def rewrite(text: str, *, path: str | None = None, config: Any = None, options: CheckOptions | None = None,
            llm: LLMContext | None = None, keep_title: bool = False) -> Rewrite:
    """Check `text` and, when its title mismatches, suggest, apply and re-check a fix.

    `llm` is None for the rule engine's own offline suggestion, or a `jdfix.pipeline.LLMContext`.
    `keep_title` keeps the title and makes the duties fit it instead. The returned Rewrite has `.suggestion`, `.diff`, `.verified` and `.to_dict()`.
    """
    if not isinstance(text, str):
        raise TypeError(f"jdfix.rewrite takes the posting as str, not {type(text).__name__}")
    if options is None:
        options = check_options(config)
    return rewrite_source(Source(path or "<text>", text), options, llm, keep_title)


@dataclass(frozen=True)
class Rewrite:
    """A checked posting with its suggestion, the edited text, the diff and the re-check."""

    result: Result
    source: Source
    suggestion: Suggestion | None = None
    edit: EditResult | None = None
    diff: str = ""
    after: Result | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    faith: Faithfulness | None = None
    llm_error: str | None = None  # the LLM failed: the suggestion is the rule engine's, nothing is written

    @property
    def verified(self) -> bool | None:
        """True when the edited posting no longer mismatches, the suggestion passed every
        faithfulness check, and the rules have nothing more to change in its title (a title still
        too long is left to a person); None when nothing was suggested."""
        if self.after is None:
            return None
        return (not self.after.mismatch and (self.faith is None or self.faith.ok)
                and not _title_still_fixable(self.after))

    def to_dict(self) -> dict[str, Any]:
        data = self.result.to_dict()
        if self.result.error is not None:
            return data
        if self.llm_error is not None:
            data["llm_error"] = self.llm_error
        if self.suggestion is not None:
            suggestion: dict[str, Any] = {**self.suggestion.to_dict(), "verified": self.verified,
                                          "dropped": list(self.suggestion.dropped)}
            if self.faith is not None:
                suggestion["dropped"] = [n.duty for n in self.faith.dropped]
                suggestion["drops"] = [n.to_dict() for n in self.faith.dropped]
                suggestion["added"] = [n.to_dict() for n in self.faith.added]
                suggestion["checks"] = [c.to_dict() for c in self.faith.checks]
            if self.after is not None and not self.verified:
                suggestion["remaining"] = [f.to_dict() for f in self.after.failing if f.about_title]
            data["suggestion"] = suggestion
        else:
            data["suggestion"] = None
        data["diff"] = self.diff
        return data


def _title_still_fixable(result: Result) -> bool:
    """Whether the rules would still change the title of a (rewritten) posting."""
    if not result.title_to_fix or result.analysis is None or result.analysis.document.title is None:
        return False
    new = retitle(result.analysis, result.failing)
    return new is not None and new.title != result.analysis.document.title.text


def rewrite_source(source: Source, options: CheckOptions, llm: LLMContext | None = None,
                   keep_title: bool = False) -> Rewrite:
    """Check one posting and, when its title mismatches, suggest, apply and verify a fix: a new
    title for the duties, or with `keep_title` the duties rewritten for the title (offline: the
    duties that belong elsewhere and a checklist of the title family's typical duties).

    Raises JdfixError subclasses for LLM, cache or prompt failures.
    """
    from jdfix.edit.apply import apply, unified_diff

    result = check_source(source, options)
    if not result.title_to_fix or result.analysis is None:
        return Rewrite(result, source)
    analysis = result.analysis
    notes: list[str] = []
    suggestion: Suggestion | None = None
    llm_error: str | None = None
    direction = "keep-title" if keep_title else "retitle"
    if llm is not None and llm.settings.enabled:
        from jdfix.rewriter.llm.suggest import llm_suggestion

        try:
            suggestion = llm_suggestion(analysis, result.findings, llm.settings, llm.prompts_dir, direction)
        except JdfixError as exc:
            # The findings stand on their own: show them with the offline suggestion, and the error.
            llm_error = str(exc)
        if suggestion is not None and keep_title and analysis.document.title is not None:
            suggestion = replace(suggestion, title=analysis.document.title.text)  # kept, whatever the answer says
    if suggestion is None:
        suggestion = keep_title_suggestion(analysis) if keep_title else rules_suggestion(analysis, result.findings)
    if suggestion is None:
        return Rewrite(result, source, notes=tuple(notes), llm_error=llm_error)
    edit = apply(analysis.document, suggestion.title, list(suggestion.duties), suggestion.details)
    if edit.duties_untouched_reason:
        notes.append(edit.duties_untouched_reason)
    after = check_source(Source(source.path, edit.text, source.bom), options)
    # The diff is of the bytes on disk, BOM included, so it applies with patch.
    bom = "\ufeff" if source.bom else ""
    diff = unified_diff(source.path, bom + source.text, bom + edit.text)
    # The fit of the title to the duties; wording left to a person (a title still too long) is
    # reported beside the verdict, not against it.
    remaining = [f"{f.code} {f.message}" for f in after.failing if f.about_title and f.judges_fit]
    places = {c.line for c in edit.changes if c.kind == "title" and c.line}
    faith = judge(analysis, suggestion.duties, edit.text, after.analysis, remaining, places)
    return Rewrite(result, source, suggestion, edit, diff, after, tuple(notes), faith, llm_error)


# `jdfix fix`, posting by posting: read, rewrite, decide and write, re-check. The CLI prints what
# these return; nothing here touches the terminal (the interactive Reviewer is passed in).


@dataclass(frozen=True, slots=True)
class Line:
    """One line of output: on stdout, or on stderr when `err`; `nl` False when it ends its own line."""

    text: str
    err: bool = False
    nl: bool = True


@dataclass(frozen=True, slots=True)
class WriteChoice:
    """Where an accepted suggestion goes: nowhere, in place (--write), to -o FILE, after review."""

    write: bool = False
    output: str | None = None
    interactive: bool = False
    yes: bool = False
    force: bool = False

    @property
    def writing(self) -> bool:
        return self.write or bool(self.output) or self.interactive or self.yes


@dataclass(frozen=True, slots=True)
class Settled:
    """What became of one posting: the result that counts for the exit code, and what to say."""

    state: Result
    lines: tuple[Line, ...] = ()
    quit: bool = False


def read_work(items: list[str | InputError], input_format: str, stdin: bytes | None,
              on_skip: Callable[[NotAPosting], None] | None = None) -> list[Source | InputError]:
    """Each posting to fix (a JSON file may hold several), or the error reading it, in input order.

    A file that a folder walk found and that holds no posting goes to `on_skip` (when given)
    instead of being an error."""
    from jdfix.io.discovery import Walked

    work: list[Source | InputError] = []
    for item in items:
        try:
            if isinstance(item, InputError):
                raise item
            work += read_postings(item, input_format, (stdin or b"") if item == "-" else None)
        except NotAPosting as exc:
            if on_skip is not None and isinstance(item, Walked):
                on_skip(exc)
            else:
                work.append(exc)
        except InputError as exc:
            work.append(exc)
    return work


def rewrite_all(work: list[Source | InputError], options: CheckOptions | Callable[[str], CheckOptions],
                llm: LLMContext | None, jobs: int,
                progress: Callable[[int, int], None] | None = None,
                keep_title: bool = False) -> Iterator[Rewrite | JdfixError]:
    """Each posting's Rewrite (or the error it met), in input order; with `jobs` > 1 up to that
    many LLM requests are in flight at once (each with its own retry policy). `progress(n, total)`
    is called after each posting. `options` may be a function of the posting's path (the
    configuration nearest to each file)."""

    def one(item: Source | InputError) -> Rewrite | JdfixError:
        if isinstance(item, InputError):
            return item
        try:
            return rewrite_source(item, options if isinstance(options, CheckOptions) else options(item.path), llm,
                                  keep_title)
        except JdfixError as exc:
            return exc

    pool = None
    results: Iterator[Rewrite | JdfixError]
    if jobs <= 1 or len(work) < 2:
        results = map(one, work)
    else:
        from concurrent.futures import ThreadPoolExecutor

        # No more threads than postings: each idle one would only cost its start.
        pool = ThreadPoolExecutor(max_workers=min(jobs, len(work)))
        results = pool.map(one, work)
    try:
        for n, result in enumerate(results, 1):
            if progress is not None:
                progress(n, len(work))
            yield result
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def failed(item: Source | InputError, exc: JdfixError, err_palette: Palette) -> Settled:
    """A posting that could not be read or rewritten: an error result and its one line."""
    path = exc.path if isinstance(exc, InputError) else str(item.path)
    reason = exc.reason if isinstance(exc, InputError) else str(exc)
    return _error(path, reason, err_palette)


def _error(path: str, reason: str, err_palette: Palette) -> Settled:
    return Settled(Result(path, error=reason), (Line(f"jdfix: {err_palette.red('error')}: {path}: {reason}", True),))


def diff_only(rw: Rewrite, err_palette: Palette) -> Settled:
    """`--diff`: the diff alone, or why a diff of this input would not apply."""
    if rw.llm_error is not None:
        return _llm_failed(rw, err_palette)
    if rw.source.format != "markdown" and rw.diff:
        reason = f"a diff of {rw.source.format.upper()} would not apply to the file: use -o FILE"
        return _error(rw.source.path, reason, err_palette)
    return Settled(rw.result, (Line(rw.diff, nl=False),) if rw.diff else ())


def settle(rw: Rewrite, choice: WriteChoice, options: CheckOptions, palette: Palette, err_palette: Palette,
           to_stderr: bool, reviewer: Reviewer | None = None, quit_all: bool = False) -> Settled:
    """Decide whether and what to write for one rewrite, write it atomically, and re-check it.

    `to_stderr` sends the progress lines to stderr (when stdout carries JSON). The reviewer, when
    given, asks about each change on its terminal. Write failures come back as error results.
    """
    result = rw.result
    if rw.llm_error is not None:
        return _llm_failed(rw, err_palette)
    if not choice.writing:
        return Settled(result)
    output = choice.output
    edit = rw.edit
    if rw.source.format != "markdown" and (not output or _same_file(output, rw.source.path)):
        reason = f"cannot write back to {rw.source.format.upper()}: use -o FILE for an edited Markdown copy"
        return _error(rw.source.path, reason, err_palette)
    if quit_all or edit is None or not edit.changed:
        return _unchanged(rw, output, err_palette, to_stderr)
    if rw.verified is False and not choice.force:
        failed = ", ".join(c.name for c in rw.faith.failed) if rw.faith else "title-fits"
        return Settled(result, (Line(palette.red(f"{result.path}: not written: the suggestion failed {failed}; "
                                                 "review it, or pass --force"), to_stderr),))
    from jdfix.edit.apply import apply_changes

    text = edit.text
    summary = f"{len(edit.changes)} change{'' if len(edit.changes) == 1 else 's'}"
    quit = False
    if reviewer is not None and result.analysis is not None:
        changes = list(edit.changes)
        review = reviewer.review(result.path, changes, change_reasons(rw, changes))
        quit = review.quit
        text = apply_changes(result.analysis.document, review.accepted).text
        summary = f"{len(review.accepted)} of {len(changes)} change{'' if len(changes) == 1 else 's'}"
        if review.skipped:
            summary += " (skipped: " + ", ".join(
                f"{c.kind} line {c.line}" if c.line else c.kind for c in review.skipped) + ")"
        if not review.accepted:
            return Settled(result, (Line(f"{result.path}: nothing accepted; not written"),), quit)
    target = output or rw.source.path
    try:
        write_atomic(target, text, rw.source.bom)
    except JdfixError as exc:
        return Settled(Result(target, error=str(exc)), (Line(f"jdfix: {err_palette.red('error')}: {exc}", True),),
                       quit)
    after = check_source(Source(target, text, rw.source.bom), options)
    left = "; ".join(f"{f.code} {f.message}" for f in after.failing if f.about_title)
    verdict = (palette.green("now passes jdfix check") if not after.title_to_fix
               else palette.red("still mismatched: " + left) if after.mismatch
               else palette.yellow("left for you to change: " + left))
    return Settled(after, (Line(f"wrote {target}: {summary}; {verdict}", to_stderr),), quit)


def _llm_failed(rw: Rewrite, err_palette: Palette) -> Settled:
    """The LLM failed: one line on stderr, nothing written, and the run exits 2 (the findings and the
    offline suggestion were shown already)."""
    reason = f"LLM rewrite failed: {rw.llm_error}; shown: the rule engine's suggestion; nothing written"
    return Settled(Result(rw.result.path, error=reason),
                   (Line(f"jdfix: {err_palette.red('error')}: {rw.result.path}: {reason}", True),))


def _same_file(output: str, source_path: str) -> bool:
    """Whether -o names the file the posting was read from ("jobs.json#2" is in jobs.json)."""
    path = source_path.rsplit("#", 1)[0]
    return (source_path != "-" and os.path.exists(output) and os.path.exists(path)
            and os.path.samefile(output, path))


def _unchanged(rw: Rewrite, output: str | None, err_palette: Palette, to_stderr: bool) -> Settled:
    """Nothing to change: -o still gets a copy of the input, so the output file always exists."""
    if not output:
        return Settled(rw.result)
    try:
        write_atomic(output, rw.source.text, rw.source.bom)
    except JdfixError as exc:
        return Settled(Result(output, error=str(exc)), (Line(f"jdfix: {err_palette.red('error')}: {exc}", True),))
    return Settled(rw.result, (Line(f"wrote {output}: no change needed", to_stderr),))


def change_reasons(rw: Rewrite, changes: list[Change]) -> dict[int, str]:
    """Why each change is suggested: the title finding, or what the duty reads as."""
    analysis = rw.result.analysis
    title_reason = "; ".join(f"{f.code} {f.name}: {f.message}" for f in rw.result.failing if f.about_title)
    reasons: dict[int, str] = {}
    for n, c in enumerate(changes):
        if c.kind == "title":
            reasons[n] = title_reason
        elif c.kind in ("remove", "replace") and analysis is not None and 0 <= c.index < len(analysis.duties):
            unit = analysis.duties[c.index]
            if unit.family:
                phrase = next((e.quote for e in unit.evidence if e.family == unit.family), "")
                name = analysis.book.families[unit.family].name
                reasons[n] = f'reads as {name} work ("{" ".join(phrase.split())}")'
            elif rw.suggestion is not None:
                reasons[n] = f"{rw.suggestion.source} suggestion"
        elif rw.suggestion is not None:
            reasons[n] = f"{rw.suggestion.source} suggestion"
    return reasons


LLM_HINT = ("suggestion from the rule engine (offline). For an LLM rewrite set OPENAI_BASE_URL to an "
            "OpenAI-compatible server (or OPENAI_API_KEY), or pass --base-url.")


def rewrite_lines(rw: Rewrite, palette: Palette, hinted: bool) -> tuple[list[Line], bool]:
    """The human report of one rewrite, and whether the LLM hint has now been given."""
    from jdfix.io.report import colour_diff, finding_lines  # json: not for `import jdfix`

    result = rw.result
    lines = [Line(line) for line in finding_lines(result, palette)]
    if not result.title_to_fix:
        lines.append(Line(f"{palette.bold(result.path)}: {_fit_verdict(result, palette)}"))
        return lines, hinted
    sug = rw.suggestion
    if sug is None:
        return lines, hinted
    origin = f"{sug.source}" + (f", {sug.model}" if sug.model else "") + (", cached" if sug.cached else "")
    label = "Kept title:" if sug.direction == "keep-title" else "Suggested title:"
    lines.append(Line(f"{palette.bold(label)} {sug.title}  {palette.dim('[' + origin + ']')}"))
    if sug.rationale:
        lines.append(Line(f"{palette.bold('Why:')} {sug.rationale}"))
    if rw.faith is not None:
        lines += [Line(f"  {palette.dim('dropped:')} {n.duty}  {palette.dim('(' + n.reason + ')')}")
                  for n in rw.faith.dropped]
        lines += [Line(f"  {palette.dim('added:')} {n.duty}  {palette.dim('(' + n.reason + ')')}")
                  for n in rw.faith.added]
    else:
        lines += [Line(f"  {palette.dim('dropped:')} {dropped}") for dropped in sug.dropped]
    lines += [Line(f"  {palette.dim('belongs elsewhere:')} {duty}") for duty in sug.elsewhere]
    if sug.checklist:
        name = rw.result.analysis.title.family if rw.result.analysis and rw.result.analysis.title else None
        fam = rw.result.analysis.book.families[name].name if rw.result.analysis and name else "the title's"
        lines.append(Line(palette.bold(f"Checklist: typical {fam} duties to write in their place")))
        lines += [Line(f"  [ ] {item}") for item in sug.checklist]
    if rw.diff and rw.source.format != "markdown":
        # As --diff: a diff of the converted Markdown headed with the HTML/JSON path would not apply.
        lines.append(Line(f"No diff: {rw.source.path} is {rw.source.format.upper()}, which jdfix does not write back; "
                          "-o FILE writes an edited Markdown copy."))
    elif rw.diff:
        lines.append(Line(colour_diff(rw.diff, palette), nl=False))
    lines += [Line(f"{palette.dim('note:')} {note}") for note in rw.notes]
    if sug.direction == "keep-title" and sug.source == "rules":
        lines.append(Line(palette.yellow("Not a fix yet: offline, jdfix invents no duty; rewrite the duties that "
                                         "belong elsewhere from the checklist (or use an LLM). Nothing is written.")))
    elif rw.verified and rw.after is not None and rw.after.title_to_fix:
        left = "; ".join(f"{f.code} {f.message}" for f in rw.after.failing if f.about_title)
        lines.append(Line(palette.yellow(f"Verified: the rewritten title fits; left for you to change: {left}")))
    elif rw.verified:
        lines.append(Line(palette.green("Verified: the rewritten posting passes jdfix check; no invented duty, "
                                        "no unexplained drop, other sections untouched.")))
    elif rw.after is not None:
        failed = rw.faith.failed if rw.faith else ()
        why = "; ".join(f"{c.name}: {c.detail}" for c in failed) or "the rewrite still mismatches"
        lines.append(Line(palette.red(f"Not verified: {why}")))
    if rw.llm_error is not None:
        lines.append(Line(palette.dim("note: the LLM rewrite failed (see the error); this is the rule engine's "
                                      "offline suggestion.")))
        return lines, hinted
    if sug.source == "rules" and not hinted:
        lines.append(Line(palette.dim("note: " + LLM_HINT)))
        return lines, True
    return lines, hinted


def _fit_verdict(result: Result, palette: Palette) -> str:
    """Why a posting that does not mismatch is left alone."""
    codes = {f.code for f in result.findings}
    fam = result.analysis.title.family if result.analysis and result.analysis.title else None
    name = result.analysis.book.families[fam].name if fam and result.analysis else None
    if "JD301" in codes:
        return "nothing to judge: no duties found"
    if "JD303" in codes:
        return "no mismatch claimed: the duties carry too little role evidence"
    if not name:
        return "no mismatch claimed: the title names no known role"
    hidden = _suppressed_title_codes(result)
    if hidden:
        # The title may well not fit: a comment hides the finding that would say so.
        return f"no title finding reported: {', '.join(hidden)} suppressed by a jdfix: ignore comment"
    return palette.green(f"title fits the duties ({name})")


def _suppressed_title_codes(result: Result) -> list[str]:
    """Title rules that a suppression comment in the posting silences (and JD001 does not call unused)."""
    from jdfix.engine.rules import REGISTRY, resolve_code
    from jdfix.engine.rules.jd001 import suppressions

    if result.analysis is None:
        return []
    unused = {(f.line, f.message) for f in result.findings if f.code == "JD001"}
    codes: list[str] = []
    for sup in suppressions(result.analysis.document.text):
        if any(line == sup.line and f" {sup.token} " in msg for line, msg in unused):
            continue
        try:
            resolved = resolve_code(sup.token)
        except JdfixError:
            continue
        codes += [c for c in resolved if REGISTRY[c].about_title and c not in codes]
    return codes
