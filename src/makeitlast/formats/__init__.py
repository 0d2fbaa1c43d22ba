"""Output formats: small plug-ins that turn a stream of reports into text, JSON, JSON Lines or SARIF.

A format is a class (any callable, really) that takes :class:`FormatOptions` and returns an object with four
methods (the :class:`Formatter` protocol). The command line calls them in this order::

    fmt = get_format("json")(FormatOptions(single=False))
    fmt.begin(stream)          # once, before anything is judged
    fmt.report(report)         # once per reply, in input order, as soon as it is judged
    fmt.error(batch_error)     # for an input line that could not be judged (in its place in the order)
    fmt.end()                  # once, also after a run stopped on a bad line (so the output stays valid)

Built-in formats: ``text``, ``json``, ``jsonl`` and ``sarif``. A third-party package adds one by declaring an entry
point in the ``makeitlast.formats`` group, for example in its ``pyproject.toml``::

    [project.entry-points."makeitlast.formats"]
    html = "my_package.html_format:HtmlFormatter"

Entry points are only looked at (and loaded) when a format that is not built in is asked for, or when every format
is listed, so they cost nothing otherwise.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO, runtime_checkable

from makeitlast.engine.batch import BatchError

if TYPE_CHECKING:
    from makeitlast.engine.registry import Rule
    from makeitlast.model import Report

__all__ = [
    "BUILTIN",
    "ENTRY_POINT_GROUP",
    "FormatOptions",
    "Formatter",
    "FormatterFactory",
    "LineError",
    "UnknownFormat",
    "available_formats",
    "get_format",
]

ENTRY_POINT_GROUP = "makeitlast.formats"


@dataclass(frozen=True)
class LineError(BatchError):
    """A :class:`~makeitlast.engine.batch.BatchError` that knows where it is in the input file.

    ``line`` is the 1-based line of the input (the first line of a CSV record), ``source`` the input's name
    (a path, or ``<stdin>``).
    """

    line: int | None = None
    source: str | None = None

    def where(self) -> str:
        """``file:line`` (or as much of it as is known), for messages."""
        parts = [p for p in (self.source, None if self.line is None else str(self.line)) if p]
        return ":".join(parts)


@dataclass(frozen=True)
class FormatOptions:
    """What a format may want to know about the run."""

    #: One reply judged on its own (``makeitlast check "..."``) rather than a batch: ``json`` then writes one object
    #: instead of an array.
    single: bool = False
    #: Colour and styles: True, False, or None to decide from the stream (a terminal gets colour).
    color: bool | None = None
    #: The input's name: a path, ``<stdin>``, or None when the reply came as an argument.
    source: str | None = None
    #: The rules in use (``sarif`` lists them in ``tool.driver.rules``).
    rules: Sequence[type[Rule]] = field(default_factory=tuple)
    #: Width for text output when the stream is not a terminal.
    width: int = 100


@runtime_checkable
class Formatter(Protocol):
    """What the command line calls on an output format (see the module docs for the order of calls)."""

    def begin(self, stream: TextIO) -> None: ...

    def report(self, report: Report) -> None: ...

    def error(self, error: BatchError) -> None: ...

    def end(self) -> None: ...


FormatterFactory = Callable[[FormatOptions], Formatter]

#: The formats that ship with makeitlast: name -> ``module:attribute`` (imported when used).
BUILTIN: dict[str, str] = {
    "text": "makeitlast.formats.text:TextFormatter",
    "json": "makeitlast.formats.json:JsonFormatter",
    "jsonl": "makeitlast.formats.jsonl:JsonlFormatter",
    "sarif": "makeitlast.formats.sarif:SarifFormatter",
}


class UnknownFormat(KeyError):
    """No built-in or installed format has this name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def _load(target: str) -> FormatterFactory:
    module, _, attr = target.partition(":")
    obj: FormatterFactory = getattr(importlib.import_module(module), attr)
    return obj


def _entry_points() -> dict[str, object]:
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_formats() -> list[str]:
    """Every format name: the built-in ones first, then the installed plug-ins, sorted."""
    extra = sorted(n for n in _entry_points() if n not in BUILTIN)
    return [*BUILTIN, *extra]


def get_format(name: str) -> FormatterFactory:
    """The factory for format ``name`` (built-in, or from the ``makeitlast.formats`` entry-point group)."""
    key = name.strip().lower()
    if key in BUILTIN:
        return _load(BUILTIN[key])
    ep = _entry_points().get(key)
    if ep is None:
        raise UnknownFormat(f"unknown output format {name!r}; choose from {', '.join(available_formats())}")
    try:
        factory: FormatterFactory = ep.load()  # type: ignore[attr-defined]
    except Exception as e:  # a broken plug-in must not look like a bug in makeitlast
        raise UnknownFormat(f"output format {name!r} could not be loaded ({type(e).__name__}: {e})") from None
    return factory
