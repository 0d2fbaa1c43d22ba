"""Insights in the web app: upload an export, the background job, its report, follow-ups, bad uploads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from makeitlast.web.app import create_app

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(data_dir=tmp_path, workers=1, max_upload=50_000))


def _wait(client: TestClient, ident: str) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        meta = client.get(f"/api/v1/insights/{ident}").json()
        if meta["state"] in ("done", "failed"):
            return meta  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("the analysis did not finish")


def test_upload_analyses_in_the_background_and_keeps_it(client: TestClient, tmp_path: Path) -> None:
    res = client.post("/api/v1/insights?name=twcs.csv", content=(EXPORTS / "twcs.csv").read_bytes())
    assert res.status_code == 200, res.text
    meta = res.json()
    assert meta["state"] in ("queued", "running", "done") and meta["name"] == "twcs.csv"
    done = _wait(client, meta["id"])
    assert done["state"] == "done", done
    assert done["summary"]["replies"] >= 1 and done["summary"]["conversations"] >= 1
    listed = client.get("/api/v1/insights").json()
    assert [a["id"] for a in listed] == [meta["id"]]
    report = client.get(f"/insights/{meta['id']}/report")
    assert report.status_code == 200 and 'data-chart="steps"' in report.text
    assert report.headers["content-security-policy"].startswith("sandbox allow-scripts")
    # a new app on the same data directory still lists it
    again = TestClient(create_app(data_dir=tmp_path, workers=1))
    assert [a["id"] for a in again.get("/api/v1/insights").json()] == [meta["id"]]


def test_followups_across_analyses(client: TestClient) -> None:
    meta = client.post("/api/v1/insights?name=t.csv", content=(EXPORTS / "twcs.csv").read_bytes()).json()
    _wait(client, meta["id"])
    items = client.get("/api/v1/followups").json()
    assert items and all(p["state"] in ("open", "broken") for p in items)
    assert items[0]["analysis"] == meta["id"] and items[0]["conversation_id"].startswith("twcs-")


def test_a_broken_export_fails_with_the_reason(client: TestClient) -> None:
    meta = client.post("/api/v1/insights?name=odd.json", content=b'{"foo": [1, 2]}').json()
    failed = _wait(client, meta["id"])
    assert failed["state"] == "failed" and "tweet_id" in failed["error"]


def test_bad_uploads_are_refused(client: TestClient) -> None:
    assert client.post("/api/v1/insights?name=x.csv", content=b"").status_code == 400
    assert client.post("/api/v1/insights?format=fax", content=b"x").status_code == 400
    big = client.post("/api/v1/insights?name=big.csv", content=b"x" * 60_000)
    assert big.status_code == 413
    assert client.get("/api/v1/insights").json() == []  # nothing half-saved
    assert client.get("/api/v1/insights/../../etc").status_code == 404
    assert client.get("/insights/zzzzzzzzzzzz/report").status_code == 404
