"""`jdfix fix` (the default command): suggest a corrected title and duty list, show it, write it.

The options are read here; the work is jdfix.cli.fixing.run_fix, which the lean entry
(jdfix.cli.lean) runs without click for the common command lines.
"""

from __future__ import annotations

import click

from jdfix.cli.common import common_check_options, format_option, llm_options
from jdfix.cli.shared import UsageProblem


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(("text", "json"))
@common_check_options
@llm_options()
@click.option("--diff", "diff_only", is_flag=True, help="Print only the diff (exit 1 when there is a change).")
@click.option("--write", "-w", "write", is_flag=True, help="Apply the suggestion in place (atomically).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the edited posting to FILE; the input is left untouched (one input only).")
@click.option("--interactive", "-i", is_flag=True,
              help="Review each change (y/n/e/a/d/q/?) and write only the accepted ones.")
@click.option("--yes", "-y", is_flag=True, help="Accept every change without asking, and write.")
@click.option("--keep-title", is_flag=True,
              help="Keep the title and make the duties fit it (offline: the duties that belong elsewhere "
                   "and a checklist of the title's typical duties).")
@click.option("--force", is_flag=True, help="Write even a suggestion that still mismatches after the re-check.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="LLM requests in flight at once (default 1; results keep the input order).")
@click.option("--verbose", "-v", is_flag=True,
              help="Show the LLM exchange on stderr: retries (with the wait), cache hits, timings.")
def fix(paths: tuple[str, ...], fmt: str, fail_level: str | None, select: tuple[str, ...],
        ignore: tuple[str, ...], roles: tuple[str, ...], color: bool | None, no_llm: bool, base_url: str | None,
        model: str | None, timeout: float | None, cache_mode: str | None, cache_dir: str | None,
        prompts_dir: str | None, diff_only: bool, write: bool, output: str | None, interactive: bool, yes: bool,
        keep_title: bool, force: bool, config_path: str | None, input_format: str, jobs: int | None, verbose: bool,
        exclude: tuple[str, ...], extend_exclude: tuple[str, ...], force_exclude: bool) -> None:
    """Suggest a corrected title and duty list for each posting whose title needs one (it does not
    fit the duties, or its wording breaks a title rule such as JD401-JD406), shown as a diff.

    The default command (`jdfix draft.md`). Without an endpoint it uses the rule engine's own
    suggestion; with one (--base-url, OPENAI_BASE_URL or OPENAI_API_KEY) it asks the model,
    caches the answer and re-checks the rewrite. Nothing is written unless you ask: --write,
    -o FILE, --interactive or --yes. Only the title and the duty list change (plus a Location/Pay
    line under the title when they move out of it). A suggestion that still mismatches after the
    re-check is not written without --force. Exit codes as `check`, after writing.
    """
    from jdfix.cli.fixing import run_fix

    try:
        run_fix(click.echo, paths=paths, fmt=fmt, fail_level=fail_level, select=select, ignore=ignore, roles=roles,
                color=color, no_llm=no_llm, base_url=base_url, model=model, timeout=timeout, cache_mode=cache_mode,
                cache_dir=cache_dir, prompts_dir=prompts_dir, diff_only=diff_only, write=write, output=output,
                interactive=interactive, yes=yes, keep_title=keep_title, force=force, config_path=config_path,
                input_format=input_format, jobs=jobs, verbose=verbose, exclude=exclude,
                extend_exclude=extend_exclude, force_exclude=force_exclude)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
