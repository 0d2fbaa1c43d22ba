"""The Zendesk reader: tickets with comments (and sideloaded users) as conversations."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from makeitlast.conversation.readers import BadRecord, ExportError, zendesk
from makeitlast.model import Role

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"


def _ticket(ticket_id: int, *comments: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"id": ticket_id, "requester_id": 1, "comments": list(comments), **fields}


def _comment(
    comment_id: int, author: int, body: str, at: str = "2024-01-01T10:00:00Z", **kw: Any
) -> dict[str, Any]:
    return {"id": comment_id, "author_id": author, "body": body, "public": True, "created_at": at, **kw}


def test_document_with_users_after_the_tickets() -> None:
    first, second = zendesk.read(EXPORTS / "zendesk.json")
    assert first.id == "zendesk-4471"
    assert [m.id for m in first.messages] == ["100001", "100002", "100003", "100004"]  # by created_at
    assert [m.author for m in first.messages] == ["Priya Raman", "Marco Diaz", "Marco Diaz", "Sam Raman"]
    # The requester and another end-user (a CC) are customers; agents and admins are agents.
    assert [m.role for m in first.messages] == [Role.CUSTOMER, Role.AGENT, Role.AGENT, Role.CUSTOMER]
    assert [m.internal for m in first.messages] == [False, True, False, False]
    assert first.messages[3].timestamp == datetime(2024, 3, 4, 10, 2, 51, tzinfo=UTC)  # from +01:00
    assert first.meta == {
        "source": "zendesk",
        "subject": "Blender arrived broken",
        "brand": "15",
        "group": "360001",
        "channel": "email",
        "tags": "damaged refund",
    }
    assert second.messages[1].author == "Lena Vogt" and second.messages[1].role is Role.AGENT


def test_body_falls_back_to_plain_body_then_html() -> None:
    second = list(zendesk.read(EXPORTS / "zendesk.json"))[1]
    assert second.messages[0].text == (
        "I reset my password twice and the site still says invalid login.\n\nCan you help?"
    )
    assert second.messages[1].text.startswith("Thanks for letting us know. Your account was locked")


def test_json_lines_broken_timestamp_names_line_ticket_and_comment() -> None:
    path = EXPORTS / "zendesk.jsonl"
    with pytest.raises(ExportError) as e:
        list(zendesk.read(path))
    assert str(e.value) == f"{path}:2: ticket 502, comment 3: broken timestamp 'last Tuesday' in created_at"
    bad: list[BadRecord] = []
    conversations = list(zendesk.read(path, skip_bad=True, on_bad=bad.append))
    assert [c.id for c in conversations] == ["zendesk-501", "zendesk-503"]
    assert [b.where for b in bad] == [f"{path}:2"]


def test_ticket_and_comments_as_the_two_api_calls_return_them() -> None:
    third = list(zendesk.read(EXPORTS / "zendesk.jsonl", skip_bad=True))[1]
    assert third.id == "zendesk-503"
    assert [(m.role, m.author) for m in third.messages] == [(Role.CUSTOMER, "33"), (Role.AGENT, "Ana Lima")]
    assert third.meta == {"source": "zendesk", "subject": "Late delivery", "group": "12"}


def test_truncated_document_names_the_record_and_keeps_what_came_before() -> None:
    path = EXPORTS / "zendesk_truncated.json"
    with pytest.raises(
        ExportError, match=r"zendesk_truncated\.json:12: the file ends in the middle of the record"
    ):
        list(zendesk.read(path))
    bad: list[BadRecord] = []
    assert [c.id for c in zendesk.read(path, skip_bad=True, on_bad=bad.append)] == ["zendesk-601"]
    assert len(bad) == 1 and "truncated" in bad[0].message


def test_a_json_list_of_tickets_and_the_description_of_a_ticket_without_comments(tmp_path: Path) -> None:
    path = tmp_path / "tickets.json"
    tickets = [
        _ticket(
            1, _comment(1, 1, "Where is my order?"), _comment(2, 5, "It ships today, sorry for the wait!")
        ),
        {"id": 2, "requester_id": 3, "description": "Please close my account.", "created_at": "2024-01-02"},
    ]
    path.write_text(json.dumps(tickets, indent=2), encoding="utf-8")
    first, second = zendesk.read(path)
    assert [m.role for m in first.messages] == [Role.CUSTOMER, Role.AGENT]
    assert [(m.role, m.text, m.author) for m in second.messages] == [
        (Role.CUSTOMER, "Please close my account.", "3")
    ]
    assert second.messages[0].timestamp == datetime(2024, 1, 2, tzinfo=UTC)


def test_attachment_only_comments_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        json.dumps(_ticket(1, _comment(1, 1, "Photo attached."), _comment(2, 1, ""))) + "\n", "utf-8"
    )
    (conversation,) = zendesk.read(path)
    assert [m.id for m in conversation.messages] == ["1"]


def test_bad_records_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [
        json.dumps(_ticket(1, _comment(1, 1, "Hello"))),
        '{"id": 2, "comments": [',  # not JSON
        json.dumps({"subject": "no id", "comments": []}),
        json.dumps(_ticket(4, _comment(1, 1, "Hi again"))),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad: list[BadRecord] = []
    assert [c.id for c in zendesk.read(path, skip_bad=True, on_bad=bad.append)] == ["zendesk-1", "zendesk-4"]
    assert [b.where for b in bad] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in bad[0].message
    assert bad[1].message.startswith("a ticket without an id")


def test_invalid_utf8_in_a_document_skips_only_that_ticket(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    text = json.dumps(
        {"tickets": [_ticket(1, _comment(1, 1, "caf@")), _ticket(2, _comment(2, 1, "ok"))]}, indent=1
    )
    path.write_bytes(text.encode().replace(b"caf@", b"caf\xe9"))
    with pytest.raises(ExportError, match=r"t\.json:\d+: not valid UTF-8 \(byte 0xe9"):
        list(zendesk.read(path))
    assert [c.id for c in zendesk.read(path, skip_bad=True)] == ["zendesk-2"]


def test_empty_export(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text('{"tickets": [], "count": 0}', encoding="utf-8")
    with pytest.raises(ExportError, match="no conversations in"):
        list(zendesk.read(path))
