"""The tables, as SQLAlchemy 2.0 typed declarative models.

The schema itself is owned by the Alembic migrations in ``makeitlast/store/migrations/versions``: a change here
needs a new migration there (``tests/store/test_db.py`` checks that the two agree).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from makeitlast.store.types import UTCDateTime, utcnow

#: Constraint and index names follow one pattern, so that later migrations can name what they alter (SQLite's
#: batch mode needs the names).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("agent", "lead", "admin")
COMMITMENT_KINDS = ("default", "custom")
SOURCES = ("cli", "web", "practice", "webhook")
MIN_DAYS = 21
MAX_DAYS = 30


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16), default="agent", server_default="agent")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: The team a lead or agent belongs to (free text; ``None``: no team). Filters ``GET /api/v1/coached``.
    team: Mapped[str | None] = mapped_column(String(100))
    #: When an admin disabled the account (``None``: active). A disabled user cannot log in or use a token.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    plans: Mapped[list[Plan]] = relationship(back_populates="user", cascade="all, delete-orphan")


class Plan(Base):
    """A personal action plan: a few commitments kept for 21 to 30 days, from ``started_on`` in ``timezone``."""

    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint(f"days >= {MIN_DAYS} AND days <= {MAX_DAYS}", name="days"),
        # One active plan per user (a partial unique index: both SQLite and PostgreSQL have them).
        Index(
            "uq_plans_user_id_active",
            "user_id",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    #: An IANA zone name (``Europe/London``): the plan's days are calendar days there.
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    user: Mapped[User] = relationship(back_populates="plans")
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Commitment.position"
    )
    checkins: Mapped[list[CheckIn]] = relationship(back_populates="plan", cascade="all, delete-orphan")


class Commitment(Base):
    __tablename__ = "commitments"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint(_in("kind", COMMITMENT_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="default", server_default="default")
    #: 1-based, in the order the trainee committed to them.
    position: Mapped[int] = mapped_column(Integer)
    #: The rule codes whose findings track this commitment, comma-separated (``D006,D010,D011``; empty: none).
    codes: Mapped[str] = mapped_column(String(200), default="", server_default="")

    plan: Mapped[Plan] = relationship(back_populates="commitments")


class CheckIn(Base):
    """Whether one commitment was kept on one plan day (a calendar day in the plan's time zone)."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("plan_id", "day", "commitment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    kept: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="checkins")
    commitment: Mapped[Commitment] = relationship()


class PracticeSession(Base):
    """One role-play: the scenario, the random seed it ran with, how it ended and the coached turns."""

    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_user_id_started_at", "user_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    scenario_id: Mapped[str] = mapped_column(String(100))
    seed: Mapped[int | None] = mapped_column(BigInteger)
    ending: Mapped[str | None] = mapped_column(String(32))
    score: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    result_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class CoachedReply(Base):
    """One reply the coach judged: who wrote it, from where, its score and rule codes, and the whole report."""

    __tablename__ = "coached_replies"
    __table_args__ = (
        CheckConstraint(_in("source", SOURCES), name="source"),
        Index("ix_coached_replies_user_id_created_at", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    score: Mapped[int | None] = mapped_column(Integer)
    #: The findings' rule codes, comma-separated in report order, repeats kept (``D001,D006,D006``).
    codes: Mapped[str] = mapped_column(Text, default="", server_default="")
    report_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ApiToken(Base):
    """A bearer token for the REST API. Only the SHA-256 of the token is stored: it is shown once, at creation."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: ``sha256(token).hexdigest()``.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class WebSession(Base):
    """A logged-in browser: the SHA-256 of the session cookie, its user, the CSRF token of its forms, its end."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    user: Mapped[User] = relationship()
