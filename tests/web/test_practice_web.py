"""The practice and plan pages and their API (``makeitlast.web.practice_pages``) through the ASGI app: role-plays
played reply by reply, stored once in the database and shown in the trainee's history; the plan started and checked
in; who may act for whom in team mode; untrusted text kept out of HTML. Then the practice page in a real headless
Chromium. The database tests run on SQLite and, with ``MAKEITLAST_TEST_PG_URL`` set, on PostgreSQL."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from browsers import needs_chromium
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from makeitlast.practice import find_scenario
from makeitlast.store import Database, PracticeSession, open_db
from makeitlast.web.app import create_app
from makeitlast.web.practice_pages import practice_router

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "practice"))
from practice_paths import DONTS, GOOD

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)> It's our policy."


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    application = create_app(data_dir=tmp_path, database_url=db_url, workers=1)
    yield application
    application.state.db.close()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def _rows(db: Database) -> list[tuple[str | None, int | None]]:
    with db.session() as s:
        return [(r.ending, r.score) for r in s.scalars(select(PracticeSession).order_by(PracticeSession.id))]


def _start(client: TestClient, scenario: str = "late-delivery", **extra: Any) -> dict[str, Any]:
    res = client.post("/api/v1/practice/sessions", json={"scenario": scenario, "seed": 0, **extra})
    assert res.status_code == 201, res.text
    return res.json()  # type: ignore[no-any-return]


def _reply(client: TestClient, sid: str, text: str, **extra: Any) -> dict[str, Any]:
    res = client.post(f"/api/v1/practice/sessions/{sid}/replies", json={"reply": text, **extra})
    assert res.status_code == 200, res.text
    return res.json()  # type: ignore[no-any-return]


# --- playing ----------------------------------------------------------------------------------------------------


def test_the_scenarios_keep_what_the_customer_wants_hidden(client: TestClient) -> None:
    res = client.get("/api/v1/practice/scenarios")
    assert res.status_code == 200
    rows = res.json()
    assert len(rows) == 12 and rows == sorted(rows, key=lambda r: r["id"])
    bag = next(r for r in rows if r["id"] == "airline-lost-bag")
    assert bag["customer"] == "Dana Okafor" and any("TP482911" in f for f in bag["facts"])
    assert all("hidden_wants" not in r and "resolution" not in r for r in rows)


def test_starting_a_session(client: TestClient) -> None:
    s = _start(client, "airline-lost-bag", user="ana")
    assert s["customer"] == list(find_scenario("airline-lost-bag").opening)  # the story, part by part
    assert s["user"] == "ana" and s["seed"] == 0 and s["mood"] == "angry" and s["ended"] is False
    assert re.fullmatch(r"[A-Za-z0-9_-]{24,}", s["id"])  # unguessable
    assert s["scenario"]["title"] == "The suitcase that never came off the belt"
    other = _start(client, "airline-lost-bag")
    assert other["id"] != s["id"] and other["user"] == "me"  # local mode, no name: "me"
    assert client.post("/api/v1/practice/sessions", json={"scenario": "nope"}).status_code == 404
    # a path is not a scenario id: no file is ever read from the request
    res = client.post("/api/v1/practice/sessions", json={"scenario": "../../etc/passwd.toml"})
    assert res.status_code == 404 and "unknown scenario" in res.json()["detail"]
    assert client.get("/api/v1/practice/sessions/not-a-session").status_code == 404


def test_a_good_last_path_resolves_and_is_stored_once(client: TestClient, app: FastAPI) -> None:
    s = _start(client, user="ana")
    first = _reply(client, s["id"], GOOD["late-delivery"][0])
    turn = first["turn"]
    assert first["ended"] is False and "reveal" in turn["events"] and turn["golden_question"] is True
    assert turn["steps"] == {
        "listen": "present",
        "apologize": "present",
        "solve": "present",
        "thank": "present",
    }
    assert "the present here by Saturday" in " ".join(first["customer"])  # they say what they want
    assert first["mood"] in ("calm", "annoyed") and first["record_id"] is None

    last = _reply(client, s["id"], GOOD["late-delivery"][1])
    assert last["ended"] is True and last["ending"] == "resolved"
    assert last["customer"] and last["record_id"] is not None
    d = last["debrief"]
    assert d["ending"] == "resolved" and d["score"] == 98 and d["went_well"][0].startswith("Resolved")
    assert [e["role"] for e in d["transcript"]].count("trainee") == 2

    # the debrief again, the session over, and still one stored row
    got = client.get(f"/api/v1/practice/sessions/{s['id']}").json()
    assert got["ended"] is True and got["debrief"] == d and got["record_id"] == last["record_id"]
    assert (
        client.post(f"/api/v1/practice/sessions/{s['id']}/replies", json={"reply": "Hi"}).status_code == 409
    )
    assert client.post(f"/api/v1/practice/sessions/{s['id']}/end").json()["record_id"] == last["record_id"]
    assert _rows(app.state.db) == [("resolved", 98)]

    # and in the trainee's history
    h = client.get("/api/v1/practice/history", params={"user": "ana"}).json()
    assert [(x["id"], x["ending"], x["score"]) for x in h["sessions"]] == [
        (last["record_id"], "resolved", 98)
    ]
    assert h["endings"]["resolved"] == 1 and h["figure"]["data"][1]["name"] == "session score"
    stored = client.get(f"/api/v1/practice/history/{last['record_id']}").json()
    assert stored["user"] == "ana" and stored["result"]["debrief"] == d
    assert client.get("/api/v1/practice/history", params={"user": "bob"}).json()["sessions"] == []


def test_a_path_of_donts_escalates(client: TestClient, app: FastAPI) -> None:
    s = _start(client, "airline-lost-bag", user="ana")
    r = _reply(client, s["id"], DONTS["airline-lost-bag"][0])
    codes = {f["code"] for f in r["turn"]["findings"]}
    assert {"D001", "D006"} <= codes
    assert r["turn"]["mood_before"] == "angry" and r["mood"] == "raging"
    assert {c["cause"] for c in r["turn"]["changes"]} >= {"a policy wall (D001)"}
    d001 = next(f for f in r["turn"]["findings"] if f["code"] == "D001")
    assert d001["span"]["text"] == "It's our policy" and d001["suggestion"]
    r = _reply(client, s["id"], DONTS["airline-lost-bag"][1])
    assert r["ended"] is True and r["ending"] == "escalated"
    assert "supervisor" in " ".join(r["customer"]).lower()
    assert r["debrief"]["score"] == 0 and r["debrief"]["improve"][0]["code"] in ("D001", "D003", "D006")
    assert _rows(app.state.db) == [("escalated", 0)]
    p = client.get("/api/v1/practice/history", params={"user": "ana"}).json()
    assert p["endings"]["escalated"] == 1 and {"D001", "D006"} <= {d["code"] for d in p["donts"]}


def test_answering_while_they_type_interrupts_them(client: TestClient) -> None:
    s = _start(client, "airline-lost-bag")
    assert len(s["customer"]) == 3
    r = _reply(client, s["id"], "Please send us your tag number.", seen=1)
    turn = r["turn"]
    assert turn["interrupted"] is True and "restart" in turn["events"]
    assert "L004" in {f["code"] for f in turn["findings"]}
    assert r["customer"][-3:] == s["customer"]  # the story again, from the start
    # all the parts seen: not an interruption
    r = _reply(client, s["id"], GOOD["airline-lost-bag"][0], seen=len(r["customer"]))
    assert r["turn"]["interrupted"] is False


def test_stopping_stores_the_session_unfinished(client: TestClient, app: FastAPI) -> None:
    empty = _start(client)
    res = client.post(f"/api/v1/practice/sessions/{empty['id']}/end")
    assert res.status_code == 200 and res.json()["record_id"] is None  # no reply: nothing to keep
    s = _start(client, user="ana")
    _reply(client, s["id"], GOOD["late-delivery"][0])
    stopped = client.post(f"/api/v1/practice/sessions/{s['id']}/end").json()
    assert stopped["ended"] is True and stopped["ending"] is None and stopped["debrief"]["ending"] is None
    assert stopped["record_id"] is not None and len(_rows(app.state.db)) == 1
    assert _rows(app.state.db)[0][0] is None
    h = client.get("/api/v1/practice/history", params={"user": "ana"}).json()
    assert h["endings"]["unfinished"] == 1


def test_bad_replies(client: TestClient) -> None:
    s = _start(client)
    sid = s["id"]
    assert client.post(f"/api/v1/practice/sessions/{sid}/replies", json={"reply": "   "}).status_code == 400
    assert (
        client.post(f"/api/v1/practice/sessions/{sid}/replies", json={"reply": "x" * 5001}).status_code == 422
    )
    assert (
        client.post(f"/api/v1/practice/sessions/{sid}/replies", json={"reply": "Hi", "seen": 0}).status_code
        == 422
    )
    res = client.post(f"/api/v1/practice/sessions/{sid}/replies", json={"reply": "Hi", "extra": 1})
    assert res.status_code == 422


@pytest.mark.parametrize("in_folder", [False, True], ids=["in-memory", "in-a-folder"])
def test_live_sessions_expire_and_are_capped(tmp_path: Path, in_folder: bool) -> None:
    now = [1000.0]
    app = FastAPI()
    app.state.db = open_db("sqlite:///" + (tmp_path / "cap.db").as_posix())
    folder = tmp_path / "live" if in_folder else None
    app.include_router(practice_router(max_live=2, ttl=60, clock=lambda: now[0], live_dir=folder))
    client = TestClient(app)
    a = _start(client, user="ana")
    _reply(client, a["id"], GOOD["late-delivery"][0])
    _start(client)
    res = client.post("/api/v1/practice/sessions", json={"scenario": "late-delivery"})
    assert res.status_code == 503 and "2 practice sessions are running" in res.json()["detail"]
    now[0] += 61  # both expire; the one with a reply is stored, unfinished
    _start(client)
    assert _rows(app.state.db) == [(None, _rows(app.state.db)[0][1])]
    assert client.get(f"/api/v1/practice/sessions/{a['id']}").status_code == 404
    # an ended session makes room for a new one
    b = _start(client)
    for text in GOOD["late-delivery"]:
        _reply(client, b["id"], text)
    _start(client)
    assert len(_rows(app.state.db)) == 2
    app.state.db.close()


def test_server_processes_share_the_live_sessions(tmp_path: Path) -> None:
    """Two apps on one folder, as the worker processes of `makeitlast serve --workers 2`: a session started on one
    is answered on either, and stored once."""
    db = open_db("sqlite:///" + (tmp_path / "shared.db").as_posix())
    clients = []
    for _ in range(2):
        app = FastAPI()
        app.state.db = db
        app.include_router(practice_router(live_dir=tmp_path / "live"))
        clients.append(TestClient(app))
    one, two = clients
    s = _start(one, "airline-lost-bag", user="ana")
    assert two.get(f"/api/v1/practice/sessions/{s['id']}").json()["customer"] == s["customer"]
    first = _reply(two, s["id"], GOOD["airline-lost-bag"][0])
    assert "reveal" in first["turn"]["events"]
    assert one.get(f"/api/v1/practice/sessions/{s['id']}").json()["turns"] == 1  # rebuilt by replaying
    last = _reply(one, s["id"], GOOD["airline-lost-bag"][1])
    assert last["ended"] is True and last["ending"] == "resolved"
    assert two.post(f"/api/v1/practice/sessions/{s['id']}/replies", json={"reply": "Hi"}).status_code == 409
    assert two.post(f"/api/v1/practice/sessions/{s['id']}/end").json()["record_id"] == last["record_id"]
    assert _rows(db) == [("resolved", last["debrief"]["score"])]
    assert one.get("/api/v1/practice/sessions/../../etc/passwd").status_code == 404
    assert {p.suffix for p in (tmp_path / "live").iterdir()} <= {".json", ".lock", ""}
    db.close()


# --- untrusted text ---------------------------------------------------------------------------------------------


def test_a_script_in_a_reply_stays_text(client: TestClient) -> None:
    s = _start(client, user="<b>ana</b>")
    r = _reply(client, s["id"], EVIL)
    assert r["turn"]["reply"] == EVIL  # data, in JSON
    stopped = client.post(f"/api/v1/practice/sessions/{s['id']}/end").json()
    record = stopped["record_id"]
    for path in ("/practice", "/practice/history", f"/practice/history/{record}", "/plan"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "<script>alert" not in page.text and "onerror" not in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "unsafe-inline" not in page.headers["content-security-policy"]
        # no inline script: every script has a src on this origin
        assert all(re.match(r'<script src="?/', tag) for tag in re.findall(r"<script[^>]*>", page.text))
    api = client.get(f"/api/v1/practice/history/{record}")
    assert api.headers["content-type"] == "application/json"
    assert api.json()["result"]["turns"][0]["reply"] == EVIL
    h = client.get("/api/v1/practice/history", params={"user": "<b>ana</b>"}).json()
    assert h["user"] == "<b>ana</b>" and h["figure"]["layout"]["title"]["text"].startswith("&lt;b&gt;ana")


def test_the_pages_have_the_frame_and_their_scripts(client: TestClient) -> None:
    practice = client.get("/practice").text
    assert '<script src="/static/practice.js" defer>' in practice and "/static/practice.css" in practice
    assert "<a href=/practice>Practice</a>" in practice and "<a href=/plan>Plan</a>" in practice
    assert "id=reply-form" in practice and "id=chat" in practice
    history = client.get("/practice/history").text
    # Plotly from this app (no CDN), before the page script
    assert history.index("/vendor/plotly.min.js") < history.index("/static/practice.js")
    assert "cdn" not in history.lower()
    assert "/vendor/plotly.min.js" in client.get("/plan").text
    for name in ("practice.js", "plan.js", "practice.css"):
        assert client.get(f"/static/{name}").status_code == 200
    js = client.get("/static/practice.js").text + client.get("/static/plan.js").text
    assert "innerHTML" not in js and "eval(" not in js
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and plotly.headers["content-type"].startswith("text/javascript")
    assert len(plotly.content) > 1_000_000


# --- the plan ---------------------------------------------------------------------------------------------------


def test_plan_created_and_checked_in(client: TestClient) -> None:
    empty = client.get("/api/v1/plan", params={"user": "ana"}).json()
    assert empty["plan"] is None and empty["figure"] is None
    assert (
        empty["defaults"]["commitments"][1]
        == "Don't make assumptions, and if you do, don't act based on them"
    )
    assert (empty["defaults"]["min_days"], empty["defaults"]["max_days"]) == (21, 30)

    commitments = [
        *empty["defaults"]["commitments"],
        {"text": "Offer a concrete next step", "codes": ["S001"]},
    ]
    res = client.post(
        "/api/v1/plan", json={"user": "ana", "days": 30, "commitments": commitments, "timezone": "UTC"}
    )
    assert res.status_code == 201, res.text
    plan = res.json()["plan"]
    assert plan["days"] == 30 and plan["day"] == 1 and plan["state"] == "active" and plan["days_left"] == 29
    assert plan["timezone"] == "UTC" and plan["started_on"] == datetime.now(UTC).date().isoformat()
    assert [c["codes"] for c in plan["commitments"]] == [
        ["D006", "D010", "D011"],
        ["D007"],
        ["D008", "D009", "D002"],
        ["S001"],
    ]
    assert [c["kind"] for c in plan["commitments"]] == ["default", "default", "default", "custom"]
    assert plan["reminder"].startswith("Today's reminder (day 1 of 30): Manage annoyances")

    res = client.post(
        "/api/v1/plan/checkins",
        json={"user": "ana", "kept": {"1": True, "2": False, "3": True}, "note": "a long queue <b>"},
    )
    assert res.status_code == 200, res.text
    body = res.json()
    st = body["plan"]
    assert [c["current_streak"] for c in st["commitments"]] == [1, 0, 1, 0]
    assert [c["kept_today"] for c in st["commitments"]] == [True, False, True, None]
    assert st["per_day"][0]["kept"] == {"1": True, "2": False, "3": True, "4": None}
    assert st["per_day"][0]["note"] == "a long queue <b>" and st["checkin_rate"] == 1.0
    assert [t["name"] for t in body["figure"]["data"]][-1] == "related findings"
    # checking in again the same day updates it
    st = client.post("/api/v1/plan/checkins", json={"user": "ana", "kept": {"2": True, "4": True}}).json()[
        "plan"
    ]
    assert [c["current_streak"] for c in st["commitments"]] == [1, 1, 1, 1]
    assert client.get("/api/v1/plan", params={"user": "ana"}).json()["plan"] == st
    assert client.get("/api/v1/plan", params={"user": "bob"}).json()["plan"] is None


def test_plan_errors(client: TestClient) -> None:
    res = client.post("/api/v1/plan", json={"user": "ana", "days": 14})
    assert res.status_code == 400 and "21 to 30 days" in res.json()["detail"]
    res = client.post("/api/v1/plan", json={"user": "ana", "timezone": "Mars/Olympus"})
    assert res.status_code == 400 and "unknown time zone" in res.json()["detail"]
    res = client.post("/api/v1/plan/checkins", json={"user": "ana", "kept": {"1": True}})
    assert res.status_code == 404 and "no active plan" in res.json()["detail"]
    client.post("/api/v1/plan", json={"user": "ana", "timezone": "UTC"})
    res = client.post("/api/v1/plan/checkins", json={"user": "ana", "kept": {"9": True}})
    assert res.status_code == 400 and "no commitment 9" in res.json()["detail"]
    assert client.post("/api/v1/plan/checkins", json={"user": "ana", "kept": {}}).status_code == 400


def test_practice_findings_count_once_in_the_plan_trend(client: TestClient) -> None:
    client.post("/api/v1/plan", json={"user": "ana", "timezone": "UTC"})
    s = _start(client, "airline-lost-bag", user="ana")
    turns = [_reply(client, s["id"], text)["turn"] for text in DONTS["airline-lost-bag"][:2]]
    day = client.get("/api/v1/plan", params={"user": "ana"}).json()["plan"]["per_day"][0]
    assert day["replies"] == len(turns) == 2
    found = [f["code"] for t in turns for f in t["findings"]]
    tracked = {"D006", "D010", "D011", "D007", "D008", "D009", "D002"}
    assert day["findings"] == {c: found.count(c) for c in sorted(set(found) & tracked)}
    assert day["findings"]["D006"] >= 1


# --- team mode --------------------------------------------------------------------------------------------------


@pytest.fixture
def team(db_url: str, tmp_path: Path) -> Iterator[tuple[FastAPI, dict[str, dict[str, str]]]]:
    from makeitlast.store import accounts as acc

    application = create_app(data_dir=tmp_path, database_url=db_url, team=True, workers=1)
    db: Database = application.state.db
    headers: dict[str, dict[str, str]] = {}
    for name, role in (("ana", "agent"), ("bo", "agent"), ("lea", "lead")):
        acc.add_user(db, name, role, f"{name}-password-1")
        _info, secret = acc.create_token(db, name, "tests")
        headers[name] = {"Authorization": f"Bearer {secret}"}
    yield application, headers
    db.close()


def test_team_mode_trainee_is_the_signed_in_user(team: tuple[FastAPI, dict[str, dict[str, str]]]) -> None:
    app, h = team
    client = TestClient(app)
    assert client.get("/api/v1/practice/scenarios").status_code == 401  # a login first
    s = client.post("/api/v1/practice/sessions", json={"scenario": "late-delivery"}, headers=h["ana"]).json()
    assert s["user"] == "ana"
    res = client.post(
        "/api/v1/practice/sessions", json={"scenario": "late-delivery", "user": "bo"}, headers=h["ana"]
    )
    assert res.status_code == 403 and "only a lead or an admin" in res.json()["detail"]
    # someone else cannot answer (or read) ana's session
    res = client.post(f"/api/v1/practice/sessions/{s['id']}/replies", json={"reply": "Hi"}, headers=h["bo"])
    assert res.status_code == 403
    assert client.get(f"/api/v1/practice/sessions/{s['id']}", headers=h["bo"]).status_code == 403
    for text in GOOD["late-delivery"]:
        r = client.post(
            f"/api/v1/practice/sessions/{s['id']}/replies", json={"reply": text}, headers=h["ana"]
        )
        assert r.status_code == 200
    record = r.json()["record_id"]
    assert client.get(f"/api/v1/practice/sessions/{s['id']}", headers=h["lea"]).status_code == 200

    # history: one's own; a lead may look at anyone's
    mine = client.get("/api/v1/practice/history", headers=h["ana"]).json()
    assert mine["user"] == "ana" and len(mine["sessions"]) == 1
    assert client.get("/api/v1/practice/history", params={"user": "bo"}, headers=h["ana"]).status_code == 403
    assert client.get("/api/v1/practice/history", params={"user": "ana"}, headers=h["lea"]).json()["sessions"]
    assert (
        client.get("/api/v1/practice/history", params={"user": "ghost"}, headers=h["lea"]).status_code == 404
    )
    assert client.get(f"/api/v1/practice/history/{record}", headers=h["bo"]).status_code == 403
    assert client.get(f"/api/v1/practice/history/{record}", headers=h["lea"]).status_code == 200

    # the plan: the same rules
    assert client.post("/api/v1/plan", json={"timezone": "UTC"}, headers=h["ana"]).json()["user"] == "ana"
    assert client.post("/api/v1/plan", json={"user": "bo"}, headers=h["ana"]).status_code == 403
    res = client.post("/api/v1/plan/checkins", json={"user": "bo", "kept": {"1": True}}, headers=h["ana"])
    assert res.status_code == 403
    assert (
        client.get("/api/v1/plan", params={"user": "ana"}, headers=h["lea"]).json()["plan"]["user"] == "ana"
    )
    assert client.get("/api/v1/plan", headers=h["bo"]).json()["plan"] is None


# --- in a real browser ------------------------------------------------------------------------------------------

browser = needs_chromium


@pytest.fixture(scope="module")
def page(chromium):  # type: ignore[no-untyped-def]
    return chromium.new_page()


@browser
def test_typing_a_reply_on_the_practice_page(page, live_url: str) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_url + "/practice?typing=150&seed=0")
    page.fill("#trainee", "browser-trainee")
    page.dispatch_event("#trainee", "change")
    page.click("button[data-scenario=late-delivery]")
    page.wait_for_selector("#chat[data-typing=done]", timeout=15_000)  # the story has arrived, part by part
    assert page.locator("#chat li.customer").count() == 2
    assert "order #55102" in page.locator("#chat li.customer").first.inner_text()
    page.type("#reply", "It's our policy, I'm afraid. " + EVIL, delay=2)
    page.click("#send")
    page.wait_for_selector("#chat li.trainee li.finding[data-code=D001]", timeout=15_000)
    page.wait_for_selector("#chat li.trainee ~ li.customer", timeout=15_000)  # the customer answers
    page.wait_for_selector("#chat[data-typing=done]", timeout=15_000)
    mine = page.locator("#chat li.trainee").first
    assert page.locator("#chat li.trainee mark[data-code=D001]").first.inner_text() == "It's our policy"
    assert "<script>alert(1)</script>" in mine.inner_text()  # shown as text ...
    assert page.locator("#chat script, #chat img").count() == 0  # ... never as HTML
    assert page.locator("#mood").get_attribute("data-mood") in ("annoyed", "angry", "raging")
    assert "a policy wall (D001)" in page.locator("#mood-change").inner_text()
    answer = page.locator("#chat li.trainee ~ li.customer").last.inner_text()
    assert answer.startswith("Marco") and len(answer) > 20
    page.click("#stop")
    page.wait_for_selector("#debrief #session-score", timeout=15_000)
    assert page.locator("#debrief .ending").get_attribute("data-ending") == "unfinished"
    assert page.locator("#improve li[data-code=D001]").count() == 1
    assert "Stored for browser-trainee as session" in page.locator("#status").inner_text()
    assert dialogs == []

    page.goto(live_url + "/practice/history")  # the name is remembered
    page.wait_for_selector("#sessions tr", timeout=15_000)
    assert page.locator("#trainee").input_value() == "browser-trainee"
    assert "The birthday present" in page.locator("#sessions tr").first.inner_text()
    page.wait_for_selector("#chart .main-svg", timeout=30_000)  # Plotly drew the chart under the strict CSP


@browser
def test_checking_in_on_the_plan_page(page, live_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_url + "/plan")
    page.fill("#trainee", "plan-trainee")
    page.dispatch_event("#trainee", "change")
    page.wait_for_selector("#start[data-user=plan-trainee]:not([hidden])", timeout=15_000)
    inputs = page.locator("#commitments input")
    assert inputs.count() == 3 and inputs.first.input_value().startswith("Manage annoyances")
    page.click("#add-commitment")
    page.fill("#commitments .commitment-row:last-child input", "Smile <b>on the phone</b>")
    page.click("#newplan button[type=submit]")
    page.wait_for_selector("#current:not([hidden])", timeout=15_000)
    assert "day 1 of 21" in page.locator("#plan-head").inner_text()
    assert page.locator("#reminder").inner_text().startswith("Today's reminder (day 1 of 21)")
    page.check("input[name=c1][value=kept]")
    page.check("input[name=c2][value=missed]")
    page.check("input[name=c4][value=kept]")
    page.click("#checkin-send")
    page.wait_for_selector("#streaks tr[data-position='1'] td.streak:text-is('1')", timeout=15_000)
    assert page.locator("#streaks tr[data-position='2'] td.streak").inner_text() == "0"
    assert "Smile <b>on the phone</b>" in page.locator("#streaks tr[data-position='4']").inner_text()
    assert page.locator("#streaks b").count() == 0
    page.wait_for_selector("#chart .main-svg", timeout=30_000)
