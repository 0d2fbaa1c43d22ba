"""The Freshdesk reader: the ticket's description, then its conversations, with private notes kept internal."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from makeitlast.conversation.readers import BadRecord, ExportError, freshdesk
from makeitlast.model import Role

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"


def _tickets() -> list[dict[str, Any]]:
    tickets: list[dict[str, Any]] = json.loads((EXPORTS / "freshdesk.json").read_text(encoding="utf-8"))
    return tickets


def test_description_first_then_conversations_in_time_order() -> None:
    first, _ = freshdesk.read(EXPORTS / "freshdesk.json")
    assert first.id == "freshdesk-1201"
    assert [m.id for m in first.messages] == [None, "9102", "9101", "9103"]
    assert first.messages[0].text.startswith("My router drops the Wi-Fi every hour")
    assert first.messages[0].timestamp == datetime(2024, 6, 10, 7, 45, tzinfo=UTC)
    assert [m.role for m in first.messages] == [Role.CUSTOMER, Role.AGENT, Role.AGENT, Role.CUSTOMER]
    assert [m.internal for m in first.messages] == [False, True, False, False]
    assert [m.author for m in first.messages] == ["Chris Okafor", "4001", "4001", "Chris Okafor"]
    assert first.meta == {
        "source": "freshdesk",
        "subject": "Router keeps dropping Wi-Fi",
        "group": "77",
        "channel": "email",
        "tags": "wifi hardware",
    }


def test_html_bodies_and_the_requester_writing_without_incoming() -> None:
    _, second = freshdesk.read(EXPORTS / "freshdesk.json")
    assert second.messages[0].text == (
        "I cancelled on the 2nd but was billed for the whole month.\n\nCan I get the unused part back?"
    )
    # incoming is false, but user_id is the requester's: the customer.
    assert [m.role for m in second.messages] == [Role.CUSTOMER, Role.AGENT, Role.CUSTOMER]
    assert second.meta == {"source": "freshdesk", "subject": "Refund for unused month"}


def test_tickets_object_and_json_lines(tmp_path: Path) -> None:
    expected = list(freshdesk.read(EXPORTS / "freshdesk.json"))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"tickets": _tickets()}), encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text("\n".join(json.dumps(t) for t in _tickets()) + "\n", encoding="utf-8")
    assert list(freshdesk.read(wrapped)) == expected
    assert list(freshdesk.read(lines)) == expected


def test_broken_timestamp_names_the_line_and_conversation(tmp_path: Path) -> None:
    tickets = _tickets()
    tickets[1]["conversations"][0]["created_at"] = "2024-06-12 around ten"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(tickets, indent=2), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  {", 2) + 1  # where the second ticket starts
    with pytest.raises(ExportError) as e:
        list(freshdesk.read(path))
    assert str(e.value) == (
        f"{path}:{line}: ticket 1202, conversation 9201: broken timestamp '2024-06-12 around ten' in created_at"
    )
    bad: list[BadRecord] = []
    assert [c.id for c in freshdesk.read(path, skip_bad=True, on_bad=bad.append)] == ["freshdesk-1201"]
    assert len(bad) == 1


def test_a_ticket_with_no_text_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        json.dumps({"id": 5, "description_text": "", "conversations": []}) + "\n", encoding="utf-8"
    )
    with pytest.raises(ExportError, match=r"t\.jsonl:1: ticket 5 has no description and no conversation"):
        list(freshdesk.read(path))


def test_truncated_list(tmp_path: Path) -> None:
    text = json.dumps(_tickets(), indent=2)
    path = tmp_path / "cut.json"
    path.write_text(text[: text.index('"id": 1202') + 20], encoding="utf-8")
    bad: list[BadRecord] = []
    assert [c.id for c in freshdesk.read(path, skip_bad=True, on_bad=bad.append)] == ["freshdesk-1201"]
    assert len(bad) == 1 and "truncated" in bad[0].message
