"""Format detection, the registry and read_export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from makeitlast.conversation.readers import EXPECTED, FORMATS, BadRecord, ExportError, detect, read_export
from makeitlast.engine import InputError

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("twcs.csv", "twcs"),
        ("twcs_truncated.csv", "twcs"),
        ("zendesk.json", "zendesk"),
        ("zendesk.jsonl", "zendesk"),
        ("zendesk_truncated.json", "zendesk"),
        ("intercom.json", "intercom"),
        ("freshdesk.json", "freshdesk"),
        ("generic.jsonl", "generic"),
    ],
)
def test_fixtures_are_detected(name: str, fmt: str) -> None:
    assert detect(EXPORTS / name) == fmt


def test_json_lines_and_csv_variants(tmp_path: Path) -> None:
    freshdesk = json.loads((EXPORTS / "freshdesk.json").read_text(encoding="utf-8"))
    lines = tmp_path / "fd.jsonl"
    lines.write_text("\n".join(json.dumps(t) for t in freshdesk) + "\n", encoding="utf-8")
    assert detect(lines) == "freshdesk"
    csv = tmp_path / "messages.csv"
    csv.write_text("conversation_id,role,text\n1,customer,hi\n", encoding="utf-8")
    assert detect(csv) == "generic"
    tickets = tmp_path / "tickets.json"  # the Tickets API without comments
    tickets.write_text(json.dumps({"tickets": [{"id": 1, "requester_id": 2, "submitter_id": 2}]}), "utf-8")
    assert detect(tickets) == "zendesk"


def test_unknown_shape_names_every_format_and_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("id,customer,reply\n1,hi,hello\n", encoding="utf-8")
    with pytest.raises(ExportError) as e:
        detect(path)
    message = str(e.value)
    assert message.startswith(f"cannot tell the format of {path}")
    for fmt, fields in EXPECTED.items():
        assert f"{fmt}: {fields}" in message
    for field in (
        "in_response_to_tweet_id",
        "comments",
        "conversation_parts",
        "description_text",
        "conversation_id",
    ):
        assert field in message
    assert isinstance(e.value, InputError)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ExportError, match="no conversations in"):
        detect(path)
    with pytest.raises(ExportError, match="no conversations in"):
        list(read_export(path, "zendesk"))


def test_registry() -> None:
    assert set(FORMATS) == {"twcs", "zendesk", "intercom", "freshdesk", "generic"}
    assert set(EXPECTED) == set(FORMATS)


def test_read_export_detects_or_takes_the_format() -> None:
    assert [c.id for c in read_export(EXPORTS / "intercom.json")] == ["intercom-8812", "intercom-8813"]
    assert len(list(read_export(EXPORTS / "twcs.csv", "TWCS", window=10))) == 4


def test_read_export_unknown_format() -> None:
    with pytest.raises(
        ExportError, match=r"unknown export format 'helpscout'.*twcs: CSV with the columns tweet_id"
    ):
        read_export(EXPORTS / "twcs.csv", "helpscout")


def test_read_export_with_a_mapping_is_generic() -> None:
    mapping = {"conversation_id": "ticket", "role": "sender_role", "timestamp": "sent_at", "text": "body"}
    conversations = list(read_export(EXPORTS / "generic_mapped.csv", mapping=mapping, skip_bad=True))
    assert [c.id for c in conversations] == ["T-90", "T-91"]
    with pytest.raises(ExportError, match="mapping applies to the generic format only"):
        read_export(EXPORTS / "zendesk.json", "zendesk", mapping=mapping)


def test_read_export_rejects_unknown_options() -> None:
    with pytest.raises(ExportError, match="the zendesk reader has no option 'window': it takes no options"):
        read_export(EXPORTS / "zendesk.json", window=5)
    with pytest.raises(ExportError, match="the twcs reader has no option 'colour': its options are window"):
        read_export(EXPORTS / "twcs.csv", colour="blue")


def test_skip_bad_goes_through() -> None:
    bad: list[BadRecord] = []
    conversations = list(read_export(EXPORTS / "zendesk.jsonl", skip_bad=True, on_bad=bad.append))
    assert len(conversations) == 2 and len(bad) == 1
