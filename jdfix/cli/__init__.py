"""The command line. Thin: parse options, call the library, map errors to exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from jdfix import __version__
from jdfix.errors import JdfixError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

DEFAULT_COMMAND = "fix"


class JdfixGroup(click.Group):
    """A group whose default command is `fix`: `jdfix draft.md` means `jdfix fix draft.md`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        i = 0
        while i < len(args) and args[i] == "--debug":
            i += 1
        if i < len(args) and args[i] not in self.commands and args[i] not in ("--help", "-h", "--version"):
            args = [*args[:i], DEFAULT_COMMAND, *args[i:]]
        return super().parse_args(ctx, args)


def _debug_wanted() -> bool:
    return bool(os.environ.get("JDFIX_DEBUG")) or "--debug" in sys.argv[1:]


@click.group(cls=JdfixGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdfix")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
def cli(debug: bool) -> None:
    """Catch job descriptions whose title does not match the work they describe.

    \b
    jdfix draft.md                 findings, a suggested title and a diff
    jdfix check postings/          lint many postings (exit 1 on a mismatch)
    jdfix rules | jdfix roles      the rules and the role families
    """


def _format_option(choices: tuple[str, ...]) -> Callable[[Any], Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default="text", show_default=True,
                        help="Output format.")


def _common_check_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--fail-level", type=click.Choice(["warning", "error"]), default=None,
                     help="Lowest severity that fails the run (exit 1; default: warning). Info findings never fail.")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Configuration file (default: the nearest jdfix.toml or [tool.jdfix] in pyproject.toml).")(f)
    f = click.option("--select", multiple=True, metavar="CODE",
                     help="Only these rules (code, prefix like JD1, or name). Repeatable.")(f)
    f = click.option("--ignore", multiple=True, metavar="CODE", help="Skip these rules. Repeatable.")(f)
    f = click.option("--roles", "roles", multiple=True, type=click.Path(), metavar="PATH",
                     help="Extra role-family profiles (a TOML file or a folder of them). Repeatable.")(f)
    f = click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal, "
                     "unless NO_COLOR is set).")(f)
    f = click.option("--input-format", type=click.Choice(["auto", "markdown", "html", "json"]), default="auto",
                     show_default=True, help="How to read the postings (auto: from the file name).")(f)
    return f


def _config(config_path: str | None) -> Any:
    from pathlib import Path

    from jdfix.io.config import load_config

    return load_config(Path(config_path) if config_path else None)


def _options(select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None, roles: tuple[str, ...],
             config: Any, input_format: str = "auto") -> Any:
    """Flags override the configuration file, which overrides the defaults."""
    from jdfix.io.config import check_options

    return check_options(config, select=select, ignore=ignore, fail_level=fail_level, roles=roles,
                         input_format=input_format)


