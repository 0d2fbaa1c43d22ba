"""``--format json``: one JSON document. A single reply is one schema-1 object (indented); a batch is an array of
them, one element per line.

Each object is :meth:`makeitlast.model.Report.to_json_dict` (see ``docs/output-schema.md``). An input line that
could not be judged is an *error record* in its place: ``{"id": ..., "schema_version": 1, "error": {"line": ...,
"message": ...}}`` (it has ``error`` and no ``score``).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from makeitlast.engine.batch import BatchError
from makeitlast.formats import FormatOptions
from makeitlast.model import SCHEMA_VERSION, Report


def error_record(error: BatchError) -> dict[str, Any]:
    """The JSON form of an input item that could not be judged."""
    return {
        "id": error.id,
        "schema_version": SCHEMA_VERSION,
        "error": {"line": getattr(error, "line", None), "message": error.message},
    }


def ascii_only(stream: TextIO) -> bool:
    """Escape non-ASCII characters when the stream cannot encode them (a non-UTF-8 console)."""
    enc = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return enc not in ("utf8", "utf8sig", "utf16", "utf32")


class JsonFormatter:
    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self._stream: TextIO | None = None
        self._count = 0
        self._ascii = False

    def begin(self, stream: TextIO) -> None:
        self._stream = stream
        self._ascii = ascii_only(stream)
        if not self.options.single:
            stream.write("[")

    def _write(self, obj: dict[str, Any]) -> None:
        assert self._stream is not None, "begin() first"
        # One reply: indented for reading. A batch: one compact element per line (fast, and grep-friendly).
        text = json.dumps(obj, ensure_ascii=self._ascii, indent=2 if self.options.single else None)
        if self.options.single:
            self._stream.write(text + "\n")
        else:
            self._stream.write(("\n" if self._count == 0 else ",\n") + text)
        self._count += 1
        self._stream.flush()

    def report(self, report: Report) -> None:
        self._write(report.to_json_dict())

    def write_record(self, record: dict[str, Any]) -> None:
        """Write a record that is not a plain report (``makeitlast check --fix`` adds a ``fixed`` field)."""
        self._write(record)

    def error(self, error: BatchError) -> None:
        self._write(error_record(error))

    def end(self) -> None:
        assert self._stream is not None, "begin() first"
        if not self.options.single:
            self._stream.write("\n]\n" if self._count else "]\n")
        self._stream.flush()
