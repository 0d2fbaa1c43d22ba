"""``makeitlast users`` and ``makeitlast tokens``, and what ``makeitlast serve`` demands before it listens: a
non-loopback host needs team mode, team mode needs an admin. Bad input is one line on stderr and exit status 2.
The database tests run on SQLite and, with ``MAKEITLAST_TEST_PG_URL`` set, on PostgreSQL (a schema each)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from makeitlast.cli.app import app
from makeitlast.store import accounts, open_db


def _run(runner: CliRunner, db_url: str, *args: str, input: str | None = None) -> Any:
    return runner.invoke(app, [*args, "--database-url", db_url], input=input)


def _one_error(result: Any, *words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("makeitlast: error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_add_with_password_stdin_then_list(runner: CliRunner, db_url: str) -> None:
    added = _run(
        runner, db_url, "users", "add", "ana", "--role", "admin", "--password-stdin", input="s3cret-pass\n"
    )
    assert added.exit_code == 0, added.output
    assert "added ana (admin)" in added.stderr and added.stdout == ""
    _run(runner, db_url, "users", "add", "bo", "--team", "north", "--password-stdin", input="bo-password\n")
    listed = _run(runner, db_url, "users", "list")
    assert listed.exit_code == 0
    rows = [line.split() for line in listed.stdout.splitlines()]
    assert rows == [["ana", "admin", "active", "-"], ["bo", "agent", "active", "north"]]
    as_json = json.loads(_run(runner, db_url, "users", "list", "--format", "json").stdout)
    assert [(u["name"], u["role"], u["team"]) for u in as_json] == [
        ("ana", "admin", None),
        ("bo", "agent", "north"),
    ]
    assert "s3cret-pass" not in listed.stdout + json.dumps(as_json)
    with open_db(db_url) as db:
        assert accounts.authenticate(db, "ana", "s3cret-pass") is not None
        assert accounts.authenticate(db, "ana", "s3cret-pass\n") is None


def test_the_password_is_asked_twice(runner: CliRunner, db_url: str) -> None:
    ok = _run(runner, db_url, "users", "add", "lea", "--role", "lead", input="lead-password\nlead-password\n")
    assert ok.exit_code == 0, ok.output
    assert "lead-password" not in ok.output  # the prompt does not echo it
    with open_db(db_url) as db:
        assert accounts.authenticate(db, "lea", "lead-password") is not None
    differ = _run(runner, db_url, "users", "add", "cy", input="first-password\nsecond-password\n")
    assert differ.exit_code == 2 and "differ" in differ.stderr and "Traceback" not in differ.output
    with open_db(db_url) as db, pytest.raises(accounts.UnknownAccount):
        accounts.get_user(db, "cy")


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["users", "add", "ana", "--password-stdin"], "another-pass\n", ["ana", "already exists"]),
        (["users", "add", "dee", "--password-stdin"], "short\n", ["too short"]),
        (["users", "add", "dee", "--password-stdin"], "", ["no password"]),
        (["users", "add", "  ", "--password-stdin"], "long-enough\n", ["name"]),
        (["users", "disable", "nobody"], None, ["no user 'nobody'"]),
        (["users", "disable", "ana"], None, ["last active admin"]),
        (["tokens", "create", "ci", "--user", "nobody"], None, ["no user 'nobody'"]),
        (["tokens", "revoke", "42"], None, ["no token with id 42"]),
    ],
    ids=[
        "duplicate",
        "short-password",
        "empty-stdin",
        "blank-name",
        "unknown-user",
        "last-admin",
        "token-user",
        "token-id",
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    runner: CliRunner, db_url: str, args: list[str], stdin: str | None, words: list[str]
) -> None:
    _run(runner, db_url, "users", "add", "ana", "--role", "admin", "--password-stdin", input="s3cret-pass\n")
    _one_error(_run(runner, db_url, *args, input=stdin), *words)


def test_a_bad_role_is_a_usage_error(runner: CliRunner, db_url: str) -> None:
    result = _run(
        runner, db_url, "users", "add", "ana", "--role", "owner", "--password-stdin", input="x" * 10
    )
    assert result.exit_code == 2 and "owner" in result.output


def test_disable_and_enable(runner: CliRunner, db_url: str) -> None:
    for name, role in (("ana", "admin"), ("bo", "agent")):
        _run(runner, db_url, "users", "add", name, "--role", role, "--password-stdin", input="password-1\n")
    assert _run(runner, db_url, "users", "disable", "bo").exit_code == 0
    assert "disabled" in _run(runner, db_url, "users", "list").stdout.splitlines()[1]
    with open_db(db_url) as db:
        assert accounts.authenticate(db, "bo", "password-1") is None
    assert _run(runner, db_url, "users", "enable", "bo").exit_code == 0
    with open_db(db_url) as db:
        assert accounts.authenticate(db, "bo", "password-1") is not None


def test_tokens_are_printed_once_and_stored_hashed(runner: CliRunner, db_url: str) -> None:
    _run(runner, db_url, "users", "add", "bo", "--password-stdin", input="password-1\n")
    created = _run(runner, db_url, "tokens", "create", "ci", "--user", "bo")
    assert created.exit_code == 0, created.output
    token = created.stdout.strip()
    assert token.startswith("mil_") and len(created.stdout.splitlines()) == 1  # stdout: the token alone
    assert "cannot be shown again" in created.stderr
    listed = _run(runner, db_url, "tokens", "list")
    assert "ci" in listed.stdout and "bo" in listed.stdout and token not in listed.stdout
    (info,) = json.loads(_run(runner, db_url, "tokens", "list", "--format", "json").stdout)
    assert info["revoked_at"] is None and "token" not in info
    with open_db(db_url) as db:
        assert accounts.token_account(db, token) is not None
        from sqlalchemy import text

        with db.engine.connect() as conn:
            assert token not in str(conn.execute(text("SELECT * FROM api_tokens")).all())
    revoked = _run(runner, db_url, "tokens", "revoke", str(info["id"]))
    assert revoked.exit_code == 0 and "revoked token" in revoked.stderr
    with open_db(db_url) as db:
        assert accounts.token_account(db, token) is None


def test_bad_or_unreachable_databases(runner: CliRunner) -> None:
    _one_error(runner.invoke(app, ["users", "list", "--database-url", "not a url"]), "database URL")
    _one_error(runner.invoke(app, ["users", "list", "--database-url", "nosuchdialect://x"]), "cannot open")
    unreachable = "postgresql+psycopg://ana:secret@127.0.0.1:1/none?connect_timeout=2"
    result = runner.invoke(app, ["tokens", "create", "ci", "--user", "x", "--database-url", unreachable])
    _one_error(result, "cannot open postgresql+psycopg://ana:***@127.0.0.1:1/none")
    assert "secret" not in result.output


# --- what serve asks for ----------------------------------------------------------------------------------------


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """``uvicorn.run`` replaced by a recorder: what serve would have started, without listening."""
    uvicorn = pytest.importorskip("uvicorn")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_a_non_loopback_host_needs_team_mode(runner: CliRunner, db_url: str, no_server: list[Any]) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--database-url", db_url])
    _one_error(result, "--host 0.0.0.0", "--team", "users add")
    assert no_server == []


def test_team_mode_needs_an_admin(runner: CliRunner, db_url: str, no_server: list[Any]) -> None:
    _run(runner, db_url, "users", "add", "lea", "--role", "lead", "--password-stdin", input="password-1\n")
    for host in ("10.1.2.3", "127.0.0.1"):  # (refused before anything listens)
        result = runner.invoke(app, ["serve", "--team", "--host", host, "--database-url", db_url])
        _one_error(result, "team mode needs an admin", "makeitlast users add NAME --role admin")
    assert no_server == []


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_team_mode_with_an_admin_starts(
    runner: CliRunner, db_url: str, no_server: list[dict[str, Any]]
) -> None:
    _run(runner, db_url, "users", "add", "ana", "--role", "admin", "--password-stdin", input="password-1\n")
    result = runner.invoke(
        app, ["serve", "--team", "--port", str(_free_port()), "--workers", "1", "--database-url", db_url]
    )
    assert result.exit_code == 0, result.output
    assert "team mode" in result.stderr
    (call,) = no_server
    assert call["host"] == "127.0.0.1" and call["app"].state.team is True
    assert make_url(call["app"].state.db.url) == make_url(db_url)
    call["app"].state.db.close()


def test_local_mode_starts_without_users(
    runner: CliRunner, db_url: str, no_server: list[dict[str, Any]]
) -> None:
    result = runner.invoke(
        app, ["serve", "--port", str(_free_port()), "--workers", "1", "--database-url", db_url]
    )
    assert result.exit_code == 0, result.output
    (call,) = no_server
    assert call["app"].state.team is False
    call["app"].state.db.close()