def _read_stdin_if_needed(paths: tuple[str, ...]) -> bytes | None:
    if "-" not in paths:
        return None
    from jdfix.io.sources import MAX_BYTES

    if sys.stdin is None:  # started with no standard input at all
        return b""
    return sys.stdin.buffer.read(MAX_BYTES + 1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_format_option(("text", "json", "jsonl", "github", "html"))
@_common_check_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes to use (default: one per core for large batches).")
def check(paths: tuple[str, ...], fmt: str, fail_level: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, jobs: int | None,
          config_path: str | None, input_format: str) -> None:
    """Check postings (files, folders, or - for stdin) for titles that do not fit their duties.

    Exit 0 when nothing is at or above the fail level, 1 when something is, 2 for usage, input
    or internal errors (the other files are still reported). --format html writes the page of
    `jdfix report` to standard output.
    """
    if fmt == "html":
        from jdfix.cli.report import html_check

        html_check(paths, select, ignore, fail_level, roles, color, jobs, config_path, input_format)
    from jdfix.engine.checker import Result, check_source
    from jdfix.errors import InputError
    from jdfix.io.parallel import check_files, jobs_for, render
    from jdfix.io.report import REPORT_VERSION, Palette, summary_counts
    from jdfix.engine.rolebook import load_role_book
    from jdfix.io.sources import expand_paths, read_postings

    config = _config(config_path)
    options = _options(select, ignore, fail_level, roles, config, input_format)
    fail_level = options.fail_level
    jobs = jobs or config.get("jobs")
    load_role_book(options.roles)  # a broken role profile stops the run before any file is read
    out = sys.stdout
    colour = Palette.wanted(out, color)
    palette = Palette(colour)
    err_palette = Palette(Palette.wanted(sys.stderr, color))
    stdin = _read_stdin_if_needed(paths)
    items = list(expand_paths(list(paths)))
    files = [i for i in items if isinstance(i, str) and i != "-"]
    n_jobs = jobs_for(len(files), jobs)
    pretty = fmt == "json" and bool(getattr(out, "isatty", lambda: False)())

    def rendered() -> Any:
        pending = [i for i in items]
        batch = iter(check_files(files, options, fmt, colour, n_jobs))
        for item in pending:
            if isinstance(item, InputError):
                yield render(Result(item.path, error=item.reason, fail_level=fail_level), fmt, colour)
            elif item == "-":
                try:
                    for source in read_postings("-", options.input_format, stdin or b""):
                        yield render(check_source(source, options), fmt, colour)
                except InputError as exc:
                    yield render(Result(exc.path, error=exc.reason, fail_level=fail_level), fmt, colour)
            else:
                yield from next(batch)

    outcomes = []
    if fmt == "json":
        out.write(f'{{"version": {REPORT_VERSION}, "results": [')
    for n, r in enumerate(rendered()):
        outcomes.append(r)
        if r.error is not None:
            click.echo(f"jdfix: {err_palette.red('error')}: {r.path}: {r.error}", err=True)
        if fmt in ("text", "github"):
            for line in r.lines:
                click.echo(line)
        elif fmt == "jsonl":
            out.write(f'{{"version": {REPORT_VERSION}, ' + r.json[1:] + "\n")
        elif pretty:
            body = json.dumps(json.loads(r.json), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.write(("," if n else "") + "\n  " + body)
        else:
            out.write(("," if n else "") + "\n" + r.json)
    if fmt == "json":
        out.write("\n]}\n")
    elif fmt == "text":
        click.echo(summary_counts(outcomes, palette))
    out.flush()
    if any(r.error is not None for r in outcomes):
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if any(r.failing for r in outcomes) else EXIT_OK)


LLM_HINT = ("suggestion from the rule engine (offline). For an LLM rewrite set OPENAI_BASE_URL to an "
            "OpenAI-compatible server (or OPENAI_API_KEY), or pass --base-url.")


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_format_option(("text", "json"))
@_common_check_options
@click.option("--no-llm", is_flag=True, help="Use the rule engine's own suggestion even if an endpoint is set.")
@click.option("--base-url", metavar="URL", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].")
@click.option("--model", metavar="NAME", help="Model name [env: JDFIX_MODEL; default: gpt-4o-mini].")
@click.option("--timeout", type=click.FloatRange(min=0.1), metavar="SECONDS", help="Per-request timeout.")
@click.option("--cache", "cache_mode", type=click.Choice(["use", "refresh", "off", "replay"]), default=None,
              help="Response cache: use (default), refresh, off, or replay (a miss is an error, no network).")
@click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Cache folder [env: JDFIX_CACHE_DIR; default: ~/.cache/jdfix].")
@click.option("--prompts", "prompts_dir", type=click.Path(exists=True, file_okay=False), metavar="DIR",
              help="Use the prompt templates in DIR instead of the bundled ones.")
@click.option("--diff", "diff_only", is_flag=True, help="Print only the diff (exit 1 when there is a change).")
@click.option("--write", "-w", "write", is_flag=True, help="Apply the suggestion in place (atomically).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the edited posting to FILE; the input is left untouched (one input only).")
@click.option("--interactive", "-i", is_flag=True,
              help="Review each change (y/n/e/a/d/q/?) and write only the accepted ones.")
@click.option("--yes", "-y", is_flag=True, help="Accept every change without asking, and write.")
@click.option("--force", is_flag=True, help="Write even a suggestion that still mismatches after the re-check.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="LLM requests in flight at once (default 1; results keep the input order).")
def fix(paths: tuple[str, ...], fmt: str, fail_level: str | None, select: tuple[str, ...],
        ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, no_llm: bool, base_url: str | None,
        model: str | None, timeout: float | None, cache_mode: str | None, cache_dir: str | None,
        prompts_dir: str | None, diff_only: bool, write: bool, output: str | None, interactive: bool, yes: bool,
        force: bool, config_path: str | None, input_format: str, jobs: int | None) -> None:
    """Suggest a corrected title and duty list for each mismatched posting, shown as a diff.

    This is the default command: `jdfix draft.md` is `jdfix fix draft.md`. Without an endpoint it
    uses the rule engine's own suggestion; with one (--base-url, OPENAI_BASE_URL or
    OPENAI_API_KEY) it asks the model, caches the answer and re-checks the rewrite.

    Nothing is written unless you ask: --write (in place), -o FILE, --interactive (change by
    change) or --yes. Only the title and the duty list change. A suggestion that still mismatches
    after the re-check is not written without --force. Exit codes as `check`, after writing.
    """
    from pathlib import Path

    from jdfix.engine.checker import Result, check_source
    from jdfix.errors import InputError
    from jdfix.rewriter.llm.settings import resolve
    from jdfix.io.report import Palette, finding_lines, write_json
    from jdfix.edit.review import Reviewer, write_atomic
    from jdfix.pipeline import LLMContext
    from jdfix.io.sources import Source, expand_paths, read_postings

    if interactive and yes:
        raise click.UsageError("--interactive and --yes exclude each other")
    if diff_only and (write or output or interactive or yes):
        raise click.UsageError("--diff only prints; it does not go with --write, -o, --interactive or --yes")
    if fmt == "json" and (interactive or diff_only):
        raise click.UsageError("--interactive and --diff need the text format")
    items = list(expand_paths(list(paths)))
    if interactive and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError("--interactive needs a terminal (stdin and stdout); nothing was written. "
                               "Use --yes to accept every change, or --diff to review elsewhere")
    if "-" in paths and (write or (interactive and not output)):
        raise click.UsageError("cannot write back to standard input: use -o FILE")
    writing = write or bool(output) or interactive or yes

    config = _config(config_path)
    options = _options(select, ignore, fail_level, roles, config, input_format)
    settings = resolve({"base_url": base_url, "model": model, "timeout": timeout, "cache": cache_mode,
                        "cache_dir": cache_dir, "no_llm": no_llm}, config.values)
    llm = LLMContext(settings, Path(prompts_dir) if prompts_dir else None)
    if settings.enabled:
        from jdfix.rewriter.llm.cache import ResponseCache

        ResponseCache(settings.cache_dir, settings.cache_mode).ensure_writable()
    out = sys.stdout
    palette = Palette(Palette.wanted(out, color))
    err_palette = Palette(Palette.wanted(sys.stderr, color))
    stdin = _read_stdin_if_needed(paths)
    reviewer = Reviewer(sys.stdin.readline, out, os.environ.get("VISUAL") or os.environ.get("EDITOR")) \
        if interactive else None
    entries: list[Any] = []  # a Rewrite, or a Result carrying an error
    states: list[Any] = []  # what decides the exit code: results after writing
    hinted = False
    any_diff = False
    quit_all = False
    work: list[Any] = []  # each posting to fix (a JSON file may hold several), or the error reading it
    for item in items:
        try:
            if isinstance(item, InputError):
                raise item
            work += read_postings(item, options.input_format, (stdin or b"") if item == "-" else None)
        except InputError as exc:
            work.append(exc)
    if output and len(work) != 1:
        raise click.UsageError("-o/--output takes exactly one input posting")
    n_jobs = jobs or config.get("jobs") or 1
    for item, rw_or_error in zip(work, _rewrite_all(work, options, llm, n_jobs if settings.enabled else 1)):
        try:
            if isinstance(rw_or_error, JdfixError):
                raise rw_or_error
            rw = rw_or_error
        except JdfixError as exc:
            path = exc.path if isinstance(exc, InputError) else str(item.path)
            reason = exc.reason if isinstance(exc, InputError) else str(exc)
            click.echo(f"jdfix: {err_palette.red('error')}: {path}: {reason}", err=True)
            entries.append(Result(path, error=reason))
            states.append(entries[-1])
            continue
        entries.append(rw)
        result = rw.result
        any_diff = any_diff or bool(rw.diff)
        if diff_only:
            if rw.source.format != "markdown" and rw.diff:
                reason = f"a diff of {rw.source.format.upper()} would not apply to the file: use -o FILE"
                click.echo(f"jdfix: {err_palette.red('error')}: {rw.source.path}: {reason}", err=True)
                states.append(Result(rw.source.path, error=reason))
                continue
            if rw.diff:
                click.echo(rw.diff, nl=False)
            states.append(result)
            continue
        if fmt == "text" and not interactive:
            hinted = _print_rewrite(rw, palette, hinted)
        elif fmt == "text":
            for line in finding_lines(result, palette):
                click.echo(line)
        if not writing:
            states.append(result)
            continue
        target = output or rw.source.path
        edit = rw.edit
        same_file = (output is not None and rw.source.path != "-" and os.path.exists(output)
                     and os.path.exists(rw.source.path.rsplit("#", 1)[0])
                     and os.path.samefile(output, rw.source.path.rsplit("#", 1)[0]))
        if rw.source.format != "markdown" and (not output or same_file):
            reason = (f"cannot write back to {rw.source.format.upper()}: use -o FILE for an edited Markdown copy")
            click.echo(f"jdfix: {err_palette.red('error')}: {rw.source.path}: {reason}", err=True)
            states.append(Result(rw.source.path, error=reason))
            continue
        if quit_all or edit is None or not edit.changed:
            if output:
                try:
                    write_atomic(output, rw.source.text, rw.source.bom)
                except JdfixError as exc:
                    click.echo(f"jdfix: {err_palette.red('error')}: {exc}", err=True)
                    states.append(Result(output, error=str(exc)))
                    continue
                click.echo(f"wrote {output}: no change needed", err=fmt == "json")
            states.append(result)
            continue
        if rw.verified is False and not force:
            left = "; ".join(f.code for f in rw.after.failing if f.about_title) if rw.after else ""
            click.echo(palette.red(f"{result.path}: not written: the suggestion still mismatches ({left}); "
                                   "review it, or pass --force"), err=fmt == "json")
            states.append(result)
            continue
        text = edit.text
        summary = f"{len(edit.changes)} change{'' if len(edit.changes) == 1 else 's'}"
        if reviewer is not None and result.analysis is not None:
            changes = list(edit.changes)
            review = reviewer.review(result.path, changes, _reasons(rw, changes))
            quit_all = review.quit
            from jdfix.edit.apply import apply_changes

            text = apply_changes(result.analysis.document, review.accepted).text
            summary = f"{len(review.accepted)} of {len(changes)} changes"
            if review.skipped:
                summary += " (skipped: " + ", ".join(
                    f"{c.kind} line {c.line}" if c.line else c.kind for c in review.skipped) + ")"
            if not review.accepted:
                click.echo(f"{result.path}: nothing accepted; not written")
                states.append(result)
                continue
        try:
            write_atomic(target, text, rw.source.bom)
        except JdfixError as exc:
            click.echo(f"jdfix: {err_palette.red('error')}: {exc}", err=True)
            states.append(Result(target, error=str(exc)))
            continue
        after = check_source(Source(target, text, rw.source.bom), options)
        states.append(after)
        verdict = palette.green("now passes jdfix check") if not after.mismatch else palette.red(
            "still mismatched: " + "; ".join(f"{f.code} {f.message}" for f in after.failing if f.about_title))
        click.echo(f"wrote {target}: {summary}; {verdict}", err=fmt == "json")
    if fmt == "json" and not diff_only:
        write_json(entries, out)
    if any(isinstance(s, Result) and s.error is not None for s in states):
        raise SystemExit(EXIT_ERROR)
    if diff_only:
        raise SystemExit(EXIT_FINDINGS if any_diff else EXIT_OK)
    raise SystemExit(_exit_code(states))


def _rewrite_all(work: list[Any], options: Any, llm: Any, jobs: int) -> Any:
    """Each posting's Rewrite (or the error it met), in input order; with `jobs` > 1 up to that
    many LLM requests are in flight at once (each with its own retry policy). A progress line goes
    to stderr when it is a terminal and the batch is long."""
    from jdfix.errors import InputError
    from jdfix.pipeline import rewrite_source

    def one(item: Any) -> Any:
        if isinstance(item, InputError):
            return item
        try:
            return rewrite_source(item, options, llm)
        except JdfixError as exc:
            return exc

    show = sys.stderr.isatty() and len(work) >= 10
    if jobs <= 1 or len(work) < 2:
        results: Any = map(one, work)
    else:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=jobs)
        results = pool.map(one, work)
    try:
        for n, result in enumerate(results, 1):
            if show:
                sys.stderr.write(f"\r  {n}/{len(work)} postings" + ("\n" if n == len(work) else ""))
                sys.stderr.flush()
            yield result
    finally:
        if jobs > 1 and len(work) >= 2:
            pool.shutdown(wait=True, cancel_futures=True)


def _reasons(rw: Any, changes: list[Any]) -> dict[int, str]:
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


def _print_rewrite(rw: Any, palette: Any, hinted: bool) -> bool:
    """The human report of one rewrite. Returns whether the LLM hint has been printed."""
    from jdfix.io.report import finding_lines

    result = rw.result
    for line in finding_lines(result, palette):
        click.echo(line)
    if not result.mismatch:
        codes = {f.code for f in result.findings}
        fam = result.analysis.title.family if result.analysis and result.analysis.title else None
        name = result.analysis.book.families[fam].name if fam and result.analysis else None
        if "JD301" in codes:
            verdict = "nothing to judge: no duties found"
        elif "JD303" in codes:
            verdict = "no mismatch claimed: the duties carry too little role evidence"
        elif not name:
            verdict = "no mismatch claimed: the title names no known role"
        else:
            verdict = palette.green(f"title fits the duties ({name})")
        click.echo(f"{palette.bold(result.path)}: {verdict}")
        return hinted
    sug = rw.suggestion
    if sug is None:
        return hinted
    origin = f"{sug.source}" + (f", {sug.model}" if sug.model else "") + (", cached" if sug.cached else "")
    click.echo(f"{palette.bold('Suggested title:')} {sug.title}  {palette.dim('[' + origin + ']')}")
    if sug.rationale:
        click.echo(f"{palette.bold('Why:')} {sug.rationale}")
    for dropped in sug.dropped:
        click.echo(f"  {palette.dim('dropped:')} {dropped}")
    if rw.diff:
        click.echo(_colour_diff(rw.diff, palette), nl=False)
    for note in rw.notes:
        click.echo(f"{palette.dim('note:')} {note}")
    if rw.verified:
        click.echo(palette.green("Verified: the rewritten posting passes jdfix check."))
    elif rw.after is not None:
        left = "; ".join(f"{f.code} {f.message}" for f in rw.after.failing if f.about_title)
        click.echo(palette.red(f"Not verified: the rewrite still mismatches: {left}"))
    if sug.source == "rules" and not hinted:
        click.echo(palette.dim("note: " + LLM_HINT))
        return True
    return hinted


def _colour_diff(diff: str, palette: Any) -> str:
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(palette.bold(line.rstrip("\n")) + "\n")
        elif line.startswith("+"):
            out.append(palette.green(line.rstrip("\n")) + "\n")
        elif line.startswith("-"):
            out.append(palette.red(line.rstrip("\n")) + "\n")
        elif line.startswith("@@"):
            out.append(palette.cyan(line.rstrip("\n")) + "\n")
        else:
            out.append(line)
    return "".join(out)


def _exit_code(results: list[Any]) -> int:
    if any(r.error is not None for r in results):
        return EXIT_ERROR
    if any(r.failing for r in results):
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command()
@click.argument("codes", nargs=-1, metavar="[CODE...]")
@_format_option(("text", "json"))
def rules(codes: tuple[str, ...], fmt: str) -> None:
    """Print the rules with their documentation (all, or the CODEs given)."""
    import json

    from jdfix.engine.rules import REGISTRY, resolve_code

    wanted = [c for token in codes for c in resolve_code(token)] or list(REGISTRY)
    entries: list[dict[str, Any]] = []
    for code in wanted:
        cls = REGISTRY[code]
        entries.append({"code": code, "name": cls.name, "severity": cls.severity, "about_title": cls.about_title,
                        "options": dict(cls.options), "doc": cls.doc()})
    if fmt == "json":
        click.echo(json.dumps(entries, indent=2))
        return
    for e in entries:
        click.echo(f"{e['code']} {e['name']} [{e['severity']}]" + ("  (about the title)" if e["about_title"] else ""))
        for heading, body in e["doc"].items():
            click.echo(f"  {heading}:")
            for line in body.splitlines():
                click.echo(f"    {line}" if line else "")
        if e["options"]:
            click.echo("  Options: " + ", ".join(f"{k} = {v}" for k, v in e["options"].items()))
        click.echo()


@cli.command()
@click.option("--roles", "roles", multiple=True, type=click.Path(), metavar="PATH",
              help="Extra role-family profiles (a TOML file or a folder of them).")
@click.option("--check", "check_file", type=click.Path(), metavar="FILE",
              help="Validate one role-family profile and exit.")
@_format_option(("text", "json"))
def roles(roles: tuple[str, ...], check_file: str | None, fmt: str) -> None:
    """Print the role families of the role book (ids, names, aliases, signal counts)."""
    if not roles:
        roles = tuple(_config(None).get("roles", ()))

    from jdfix.engine.rolebook import load_family, load_role_book

    if check_file:
        from pathlib import Path

        family, signals = load_family(Path(check_file))
        load_role_book((os.path.abspath(check_file),) + tuple(os.path.abspath(r) for r in roles))
        click.echo(f"{check_file}: ok: family {family.id!r} ({family.name}), {len(family.aliases)} aliases, "
                   f"{len(signals)} signals")
        return
    book = load_role_book(tuple(os.path.abspath(r) for r in roles))
    entries: list[dict[str, Any]] = []
    for fam in book.families.values():
        own = [s for s in book.signals if s.listed_by == fam.id and s.family == fam.id]
        entries.append({"id": fam.id, "name": fam.name, "summary": fam.summary, "aliases": list(fam.aliases),
                        "signals": len(own), "source": fam.source})
    if fmt == "json":
        click.echo(json.dumps(entries, indent=2))
        return
    width = max(len(e["id"]) for e in entries)
    for e in entries:
        click.echo(f"{e['id']:<{width}}  {e['name']}: {e['summary']}")
        click.echo(f"{'':<{width}}  aliases: {', '.join(e['aliases'][:8])}{' ...' if len(e['aliases']) > 8 else ''}"
                   f"; {e['signals']} signals")


@cli.command("config")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Configuration file (default: the nearest jdfix.toml or [tool.jdfix] in pyproject.toml).")
def config_command(config_path: str | None) -> None:
    """Show the effective settings and where each comes from (file, environment or default)."""
    from jdfix.rewriter.llm.settings import DEFAULT_MODEL, default_cache_dir

    config = _config(config_path)
    click.echo(f"configuration file: {config.path or 'none found'}")
    rows = [
        ("select", config.get("select", ["ALL"]), config.source("select")),
        ("ignore", config.get("ignore", []), config.source("ignore")),
        ("fail_level", config.get("fail_level", "warning"), config.source("fail_level")),
        ("severity", config.get("severity", {}), config.source("severity")),
        ("rules", config.get("rules", {}), config.source("rules")),
        ("roles", config.get("roles", []), config.source("roles")),
        ("jobs", config.get("jobs", "one per core for 100+ files"), config.source("jobs")),
    ]
    for key, env, default in (("base_url", "OPENAI_BASE_URL", None), ("model", "JDFIX_MODEL", DEFAULT_MODEL),
                              ("cache_dir", "JDFIX_CACHE_DIR", str(default_cache_dir()))):
        if os.environ.get(env):
            rows.append((key, os.environ[env], f"environment {env}"))
        else:
            rows.append((key, config.get(key, default), config.source(key)))
    rows.append(("api_key", "set" if os.environ.get("OPENAI_API_KEY") else "not set", "environment OPENAI_API_KEY"))
    width = max(len(k) for k, _, _ in rows)
    for key, value, source in rows:
        shown = json.dumps(value) if not isinstance(value, str) else value
        click.echo(f"{key:<{width}}  {shown}  ({source})")


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--input-format", type=click.Choice(["auto", "markdown", "html", "json"]), default="auto",
              show_default=True, help="How to read the postings (auto: from the file name).")
