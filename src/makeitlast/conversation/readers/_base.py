"""What every export reader shares: the error and bad-record types, timestamps, HTML bodies and streamed input.

Readers stream: a CSV is read a line at a time and a JSON file a record at a time (a list, an object holding a
list such as ``{"tickets": [...]}``, or JSON Lines), so memory stays bounded by the largest record, not the file.

Problems come in two kinds:

* a **bad record** (a row with a broken timestamp, a ticket without an id, a JSON Lines line that is not JSON,
  bytes that are not UTF-8): without ``skip_bad`` it raises :class:`ExportError`; with ``skip_bad`` it goes to
  ``on_bad`` as a :class:`BadRecord` and reading goes on with the next record;
* a **broken file** (a JSON document cut in the middle, a syntax error that leaves no way to find the next
  record): reported the same way, but reading stops there, keeping the conversations read before it.

A file that yields no conversation at all raises ``ExportError("no conversations in FILE")``.
"""

from __future__ import annotations

import codecs
import csv
import json
import math
import re
from collections import deque
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from makeitlast.engine import InputError
from makeitlast.model import Conversation, Message

__all__ = [
    "DEFAULT_WINDOW",
    "BadRecord",
    "CsvRow",
    "ExportError",
    "JsonRecord",
    "JsonSource",
    "OnBad",
    "Problems",
    "RecordProblem",
    "Window",
    "check_window",
    "finish",
    "html_to_text",
    "ident",
    "iter_csv",
    "open_binary",
    "parse_timestamp",
    "sort_messages",
    "timestamp_field",
    "type_name",
]

#: Rows a conversation may go untouched before the windowed readers (twcs, generic) emit it.
DEFAULT_WINDOW = 50_000
_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"


class ExportError(InputError):
    """An export that cannot be read as it stands. The message names the file and the line or record, e.g.
    ``export.csv:17: broken timestamp 'yesterday-ish' in created_at``."""


@dataclass(frozen=True)
class BadRecord:
    """A record that was skipped (``skip_bad``): where it is (``FILE:LINE``) and what is wrong with it."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


OnBad = Callable[[BadRecord], None]


class RecordProblem(Exception):
    """Raised by a reader's record parser; the reader turns it into a :class:`BadRecord` at the record's line."""


class Problems:
    """Where the bad records of one read go: raised, or (``skip_bad``) reported to ``on_bad`` and counted."""

    def __init__(self, skip_bad: bool, on_bad: OnBad | None) -> None:
        self.skip_bad = skip_bad
        self.on_bad = on_bad
        self.skipped = 0

    def report(self, bad: BadRecord) -> None:
        if not self.skip_bad:
            raise ExportError(str(bad))
        self.skipped += 1
        if self.on_bad is not None:
            self.on_bad(bad)


def finish(conversations: Iterable[Conversation], name: str, problems: Problems) -> Iterator[Conversation]:
    """``conversations`` passed through; raises ``no conversations in FILE`` at the end when there were none."""
    count = 0
    for conversation in conversations:
        count += 1
        yield conversation
    if count == 0:
        skipped = f" ({problems.skipped} bad record{'s' * (problems.skipped != 1)} skipped)"
        raise ExportError(f"no conversations in {name}" + (skipped if problems.skipped else ""))


def check_window(window: int) -> None:
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ExportError(f"window must be a whole number of rows, 1 or more, not {window!r}")


def type_name(value: object) -> str:
    """``an object``, ``a list``, ``a string`` ...: how an error names a JSON value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "an object", list: "a list", str: "a string", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def ident(value: object) -> str | None:
    """An id as a string: ``42``, ``42.0`` and ``"42.0"`` (a spreadsheet's or pandas' doing) all give ``"42"``;
    null or empty gives None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        if _INTEGRAL_FLOAT.fullmatch(text):
            text = text.split(".", 1)[0]
        return text or None
    return None


_INTEGRAL_FLOAT = re.compile(r"-?\d+\.0+")


# --- timestamps ---------------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
#: Twitter's ``created_at``: ``Tue Oct 31 22:10:47 +0000 2017``.
_TWITTER = re.compile(
    r"[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ([+-])(\d{2}):?(\d{2}) (\d{4})"
)
_UNIX = re.compile(r"-?\d+(\.\d+)?")


def _from_unix(seconds: float) -> datetime:
    if not math.isfinite(seconds):
        raise ValueError("not a finite number")
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as e:
        raise ValueError(str(e)) from None


def parse_timestamp(value: object) -> datetime:
    """A timezone-aware UTC datetime from ISO 8601 (``2024-03-01T09:15:00Z``; no zone is taken as UTC), unix
    seconds (a number or a string of digits) or Twitter's ``Tue Oct 31 22:10:47 +0000 2017``.

    Raises ValueError for anything else.
    """
    if isinstance(value, bool):
        raise ValueError("true/false is not a time")
    if isinstance(value, (int, float)):
        return _from_unix(float(value))
    if not isinstance(value, str):
        raise ValueError(f"{type_name(value)} is not a time")
    text = value.strip()
    if not text:
        raise ValueError("empty")
    if _UNIX.fullmatch(text):
        return _from_unix(float(text))
    m = _TWITTER.fullmatch(text)
    if m:
        month = _MONTHS.get(m.group(1).lower())
        if month is None:
            raise ValueError(f"unknown month {m.group(1)!r}")
        offset = timedelta(hours=int(m.group(7)), minutes=int(m.group(8)))
        zone = timezone(-offset if m.group(6) == "-" else offset)
        local = datetime(
            int(m.group(9)),
            month,
            int(m.group(2)),
            int(m.group(3)),
            int(m.group(4)),
            int(m.group(5)),
            tzinfo=zone,
        )
        return local.astimezone(UTC)
    if text[-1:] in ("z", "Z"):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)  # ValueError when it is not ISO 8601
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def timestamp_field(value: object, field_name: str, *, required: bool = False) -> datetime | None:
    """:func:`parse_timestamp` for a record's field: missing or empty gives None (or, ``required``, a
    :class:`RecordProblem`); anything unreadable is ``broken timestamp 'VALUE' in FIELD``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordProblem(f"missing timestamp in {field_name}")
        return None
    try:
        return parse_timestamp(value)
    except ValueError:
        shown = value if isinstance(value, (str, int, float)) else type_name(value)
        raise RecordProblem(f"broken timestamp {shown!r} in {field_name}") from None


