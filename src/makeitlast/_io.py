"""Reading what the command line judges: a reply or customer text, and batch files (JSON Lines or CSV).

Batch files are streamed: read a line at a time as the engine asks for more (memory stays bounded however big the
file), decoded line by line as strict UTF-8 so that a bad byte is reported with its line number instead of ending
the run. Every row comes out either as a :class:`Row` (an object for :func:`makeitlast.check_batch`) or as a
:class:`BadRow` (the line and what is wrong with it), so the caller decides whether to stop or to skip.

Columns (JSONL keys / CSV header, in any order; other columns are ignored):

* ``reply`` (required): the agent's reply.
* ``customer``: the customer message it answers (empty: the reply is judged on its own).
* ``context``: earlier customer messages, oldest first: a JSON list (in CSV a JSON list in the cell, or empty).
* ``id``: a string or number naming the row in the output.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from makeitlast.engine import InputError

__all__ = [
    "STDIN",
    "BadRow",
    "InputFileError",
    "InputFormat",
    "Row",
    "decode_text",
    "detect_format",
    "input_size",
    "iter_csv",
    "iter_jsonl",
    "iter_rows",
    "open_input",
    "read_text",
    "source_name",
]

STDIN = "-"
BOM = b"\xef\xbb\xbf"
InputFormat = Literal["jsonl", "csv"]
COLUMNS = ("id", "customer", "context", "reply")
_SUFFIXES: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
}


class InputFileError(InputError):
    """An input that cannot be used at all: a missing or unreadable file, a CSV header without a reply column."""


@dataclass(frozen=True)
class Row:
    """One row to judge: ``data`` has ``id``, ``customer``, ``context`` and ``reply``."""

    line: int
    #: Bytes of the input read up to the end of this row (for a progress bar).
    end: int
    data: dict[str, Any]


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be judged, and why (``message`` does not repeat the line number)."""

    line: int
    end: int
    message: str
    id: str | None = None


def source_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _utf8_problem(data: bytes, start: int) -> str:
    """``start``: the offset of the bad byte in ``data``, a single line."""
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return f"not valid UTF-8 (byte 0x{data[start]:02x} at column {column}); save the text as UTF-8"


def decode_text(data: bytes, where: str) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped); a bad byte is an :class:`InputFileError` naming its line."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputFileError(f"{where}:{line}: {_utf8_problem(data, e.start)}") from None


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stand-in for stdin
        return io.BytesIO(sys.stdin.read().encode("utf-8"))
    return buffer  # type: ignore[no-any-return]


def _os_reason(e: OSError) -> str:
    return e.strerror or type(e).__name__


def read_text(path: str, what: str) -> str:
    """The whole text of a (small) file, or of stdin for ``-``: the reply or the customer message."""
    where = source_name(path)
    try:
        data = _stdin_bytes().read() if path == STDIN else Path(path).read_bytes()
    except OSError as e:
        raise InputFileError(f"cannot read the {what} file {where}: {_os_reason(e)}") from None
    return decode_text(data, where)


def open_input(path: str) -> BinaryIO:
    """A batch input opened for streaming (stdin for ``-``)."""
    if path == STDIN:
        return _stdin_bytes()
    try:
        if Path(path).is_dir():
            raise InputFileError(f"cannot read the input file {path}: it is a directory")
        return open(path, "rb")  # the caller closes it
    except OSError as e:
        raise InputFileError(f"cannot read the input file {path}: {_os_reason(e)}") from None


def input_size(stream: BinaryIO) -> int | None:
    """The size in bytes of a regular file (None for a pipe or a terminal)."""
    try:
        st = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def detect_format(path: str, override: str | None, first_line: bytes) -> InputFormat:
    """``override``, else the file's extension, else a look at the first line (``{`` starts JSON Lines)."""
    if override:
        fmt = override.lower()
        if fmt not in ("jsonl", "csv"):
            raise InputFileError(f"unknown input format {override!r}: use jsonl or csv")
        return fmt  # type: ignore[return-value]
    suffix = Path(path).suffix.lower() if path != STDIN else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    return "jsonl" if first_line.removeprefix(BOM).lstrip().startswith(b"{") else "csv"


def iter_rows(stream: BinaryIO, path: str, override: str | None = None) -> Iterator[Row | BadRow]:
    """The rows of a batch input, in order, in the format its name (or ``override``, or its first line) says."""
    lines: Iterator[bytes] = iter(stream)
    first = next(lines, b"")
    fmt = detect_format(path, override, first)
    chained = itertools.chain((first,), lines) if first else lines
    return iter_jsonl(chained) if fmt == "jsonl" else iter_csv(chained)


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


