"""The REST API through the ASGI app: same schema-1 objects as the CLI, clear errors, limits, headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import makeitlast
from makeitlast.web.app import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


CUSTOMER = "@ShopCo my order #4471 arrived broken and I want a refund"
WALL = "It's our policy, nothing I can do."


def test_check_returns_the_cli_schema_1_object(client: TestClient) -> None:
    res = client.post("/api/v1/check", json={"reply": WALL, "customer": CUSTOMER})
    assert res.status_code == 200
    body = res.json()
    assert body == makeitlast.check(WALL, customer=CUSTOMER).to_json_dict()
    assert body["schema_version"] == 1
    assert {"D001", "D009"} <= {f["code"] for f in body["findings"]}


def test_context_strings_and_messages(client: TestClient) -> None:
    res = client.post(
        "/api/v1/check",
        json={
            "reply": "Thanks! Could you send us your order number?",
            "customer": "Any news?",
            "context": ["My order #55102 never came", {"role": "agent", "text": "Sorry, checking now."}],
        },
    )
    assert res.status_code == 200
    assert "L003" in {f["code"] for f in res.json()["findings"]}


def test_empty_reply_is_a_400_with_the_reason(client: TestClient) -> None:
    res = client.post("/api/v1/check", json={"reply": "   ", "customer": CUSTOMER})
    assert res.status_code == 400
    assert "empty" in res.json()["detail"]


def test_malformed_body_is_a_422(client: TestClient) -> None:
    res = client.post("/api/v1/check", content=b"{not json", headers={"content-type": "application/json"})
    assert res.status_code == 422


def test_batch_keeps_order_and_reports_bad_items(client: TestClient) -> None:
    res = client.post(
        "/api/v1/check/batch",
        json={"items": [{"reply": WALL, "customer": CUSTOMER, "id": "a"}, {"reply": "", "id": "b"}]},
    )
    assert res.status_code == 200
    a, b = res.json()["results"]
    assert a["id"] == "a" and a["score"] == makeitlast.check(WALL, customer=CUSTOMER).score
    assert b["id"] == "b" and "empty" in b["error"]["message"]


def test_a_1mb_body_is_refused_cleanly(client: TestClient) -> None:
    res = client.post("/api/v1/check", json={"reply": "x" * 1_100_000})
    assert res.status_code == 413
    assert "too large" in res.json()["detail"]


def test_rules_and_one_rule(client: TestClient) -> None:
    rules = client.get("/api/v1/rules").json()
    assert {"D001", "L004", "T002"} <= {r["code"] for r in rules}
    d001 = client.get("/api/v1/rules/d001").json()
    assert d001["name"] == "policy-wall" and "Why it matters" in d001["docs"]
    assert client.get("/api/v1/rules/Z999").status_code == 404


def test_pages_carry_security_headers(client: TestClient) -> None:
    for path in ("/", "/rules", "/rules/D001", "/api/v1/rules"):
        res = client.get(path)
        assert res.status_code == 200, path
        assert "default-src 'self'" in res.headers["content-security-policy"]
        assert res.headers["x-content-type-options"] == "nosniff"
        assert res.headers["x-frame-options"] == "DENY"
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "makeitlast"
