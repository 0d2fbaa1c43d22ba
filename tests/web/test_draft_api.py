"""POST /api/v1/draft through the ASGI app: the built-in drafter, its coach report, and clean 4xx errors."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from makeitlast.web.app import create_app


def _client(tmp_path: Path, db_url: str) -> TestClient:
    return TestClient(create_app(data_dir=tmp_path, database_url=db_url))


def test_draft_endpoint_returns_a_coached_draft(tmp_path: Path, db_url: str) -> None:
    with _client(tmp_path, db_url) as client:
        r = client.post(
            "/api/v1/draft",
            json={"customer": "My order #4471 arrived broken", "offer": "send a replacement", "agent": "Sam"},
        )
        assert r.status_code == 200
        body = r.json()
        assert "replacement" in body["text"] and body["text"].endswith("– Sam")
        assert body["source"] == "builtin"
        assert body["report"]["schema_version"] == 1 and body["report"]["score"] >= 90


def test_draft_endpoint_rejects_bad_input(tmp_path: Path, db_url: str) -> None:
    with _client(tmp_path, db_url) as client:
        assert client.post("/api/v1/draft", json={"customer": "   "}).status_code == 400
        assert client.post("/api/v1/draft", json={"customer": "x", "culture": "loud"}).status_code == 422
        assert client.post("/api/v1/draft", json={"text": "x"}).status_code == 422
