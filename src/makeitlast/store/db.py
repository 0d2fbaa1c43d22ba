"""Opening the database: where it lives, the engine, the schema upgrade and sessions.

>>> from makeitlast.store import User, open_db
>>> db = open_db("sqlite://")          # in memory; open_db() alone uses default_url()
>>> with db.session() as s:
...     s.add(User(name="ana"))
>>> db.close()

``open_db`` brings the schema to the newest migration every time it is called (a no-op once it is there), so any
front end can call it at start-up. The migrations ship inside the package and run through Alembic's API; no
``alembic.ini`` is needed. Developers adding a table write a new file in ``store/migrations/versions`` (next
revision id, ``down_revision`` the current head)::

    from alembic import command
    from makeitlast.store.db import alembic_config
    command.revision(alembic_config("sqlite:///dev.db"), message="add teams", rev_id="0002", autogenerate=True)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

#: Overrides the database location (any SQLAlchemy URL: ``sqlite:///path.db``, ``postgresql+psycopg://...``).
URL_ENV = "MAKEITLAST_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: An execution option read by the SQLite ``BEGIN`` hook: the schema upgrade takes the write lock up front.
_SQLITE_BEGIN = "makeitlast_sqlite_begin"
#: Alembic's ``context`` and ``op`` are process-wide: one migration at a time in a process (the database's own lock
#: orders processes).
_MIGRATING = threading.Lock()


class DatabaseError(Exception):
    """The database cannot be opened or upgraded (a bad URL, an unreachable server, a newer schema)."""


def default_url() -> str:
    """``$MAKEITLAST_DATABASE_URL``, else a SQLite file in the user's data directory."""
    from_env = os.environ.get(URL_ENV, "").strip()
    if from_env:
        return from_env
    import platformdirs

    return sqlite_url(Path(platformdirs.user_data_dir("makeitlast")) / "makeitlast.db")


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """``sqlite:////abs/path.db`` (``sqlite:///C:/path.db`` on Windows)."""
    return "sqlite:///" + Path(path).expanduser().absolute().as_posix()


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparsable database URL>"


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or parsed.query.get("mode") == "memory":
        return None
    return Path(database).expanduser()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; on SQLite with real transactions (DDL included), foreign keys on and a busy wait."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    connect_args = {"timeout": 30.0, **kwargs.pop("connect_args", {})}
    engine = create_engine(parsed, connect_args=connect_args, **kwargs)
    in_file = _sqlite_file(url) is not None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling skips DDL and BEGIN; take it over (SQLAlchemy's documented recipe)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if in_file:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(str(conn.get_execution_options().get(_SQLITE_BEGIN, "BEGIN")))

    return engine


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Any:
    """An ``alembic.config.Config`` for the packaged migrations (no ini file); ``connection`` is used if given."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package ships its migrations
        raise DatabaseError("no migrations found in the makeitlast package")
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the schema to ``revision``, in one transaction, holding the database's write lock (SQLite) or an
    advisory lock (PostgreSQL) so that two processes starting together do not both migrate."""
    from alembic import command

    with _MIGRATING, engine.connect() as conn:
        conn.execution_options(**{_SQLITE_BEGIN: "BEGIN IMMEDIATE"})
        command.upgrade(alembic_config(connection=conn), revision)
        if conn.in_transaction():
            conn.commit()


class Database:
    """An engine and a session factory. ``with db.session() as s:`` commits at the end, rolls back on error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=False)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({safe_url(self.url)!r})"


def open_db(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (and create) the database at ``url`` (default :func:`default_url`) with its schema at the newest
    migration. Idempotent: safe to call on every start."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    url = url or default_url()
    try:
        path = _sqlite_file(url)
    except ArgumentError as e:
        raise DatabaseError(f"bad database URL {safe_url(url)}: {e}") from None
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatabaseError(f"cannot create the folder for {path}: {e.strerror or e}") from None
    try:
        engine = make_engine(url)
    except (ArgumentError, ImportError) as e:
        raise DatabaseError(f"cannot open {safe_url(url)}: {e}") from None
    if migrate:
        try:
            head = head_revision()
            current = current_revision(engine)
            if current != head:
                _check_known(current)
                upgrade(engine)
        except SQLAlchemyError as e:
            engine.dispose()
            reason = str(getattr(e, "orig", None) or e).strip().splitlines()
            raise DatabaseError(
                f"cannot open {safe_url(url)}: {reason[0] if reason else type(e).__name__}"
            ) from e
        except DatabaseError:
            engine.dispose()
            raise
    return Database(engine)


def _check_known(revision: str | None) -> None:
    """A schema from a newer makeitlast (a revision this one does not ship) is left alone."""
    if revision is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise DatabaseError(
            f"the database schema is at revision {revision}, which this makeitlast does not know: "
            "it was written by a newer version; upgrade makeitlast"
        ) from None
