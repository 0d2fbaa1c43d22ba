"""Fixtures shared by every test folder: a private database on each backend the machine offers.

``db_url`` (and ``db``, the same opened) is a new SQLite file per test and, when ``MAKEITLAST_TEST_PG_URL`` names a
PostgreSQL server (``.ci/run`` starts one), also a new PostgreSQL schema per test, dropped afterwards: the tests
that take them run once per backend.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from makeitlast.store import Database, open_db
from makeitlast.store.db import sqlite_url

PG_ENV = "MAKEITLAST_TEST_PG_URL"


def _backends() -> list[pytest.param]:  # type: ignore[valid-type]
    params = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(PG_ENV):
        params.append(pytest.param("postgresql", id="postgresql"))
    return params


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL nobody else uses: a new SQLite file, or a new PostgreSQL schema (dropped afterwards)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "db" / "makeitlast.db")
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ[PG_ENV]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The database of :func:`db_url`, opened (migrated) and closed after the test."""
    database = open_db(db_url)
    yield database
    database.close()
