"""The ``makeitlast`` command line (Typer + Rich). The console script calls :func:`main`.

Commands: ``check`` (one reply, or a batch with ``--input``), ``rules``, ``rule CODE``, ``formats``, ``docs``.
See ``docs/cli.md`` for every option and the exit codes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

from makeitlast.cli.app import app
from makeitlast.cli.errors import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, error, quiet_stdout

__all__ = ["app", "main", "run"]


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``) and return the exit status.

    Click's own usage errors (an unknown option, a bad value) are printed as one line, like every other error.
    """
    import typer
    from typer.main import get_command

    from makeitlast.cli.errors import click_exceptions

    clicks = click_exceptions()
    command = get_command(app)
    try:
        result = command.main(
            args=list(argv) if argv is not None else None, prog_name="makeitlast", standalone_mode=False
        )
    except getattr(clicks, "NoArgsIsHelpError", ()) as e:  # `makeitlast` alone: the help
        sys.stdout.write(e.ctx.get_help() + "\n")
        return EXIT_ERROR
    except clicks.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "makeitlast"
        error(f"{e.format_message()} (see `{where} --help`)")
        return EXIT_ERROR
    except typer.Abort:
        return EXIT_INTERRUPTED
    except clicks.ClickException as e:
        error(e.format_message())
        return int(e.exit_code)
    return int(result) if isinstance(result, int) else 0


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``makeitlast`` console script."""
    try:
        code = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # `makeitlast ... | head`: the reader has gone, stop quietly
        quiet_stdout()
        code = EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    sys.exit(code)
