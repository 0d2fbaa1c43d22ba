"""The initial schema: users, plans, commitments, checkins, practice_sessions, coached_replies.

Revision ID: 0001
Revises:
Create Date: 2026-05-01

Revision ids are four-digit numbers in order (0002, 0003 ...), each ``down_revision`` the one before: one line of
history, no branches.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _now() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), server_default="agent", nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("created_at", _now(), nullable=False),
        sa.CheckConstraint("role IN ('agent', 'lead', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_at", _now(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint("days >= 21 AND days <= 30", name=op.f("ck_plans_days")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_plans_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_index(op.f("ix_plans_user_id"), "plans", ["user_id"])
    op.create_index(
        "uq_plans_user_id_active",
        "plans",
        ["user_id"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), server_default="default", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("codes", sa.String(200), server_default="", nullable=False),
        sa.CheckConstraint("kind IN ('default', 'custom')", name=op.f("ck_commitments_kind")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_commitments_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_commitments_plan_id_position")),
    )
    op.create_index(op.f("ix_commitments_plan_id"), "commitments", ["plan_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", _now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_checkins_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_checkins_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint(
            "plan_id", "day", "commitment_id", name=op.f("uq_checkins_plan_id_day_commitment_id")
        ),
    )
    op.create_index(op.f("ix_checkins_plan_id"), "checkins", ["plan_id"])
    op.create_index(op.f("ix_checkins_commitment_id"), "checkins", ["commitment_id"])
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        sa.Column("ending", sa.String(32), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("started_at", _now(), nullable=False),
        sa.Column("result_json", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_practice_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_sessions")),
    )
    op.create_index("ix_practice_sessions_user_id_started_at", "practice_sessions", ["user_id", "started_at"])
    op.create_table(
        "coached_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created_at", _now(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("codes", sa.Text(), server_default="", nullable=False),
        sa.Column("report_json", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "source IN ('cli', 'web', 'practice', 'webhook')", name=op.f("ck_coached_replies_source")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_coached_replies_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coached_replies")),
    )
    op.create_index("ix_coached_replies_user_id_created_at", "coached_replies", ["user_id", "created_at"])


def downgrade() -> None:
    op.drop_table("coached_replies")
    op.drop_table("practice_sessions")
    op.drop_table("checkins")
    op.drop_table("commitments")
    op.drop_index("uq_plans_user_id_active", table_name="plans")
    op.drop_table("plans")
    op.drop_table("users")
