"""The bodies of ``makeitlast practice`` (``cli/practice.py``); the lead wires them into the app."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from practice_paths import DONTS, GOOD
from rich.console import Console

from makeitlast.cli.errors import CliError
from makeitlast.cli.practice import interactive, list_scenarios, read_replies, scripted

BUILTIN = Path(__file__).parents[2] / "src" / "makeitlast" / "practice" / "scenarios"


def test_list_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert list_scenarios("json", None) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 12 and {"id", "title", "industry", "customer", "starting_mood"} <= set(rows[0])
    assert all("hidden_wants" not in row for row in rows)
    assert list_scenarios("text", None) == 0
    assert "airline-lost-bag" in capsys.readouterr().out
    with pytest.raises(CliError, match="unknown format"):
        list_scenarios("yaml", None)


def test_list_a_trainers_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        (BUILTIN / "late-delivery.toml").read_text(encoding="utf-8").replace('"late-delivery"', '"our-own"')
    )
    (tmp_path / "ours.toml").write_text(text, encoding="utf-8")
    assert list_scenarios("json", str(tmp_path)) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["our-own"]
    (tmp_path / "broken.toml").write_text("id = [", encoding="utf-8")
    with pytest.raises(CliError, match=r"broken\.toml: not valid TOML"):
        list_scenarios("text", str(tmp_path))


def test_scripted_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD["late-delivery"]), encoding="utf-8")
    assert scripted("late-delivery", str(good), "json", 0, None) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ending"] == "resolved" and data["debrief"]["score"] == data["score"]

    bad = tmp_path / "bad.txt"
    bad.write_text("# the don'ts\n\n" + "\n\n".join(DONTS["late-delivery"]), encoding="utf-8")
    assert scripted("late-delivery", str(bad), "text", 0, None) == 1
    out = capsys.readouterr().out
    assert "Transcript" in out and "Top three to improve" in out and "not used" in out


def test_replies_files(tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text(
        "# comment\n[interrupt] Hi\nthere\n\n[interrupt 2] Go on\n\nThanks a lot.\n", encoding="utf-8"
    )
    assert read_replies(text) == [
        {"text": "Hi there", "interrupt": True},
        {"text": "Go on", "interrupt": True, "seen": 2},
        "Thanks a lot.",
    ]
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text('"Hi"\n\n{"text": "Wait", "interrupt": true}\n', encoding="utf-8")
    assert read_replies(jsonl) == ["Hi", {"text": "Wait", "interrupt": True}]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "no such replies file"),
        ("bad.json", '["Hi", ', "malformed JSON at line 1"),
        ("obj.json", '{"text": "Hi"}', "expected a JSON array"),
        ("num.json", "[1]", "replies[0]: a reply must be a string"),
        ("bad.jsonl", '"Hi"\n{oops\n', "line 2: malformed JSON"),
        ("empty.txt", "# nothing\n\n", "no replies in the file"),
        ("latin1.txt", b"caf\xe9", "not UTF-8"),
    ],
)
def test_replies_file_errors(tmp_path: Path, name: str, content: str | bytes | None, message: str) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CliError) as e:
        scripted("late-delivery", str(path), "text", 0, None)
    assert message in str(e.value) and name in str(e.value)


def test_scripted_errors(tmp_path: Path) -> None:
    replies = tmp_path / "r.json"
    replies.write_text(
        json.dumps([GOOD["late-delivery"][0], {"text": "Hi", "interrupt": True}]), encoding="utf-8"
    )
    with pytest.raises(CliError, match=r"r\.json: replies\[1\]: nothing to interrupt"):
        scripted("late-delivery", str(replies), "text", 0, None)
    with pytest.raises(CliError) as e:
        scripted("no-such-scenario", str(replies), "text", 0, None)
    assert "unknown scenario 'no-such-scenario'; available: abusive-energy-bill" in str(e.value)
    with pytest.raises(CliError, match="no such file"):
        scripted(str(tmp_path / "gone.toml"), str(replies), "text", 0, None)


def test_interactive_picks_from_a_numbered_list() -> None:
    # 2 = airline-lost-bag (sorted by id); Enter twice to let the customer finish typing
    answers = iter(["99", "2", "", "", *GOOD["airline-lost-bag"]])
    buffer = io.StringIO()

    def fn(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    status = interactive(None, 0, None, input_fn=fn, console=Console(file=buffer, width=120), typing_delay=0)
    out = buffer.getvalue()
    assert status == 0
    assert "1. The £640 estimated bill" in out and "Type a number from 1 to" in out
    assert "Thank you" in out and "resolved" in out

    def closed(prompt: str) -> str:
        raise EOFError

    with pytest.raises(CliError, match="no scenario picked"):
        interactive(None, 0, None, input_fn=closed, console=Console(file=io.StringIO()))
