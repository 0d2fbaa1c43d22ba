"""Reading batch input (``makeitlast._io``): streaming, line numbers, format detection."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator

import pytest

from makeitlast._io import (
    BadRow,
    InputFileError,
    Row,
    decode_text,
    detect_format,
    iter_csv,
    iter_jsonl,
    iter_rows,
)


def _endless_jsonl() -> Iterator[bytes]:
    for i in itertools.count(1):
        yield (json.dumps({"id": i, "reply": f"Reply number {i}, thanks for waiting."}) + "\n").encode()


def test_jsonl_is_streamed_not_read_whole() -> None:
    rows = iter_jsonl(_endless_jsonl())  # an endless input: reading it whole would never return
    first = list(itertools.islice(rows, 3))
    assert [r.data["id"] for r in first if isinstance(r, Row)] == [1, 2, 3]


def test_csv_is_streamed_not_read_whole() -> None:
    def endless() -> Iterator[bytes]:
        yield b"id,reply\n"
        for i in itertools.count(1):
            yield f'{i},"Reply {i}, thanks."\n'.encode()

    first = list(itertools.islice(iter_csv(endless()), 3))
    assert [r.data["id"] for r in first if isinstance(r, Row)] == ["1", "2", "3"]
    assert [r.line for r in first] == [2, 3, 4]


def test_jsonl_rows_and_bad_rows_with_line_numbers() -> None:
    lines = [
        b'\xef\xbb\xbf{"id": "a", "reply": "Hello there"}\n',  # a byte-order mark is fine
        b"\n",
        b'{"id": "b", "reply": 5}\n',
        b'["not", "an", "object"]\n',
        b'{"id": "c", "reply": "ok", "context": "oops"}\n',
        b'{"id": "d", "reply": "caf\xe9"}\n',
        b'{"id": "e", "customer": "x"}\n',
        b'{"id": "f", "reply": "fine", "brand": "ignored"}',
    ]
    out = list(iter_jsonl(lines))
    assert [type(r).__name__ for r in out] == ["Row", "BadRow", "BadRow", "BadRow", "BadRow", "BadRow", "Row"]
    bad = [r for r in out if isinstance(r, BadRow)]
    assert [b.line for b in bad] == [3, 4, 5, 6, 7]
    assert "string" in bad[0].message and bad[0].id == "b"
    assert "object" in bad[1].message
    assert "context" in bad[2].message
    assert "UTF-8" in bad[3].message
    assert "reply" in bad[4].message
    assert out[-1].line == 8 and out[-1].end == sum(map(len, lines))


def test_csv_line_numbers_follow_multiline_records() -> None:
    text = (
        "id,customer,context,reply\n"
        'a,"first\nsecond line",,"one\ntwo\nthree"\n'
        'b,,"[""earlier""]",hello\n'
        "c,short\n"
    )
    out = list(iter_csv(io.BytesIO(text.encode())))
    assert [(type(r).__name__, r.line) for r in out] == [("Row", 2), ("Row", 6), ("BadRow", 7)]
    assert (
        isinstance(out[1], Row) and out[1].data["context"] == ["earlier"] and out[1].data["customer"] is None
    )


def test_csv_undecodable_line_inside_a_record() -> None:
    data = b'id,reply\na,"fine"\nb,"caf\xe9\nstill b"\nc,"ok"\n'
    out = list(iter_csv(io.BytesIO(data)))
    assert [(type(r).__name__, r.line) for r in out] == [("Row", 2), ("BadRow", 3), ("Row", 5)]


def test_csv_header_needs_a_reply_column() -> None:
    with pytest.raises(InputFileError, match="reply"):
        list(iter_csv(io.BytesIO(b"id,answer\n1,hello\n")))


def test_format_detection() -> None:
    assert detect_format("x.JSONL", None, b"") == "jsonl"
    assert detect_format("x.ndjson", None, b"") == "jsonl"
    assert detect_format("x.csv", None, b"{") == "csv"
    assert detect_format("-", None, b'  {"reply": "x"}') == "jsonl"
    assert detect_format("data.txt", None, b"id,reply") == "csv"
    assert detect_format("x.csv", "jsonl", b"") == "jsonl"
    with pytest.raises(InputFileError):
        detect_format("x", "xml", b"")


def test_iter_rows_sniffs_stdin_like_streams() -> None:
    rows = list(iter_rows(io.BytesIO(b'{"reply": "Hi"}\n{"reply": "Yo"}\n'), "-"))
    assert [r.data["reply"] for r in rows if isinstance(r, Row)] == ["Hi", "Yo"]


def test_decode_text_names_the_line() -> None:
    assert decode_text("\ufeffhello".encode(), "f") == "hello"
    with pytest.raises(InputFileError, match=r"^f:3: not valid UTF-8"):
        decode_text(b"one\ntwo\nth\xffree", "f")
