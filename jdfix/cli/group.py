"""The click command group: every command, `--help`, and each error of usage as click words it.

One module per command; the group here runs `fix` when no command is named. `jdfix check` with
plain options skips click altogether (jdfix.cli.lean); anything else comes here.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from jdfix.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, enable_llm_log
from jdfix.cli.shared import COMMANDS, DEFAULT_COMMAND
from jdfix.errors import JdfixError
from jdfix.version import __version__

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "JdfixGroup", "cli", "main"]


class JdfixGroup(click.Group):
    """A group whose default command is `fix`: `jdfix draft.md` means `jdfix fix draft.md`. Each
    command's module is imported when the command is run (or listed in --help), as click's
    documentation does it for large CLIs: `jdfix check` need not load the other eight."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # --debug is global and accepted anywhere (`jdfix draft.md --debug`, as error messages say):
        # taken out here, before the subcommand parses, and kept as the group's flag.
        cut = args.index("--") if "--" in args else len(args)
        if "--debug" in args[:cut]:
            args = [a for a in args[:cut] if a != "--debug"] + args[cut:]
            args.insert(0, "--debug")
        i = 0
        while i < len(args) and args[i] == "--debug":
            i += 1
        if i < len(args) and args[i] not in self.list_commands(ctx) and args[i] not in ("--help", "-h", "--version"):
            args = [*args[:i], DEFAULT_COMMAND, *args[i:]]
        return super().parse_args(ctx, args)


def _debug_wanted() -> bool:
    args = sys.argv[1:]
    return bool(os.environ.get("JDFIX_DEBUG")) or "--debug" in args[:args.index("--") if "--" in args else None]


@click.group(cls=JdfixGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="jdfix")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors and the LLM exchange "
              "(requests, status, retries, timings, cache keys; the key scrubbed). Accepted anywhere.")
def cli(debug: bool) -> None:
    """Catch job descriptions whose title does not match the work they describe.

    \b
    jdfix draft.md                 findings, a suggested title and a diff
    jdfix check postings/          lint many postings (exit 1 on a mismatch)
    jdfix report postings/         one HTML page over many postings, worst first
    jdfix rules | jdfix roles      the rules and the role families
    """
    if debug or os.environ.get("JDFIX_DEBUG"):
        import logging

        enable_llm_log(logging.DEBUG)


def main() -> None:
    """Run the CLI through click, turning every error into one line on stderr and exit code 2."""
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
