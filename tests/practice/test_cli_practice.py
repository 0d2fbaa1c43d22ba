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


# --- storing sessions per trainee, and --history ---------------------------------------------------------------


def _sessions(url: str) -> list[tuple[str, str, str | None, int | None]]:
    from sqlalchemy import select

    from makeitlast.store import PracticeSession, User, open_db

    db = open_db(url)
    try:
        with db.session() as s:
            rows = s.execute(
                select(User.name, PracticeSession.scenario_id, PracticeSession.ending, PracticeSession.score)
                .join(User, User.id == PracticeSession.user_id)
                .order_by(PracticeSession.id)
            ).all()
            return [tuple(r) for r in rows]  # type: ignore[misc]
    finally:
        db.close()


def _replies(tmp_path: Path, name: str, replies: list[str]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(replies), encoding="utf-8")
    return str(path)


def test_scripted_stores_the_session_once_with_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from makeitlast.store.db import sqlite_url

    url = sqlite_url(tmp_path / "mine.db")
    good = _replies(tmp_path, "good.json", GOOD["late-delivery"])
    assert scripted("late-delivery", good, "text", 0, None, user="ana", db_url=url) == 0
    out = capsys.readouterr().out
    assert "Stored as practice session 1 for ana: makeitlast practice --history --user ana" in out
    assert _sessions(url) == [("ana", "late-delivery", "resolved", 98)]

    bad = _replies(tmp_path, "bad.json", DONTS["late-delivery"])
    assert scripted("late-delivery", bad, "json", 0, None, user="ana", db_url=url) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)  # stdout stays pure JSON: the note goes to stderr
    assert "Stored as practice session 2 for ana" in captured.err
    assert _sessions(url)[1] == ("ana", "late-delivery", data["ending"], data["score"])
    assert len(_sessions(url)) == 2


def test_scripted_without_user_stores_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from makeitlast.store.db import sqlite_url

    url = sqlite_url(tmp_path / "mine.db")
    good = _replies(tmp_path, "good.json", GOOD["late-delivery"])
    assert scripted("late-delivery", good, "text", 0, None, db_url=url) == 0
    assert "Stored as" not in capsys.readouterr().out
    assert not (tmp_path / "mine.db").exists()  # not even opened
    assert not (tmp_path / "practice-default.db").exists()  # nor the default one


def test_scripted_with_a_bad_database_is_an_error(tmp_path: Path) -> None:
    good = _replies(tmp_path, "good.json", GOOD["late-delivery"])
    with pytest.raises(CliError, match="cannot open"):
        scripted(
            "late-delivery", good, "text", 0, None, user="ana", db_url="postgresql+psycopg://x@/nope?host=/no"
        )
    with pytest.raises(CliError, match="--user needs a name"):
        scripted("late-delivery", good, "text", 0, None, user="  ")


