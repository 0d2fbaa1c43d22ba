"""The generic reader: one message per row, grouped by conversation, with a column mapping."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from makeitlast.conversation.readers import BadRecord, ExportError, generic
from makeitlast.model import Role

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"
MAPPING = {
    "conversation_id": "ticket",
    "role": "sender_role",
    "author": "agent_name",
    "timestamp": "sent_at",
    "text": "body",
}


def _jsonl(tmp_path: Path, rows: list[dict[str, Any]], name: str = "m.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_rows_grouped_by_conversation_and_sorted_by_time() -> None:
    first, second = generic.read(EXPORTS / "generic.jsonl")
    assert (first.id, second.id) == ("c-1", "c-2")
    assert [m.text[:20] for m in first.messages] == [
        "My package says deli",
        "The photo shows a do",
        "I'm sorry it hasn't ",
        "Claim CL-5531 is ope",
    ]
    assert [m.role for m in first.messages] == [Role.CUSTOMER, Role.CUSTOMER, Role.AGENT, Role.AGENT]
    assert [m.internal for m in first.messages] == [False, False, False, True]
    assert first.messages[0].author == "Maya"
    # "user" and "support"; unix seconds as a number and as a string.
    assert [m.role for m in second.messages] == [Role.CUSTOMER, Role.AGENT]
    assert [m.timestamp for m in second.messages] == [
        datetime(2024, 7, 1, 9, 0, tzinfo=UTC),
        datetime(2024, 7, 1, 9, 10, tzinfo=UTC),
    ]
    assert second.messages[0].author is None
    assert first.meta == {"source": "generic"}


def test_csv_with_a_column_mapping_and_an_unknown_role() -> None:
    path = EXPORTS / "generic_mapped.csv"
    with pytest.raises(ExportError) as e:
        list(generic.read(path, mapping=MAPPING))
    assert str(e.value).startswith(f"{path}:5: unknown role 'bot' in sender_role")
    bad: list[BadRecord] = []
    first, second = generic.read(path, mapping=MAPPING, skip_bad=True, on_bad=bad.append)
    assert [b.where for b in bad] == [f"{path}:5"]
    assert (first.id, [m.role for m in first.messages]) == ("T-90", [Role.CUSTOMER, Role.AGENT])
    assert first.messages[1].author == "Nadia" and first.messages[0].author is None
    assert first.messages[0].timestamp == datetime(2024, 8, 2, 16, 0, tzinfo=UTC)  # no zone: UTC
    assert [(m.role, m.author) for m in second.messages] == [(Role.CUSTOMER, None), (Role.AGENT, "Omar")]


def test_mapping_names_are_checked() -> None:
    with pytest.raises(ExportError, match="unknown field 'body' in the mapping"):
        generic.read(EXPORTS / "generic_mapped.csv", mapping={"body": "text"})


def test_missing_column_is_named_with_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("ticket,role,text\n1,customer,hi\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"m\.csv:1: the header has no conversation_id column .*mapping"):
        list(generic.read(path))
    (conversation,) = generic.read(path, mapping={"conversation_id": "ticket"})
    assert conversation.id == "1"


def test_equal_and_missing_timestamps_keep_the_file_order(tmp_path: Path) -> None:
    same = "2024-01-01T10:00:00Z"
    path = _jsonl(
        tmp_path,
        [
            {"conversation_id": "a", "role": "customer", "timestamp": same, "text": "one"},
            {"conversation_id": "a", "role": "agent", "timestamp": same, "text": "two"},
            {"conversation_id": "a", "role": "customer", "timestamp": "2024-01-01T09:00:00Z", "text": "zero"},
            {"conversation_id": "b", "role": "customer", "text": "later"},
            {"conversation_id": "b", "role": "agent", "timestamp": "2024-01-01T08:00:00Z", "text": "earlier"},
        ],
    )
    a, b = generic.read(path)
    assert [m.text for m in a.messages] == ["zero", "one", "two"]
    assert [m.text for m in b.messages] == ["later", "earlier"]


def test_window_splits_far_apart_rows_into_fragments(tmp_path: Path) -> None:
    rows = [
        {"conversation_id": c, "role": "customer", "text": t}
        for c, t in [("a", "1"), ("b", "2"), ("c", "3"), ("a", "4")]
    ]
    path = _jsonl(tmp_path, rows)
    assert [(c.id, len(c.messages)) for c in generic.read(path, window=3)] == [("a", 2), ("b", 1), ("c", 1)]
    assert [(c.id, len(c.messages)) for c in generic.read(path, window=2)] == [
        ("a", 1),
        ("b", 1),
        ("c", 1),
        ("a", 1),
    ]


def test_bad_rows(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        [
            {"conversation_id": "a", "role": "customer", "text": "hello"},
            {"conversation_id": "a", "role": "agent", "text": "   "},
            {"conversation_id": "a", "role": "agent", "text": "hi", "timestamp": "yesterday-ish"},
            {"role": "agent", "text": "hi"},
            {"conversation_id": "a", "role": "agent", "text": "hi", "internal": "sometimes"},
        ],
    )
    bad: list[BadRecord] = []
    (conversation,) = generic.read(path, skip_bad=True, on_bad=bad.append)
    assert [m.text for m in conversation.messages] == ["hello"]
    assert [(b.where, b.message) for b in bad] == [
        (f"{path}:2", "empty text"),
        (f"{path}:3", "broken timestamp 'yesterday-ish' in timestamp"),
        (f"{path}:4", "missing conversation_id"),
        (f"{path}:5", "internal must be true or false, not 'sometimes'"),
    ]


def test_json_list_and_messages_object(tmp_path: Path) -> None:
    rows = [
        {"conversation_id": 7, "role": "end-user", "text": "hi"},
        {"conversation_id": 7, "role": "admin", "text": "hello"},
    ]
    as_list = tmp_path / "l.json"
    as_list.write_text(json.dumps(rows), encoding="utf-8")
    wrapped = tmp_path / "w.json"
    wrapped.write_text(json.dumps({"messages": rows}), encoding="utf-8")
    for path in (as_list, wrapped):
        (conversation,) = generic.read(path)
        assert conversation.id == "7"
        assert [m.role for m in conversation.messages] == [Role.CUSTOMER, Role.AGENT]


def test_truncated_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(
        '{"conversation_id": "a", "role": "customer", "text": "hi"}\n{"conversation_id": "a", "ro', "utf-8"
    )
    with pytest.raises(ExportError, match=r"m\.jsonl:2: the file ends in the middle of a record"):
        list(generic.read(path))


def test_empty_export(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ExportError, match="no conversations in"):
        list(generic.read(path))
