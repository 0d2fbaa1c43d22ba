"""The web app's database: created and migrated on first start, coached replies (webhook and saved checks) kept in
``coached_replies`` with the same answers as before, and the offline OpenAPI explorer. The database tests run on
SQLite and, with ``MAKEITLAST_TEST_PG_URL`` set, on PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from makeitlast.store import CoachedReply, Database
from makeitlast.store.db import current_revision, head_revision, sqlite_url
from makeitlast.web.app import create_app, zendesk_signature

SECRET = "c3RvcmFnZSB0ZXN0IHNlY3JldA=="
CUSTOMER = "My order #4471 arrived broken and I want a refund"
WALL = "It's our policy, nothing I can do."


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    application = create_app(data_dir=tmp_path, database_url=db_url, zendesk_secret=SECRET, workers=1)
    yield application
    application.state.db.close()


def _webhook(client: TestClient, ticket: int, body: str) -> dict:  # type: ignore[type-arg]
    payload = json.dumps(
        {"ticket_id": ticket, "customer": CUSTOMER, "comment": {"body": body, "public": True}}
    )
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    res = client.post(
        "/api/v1/webhooks/zendesk",
        content=payload.encode(),
        headers={
            "content-type": "application/json",
            "X-Zendesk-Webhook-Signature": zendesk_signature(SECRET, stamp, payload.encode()),
            "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        },
    )
    assert res.status_code == 200, res.text
    return res.json()  # type: ignore[no-any-return]


def test_a_fresh_database_is_created_and_migrated_on_start(tmp_path: Path) -> None:
    app = create_app(data_dir=tmp_path / "new" / "data", workers=1)
    try:
        db: Database = app.state.db
        assert (tmp_path / "new" / "data" / "makeitlast.db").is_file()
        assert db.url == sqlite_url(tmp_path / "new" / "data" / "makeitlast.db")
        assert current_revision(db.engine) == head_revision()
    finally:
        app.state.db.close()


def test_webhook_results_are_kept_in_the_database(app: FastAPI, db_url: str, tmp_path: Path) -> None:
    client = TestClient(app)
    assert _webhook(client, 5012, WALL)["coached"] is True
    assert (
        _webhook(client, 5013, "Sorry! A replacement ships today. Thanks for your patience.")["coached"]
        is True
    )
    with app.state.db.session() as s:
        rows = s.scalars(select(CoachedReply).order_by(CoachedReply.id)).all()
        assert [(r.source, r.user_id) for r in rows] == [("webhook", None), ("webhook", None)]
        assert "D001" in rows[0].codes.split(",") and rows[0].report_json["id"] == "5012"
    assert not list(tmp_path.rglob("coached.jsonl"))  # no file beside the database any more

    stored = client.get("/api/v1/coached").json()
    assert [r["ticket"] for r in stored] == ["5013", "5012"]  # newest first
    first = stored[1]
    assert list(first)[:4] == ["source", "ticket", "received", "user"]
    assert first["source"] == "zendesk" and first["user"] is None and first["schema_version"] == 1
    assert datetime.fromisoformat(first["received"]).tzinfo is not None
    assert {f["code"] for f in first["findings"]} >= {"D001"}
    assert len(client.get("/api/v1/coached", params={"limit": 1}).json()) == 1

    again = create_app(data_dir=tmp_path / "other", database_url=db_url, workers=1)  # a restart keeps them
    try:
        assert [r["ticket"] for r in TestClient(again).get("/api/v1/coached").json()] == ["5013", "5012"]
    finally:
        again.state.db.close()


def test_checks_are_kept_only_when_asked(app: FastAPI) -> None:
    client = TestClient(app)
    for typed in ("It's", "It's our", "It's our policy"):  # what the page sends while the agent types
        assert client.post("/api/v1/check", json={"reply": typed, "customer": CUSTOMER}).status_code == 200
    assert client.get("/api/v1/coached").json() == []
    res = client.post("/api/v1/check", json={"reply": WALL, "customer": CUSTOMER, "record": True})
    assert res.status_code == 200 and int(res.headers["x-coached-id"]) > 0
    assert "record" not in res.json()  # the answer is still the schema-1 report
    stored = client.get("/api/v1/coached").json()
    assert len(stored) == 1 and stored[0]["source"] == "web" and stored[0]["user"] is None
    assert stored[0]["score"] == res.json()["score"]


def test_customer_text_with_markup_never_reaches_page_html(app: FastAPI) -> None:
    client = TestClient(app)
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    client.post("/api/v1/check", json={"reply": evil + " calm down", "customer": evil, "record": True})
    _webhook(client, 7, evil + " calm down")
    for path in ("/", "/rules", "/insights", "/followups", "/docs"):
        page = client.get(path).text
        assert "alert(1)" not in page and "onerror" not in page, path
    # the API gives it back as JSON data (the page scripts write it with textContent)
    assert client.get("/api/v1/coached").json()[0]["findings"]


# --- /docs without a CDN --------------------------------------------------------------------------------------


def test_docs_reference_no_external_host(tmp_path: Path) -> None:
    app = create_app(data_dir=tmp_path, workers=1)
    try:
        client = TestClient(app)
        page = client.get("/docs")
        assert page.status_code == 200
        refs = re.findall(r"""(?:src|href)=["']?([^"'\s>]+)""", page.text)
        assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs), refs
        assert "http:" not in page.text and "https:" not in page.text
        csp = page.headers["content-security-policy"]
        assert "http" not in csp and "script-src 'self';" in csp and "unsafe-eval" not in csp
        for ref in refs:
            asset = client.get(ref)
            assert asset.status_code == 200, ref
        bundle = client.get("/docs-assets/swagger-ui-bundle.js")
        assert bundle.headers["content-type"].startswith("text/javascript") and len(bundle.content) > 100_000
        assert client.get("/docs-assets/../app.py").status_code == 404
        assert client.get("/docs-assets/index.html").status_code == 404
        assert client.get("/redoc").status_code == 404  # ReDoc loads from a CDN: not offered
        assert client.get("/openapi.json").json()["paths"]["/api/v1/coached"]
    finally:
        app.state.db.close()
