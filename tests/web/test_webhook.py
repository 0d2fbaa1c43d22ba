"""The Zendesk webhook: HMAC-SHA256 signature checked, public agent comments coached and stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from makeitlast.web.app import create_app, zendesk_signature

SECRET = "dGhpcyBpcyBhIHRlc3Qgc2VjcmV0"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(data_dir=tmp_path, zendesk_secret=SECRET))


def _post(client: TestClient, payload: dict, *, secret: str = SECRET, at: datetime | None = None):  # type: ignore[no-untyped-def,type-arg]
    body = json.dumps(payload).encode()
    stamp = (at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    headers = {
        "content-type": "application/json",
        "X-Zendesk-Webhook-Signature": zendesk_signature(secret, stamp, body),
        "X-Zendesk-Webhook-Signature-Timestamp": stamp,
    }
    return client.post("/api/v1/webhooks/zendesk", content=body, headers=headers)


TRIGGER = {
    "ticket_id": 5012,
    "customer": "My order #4471 arrived broken and I want a refund",
    "comment": {"body": "It's our policy, nothing I can do.", "public": True},
}


def test_signature_matches_zendesks_documented_formula() -> None:
    # base64(HMACSHA256(TIMESTAMP + BODY)), computed independently with the standard library
    import base64
    import hashlib
    import hmac

    want = base64.b64encode(hmac.new(b"k", b"2026-01-01T00:00:00Z{}", hashlib.sha256).digest()).decode()
    assert zendesk_signature("k", "2026-01-01T00:00:00Z", b"{}") == want


def test_a_signed_comment_is_coached_and_stored(client: TestClient) -> None:
    res = _post(client, TRIGGER)
    assert res.status_code == 200, res.text
    assert res.json()["coached"] is True and "D001" in res.json()["codes"]
    stored = client.get("/api/v1/coached").json()
    assert stored[0]["ticket"] == "5012" and stored[0]["schema_version"] == 1


def test_bad_or_missing_signatures_and_replays_are_refused(client: TestClient) -> None:
    assert _post(client, TRIGGER, secret="wrong").status_code == 401
    assert client.post("/api/v1/webhooks/zendesk", json=TRIGGER).status_code == 401
    old = _post(client, TRIGGER, at=datetime.now(UTC) - timedelta(hours=1))
    assert old.status_code == 401 and "too old" in old.json()["detail"]
    assert client.get("/api/v1/coached").json() == []


def test_internal_notes_and_customer_comments_are_not_coached(client: TestClient) -> None:
    note = {**TRIGGER, "comment": {"body": "customer is difficult", "public": False}}
    assert _post(client, note).json()["coached"] is False
    event = {
        "type": "zen:event-type:ticket.comment_added",
        "detail": {"id": "77", "description": "Where is my parcel?"},
        "event": {"comment": {"body": "Hello?", "is_public": True, "author": {"is_staff": False}}},
    }
    assert _post(client, event).json()["coached"] is False
    staff = {
        **event,
        "event": {
            "comment": {"body": "Sorry! It ships today.", "is_public": True, "author": {"is_staff": True}}
        },
    }
    assert _post(client, staff).json()["coached"] is True


def test_unconfigured_webhook_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAKEITLAST_ZENDESK_SECRET", raising=False)
    res = TestClient(create_app(data_dir=tmp_path)).post("/api/v1/webhooks/zendesk", json=TRIGGER)
    assert res.status_code == 503 and "MAKEITLAST_ZENDESK_SECRET" in res.json()["detail"]
