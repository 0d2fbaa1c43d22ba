"""The TWCS reader: threads rebuilt from reply links, in time order, with bounded memory and clear errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from makeitlast.conversation.readers import BadRecord, ExportError, twcs
from makeitlast.model import Conversation, Role

EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"
HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"


def _by_id(conversations: list[Conversation]) -> dict[str | None, Conversation]:
    return {c.id: c for c in conversations}


def _write(tmp_path: Path, body: str, name: str = "tweets.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_threads_are_rebuilt_from_reply_links() -> None:
    conversations = list(twcs.read(EXPORTS / "twcs.csv"))
    assert [c.id for c in conversations] == ["twcs-101", "twcs-201", "twcs-301", "twcs-401"]


def test_multi_part_reply_chain_is_one_conversation_in_time_order() -> None:
    thread = _by_id(list(twcs.read(EXPORTS / "twcs.csv")))["twcs-101"]
    # 102 and 103 (a reply split in two, the same second) are ordered by tweet id; the file has them first.
    assert [m.id for m in thread.messages] == ["101", "102", "103", "104", "105"]
    assert [m.role for m in thread.messages] == [
        Role.CUSTOMER,
        Role.AGENT,
        Role.AGENT,
        Role.CUSTOMER,
        Role.AGENT,
    ]
    assert [m.author for m in thread.messages] == [
        "50211",
        "AcmeAirHelp",
        "AcmeAirHelp",
        "50211",
        "AcmeAirHelp",
    ]
    assert thread.meta == {"source": "twcs", "brand": "AcmeAirHelp"}
    assert thread.messages[0].timestamp == datetime(2017, 11, 6, 9, 2, 47, tzinfo=UTC)
    assert all(m.timestamp is not None and m.timestamp.utcoffset() is not None for m in thread.messages)
    assert not any(m.internal for m in thread.messages)


def test_every_tweet_is_in_exactly_one_conversation() -> None:
    ids = [m.id or "" for c in twcs.read(EXPORTS / "twcs.csv") for m in c.messages]
    assert sorted(ids, key=int) == ["101", "102", "103", "104", "105", "201", "202", "203", "301", "401"]


def test_twitter_entities_are_decoded() -> None:
    thread = _by_id(list(twcs.read(EXPORTS / "twcs.csv")))["twcs-101"]
    assert thread.messages[3].text == "@AcmeAirHelp DM sent. Ref is QX4R7T & please hurry"
    assert thread.messages[4].text.endswith("seat 14C <3 ^KL")


def test_lone_tweets_and_missing_parents() -> None:
    conversations = _by_id(list(twcs.read(EXPORTS / "twcs.csv")))
    lone = conversations["twcs-301"]
    assert [m.role for m in lone.messages] == [Role.CUSTOMER]
    assert lone.meta == {"source": "twcs"}  # no brand answered
    orphan = conversations["twcs-401"]  # answers tweet 400.0, which is not in the file
    assert [(m.id, m.role) for m in orphan.messages] == [("401", Role.AGENT)]


def test_a_thread_farther_apart_than_the_window_comes_out_in_fragments(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "1,900,True,Tue Oct 31 10:00:00 +0000 2017,@Brand my order is late,,\n"
        "5,901,True,Tue Oct 31 10:01:00 +0000 2017,@Brand hello?,,\n"
        "6,902,True,Tue Oct 31 10:02:00 +0000 2017,@Brand anyone there?,,\n"
        "2,Brand,False,Tue Oct 31 10:30:00 +0000 2017,@900 Sorry! It ships today.,,1\n",
    )
    whole = list(twcs.read(path, window=3))
    assert [(c.id, len(c.messages)) for c in whole] == [("twcs-1", 2), ("twcs-5", 1), ("twcs-6", 1)]
    split = list(twcs.read(path, window=2))
    assert sorted((c.id or "", len(c.messages)) for c in split) == [
        ("twcs-1", 1),
        ("twcs-2", 1),
        ("twcs-5", 1),
        ("twcs-6", 1),
    ]
    assert sorted(m.id or "" for c in split for m in c.messages) == ["1", "2", "5", "6"]


def test_conversations_stream_out_before_the_end_of_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "1,900,True,Tue Oct 31 10:00:00 +0000 2017,@Brand my order is late,,\n"
        "2,901,True,Tue Oct 31 10:01:00 +0000 2017,@Brand hello?,,\n"
        "3,902,True,not a time,@Brand anyone there?,,\n",
    )
    conversations = twcs.read(path, window=1)
    assert next(conversations).id == "twcs-1"  # emitted once row 2 left it behind
    with pytest.raises(ExportError, match=r"tweets\.csv:4: broken timestamp 'not a time' in created_at"):
        list(conversations)


def test_broken_timestamp_names_file_and_line() -> None:
    with pytest.raises(ExportError) as e:
        list(twcs.read(EXPORTS / "twcs_broken_timestamp.csv"))
    assert (
        str(e.value)
        == f"{EXPORTS / 'twcs_broken_timestamp.csv'}:4: broken timestamp 'yesterday-ish' in created_at"
    )


def test_skip_bad_reports_the_row_and_reads_the_rest() -> None:
    bad: list[BadRecord] = []
    conversations = list(twcs.read(EXPORTS / "twcs_broken_timestamp.csv", skip_bad=True, on_bad=bad.append))
    assert [c.id for c in conversations] == ["twcs-11", "twcs-21"]
    assert bad == [
        BadRecord(
            f"{EXPORTS / 'twcs_broken_timestamp.csv'}:4", "broken timestamp 'yesterday-ish' in created_at"
        )
    ]


def test_truncated_file_is_reported_and_what_came_before_kept() -> None:
    path = EXPORTS / "twcs_truncated.csv"
    with pytest.raises(ExportError, match=r"twcs_truncated\.csv:4: .*truncated"):
        list(twcs.read(path))
    bad: list[BadRecord] = []
    conversations = list(twcs.read(path, skip_bad=True, on_bad=bad.append))
    assert [(c.id, [m.id for m in c.messages]) for c in conversations] == [("twcs-31", ["31", "32"])]
    assert [b.where for b in bad] == [f"{path}:4"]


def test_row_cut_short_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(
        HEADER + "1,900,True,Tue Oct 31 10:00:00 +0000 2017,@Brand hi,,\n2,Brand,False,Tue Oct", "utf-8"
    )
    with pytest.raises(ExportError, match=r"cut\.csv:3: the file ends in the middle of this row"):
        list(twcs.read(path))


def test_empty_exports(tmp_path: Path) -> None:
    header_only = _write(tmp_path, "")
    with pytest.raises(ExportError, match=r"^no conversations in .*tweets\.csv$"):
        list(twcs.read(header_only))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ExportError, match="no conversations in"):
        list(twcs.read(empty))


def test_all_rows_bad_with_skip_bad_is_still_no_conversations(tmp_path: Path) -> None:
    path = _write(tmp_path, "1,900,True,soon,@Brand hi,,\n")
    with pytest.raises(ExportError, match=r"no conversations in .* \(1 bad record skipped\)"):
        list(twcs.read(path, skip_bad=True))


def test_wrong_header_names_the_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("id,customer,reply\n1,hi,hello\n", encoding="utf-8")
    with pytest.raises(
        ExportError, match=r"other\.csv:1: not a TWCS export: the header has no tweet_id, author_id"
    ):
        list(twcs.read(path))


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        HEADER.encode()
        + b"1,900,True,Tue Oct 31 10:00:00 +0000 2017,@Brand hi,,\n"
        + b"2,901,True,Tue Oct 31 10:00:00 +0000 2017,@Brand caf\xe9 closed,,\n"
    )
    with pytest.raises(ExportError, match=r"latin1\.csv:3: not valid UTF-8 \(byte 0xe9 at column \d+\)"):
        list(twcs.read(path))
    assert [c.id for c in twcs.read(path, skip_bad=True)] == ["twcs-1"]


def test_bad_inbound_and_duplicate_tweets_are_bad_records(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "1,900,True,Tue Oct 31 10:00:00 +0000 2017,@Brand hi,,\n"
        "1,900,True,Tue Oct 31 10:00:00 +0000 2017,@Brand hi,,\n"
        "2,901,maybe,Tue Oct 31 10:00:00 +0000 2017,@Brand hi,,\n",
    )
    bad: list[BadRecord] = []
    assert [c.id for c in twcs.read(path, skip_bad=True, on_bad=bad.append)] == ["twcs-1"]
    assert [(b.where.rsplit(":", 1)[1], b.message) for b in bad] == [
        ("3", "tweet 1 appears twice"),
        ("4", "inbound must be True or False, not 'maybe'"),
    ]


@pytest.mark.parametrize("window", [0, -5, 2.5, True])
def test_window_must_be_a_positive_whole_number(window: object) -> None:
    with pytest.raises(ExportError, match="window"):
        twcs.read(EXPORTS / "twcs.csv", window=window)  # type: ignore[arg-type]


def test_missing_file() -> None:
    with pytest.raises(ExportError, match=r"cannot read .*nowhere\.csv"):
        list(twcs.read(EXPORTS / "nowhere.csv"))
