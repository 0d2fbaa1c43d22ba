"""``--format jsonl``: one compact schema-1 object per line, written as each reply is judged.

An input line that could not be judged is an error record on its line (see :mod:`makeitlast.formats.json`).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from makeitlast.engine.batch import BatchError
from makeitlast.formats import FormatOptions
from makeitlast.formats.json import ascii_only, error_record
from makeitlast.model import Report


class JsonlFormatter:
    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self._stream: TextIO | None = None
        self._ascii = False

    def begin(self, stream: TextIO) -> None:
        self._stream = stream
        self._ascii = ascii_only(stream)

    def _write(self, obj: dict[str, Any]) -> None:
        assert self._stream is not None, "begin() first"
        self._stream.write(json.dumps(obj, ensure_ascii=self._ascii, separators=(",", ":")) + "\n")
        self._stream.flush()  # a reader at the other end of a pipe sees each reply as it is judged

    def report(self, report: Report) -> None:
        self._write(report.to_json_dict())

    def write_record(self, record: dict[str, Any]) -> None:
        """Write a record that is not a plain report (``makeitlast check --fix`` adds a ``fixed`` field)."""
        self._write(record)

    def error(self, error: BatchError) -> None:
        self._write(error_record(error))

    def end(self) -> None:
        assert self._stream is not None, "begin() first"
        self._stream.flush()
