"""Alembic's environment for makeitlast's packaged migrations.

Run through :func:`makeitlast.store.db.upgrade` (which passes its connection in ``config.attributes``), or with
the ``alembic`` command and a config from :func:`makeitlast.store.db.alembic_config`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from makeitlast.store.db import make_engine
from makeitlast.store.models import Base

config = context.config
target_metadata = Base.metadata
#: Held for the migration's transaction on PostgreSQL, so two processes starting together migrate one at a time.
ADVISORY_LOCK = 0x6D616B65  # "make"


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})")
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url (makeitlast.store.db.alembic_config(url))")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            if conn.in_transaction():
                conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
