"""``makeitlast users ...`` and ``makeitlast tokens ...``: the accounts of the web app's team mode.

``makeitlast serve --team`` needs an admin to exist first::

    makeitlast users add ana --role admin                 # the password is asked twice
    echo "$PASSWORD" | makeitlast users add bot --role agent --password-stdin
    makeitlast tokens create ci --user bot                # prints the token, once

Only Typer is imported here at start-up; the store is imported inside the commands. Bad input (an unknown user, a
duplicate name, a short password, a bad database URL, an unreachable server) is one line on stderr, exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from makeitlast.cli._options import TextOrJson
from makeitlast.cli._store import open_database
from makeitlast.cli.errors import CliError, guarded, say

if TYPE_CHECKING:
    from makeitlast.store.db import Database

users_app = typer.Typer(
    help="Users of the web app's team mode (makeitlast serve --team): add, list, disable, enable.",
    no_args_is_help=True,
)
tokens_app = typer.Typer(
    help="API tokens for the web app's team mode (Authorization: Bearer TOKEN): create, list, revoke.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add ``users`` and ``tokens`` to the ``makeitlast`` command."""
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")


class Role(StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    ADMIN = "admin"


_DB = typer.Option(
    "--database-url",
    metavar="URL",
    help="Database (default: $MAKEITLAST_DATABASE_URL, else SQLite in your data directory), as for serve.",
)
_FORMAT = typer.Option("--format", "-f", case_sensitive=False, help="A table, or JSON.")


@contextmanager
def _db(url: str | None) -> Iterator[Database]:
    from makeitlast.store.accounts import AccountError

    with open_database(url, AccountError) as db:
        yield db


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            raise CliError("--password-stdin: no password on standard input")
        return password
    try:
        first = typer.prompt("Password", hide_input=True, err=True)
        second = typer.prompt("Repeat the password", hide_input=True, err=True)
    except (EOFError, typer.Abort):
        raise CliError("no password given (use --password-stdin in scripts)") from None
    if first != second:
        raise CliError("the two passwords differ: nothing was changed")
    return str(first)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The login name.", show_default=False)],
    role: Annotated[
        Role, typer.Option("--role", "-r", case_sensitive=False, help="agent, lead or admin.")
    ] = Role.AGENT,
    team: Annotated[str | None, typer.Option("--team", "-t", help="The user's team (optional).")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin (no prompt)."),
    ] = False,
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Add a user who can log in to the web app (the password is asked twice, or read with --password-stdin)."""
    with guarded():
        from makeitlast.store.accounts import DuplicateAccount, UnknownAccount, add_user, clean_name, get_user

        with _db(database_url) as db:
            name = clean_name(name)
            try:  # refused before the password is asked for
                if get_user(db, name).has_password:
                    raise DuplicateAccount(f"user {name!r} already exists")
            except UnknownAccount:
                pass
            user = add_user(db, name, role.value, _read_password(password_stdin), team)
        say(f"added {user.name} ({user.role}{', team ' + user.team if user.team else ''})")


@users_app.command("list")
def users_list(
    format: Annotated[TextOrJson, _FORMAT] = TextOrJson.TEXT,
    team: Annotated[str | None, typer.Option("--team", "-t", help="Only this team.")] = None,
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """List the users: name, role, team, state (active, disabled, or no password: cannot log in)."""
    with guarded():
        from makeitlast.store.accounts import list_users

        with _db(database_url) as db:
            users = list_users(db, team=team)
        if format is TextOrJson.JSON:
            typer.echo(json.dumps([u.to_json_dict() for u in users], ensure_ascii=False, indent=2))
            return
        if not users:
            say("no users yet: makeitlast users add NAME --role admin")
            return
        width = max(len(u.name) for u in users)
        for u in users:
            state = "disabled" if u.disabled else ("active" if u.has_password else "no password")
            typer.echo(f"{u.name:<{width}}  {u.role:<5}  {state:<11}  {u.team or '-'}")


def _set_disabled(name: str, disabled: bool, database_url: str | None) -> None:
    from makeitlast.store.accounts import update_user

    with _db(database_url) as db:
        user = update_user(db, name, disabled=disabled)
    say(f"{'disabled' if disabled else 'enabled'} {user.name}")


@users_app.command("disable")
def users_disable(
    name: Annotated[str, typer.Argument(help="The user to disable.", show_default=False)],
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Stop a user from logging in (ends their sessions; their tokens stop working too)."""
    with guarded():
        _set_disabled(name, True, database_url)


@users_app.command("enable")
def users_enable(
    name: Annotated[str, typer.Argument(help="The user to enable again.", show_default=False)],
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Let a disabled user log in again."""
    with guarded():
        _set_disabled(name, False, database_url)


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Argument(help="What the token is for, e.g. ci.", show_default=False)],
    user: Annotated[
        str, typer.Option("--user", "-u", help="The user the token acts as.", show_default=False)
    ],
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Create an API token for a user and print it (on stdout, once: only its SHA-256 is kept)."""
    with guarded():
        from makeitlast.store.accounts import create_token

        with _db(database_url) as db:
            info, secret = create_token(db, user, name)
        typer.echo(secret)
        say(f"token {info.id} ({info.name}) for {info.user}: copy it now, it cannot be shown again")


@tokens_app.command("list")
def tokens_list(
    user: Annotated[str | None, typer.Option("--user", "-u", help="Only this user's tokens.")] = None,
    format: Annotated[TextOrJson, _FORMAT] = TextOrJson.TEXT,
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """List the API tokens (never the tokens themselves): id, name, user, created, last used, revoked."""
    with guarded():
        from makeitlast.store.accounts import list_tokens

        with _db(database_url) as db:
            tokens = list_tokens(db, user)
        if format is TextOrJson.JSON:
            typer.echo(json.dumps([t.to_json_dict() for t in tokens], ensure_ascii=False, indent=2))
            return
        for t in tokens:
            used = t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "never used"
            state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
            typer.echo(
                f"{t.id:>4}  {t.name}  {t.user}  created {t.created_at:%Y-%m-%d %H:%M}  {used}  {state}"
            )


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[
        int, typer.Argument(metavar="ID", help="The token's id (tokens list).", show_default=False)
    ],
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Revoke an API token: requests with it are refused from now on."""
    with guarded():
        from makeitlast.store.accounts import revoke_token

        with _db(database_url) as db:
            info = revoke_token(db, token_id)
        say(f"revoked token {info.id} ({info.name}) of {info.user}")