def sort_messages(messages: Sequence[Message]) -> tuple[Message, ...]:
    """Messages in time order (a stable sort: messages written in the same second keep the source's order);
    left in the source's order when some message has no timestamp."""
    keyed: list[tuple[datetime, int, Message]] = []
    for i, m in enumerate(messages):
        if m.timestamp is None:
            return tuple(messages)
        keyed.append((m.timestamp, i, m))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return tuple(m for _, _, m in keyed)


# --- HTML bodies --------------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP_TAGS:  # <br/>, <hr/>; a self-closed <script/> has no content to skip
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS and tag != "br":  # <br> breaks the line once
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(body: str) -> str:
    """The text of an HTML message body: tags dropped, entities decoded, paragraphs and ``<br>`` as line breaks,
    runs of spaces collapsed; script and style content dropped."""
    parser = _TextParser()
    parser.feed(body)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- files --------------------------------------------------------------------------------------------------


def open_binary(path: Path, name: str) -> IO[bytes]:
    """``path`` opened for reading bytes; a missing or unreadable file is an :class:`ExportError`."""
    try:
        if path.is_dir():
            raise ExportError(f"cannot read {name}: it is a directory")
        return open(path, "rb")  # the caller closes it
    except OSError as e:
        raise ExportError(f"cannot read {name}: {e.strerror or type(e).__name__}") from None


def _utf8_problem(line: bytes, start: int) -> str:
    """``start``: the offset of the bad byte in ``line``."""
    column = start - (line.rfind(b"\n", 0, start) + 1) + 1
    return f"not valid UTF-8 (byte 0x{line[start]:02x} at column {column}); save the export as UTF-8"


# --- CSV ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRow:
    """One CSV record: its first line and its cells keyed by lower-cased header name."""

    line: int
    data: dict[str, str]


