"""Shared fixtures of the web tests: a live server for the browser tests (the app under Uvicorn in a thread on a
free loopback port), a database per test on SQLite and, when ``MAKEITLAST_TEST_PG_URL`` is set, on PostgreSQL (a
schema of its own, dropped afterwards), and no test touching the user's real data directory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browsers import CHROMIUM, FLAGS, serving


@pytest.fixture(scope="session", autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Apps built without ``data_dir`` (``create_app()``) keep their analyses and database in a temporary folder."""
    folder = tmp_path_factory.mktemp("default-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MAKEITLAST_DATA", str(folder))
        mp.setenv("MAKEITLAST_DATABASE_URL", "sqlite:///" + (folder / "makeitlast.db").as_posix())
        yield


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app in local mode, served for the whole session."""
    from makeitlast.web.app import create_app

    with serving(create_app(data_dir=tmp_path_factory.mktemp("data"), workers=1)) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's, driven by Playwright) for the browser tests of one module (Playwright's sync
    API holds an event loop on this thread while it runs: it is not kept open across modules)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