def convert(paths: tuple[str, ...], input_format: str) -> None:
    """Print the Markdown jdfix reads from each posting (HTML and ATS JSON are converted).

    Findings on HTML and JSON inputs give line numbers in this text.
    """
    from jdfix.errors import InputError
    from jdfix.io.sources import expand_paths, read_postings

    failed = False
    stdin = _read_stdin_if_needed(paths)
    for item in expand_paths(list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            for source in read_postings(item, input_format, (stdin or b"") if item == "-" else None):
                click.echo(f"jdfix: {source.path} ({source.format}):", err=True)
                click.echo(source.text, nl=not source.text.endswith("\n"))
        except InputError as exc:
            click.echo(f"jdfix: error: {exc.path}: {exc.reason}", err=True)
            failed = True
    raise SystemExit(EXIT_ERROR if failed else EXIT_OK)


@cli.group()
def batch() -> None:
    """The OpenAI Batch API: prepare requests, submit them, collect the answers into the cache."""


def _llm_flags(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--base-url", metavar="URL", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].")(f)
    f = click.option("--model", metavar="NAME", help="Model name [env: JDFIX_MODEL].")(f)
    f = click.option("--cache-dir", type=click.Path(file_okay=False), metavar="DIR",
                     help="Cache folder [env: JDFIX_CACHE_DIR].")(f)
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Configuration file.")(f)
    return f


@batch.command("prepare")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="requests.jsonl",
              show_default=True, help="Requests file (split into -2, -3 ... past 50,000 lines or 200 MB).")
