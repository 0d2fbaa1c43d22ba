"""Accounts for team mode (``makeitlast.store.accounts``) and migration 0002: argon2 passwords, hashed tokens and
sessions, expiry, the last admin, and a downgrade that keeps everyone's data. On SQLite and, with
``MAKEITLAST_TEST_PG_URL`` set, on PostgreSQL (a schema of its own per test)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from makeitlast.store import Database, Plan, User, WebSession, accounts
from makeitlast.store.db import alembic_config, current_revision, upgrade


def test_passwords_are_argon2_and_checked(db: Database) -> None:
    ana = accounts.add_user(db, "  ana   lopez ", "lead", "a-long-password", team=" north ")
    assert (ana.name, ana.role, ana.team, ana.has_password) == ("ana lopez", "lead", "north", True)
    with db.session() as s:
        stored = s.scalars(select(User.password_hash)).one()
    assert stored is not None and stored.startswith("$argon2id$") and "a-long-password" not in stored
    assert accounts.authenticate(db, "ana lopez", "a-long-password") == ana
    assert accounts.authenticate(db, "ana lopez", "a-long-passwore") is None
    assert accounts.authenticate(db, "nobody", "a-long-password") is None
    with pytest.raises(accounts.DuplicateAccount):
        accounts.add_user(db, "ana lopez", "agent", "another-password")
    for bad in ("short", "x" * 2000):
        with pytest.raises(accounts.AccountError, match="password"):
            accounts.add_user(db, "bo", "agent", bad)
    with pytest.raises(accounts.AccountError, match="role"):
        accounts.add_user(db, "bo", "owner", "a-long-password")
    with pytest.raises(accounts.AccountError, match="control"):
        accounts.add_user(db, "bo\x00", "agent", "a-long-password")


def test_a_user_from_the_plan_commands_can_be_given_a_password(db: Database) -> None:
    with db.session() as s:
        s.add(User(name="cy"))  # as `makeitlast plan new --user cy` creates them
    assert accounts.get_user(db, "cy").has_password is False
    assert accounts.authenticate(db, "cy", "") is None
    cy = accounts.add_user(db, "cy", "agent", "cy-password-1")
    assert cy.has_password and accounts.authenticate(db, "cy", "cy-password-1") is not None


def test_the_last_admin_stays(db: Database) -> None:
    accounts.add_user(db, "root", "admin", "root-password")
    with pytest.raises(accounts.AccountError, match="last active admin"):
        accounts.update_user(db, "root", disabled=True)
    with pytest.raises(accounts.AccountError, match="last active admin"):
        accounts.update_user(db, "root", role="lead")
    assert accounts.has_admin(db) and accounts.get_user(db, "root").role == "admin"  # nothing was changed
    accounts.add_user(db, "second", "admin", "second-password")
    accounts.update_user(db, "root", role="agent")
    assert accounts.get_user(db, "root").role == "agent"


def test_tokens_and_sessions(db: Database) -> None:
    bo = accounts.add_user(db, "bo", "agent", "bo-password-1")
    info, token = accounts.create_token(db, "bo", "ci")
    assert token.startswith(accounts.TOKEN_PREFIX) and accounts.token_account(db, token) == bo
    assert accounts.token_account(db, token + "x") is None
    assert accounts.token_account(db, "not-even-a-token") is None
    assert accounts.list_tokens(db, "bo")[0].last_used_at is not None
    accounts.revoke_token(db, info.id)
    assert accounts.token_account(db, token) is None
    assert accounts.revoke_token(db, info.id).revoked  # again: still revoked, not an error

    session_id, csrf = accounts.create_session(db, bo.id)
    assert accounts.session_account(db, session_id) == (bo, csrf)
    short, _ = accounts.create_session(db, bo.id, ttl=timedelta(seconds=-1))  # already over
    assert accounts.session_account(db, short) is None
    accounts.create_session(db, bo.id)  # clears the expired one on the way
    with db.session() as s:
        assert len(s.scalars(select(WebSession)).all()) == 2
    accounts.update_user(db, "bo", disabled=True)  # disabling ends the sessions
    with db.session() as s:
        assert s.scalars(select(WebSession)).all() == []
    assert accounts.session_account(db, session_id) is None


def test_downgrading_0002_keeps_users_and_their_plans(db: Database) -> None:
    from alembic import command

    accounts.add_user(db, "ana", "admin", "ana-password", team="north")
    with db.session() as s:
        ana = s.scalars(select(User)).one()
        s.add(Plan(user=ana, started_on=date(2026, 10, 20), days=21, timezone="UTC"))
    with db.engine.connect() as conn:
        command.downgrade(alembic_config(connection=conn), "0001")
        conn.commit()
    assert current_revision(db.engine) == "0001"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM users")).scalars().all() == ["ana"]
        assert conn.execute(text("SELECT count(*) FROM plans")).scalar_one() == 1  # not cascaded away
    upgrade(db.engine)
    assert accounts.get_user(db, "ana").team is None and accounts.authenticate(db, "ana", "ana-password")