def _answers(*items: str):  # type: ignore[no-untyped-def]
    it = iter(items)

    def fn(prompt: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return fn


def test_interactive_stores_for_the_login_name_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from makeitlast.store.db import sqlite_url

    monkeypatch.setenv("MAKEITLAST_USER", "dana-trainee")
    buffer = io.StringIO()
    fn = _answers("", "", *GOOD["airline-lost-bag"])
    assert (
        interactive(
            "airline-lost-bag", 0, None, input_fn=fn, console=Console(file=buffer, width=120), typing_delay=0
        )
        == 0
    )
    assert "Stored as practice session 1 for dana-trainee" in buffer.getvalue()
    # $MAKEITLAST_DATABASE_URL (tests/practice/conftest.py) is the default database
    assert _sessions(sqlite_url(tmp_path / "practice-default.db")) == [
        ("dana-trainee", "airline-lost-bag", "resolved", 98)
    ]

    monkeypatch.delenv("MAKEITLAST_USER")
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")
    fn = _answers("/quit")
    assert (
        interactive(
            "airline-lost-bag", 0, None, input_fn=fn, console=Console(file=io.StringIO()), typing_delay=0
        )
        == 0
    )
    fn = _answers("", "", GOOD["airline-lost-bag"][0], "/quit")
    interactive("airline-lost-bag", 0, None, input_fn=fn, console=Console(file=io.StringIO()), typing_delay=0)
    rows = _sessions(sqlite_url(tmp_path / "practice-default.db"))
    # the session quit before any reply is not stored; the one quit after a reply is, unfinished
    assert rows[1:] == [("login-name", "airline-lost-bag", None, rows[1][3])] and len(rows) == 2


def test_interactive_with_user_and_without_saving(tmp_path: Path) -> None:
    from makeitlast.store.db import sqlite_url

    url = sqlite_url(tmp_path / "mine.db")
    buffer = io.StringIO()
    fn = _answers("", "", *GOOD["airline-lost-bag"])
    interactive(
        "airline-lost-bag",
        0,
        None,
        input_fn=fn,
        console=Console(file=buffer, width=120),
        typing_delay=0,
        user="ana",
        db_url=url,
    )
    assert _sessions(url) == [("ana", "airline-lost-bag", "resolved", 98)]
    fn = _answers("", "", *GOOD["airline-lost-bag"])
    interactive(
        "airline-lost-bag",
        0,
        None,
        input_fn=fn,
        console=Console(file=io.StringIO()),
        typing_delay=0,
        user="ana",
        db_url=url,
        save=False,
    )
    assert len(_sessions(url)) == 1


def test_history_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from makeitlast.cli.practice import history
    from makeitlast.store.db import sqlite_url

    url = sqlite_url(tmp_path / "mine.db")
    bad = _replies(tmp_path, "bad.json", DONTS["late-delivery"])
    good = _replies(tmp_path, "good.json", GOOD["late-delivery"])
    scripted("late-delivery", bad, "text", 0, None, user="ana", db_url=url)
    scripted("late-delivery", good, "text", 0, None, user="ana", db_url=url)
    scripted("late-delivery", good, "text", 0, None, user="bob", db_url=url)
    capsys.readouterr()

    assert history("ana", "json", url) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["ending"] for s in data["sessions"]] == [_sessions(url)[0][2], "resolved"]
    assert data["scores"] == [_sessions(url)[0][3], 98] and data["score_trend"] == "improving"
    assert data["endings"]["resolved"] == 1 and {"D001", "D006"} <= set(data["rarer"])
    assert data["sessions"][0]["top_codes"][0] == "D001"

    assert history("ana", "text", url) == 0
    out = capsys.readouterr().out
    assert "Practice sessions of ana" in out
    for words in ("date", "scenario", "ending", "score", "top to improve", "late-delivery", "resolved"):
        assert words in out
    assert "improving (earlier half" in out
    assert "Endings: 1 resolved, 0 escalated," in out
    assert "D001" in out and "policy-wall" in out and "Rarer now: " in out

    assert history("nobody", "text", url) == 0
    assert "No practice sessions stored for nobody yet." in capsys.readouterr().out
    with pytest.raises(CliError, match="unknown format"):
        history("ana", "yaml", url)


def test_the_practice_command_with_user_and_history(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from makeitlast.cli.app import app
    from makeitlast.store.db import sqlite_url

    url = sqlite_url(tmp_path / "cmd.db")
    good = _replies(tmp_path, "good.json", GOOD["late-delivery"])
    runner = CliRunner()
    res = runner.invoke(
        app, ["practice", "late-delivery", "--replies", good, "--user", "ana", "--database-url", url]
    )
    assert res.exit_code == 0 and "Stored as practice session 1 for ana" in res.output
    res = runner.invoke(
        app, ["practice", "late-delivery", "--replies", good, "-u", "ana", "--database-url", url, "--no-save"]
    )
    assert res.exit_code == 0 and "Stored as" not in res.output
    res = runner.invoke(
        app, ["practice", "--history", "--user", "ana", "--database-url", url, "--format", "json"]
    )
    assert res.exit_code == 0 and len(json.loads(res.output)["sessions"]) == 1
    res = runner.invoke(
        app, ["practice", "airline-lost-bag", "--history", "-u", "ana", "--database-url", url, "-f", "json"]
    )
    assert json.loads(res.output)["sessions"] == []  # only that scenario's


def test_a_terminal_session_is_stored_and_shows_in_history(tmp_path: Path) -> None:
    """Through a real pseudo-terminal: play, the session is stored for the login name, --history shows it."""
    import os
    import shutil

    pexpect = pytest.importorskip("pexpect")
    binary = shutil.which("makeitlast")
    if binary is None:
        pytest.skip("the makeitlast command is not installed")
    from makeitlast.store.db import sqlite_url

    url = sqlite_url(tmp_path / "pty.db")
    env = {
        **os.environ,
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "USER": "pty-trainee",
        "LOGNAME": "pty-trainee",
        "MAKEITLAST_DATABASE_URL": url,
    }
    env.pop("MAKEITLAST_USER", None)
    child = pexpect.spawn(
        binary,
        ["practice", "late-delivery", "--seed", "1"],
        encoding="utf-8",
        timeout=30,
        dimensions=(60, 120),
        env=env,
    )
    child.expect("still typing")
    child.sendline("")
    child.expect("you> ")
    child.sendline(
        "I'm so sorry your order #55102 is late with the birthday on Saturday. I've sent a replacement by express "
        "today; it arrives tomorrow. Thank you for your patience. What can I do to make this right?"
    )
    child.expect("Ending: resolved")
    child.expect("Stored as practice session 1 for pty-trainee")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    child = pexpect.spawn(
        binary, ["practice", "--history"], encoding="utf-8", timeout=30, dimensions=(60, 140), env=env
    )
    child.expect("Practice sessions of pty-trainee")
    child.expect("late-delivery")
    child.expect("resolved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
