"""The database for a command: opened, its errors turned into one line on stderr and exit status 2, closed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from makeitlast.cli.errors import CliError

if TYPE_CHECKING:
    from makeitlast.store import Database


@contextmanager
def open_database(url: str | None, *errors: type[Exception]) -> Iterator[Database]:
    """``open_db(url)`` (``None``: the default database) for the ``with`` block. A database that cannot be opened
    or migrated, and any of ``errors`` raised inside the block (``PlanError``, ``AccountError`` ...), become a
    :class:`CliError` with the same message."""
    from makeitlast.store.db import DatabaseError, open_db

    try:
        db = open_db(url)
    except DatabaseError as e:
        raise CliError(str(e)) from None
    try:
        yield db
    except errors as e:
        raise CliError(str(e)) from None
    finally:
        db.close()
