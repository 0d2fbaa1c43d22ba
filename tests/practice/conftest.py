"""Practice sessions played in these tests are stored (the terminal mode stores them for the login name by
default): every test gets a database of its own in its tmp dir, through ``$MAKEITLAST_DATABASE_URL``, which the
commands spawned in a pseudo-terminal inherit too. Nothing lands in the user's data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from makeitlast.store.db import URL_ENV, sqlite_url


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(URL_ENV, sqlite_url(tmp_path / "practice-default.db"))