@_llm_flags
def batch_prepare(paths: tuple[str, ...], output: str, base_url: str | None, model: str | None,
                  cache_dir: str | None, config_path: str | None) -> None:
    """One request per posting that needs a rewrite (custom_id = its cache key)."""
    from pathlib import Path

    from jdfix.engine.checker import check_source
    from jdfix.errors import InputError
    from jdfix.rewriter.llm.batch import write_requests
    from jdfix.rewriter.llm.settings import resolve
    from jdfix.rewriter.llm.suggest import build_request
    from jdfix.io.sources import expand_paths, read_postings

    config = _config(config_path)
    options = _options((), (), None, (), config)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    requests: dict[str, Any] = {}
    failed = False
    skipped = 0
    for item in expand_paths(list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            for source in read_postings(item, "auto"):
                result = check_source(source, options)
                if not result.mismatch or result.analysis is None:
                    skipped += 1
                    continue
                request, key = build_request(result.analysis, result.findings, settings)
                requests[key] = request
        except InputError as exc:
            click.echo(f"jdfix: error: {exc.path}: {exc.reason}", err=True)
            failed = True
    files = write_requests(Path(output), requests) if requests else []
    click.echo(f"{len(requests)} request{'s' if len(requests) != 1 else ''} in "
               + (", ".join(str(f) for f in files) or "no file") + f"; {skipped} posting(s) need no rewrite")
    raise SystemExit(EXIT_ERROR if failed else EXIT_OK)


@batch.command("submit")
@click.argument("requests_file", type=click.Path(exists=True, dir_okay=False), metavar="REQUESTS.jsonl")
@_llm_flags
def batch_submit(requests_file: str, base_url: str | None, model: str | None, cache_dir: str | None,
                 config_path: str | None) -> None:
    """Upload a requests file and create the batch; prints its id."""
    from pathlib import Path

    from jdfix.rewriter.llm.batch import submit
    from jdfix.rewriter.llm.settings import resolve

    config = _config(config_path)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    click.echo(submit(settings, Path(requests_file)))


@batch.command("collect")
@click.argument("source", metavar="RESULTS.jsonl|BATCH_ID")
@click.option("--requests", "requests_files", multiple=True, type=click.Path(dir_okay=False),
              default=("requests.jsonl",), show_default=True, help="The requests file(s) prepare wrote.")
@_llm_flags
def batch_collect(source: str, requests_files: tuple[str, ...], base_url: str | None, model: str | None,
                  cache_dir: str | None, config_path: str | None) -> None:
    """Validate a batch's answers and store the good ones in the cache (matched by custom_id)."""
    from pathlib import Path

    from jdfix.rewriter.llm.batch import collect_lines, fetch_results, load_requests
    from jdfix.rewriter.llm.cache import ResponseCache
    from jdfix.rewriter.llm.settings import resolve

    config = _config(config_path)
    settings = resolve({"base_url": base_url, "model": model, "cache_dir": cache_dir}, config.values)
    requests: dict[str, Any] = {}
    for f in requests_files:
        requests.update(load_requests(Path(f)))
    if os.path.exists(source):
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{source}: cannot read: {exc}") from None
        origin = f"OpenAI Batch API results file {os.path.basename(source)}"
    else:
        status, lines = fetch_results(settings, source)
        if status != "completed":
            click.echo(f"batch {source} is {status}; collecting what it has", err=True)
        origin = f"OpenAI Batch API batch {source}"
    cache = ResponseCache(settings.cache_dir, "use")
    cache.ensure_writable()
    done = collect_lines(lines, requests, cache, origin)
    for key, why in done.failed:
        click.echo(f"jdfix: {key}: {why}", err=True)
    click.echo(f"{len(done.stored)} answer(s) stored in {settings.cache_dir}; {len(done.failed)} failed; "
               f"{len(set(requests) - set(done.stored))} request(s) without a stored answer")
    raise SystemExit(EXIT_ERROR if done.failed else EXIT_OK)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report (version 1)."""
    from pathlib import Path

    click.echo((Path(__file__).resolve().parents[1] / "schema" / "report.schema.json").read_text(encoding="utf-8"),
               nl=False)


# Commands kept in their own modules register themselves on `cli` when imported.
from jdfix.cli import report as _report  # noqa: E402,F401


def main() -> None:
    """Entry point: run the CLI, turning every error into one line on stderr and exit code 2."""
    try:
        code = cli.main(standalone_mode=False, prog_name="jdfix")
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(EXIT_ERROR)
        path = exc.ctx.command_path if exc.ctx is not None else "jdfix"
        hint = f" (see: {path} --help)"
        click.echo(f"jdfix: error: {exc.format_message()}{hint}", err=True)
        code = EXIT_ERROR
    except click.Abort:
        click.echo("jdfix: aborted", err=True)
        code = EXIT_ERROR
    except click.ClickException as exc:
        click.echo(f"jdfix: error: {exc.format_message()}", err=True)
        code = EXIT_ERROR
    except JdfixError as exc:
        if _debug_wanted():
            raise
        click.echo(f"jdfix: error: {exc}", err=True)
        code = EXIT_ERROR
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("jdfix: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        # The reader went away (`jdfix check ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        if _debug_wanted():
            raise
        click.echo(f"jdfix: internal error: {type(exc).__name__}: {exc} (run with --debug or JDFIX_DEBUG=1 "
                   "for details)", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)
