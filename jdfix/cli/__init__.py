"""The command line. Thin: parse options, call the library, print, map errors to exit codes.

One module per command; the group here runs `fix` when no command is named.
"""

from __future__ import annotations

import os
import sys

import click

from jdfix.cli.batch import batch
from jdfix.cli.check import check
from jdfix.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from jdfix.cli.config import config_command
from jdfix.cli.convert import convert
from jdfix.cli.fix import fix
from jdfix.cli.report import report
from jdfix.cli.roles import roles
from jdfix.cli.rules import rules
from jdfix.cli.schema import schema
from jdfix.errors import JdfixError
from jdfix.version import __version__

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "JdfixGroup", "cli", "main"]

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
    jdfix report postings/         one HTML page over many postings, worst first
    jdfix rules | jdfix roles      the rules and the role families
    """


for _command in (check, fix, report, rules, roles, config_command, convert, batch, schema):
    cli.add_command(_command)


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
