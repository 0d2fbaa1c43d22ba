"""The readers' shared helpers: timestamps, HTML bodies, ids, errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from makeitlast.conversation.readers import BadRecord, ExportError
from makeitlast.conversation.readers._base import html_to_text, ident, parse_timestamp
from makeitlast.engine import InputError

T = datetime(2017, 10, 31, 22, 10, 47, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "Tue Oct 31 22:10:47 +0000 2017",
        "Wed Nov 01 00:10:47 +0200 2017",
        "2017-10-31T22:10:47Z",
        "2017-10-31T22:10:47+00:00",
        "2017-10-31 17:10:47-05:00",
        "2017-10-31T22:10:47",
        1509487847,
        1509487847.0,
        "1509487847",
    ],
)
def test_timestamps_are_aware_utc(value: object) -> None:
    parsed = parse_timestamp(value)
    assert parsed == T and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "value", ["yesterday-ish", "", "Tue Foo 31 22:10:47 +0000 2017", None, True, [1], float("nan")]
)
def test_broken_timestamps(value: object) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(value)


def test_html_to_text() -> None:
    body = (
        "<div><p>Hi&nbsp;Sam,</p>\n<p>Your   refund of <b>$20</b> &amp; a voucher<br/>are on the way.</p>"
        "<ul><li>Order #12</li><li>Order #13</li></ul><style>p {color: red}</style><script>x()</script></div>"
    )
    assert (
        html_to_text(body)
        == "Hi Sam,\n\nYour refund of $20 & a voucher\nare on the way.\n\nOrder #12\n\nOrder #13"
    )
    assert html_to_text("plain text, no tags") == "plain text, no tags"
    assert html_to_text("<p></p>") == ""


def test_ids() -> None:
    assert [ident(v) for v in (42, 42.0, "42.0", " 42 ", "", None, True, "a-1")] == [
        "42",
        "42",
        "42",
        "42",
        None,
        None,
        None,
        "a-1",
    ]


def test_errors() -> None:
    assert issubclass(ExportError, InputError)
    assert str(BadRecord("export.csv:17", "broken timestamp 'x' in created_at")) == (
        "export.csv:17: broken timestamp 'x' in created_at"
    )