def check_row(data: dict[str, Any]) -> str | None:
    """What is wrong with a row's fields, or None. (The engine checks the rest, such as context entries.)"""
    if "reply" not in data:
        return 'missing "reply" (the agent\'s reply to judge)'
    reply = data["reply"]
    if not isinstance(reply, str):
        return f'"reply" must be a string, not {_type_name(reply)}'
    if not reply.strip():
        return '"reply" is empty'
    customer = data.get("customer")
    if customer is not None and not isinstance(customer, str):
        return f'"customer" must be a string or null, not {_type_name(customer)}'
    context = data.get("context")
    if context not in (None, "") and not isinstance(context, list):
        return f'"context" must be a list of earlier customer messages, not {_type_name(context)}'
    ident = data.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int, float))):
        return f'"id" must be a string or a number, not {_type_name(ident)}'
    return None


def _ident(data: dict[str, Any]) -> str | None:
    ident = data.get("id")
    return None if ident is None or isinstance(ident, (dict, list)) else str(ident)


def iter_jsonl(lines: Iterable[bytes]) -> Iterator[Row | BadRow]:
    """JSON Lines: one object per line; blank lines are skipped."""
    pos = 0
    for n, raw in enumerate(lines, 1):
        pos += len(raw)
        if n == 1:
            raw = raw.removeprefix(BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield BadRow(n, pos, _utf8_problem(raw, e.start))
            continue
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            yield BadRow(n, pos, f"malformed JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(data, dict):
            yield BadRow(
                n, pos, f'expected one JSON object with a "reply" per line, found {_type_name(data)}'
            )
            continue
        problem = check_row(data)
        if problem:
            yield BadRow(n, pos, problem, _ident(data))
        else:
            yield Row(n, pos, data)


class _Lines:
    """Decoded lines for the csv module, counting lines and bytes and remembering which lines were not UTF-8."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self._lines = iter(lines)
        self.count = 0
        self.pos = 0
        self.bad: dict[int, str] = {}

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        self.count += 1
        self.pos += len(raw)
        if self.count == 1:
            raw = raw.removeprefix(BOM)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.bad[self.count] = _utf8_problem(raw, e.start)
            return raw.decode("utf-8", errors="replace")

    def take_bad(self, since: int) -> tuple[int, str] | None:
        """The first undecodable line from ``since`` on (and forget those up to now)."""
        found = min((n for n in self.bad if n >= since), default=None)
        result = None if found is None else (found, self.bad[found])
        self.bad.clear()
        return result


_FIELD_LIMIT = 2**31 - 1


def iter_csv(lines: Iterable[bytes]) -> Iterator[Row | BadRow]:
    """CSV with a header row naming the columns; ``context`` cells hold a JSON list or nothing."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)  # a long reply is not an error
    feed = _Lines(lines)
    reader = csv.reader(feed)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as e:
        raise InputFileError(f"line 1: cannot read the CSV header ({e})") from None
    bad = feed.take_bad(1)
    if bad:
        raise InputFileError(f"line {bad[0]}: {bad[1]}")
    if "reply" not in header:
        found = ", ".join(h for h in header if h) or "nothing"
        raise InputFileError(
            f'line 1: the CSV header has no "reply" column (found {found}); expected {", ".join(COLUMNS)}'
        )
    while True:
        start = feed.count + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            feed.take_bad(start)
            yield BadRow(start, feed.pos, f"malformed CSV ({e})")
            continue
        bad = feed.take_bad(start)
        if bad:
            yield BadRow(bad[0], feed.pos, bad[1])
            continue
        if not record or (len(record) == 1 and not record[0].strip() and len(header) > 1):
            continue  # a blank line
        if len(record) != len(header):
            yield BadRow(
                start,
                feed.pos,
                f"expected {len(header)} columns ({', '.join(header)}), found {len(record)}",
            )
            continue
        data: dict[str, Any] = {k: v for k, v in zip(header, record, strict=True) if k in COLUMNS}
        ident = data.get("id") or None
        data["id"] = ident
        data["customer"] = data.get("customer") or None
        cell = (data.get("context") or "").strip()
        if cell:
            try:
                context = json.loads(cell)
            except json.JSONDecodeError as e:
                yield BadRow(
                    start, feed.pos, f'"context" is not a JSON list ({e.msg} at column {e.colno})', ident
                )
                continue
            if not isinstance(context, list):
                yield BadRow(
                    start, feed.pos, f'"context" must be a JSON list, not {_type_name(context)}', ident
                )
                continue
            data["context"] = context
        else:
            data["context"] = []
        problem = check_row(data)
        if problem:
            yield BadRow(start, feed.pos, problem, ident)
        else:
            yield Row(start, feed.pos, data)
