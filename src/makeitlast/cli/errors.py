"""How the command line fails: one clear line on stderr and an exit code, never a traceback.

Exit codes: 0 nothing at or above the threshold, 1 findings (or a score under ``--fail-under``), 2 the command could
not do its job (a usage mistake, unreadable or invalid input, a bad configuration, an unknown rule code or format,
or an internal error).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

PROG = "makeitlast"
REPORT_HINT = "this is a bug in makeitlast: please report it with the command you ran"


class CliError(Exception):
    """A usage or input problem: printed as one line, exit status 2."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _styled(label: str, color: str) -> str:
    stream = sys.stderr
    if os.environ.get("NO_COLOR") or not getattr(stream, "isatty", lambda: False)():
        return label
    return f"\x1b[{color}m{label}\x1b[0m"


#: Where messages go (replaced while a progress bar is on the screen, so that the two do not garble each other).
_sink: Callable[[str], None] | None = None


def set_sink(sink: Callable[[str], None] | None) -> None:
    global _sink
    _sink = sink


def say(message: str, *, label: str = "", color: str = "1;31") -> None:
    """Print ``makeitlast: <label>: message`` on stderr, as one line."""
    one_line = " ".join(message.split())
    prefix = f"{PROG}: " + (_styled(f"{label}:", color) + " " if label else "")
    if _sink is not None:
        _sink(prefix + one_line)
        return
    try:
        sys.stderr.write(prefix + one_line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def error(message: str) -> None:
    say(message, label="error")


def warn(message: str) -> None:
    say(message, label="warning", color="1;33")


def quiet_stdout() -> None:
    """After a closed pipe (``| head``), send what is left to /dev/null instead of a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def click_exceptions() -> Any:
    """The module of Click's exceptions that Typer uses (Typer 0.2x ships its own copy of Click; its ``Exit``
    and ``Abort`` are ``typer.Exit`` and ``typer.Abort``)."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions")
    except ImportError:  # older Typer runs on Click itself
        return importlib.import_module("click.exceptions")


@contextmanager
def guarded() -> Iterator[None]:
    """Turn every failure inside a command into one line on stderr and ``typer.Exit`` with the right code."""
    import typer

    from makeitlast.engine import InputError
    from makeitlast.engine.config import ConfigError
    from makeitlast.formats import UnknownFormat

    clicks = click_exceptions()
    try:
        yield
    except (typer.Exit, typer.Abort, clicks.ClickException, SystemExit):
        raise
    except CliError as e:
        error(str(e))
        raise typer.Exit(e.code) from None
    except (ConfigError, InputError, UnknownFormat) as e:
        error(str(e))
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        say("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        quiet_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except Exception as e:  # a bug: still one short line, with the hint to report it
        say(
            f"{type(e).__name__}: {e} ({REPORT_HINT}; run with MAKEITLAST_DEBUG=1 for the traceback)",
            label="internal error",
        )
        if os.environ.get("MAKEITLAST_DEBUG"):
            raise
        raise typer.Exit(EXIT_ERROR) from None


def fail(message: str) -> NoReturn:
    raise CliError(message)