class _Lines:
    """Decoded lines for the csv module; counts lines, remembers lines that are not UTF-8 and whether the last
    line read ended with a line break (a file cut mid-row does not)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self.ended = True
        self.bad: dict[int, str] = {}

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self._stream.readline()
        if not raw:
            raise StopIteration
        self.count += 1
        if self.count == 1:
            raw = raw.removeprefix(_BOM)
        self.ended = raw.endswith(b"\n")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.bad.setdefault(self.count, _utf8_problem(raw, e.start))
            return raw.decode("utf-8", errors="replace")

    def take_bad(self, since: int) -> tuple[int, str] | None:
        """The first line from ``since`` on that was not UTF-8 (and forget the lines read so far)."""
        found = min((n for n in self.bad if n >= since), default=None)
        result = None if found is None else (found, self.bad[found])
        self.bad.clear()
        return result


_FIELD_LIMIT = 2**31 - 1


def iter_csv(
    path: Path, name: str, check_header: Callable[[list[str]], None]
) -> Iterator[CsvRow | BadRecord]:
    """The records of a CSV file with a header row, streamed. ``check_header`` gets the lower-cased column names
    and raises :class:`ExportError` when the file is not the export expected. Blank lines are skipped; a record
    with the wrong number of cells, broken quoting or bytes that are not UTF-8 comes out as a :class:`BadRecord`.
    """
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)  # a long message is not an error
    with open_binary(path, name) as stream:
        feed = _Lines(stream)
        reader = csv.reader(feed, strict=True)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            return
        except csv.Error as e:
            raise ExportError(f"{name}:1: cannot read the CSV header ({e})") from None
        bad = feed.take_bad(1)
        if bad:
            raise ExportError(f"{name}:{bad[0]}: {bad[1]}")
        check_header(header)
        while True:
            start = feed.count + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                feed.take_bad(start)
                if "unexpected end of data" in str(e):
                    message = (
                        "the file ends inside a quoted cell that starts on this line (truncated export?)"
                    )
                else:
                    message = f"malformed CSV ({e})"
                yield BadRecord(f"{name}:{start}", message)
                continue
            bad = feed.take_bad(start)
            if bad:
                yield BadRecord(f"{name}:{bad[0]}", bad[1])
                continue
            if not record or (len(record) == 1 and not record[0].strip() and len(header) > 1):
                continue  # a blank line
            if len(record) != len(header):
                message = f"expected {len(header)} cells ({', '.join(header)}), found {len(record)}"
                if not feed.ended and len(record) < len(header):
                    message = f"the file ends in the middle of this row (truncated export?): {message}"
                yield BadRecord(f"{name}:{start}", message)
                continue
            yield CsvRow(start, dict(zip(header, record, strict=True)))


# --- JSON ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JsonRecord:
    """One record (a ticket, a conversation, a message) of a JSON export and the line it starts on."""

    line: int
    value: dict[str, Any]
    #: The other fields of the object the record was listed in (``{"tickets": [...], "users": [...]}``): in a
    #: JSON Lines page all of them, in a streamed document those that came before the list.
    context: Mapping[str, Any] = field(default_factory=dict)


class _Syntax(Exception):
    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


class _Truncated(_Syntax):
    pass


#: Bytes that were not UTF-8, as decoded with ``surrogateescape``.
_ESCAPED = re.compile("[\udc80-\udcff]")
_WS = frozenset(" \t\r\n")


class _Text:
    """A JSON file decoded a chunk at a time, with positions turned into line numbers."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        # Bytes that are not UTF-8 become lone surrogates: the record that holds them is reported, not the file.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self._json = json.JSONDecoder()
        self.text = ""
        self.pos = 0
        self.eof = False
        self._first = True
        self._base_line = 1  # the line of text[0]
        self._mark = (0, 1)  # a position whose line is known

    def fill(self, minimum: int = _CHUNK) -> bool:
        """Read more of the file; False at its end."""
        if self.eof:
            return False
        raw = self._stream.read(max(_CHUNK, minimum))
        if not raw:
            self.eof = True
            tail = self._decoder.decode(b"", final=True)
            self.text += tail
            return bool(tail)
        if self._first:
            raw = raw.removeprefix(_BOM)
            self._first = False
        self.text += self._decoder.decode(raw)
        return True

    def compact(self) -> None:
        """Forget what is before ``pos`` (once it is a good part of the buffer)."""
        if self.pos > _CHUNK and self.pos * 2 > len(self.text):
            self._base_line = self.line_at(self.pos)
            self.text = self.text[self.pos :]
            self.pos = 0
            self._mark = (0, self._base_line)

    def line_at(self, i: int) -> int:
        start, line = self._mark if self._mark[0] <= i else (0, self._base_line)
        line += self.text.count("\n", start, i)
        self._mark = (i, line)
        return line

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file); ``pos`` moves to it."""
        while True:
            text, n, pos = self.text, len(self.text), self.pos
            while pos < n and text[pos] in _WS:
                pos += 1
            self.pos = pos
            if pos < n:
                return text[pos]
            if not self.fill():
                return ""

    def value(self) -> Any:
        """The JSON value at ``pos`` (which the caller has moved past white space), read as far as it goes."""
        while True:
            try:
                value, end = self._json.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as e:
                # Cut short by the end of the buffer (more to read) or really malformed?
                short = e.msg.startswith("Unterminated string") or e.pos >= len(self.text) - 16
                if short and not self.eof:
                    self.fill(len(self.text) - self.pos)
                    continue
                if short:
                    raise _Truncated(
                        e.pos, "the file ends in the middle of a record (truncated export?)"
                    ) from None
                line = self.line_at(e.pos)
                column = e.pos - (self.text.rfind("\n", 0, e.pos) + 1) + 1
                raise _Syntax(e.pos, f"malformed JSON ({e.msg} at line {line} column {column})") from None
            if end >= len(self.text) and not self.eof and isinstance(value, (int, float)):
                self.fill()  # a number at the end of the buffer may go on
                continue
            self.pos = end
            return value

    def skip_line(self, start: int) -> None:
        """Move ``pos`` past the end of the line ``start`` is on."""
        while True:
            nl = self.text.find("\n", start)
            if nl >= 0:
                self.pos = nl + 1
                return
            start = len(self.text)
            if not self.fill():
                self.pos = len(self.text)
                return

    def utf8_problem(self, start: int, end: int) -> tuple[int, str] | None:
        """The line and description of the first byte in ``text[start:end]`` that was not UTF-8."""
        m = _ESCAPED.search(self.text, start, end)
        if m is None:
            return None
        line = self.line_at(m.start())
        column = m.start() - (self.text.rfind("\n", 0, m.start()) + 1) + 1
        byte = ord(m.group()) - 0xDC00
        return line, f"not valid UTF-8 (byte 0x{byte:02x} at column {column}); save the export as UTF-8"


class JsonSource:
    """The records of a JSON export, streamed: a JSON list of records, an object whose list under one of
    ``containers`` holds them (``{"tickets": [...], "users": [...]}``), or JSON Lines (one record, or one such
    object, per line). A single record object is a file of one record.

    Iterating gives :class:`JsonRecord` and :class:`BadRecord` items. A bad JSON Lines line is skipped; a
    syntax error or a cut inside a JSON document ends the iteration with a :class:`BadRecord`.
    """

    def __init__(self, path: Path, name: str, containers: Iterable[str]) -> None:
        self.path = path
        self.name = name
        self.containers = frozenset(containers)
        #: The other top-level fields of a streamed document (``users`` ...), complete once it has been read.
        self.document_fields: dict[str, Any] = {}
        self._first_done = False
        self._streaming = False
        self._record_line: int | None = None  # the line of the record being read in a document

    def first_value_fields(self) -> dict[str, Any]:
        """The top-level fields beside the list of records, read ahead (a first pass that keeps nothing else):
        for a document such as ``{"tickets": [...], "users": [...]}``, the users that come after the tickets.
        Problems are left to the real pass."""
        for _item in self:
            if self._first_done:
                break
        return dict(self.document_fields)

    def __iter__(self) -> Iterator[JsonRecord | BadRecord]:
        self._first_done = False
        self._streaming = False
        self._record_line = None
        self.document_fields = {}
        with open_binary(self.path, self.name) as stream:
            text = _Text(stream)
            try:
                yield from self._top(text)
            except _Syntax as e:
                # Named by the line its record starts on, when it is inside one.
                line = self._record_line if self._record_line is not None else text.line_at(e.pos)
                message = e.message
                if isinstance(e, _Truncated) and self._record_line is not None:
                    message = "the file ends in the middle of the record that starts here (truncated export?)"
                yield BadRecord(self._where(line), message)

    def _where(self, line: int) -> str:
        return f"{self.name}:{line}"

    def _record(
        self, text: _Text, start: int, line: int, value: Any, context: Mapping[str, Any]
    ) -> JsonRecord | BadRecord:
        bad = text.utf8_problem(start, text.pos)
        if bad is not None:
            return BadRecord(self._where(bad[0]), bad[1])
        if not isinstance(value, dict):
            return BadRecord(
                self._where(line), f"expected an object for each record, found {type_name(value)}"
            )
        return JsonRecord(line, value, context)

    def _top(self, text: _Text) -> Iterator[JsonRecord | BadRecord]:
        c = text.peek()
        if c == "":
            return
        if c == "[":
            self._streaming = True
            yield from self._array(text, {})
        elif c == "{":
            start = text.pos
            line = self._record_line = text.line_at(start)
            try:
                fields, streamed = yield from self._object(text)
            except _Syntax as e:
                if self._streaming or text.line_at(e.pos) != line:
                    raise
                # A bad first line of JSON Lines: report it and go on with the next line.
                self._record_line = None
                yield BadRecord(self._where(line), e.message)
                text.skip_line(start)
            else:
                self._record_line = None
                if not streamed:
                    yield self._record(text, start, line, fields, {})
        else:
            raise _Syntax(text.pos, f"expected a JSON object, a list or JSON Lines, found {c!r}")
        self._first_done = True
        text.compact()
        yield from self._lines(text)

    def _array(self, text: _Text, context: Mapping[str, Any]) -> Iterator[JsonRecord | BadRecord]:
        text.pos += 1  # [
        if text.peek() == "]":
            text.pos += 1
            return
        while True:
            start = text.pos
            line = self._record_line = text.line_at(start)
            value = text.value()
            self._record_line = None
            yield self._record(text, start, line, value, context)
            text.compact()
            c = text.peek()
            if c == ",":
                text.pos += 1
                text.peek()
            elif c == "]":
                text.pos += 1
                return
            elif c == "":
                raise _Truncated(
                    text.pos, "the file ends in the middle of the list of records (truncated export?)"
                )
            else:
                raise _Syntax(text.pos, f"malformed JSON (expected ',' or ']' after a record, found {c!r})")

    def _object(self, text: _Text) -> Generator[JsonRecord | BadRecord, None, tuple[dict[str, Any], bool]]:
        """Read the top-level object at ``pos`` field by field, streaming a list under a container key.
        Returns (as the generator's value) its other fields and whether a list was streamed."""
        text.pos += 1  # {
        fields: dict[str, Any] = {}
        streamed = False
        c = text.peek()
        if c == "}":
            text.pos += 1
            return fields, streamed
        while True:
            if c == "":
                raise _Truncated(text.pos, "the file ends in the middle of a record (truncated export?)")
            if c != '"':
                raise _Syntax(
                    text.pos, f"malformed JSON (expected a field name in double quotes, found {c!r})"
                )
            key = text.value()
            if text.peek() != ":":
                raise _Syntax(text.pos, "malformed JSON (expected ':' after a field name)")
            text.pos += 1
            c = text.peek()
            if c == "":
                raise _Truncated(text.pos, "the file ends in the middle of a record (truncated export?)")
            if key in self.containers and c == "[":
                streamed = self._streaming = True
                yield from self._array(text, dict(fields))
            else:
                fields[key] = text.value()
                if streamed:
                    self.document_fields[key] = fields[key]
            c = text.peek()
            if c == ",":
                text.pos += 1
                c = text.peek()
            elif c == "}":
                text.pos += 1
                break
            elif c == "":
                raise _Truncated(text.pos, "the file ends in the middle of a record (truncated export?)")
            else:
                raise _Syntax(text.pos, f"malformed JSON (expected ',' or '}}' after a field, found {c!r})")
        if streamed:
            self.document_fields = fields
        return fields, streamed

    def _lines(self, text: _Text) -> Iterator[JsonRecord | BadRecord]:
        """JSON Lines (or any JSON values one after another) from ``pos`` on."""
        while True:
            if text.peek() == "":
                return
            start = text.pos
            line = text.line_at(start)
            try:
                value = text.value()
            except _Syntax as e:
                yield BadRecord(self._where(line), e.message)
                text.skip_line(start)
                text.compact()
                continue
            items: list[Any] | None = None
            context: dict[str, Any] = {}
            if isinstance(value, list):
                items = value
            elif isinstance(value, dict):
                key = next((k for k in value if k in self.containers and isinstance(value[k], list)), None)
                if key is not None:
                    items = value[key]
                    context = {k: v for k, v in value.items() if k != key}
            if items is None:
                yield self._record(text, start, line, value, {})
            else:
                bad = text.utf8_problem(start, text.pos)
                if bad is not None:
                    yield BadRecord(self._where(bad[0]), bad[1])
                else:
                    for item in items:
                        yield self._record(text, text.pos, line, item, context)
            text.compact()


# --- windowed grouping --------------------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)


class Window(Generic[K]):
    """Which open groups (threads, conversations) no row has touched for ``size`` rows."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._last: dict[K, int] = {}
        self._queue: deque[tuple[int, K]] = deque()

    def touch(self, key: K, row: int) -> None:
        if self._last.get(key) != row:
            self._last[key] = row
            self._queue.append((row, key))

    def forget(self, key: K) -> None:
        self._last.pop(key, None)

    def expired(self, row: int) -> list[K]:
        """The keys last touched ``size`` or more rows before ``row`` (each once; they are forgotten)."""
        out: list[K] = []
        queue, last = self._queue, self._last
        while queue and queue[0][0] <= row - self.size:
            touched, key = queue.popleft()
            if last.get(key) == touched:
                del last[key]
                out.append(key)
        return out
