"""Accounts for team mode: users with roles, argon2 password hashes, API tokens and browser sessions.

No secret is stored as given: passwords are kept as argon2id hashes (``argon2-cffi``), API tokens and session ids
as their SHA-256 hex digests (they are long random strings, so a fast hash is enough: nothing to guess), and a
token is shown once, when it is created. Used by ``makeitlast users`` / ``makeitlast tokens`` and by the web app
(``makeitlast.web.auth``).

Roles, each with what the one before it has: ``agent`` (the coach page, their own coached replies, practice and
plan), ``lead`` (plus insights, follow-ups and everyone's coached replies), ``admin`` (plus users and tokens).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from makeitlast.store.db import Database
from makeitlast.store.models import ROLES, ApiToken, User, WebSession
from makeitlast.store.types import utcnow

#: How long a login lasts.
SESSION_TTL = timedelta(hours=12)
#: Every token starts with this, so that one pasted into the wrong place is recognisable (and greppable).
TOKEN_PREFIX = "mil_"
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
#: ``api_tokens.last_used_at`` is written at most this often per token (not on every request).
LAST_USED_EVERY = timedelta(minutes=1)


class AccountError(Exception):
    """A request the accounts cannot carry out (unknown user, duplicate name, short password, last admin ...)."""


class UnknownAccount(AccountError):
    """No such user or token."""


class DuplicateAccount(AccountError):
    """A user of that name can already log in."""


def role_rank(role: str) -> int:
    """0 for agent, 1 for lead, 2 for admin."""
    try:
        return ROLES.index(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}: one of {', '.join(ROLES)}") from None


@dataclass(frozen=True, slots=True)
class Account:
    """A user as the rest of the program sees it (``request.state.user`` in the web app's team mode)."""

    id: int
    name: str
    role: str
    team: str | None
    disabled: bool
    has_password: bool
    created_at: datetime

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return role_rank(self.role) >= role_rank(role)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "team": self.team,
            "disabled": self.disabled,
            "has_password": self.has_password,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token without its secret."""

    id: int
    name: str
    user: str
    user_id: int
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "user": self.user,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def _account(user: User) -> Account:
    return Account(
        id=user.id,
        name=user.name,
        role=user.role,
        team=user.team,
        disabled=user.disabled_at is not None,
        has_password=user.password_hash is not None,
        created_at=user.created_at,
    )


def _token_info(token: ApiToken) -> TokenInfo:
    return TokenInfo(
        id=token.id,
        name=token.name,
        user=token.user.name,
        user_id=token.user_id,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
    )


# --- secrets --------------------------------------------------------------------------------------------------


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's (RFC 9106 "low memory") parameters


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (a PHC string with its own salt and parameters)."""
    return str(_hasher().hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so that a wrong name takes as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def digest(secret: str) -> str:
    """How tokens and session ids are stored: the SHA-256 hex digest."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


# --- validation -----------------------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A user or token name: spaces collapsed, 1 to 100 characters, no control characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise AccountError("a name is needed")
    if len(cleaned) > 100:
        raise AccountError(f"name too long ({len(cleaned)} characters, at most 100)")
    if any(ord(c) < 32 or ord(c) == 127 for c in cleaned):
        raise AccountError("a name cannot contain control characters")
    return cleaned


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is too short: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"the password is too long: at most {MAX_PASSWORD} characters")
    return password


def _clean_team(team: str | None) -> str | None:
    if team is None:
        return None
    cleaned = " ".join(team.split())
    if len(cleaned) > 100:
        raise AccountError(f"team name too long ({len(cleaned)} characters, at most 100)")
    return cleaned or None


# --- users ----------------------------------------------------------------------------------------------------


def _find(s: Session, who: int | str) -> User:
    if isinstance(who, int):
        user = s.get(User, who)
        if user is None:
            raise UnknownAccount(f"no user with id {who}")
        return user
    name = clean_name(who)
    found = s.scalars(select(User).where(User.name == name)).one_or_none()
    if found is None:
        raise UnknownAccount(f"no user {name!r} (makeitlast users list shows them)")
    return found


def add_user(db: Database, name: str, role: str, password: str, team: str | None = None) -> Account:
    """Create a user who can log in. A user that exists only from the plan or practice commands (no password
    yet) gets the password and role; a user who can already log in is a duplicate."""
    name = clean_name(name)
    role_rank(role)
    password_hash = hash_password(check_password(password))
    team = _clean_team(team)
    from sqlalchemy.exc import IntegrityError

    try:
        with db.session() as s:
            user = s.scalars(select(User).where(User.name == name)).one_or_none()
            if user is not None and user.password_hash is not None:
                raise DuplicateAccount(f"user {name!r} already exists")
            if user is None:
                user = User(name=name)
                s.add(user)
            user.role, user.password_hash, user.team = role, password_hash, team
            s.flush()
            return _account(user)
    except IntegrityError:  # created by someone else at the same moment
        raise DuplicateAccount(f"user {name!r} already exists") from None


def get_user(db: Database, who: int | str) -> Account:
    with db.session() as s:
        return _account(_find(s, who))


def list_users(db: Database, team: str | None = None) -> list[Account]:
    with db.session() as s:
        query = select(User).order_by(User.name)
        if team is not None:
            query = query.where(User.team == team)
        return [_account(u) for u in s.scalars(query)]


def _active_admins(s: Session) -> int:
    return (
        s.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == "admin", User.disabled_at.is_(None), User.password_hash.is_not(None))
        )
        or 0
    )


def has_admin(db: Database) -> bool:
    """Whether someone can log in as admin (team mode needs one to manage the rest)."""
    with db.session() as s:
        return _active_admins(s) > 0


_KEEP: Any = object()


def update_user(
    db: Database,
    who: int | str,
    *,
    role: str | None = None,
    team: Any = _KEEP,
    disabled: bool | None = None,
    password: str | None = None,
) -> Account:
    """Change a user's role, team (``None`` clears it), password, or disable / enable them. Disabling ends their
    browser sessions (their tokens stop working while they are disabled). The last active admin cannot be
    disabled or given another role: nobody could manage users any more."""
    if role is not None:
        role_rank(role)
    password_hash = hash_password(check_password(password)) if password is not None else None
    with db.session() as s:
        user = _find(s, who)
        was_admin = user.role == "admin" and user.disabled_at is None and user.password_hash is not None
        if role is not None:
            user.role = role
        if team is not _KEEP:
            user.team = _clean_team(team)
        if password_hash is not None:
            user.password_hash = password_hash
        if disabled is True and user.disabled_at is None:
            user.disabled_at = utcnow()
            s.execute(delete(WebSession).where(WebSession.user_id == user.id))
        elif disabled is False:
            user.disabled_at = None
        s.flush()
        if was_admin and _active_admins(s) == 0:
            raise AccountError(f"{user.name!r} is the last active admin: make someone else admin first")
        return _account(user)


def authenticate(db: Database, name: str, password: str) -> Account | None:
    """The active user with this name and password, else ``None`` (taking about as long either way)."""
    try:
        name = clean_name(name)
    except AccountError:
        verify_password(_dummy_hash(), password)
        return None
    with db.session() as s:
        user = s.scalars(select(User).where(User.name == name)).one_or_none()
        if user is None or user.password_hash is None:
            verify_password(_dummy_hash(), password)
            return None
        if not verify_password(user.password_hash, password) or user.disabled_at is not None:
            return None
        if _hasher().check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return _account(user)


# --- API tokens -----------------------------------------------------------------------------------------------


def create_token(db: Database, user: int | str, name: str) -> tuple[TokenInfo, str]:
    """A new token for ``user``: its description and the token itself, which is not stored and cannot be shown
    again."""
    name = clean_name(name)
    secret = new_token()
    with db.session() as s:
        owner = _find(s, user)
        token = ApiToken(user=owner, name=name, token_hash=digest(secret))
        s.add(token)
        s.flush()
        return _token_info(token), secret


def list_tokens(db: Database, user: int | str | None = None) -> list[TokenInfo]:
    with db.session() as s:
        query = select(ApiToken).order_by(ApiToken.id)
        if user is not None:
            query = query.where(ApiToken.user_id == _find(s, user).id)
        return [_token_info(t) for t in s.scalars(query)]


def revoke_token(db: Database, token_id: int) -> TokenInfo:
    with db.session() as s:
        token = s.get(ApiToken, token_id)
        if token is None:
            raise UnknownAccount(f"no token with id {token_id} (makeitlast tokens list shows them)")
        if token.revoked_at is None:
            token.revoked_at = utcnow()
        return _token_info(token)


def token_account(db: Database, secret: str) -> Account | None:
    """The user a presented token belongs to, if the token exists, is not revoked and its user is active."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    with db.session() as s:
        token = s.scalars(select(ApiToken).where(ApiToken.token_hash == digest(secret))).one_or_none()
        if token is None or token.revoked_at is not None or token.user.disabled_at is not None:
            return None
        now = utcnow()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            token.last_used_at = now
        return _account(token.user)


# --- browser sessions -----------------------------------------------------------------------------------------


def create_session(db: Database, user_id: int, ttl: timedelta = SESSION_TTL) -> tuple[str, str]:
    """A new login for ``user_id``: (the session id for the cookie, the CSRF token for its forms). Expired
    sessions of anyone are cleared on the way."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    with db.session() as s:
        s.execute(delete(WebSession).where(WebSession.expires_at < now))
        s.add(
            WebSession(
                session_hash=digest(session_id), user_id=user_id, csrf_token=csrf, expires_at=now + ttl
            )
        )
    return session_id, csrf


def session_account(db: Database, session_id: str) -> tuple[Account, str] | None:
    """The active user of an unexpired session and the session's CSRF token, else ``None``."""
    if len(session_id) > 200:
        return None
    with db.session() as s:
        found = s.scalars(
            select(WebSession).where(
                WebSession.session_hash == digest(session_id), WebSession.expires_at > utcnow()
            )
        ).one_or_none()
        if found is None or found.user.disabled_at is not None:
            return None
        return _account(found.user), found.csrf_token


def end_session(db: Database, session_id: str) -> None:
    with db.session() as s:
        s.execute(delete(WebSession).where(WebSession.session_hash == digest(session_id)))
