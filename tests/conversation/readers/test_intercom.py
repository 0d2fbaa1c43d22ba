"""The Intercom reader: conversations with their parts, HTML bodies, notes and authors' roles."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from makeitlast.conversation.readers import BadRecord, ExportError, intercom
from makeitlast.model import Role

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"


def _conversations() -> list[dict[str, Any]]:
    data = json.loads((EXPORTS / "intercom.json").read_text(encoding="utf-8"))
    conversations: list[dict[str, Any]] = data["conversations"]
    return conversations


def test_parts_in_order_with_roles_notes_and_text() -> None:
    first, second = intercom.read(EXPORTS / "intercom.json")
    assert first.id == "intercom-8812"
    # The assignment (no body) and the close (empty body) are left out.
    assert [m.id for m in first.messages] == ["src-8812", "p2", "p3", "p4", "p5"]
    assert [m.role for m in first.messages] == [
        Role.CUSTOMER,
        Role.AGENT,
        Role.AGENT,
        Role.CUSTOMER,
        Role.AGENT,
    ]
    assert [m.internal for m in first.messages] == [False, False, True, False, False]
    assert (
        first.messages[0].text
        == "Hi! I was charged twice for my Pro plan this month.\n\nInvoice INV-2291 & INV-2292."
    )
    assert first.messages[3].text == "Great, thank you!\nWill it show up on my card this week?"
    assert first.messages[4].text == "Yes, within 3\u20135 business days. Anything else I can help with?"
    assert first.messages[0].timestamp == datetime(2024, 3, 4, 10, 0, tzinfo=UTC)
    assert first.messages[0].author == "Jordan Lee" and first.messages[1].author == "Riley"
    assert first.meta == {"source": "intercom", "channel": "conversation", "team": "55"}
    # A lead is a customer (named by id when it has no name); a bot is an agent.
    assert [(m.role, m.author) for m in second.messages] == [(Role.CUSTOMER, "l-77"), (Role.AGENT, "Fin")]
    assert second.meta["subject"] == "Question about team pricing"


def test_list_and_json_lines_give_the_same(tmp_path: Path) -> None:
    expected = list(intercom.read(EXPORTS / "intercom.json"))
    as_list = tmp_path / "list.json"
    as_list.write_text(json.dumps(_conversations()), encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text("\n".join(json.dumps(c) for c in _conversations()) + "\n", encoding="utf-8")
    assert list(intercom.read(as_list)) == expected
    assert list(intercom.read(lines)) == expected


def test_parts_as_a_bare_list(tmp_path: Path) -> None:
    conversation = _conversations()[0]
    conversation["conversation_parts"] = conversation["conversation_parts"]["conversation_parts"]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(conversation), encoding="utf-8")
    (read,) = intercom.read(path)
    assert len(read.messages) == 5


def test_unknown_author_type_is_a_bad_record(tmp_path: Path) -> None:
    conversations = _conversations()
    conversations[0]["conversation_parts"]["conversation_parts"][1]["author"]["type"] = "visitor"
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in conversations) + "\n", encoding="utf-8")
    with pytest.raises(
        ExportError, match=r"c\.jsonl:1: conversation 8812, part p2: unknown author type 'visitor'"
    ):
        list(intercom.read(path))
    bad: list[BadRecord] = []
    assert [c.id for c in intercom.read(path, skip_bad=True, on_bad=bad.append)] == ["intercom-8813"]
    assert [b.where for b in bad] == [f"{path}:1"]


def test_broken_created_at(tmp_path: Path) -> None:
    conversations = _conversations()
    conversations[1]["created_at"] = "tomorrow"
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"conversations": conversations}, indent=2), encoding="utf-8")
    with pytest.raises(
        ExportError, match=r"conversation 8813, source: broken timestamp 'tomorrow' in created_at"
    ):
        list(intercom.read(path))


def test_a_conversation_without_any_body_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"id": "1", "created_at": 1, "source": {"body": ""}}]), encoding="utf-8")
    with pytest.raises(ExportError, match="conversation 1 has no message with a body"):
        list(intercom.read(path))


def test_empty_export(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"type": "conversation.list", "conversations": []}', encoding="utf-8")
    with pytest.raises(ExportError, match="no conversations in"):
        list(intercom.read(path))
