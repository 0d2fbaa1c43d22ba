"""The insights dashboard: the filtered summary and drill-down API through the ASGI app (filters, selectors, 400s
and 404s), the page and its local Plotly, and the page in a real headless Chromium: upload, filter, click a bar,
read the replies behind it; untrusted text stays text."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browsers import needs_chromium
from fastapi.testclient import TestClient

from makeitlast.web.app import create_app

pytest.importorskip("plotly")

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
KL = "AcmeAirHelp ^KL"  # the agent who signed two of the TWCS fixture's five replies


def _wait(client: TestClient, ident: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        meta: dict[str, Any] = client.get(f"/api/v1/insights/{ident}").json()
        if meta["state"] in ("done", "failed"):
            return meta
        time.sleep(0.05)
    raise AssertionError("the analysis did not finish")


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """An app with the TWCS fixture analysed: (client, analysis id)."""
    client = TestClient(create_app(data_dir=tmp_path_factory.mktemp("dash"), workers=1))
    meta = client.post("/api/v1/insights?name=twcs.csv", content=(EXPORTS / "twcs.csv").read_bytes()).json()
    assert _wait(client, meta["id"])["state"] == "done"
    yield client, meta["id"]


def test_the_unfiltered_summary_is_the_analysiss_with_its_charts(analysis: tuple[TestClient, str]) -> None:
    client, ident = analysis
    res = client.get(f"/api/v1/insights/{ident}/summary")
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["summary"] == client.get(f"/api/v1/insights/{ident}").json()["summary"]
    assert body["name"] == "twcs.csv" and body["filters"] == dict.fromkeys(
        ("agent", "team", "since", "until")
    )
    assert body["options"] == {
        "agents": ["AcmeAirHelp", "AcmeAirHelp ^JP", KL, "ShopFastCares ^MB"],
        "teams": [],
        "since": "2017-11-06",
        "until": "2017-11-06",
    }
    ids = [c["id"] for c in body["charts"]]
    assert ids[:4] == ["steps", "donts", "skipped", "scores"] and "recovery" in ids and "by_agent" in ids
    assert body["template"]["layout"]  # plotly_white, sent once
    steps = next(c for c in body["charts"] if c["id"] == "steps")
    assert steps["selectors"][2][0] == {
        "kind": "step",
        "key": "listen:missing",
    }  # trace "missing", bar "listen"


def test_the_summary_for_one_agent(analysis: tuple[TestClient, str]) -> None:
    client, ident = analysis
    body = client.get(f"/api/v1/insights/{ident}/summary", params={"agent": KL}).json()
    s = body["summary"]
    assert body["filters"]["agent"] == KL
    assert (s["replies"], s["conversations"]) == (2, 1)
    assert list(s["by_agent"]) == [KL] and s["by_agent"][KL]["replies"] == 2
    assert s["promises"]["open"] == 1  # "we'll rebook you on the first flight out tomorrow" is theirs
    by_agent = next(c for c in body["charts"] if c["id"] == "by_agent")
    assert by_agent["selectors"] == [[{"kind": "agent", "key": KL}]]
    # dates: the day of every reply, and a day with none
    assert (
        client.get(f"/api/v1/insights/{ident}/summary?since=2017-11-06&until=2017-11-06").json()["summary"][
            "replies"
        ]
        == 5
    )
    none = client.get(f"/api/v1/insights/{ident}/summary?since=2017-11-07").json()["summary"]
    assert none["replies"] == 0 and none["conversations"] == 0


def test_examples_behind_a_chart_point_page_by_page(analysis: tuple[TestClient, str]) -> None:
    client, ident = analysis
    url = f"/api/v1/insights/{ident}/examples"
    first = client.get(url, params={"kind": "finding", "key": "T001", "limit": 3}).json()
    assert first["selector"] == {"kind": "finding", "key": "T001", "label": "T001 no-thanks"}
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    rest = client.get(url, params={"kind": "finding", "key": "T001", "offset": 3, "limit": 3}).json()
    assert rest["next_offset"] is None and len(rest["items"]) == 1  # T001 fired on four of the five replies
    x = first["items"][0]
    assert set(x) >= {"customer", "reply", "findings", "score", "conversation_id", "agent", "time", "steps"}
    assert x["customer"].startswith("@AcmeAirHelp my 6pm to Denver") and x["reply"].startswith("@50211 Oh no")
    assert x["conversation_id"] == "twcs-101" and any(f["code"] == "T001" for f in x["findings"])
    # filtered, and a conversation's replies
    mine = client.get(url, params={"kind": "finding", "key": "T001", "agent": KL}).json()["items"]
    assert [y["message_id"] for y in mine] == ["103"]
    convo = client.get(url, params={"kind": "conversation", "key": "twcs-101"}).json()["items"]
    assert [y["message_id"] for y in convo] == ["102", "103", "105"]
    # what a step bar counts
    s = client.get(f"/api/v1/insights/{ident}/summary").json()["summary"]
    missing = client.get(url, params={"kind": "step", "key": "thank:missing"}).json()["items"]
    assert len(missing) == s["steps"]["thank"]["missing"] == 4


def test_bad_filters_selectors_and_pages_are_400_with_the_reason(analysis: tuple[TestClient, str]) -> None:
    client, ident = analysis
    summary, examples = f"/api/v1/insights/{ident}/summary", f"/api/v1/insights/{ident}/examples"
    for url, params, reason in (
        (summary, {"since": "06/11/2017"}, "YYYY-MM-DD"),
        (summary, {"until": "2017-02-30"}, "not a valid date"),
        (summary, {"since": "2017-11-07", "until": "2017-11-06"}, "after until"),
        (summary, {"agent": "Nobody"}, "no replies by agent 'Nobody'"),
        (summary, {"team": "billing"}, "team 'billing'"),
        (examples, {"key": "T001"}, "missing kind"),
        (examples, {"kind": "colour", "key": "red"}, "unknown kind 'colour'"),
        (examples, {"kind": "step", "key": "listen"}, "STEP:STATUS"),
        (examples, {"kind": "finding", "key": "Z999"}, "unknown rule code"),
        (examples, {"kind": "finding", "key": "T001", "since": "soon"}, "YYYY-MM-DD"),
        (examples, {"kind": "finding", "key": "T001", "offset": "-1"}, "offset must be a whole number"),
        (examples, {"kind": "finding", "key": "T001", "limit": "ten"}, "limit must be a whole number"),
        (examples, {"kind": "finding", "key": "T001", "limit": "500"}, "limit must be from 1 to 100"),
    ):
        res = client.get(url, params=params)
        assert res.status_code == 400, (params, res.text)
        assert reason in res.json()["detail"], (params, res.json())


def test_unknown_and_unfinished_analyses(analysis: tuple[TestClient, str], tmp_path: Path) -> None:
    client, _ = analysis
    for path in (
        "/api/v1/insights/zzzzzzzzzzzz/summary",
        "/api/v1/insights/zzzzzzzzzzzz/examples?kind=finding&key=T001",
        "/api/v1/insights/..%2F..%2Fetc/summary",
        "/insights/zzzzzzzzzzzz",
    ):
        res = client.get(path)
        assert res.status_code == 404, path
    # an analysis still running has no figures yet
    app = create_app(data_dir=tmp_path, workers=1)
    running = app.state.analyses.root / "abcdef123456"
    running.mkdir()
    (running / "analysis.json").write_text(
        json.dumps(
            {"id": "abcdef123456", "name": "x.csv", "state": "running", "created": "2026-01-01T00:00:00"}
        )
    )
    res = TestClient(app).get("/api/v1/insights/abcdef123456/summary")
    assert res.status_code == 409 and "running" in res.json()["detail"]


def test_the_page_and_its_local_plotly(analysis: tuple[TestClient, str]) -> None:
    client, ident = analysis
    page = client.get(f"/insights/{ident}")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp  # no inline script or style anywhere
    html = page.text
    assert '<script src="/static/dashboard.js" defer></script>' in html
    assert "<script src=/insights/assets/plotly.min.js defer></script>" in html
    assert "<script>" not in html and "cdn" not in html.lower() and " style=" not in html
    plotly = client.get("/insights/assets/plotly.min.js")
    assert plotly.status_code == 200 and plotly.headers["content-type"].startswith("text/javascript")
    assert b"plotly.js v" in plotly.content[:200]
    css = client.get("/insights/assets/plotly.css")
    assert css.headers["content-type"].startswith("text/css")
    assert (
        ".js-plotly-plot .plotly .main-svg{position:absolute;top:0;left:0;pointer-events:none;}" in css.text
    )
    assert client.get("/static/dashboard.js").status_code == 200
    assert client.get("/static/dashboard.css").status_code == 200
    assert "dashboard-link" in client.get("/static/insights.js").text  # the analyses list links here


# --- in Chromium ------------------------------------------------------------------------------------------------

browser = needs_chromium


@dataclass
class Tab:
    """A browser page and what it reported: console errors (a refused script or style shows there) and dialogs."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def tab(chromium: Any) -> Iterator[Tab]:
    t = Tab(chromium.new_page(viewport={"width": 1280, "height": 900}))

    def console(m: Any) -> None:
        if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico"):
            t.errors.append(m.text)

    def dialog(d: Any) -> None:
        t.dialogs.append(d.message)
        d.dismiss()

    t.page.on("console", console)
    t.page.on("pageerror", lambda e: t.errors.append(str(e)))
    t.page.on("dialog", dialog)
    yield t
    t.page.close()


def _upload_and_open(page: Any, live_url: str, export: Path) -> None:
    page.goto(live_url + "/insights")
    page.set_input_files("#file", str(export))
    page.click("#upload button[type=submit]")
    link = page.locator("#analyses tr:first-child[data-state=done] a.dashboard-link")
    link.wait_for(timeout=60_000)
    link.click()
    page.locator('div[data-chart="recovery"] .main-svg').first.wait_for(timeout=30_000)  # the last chart


def _click_bar(page: Any, chart: str, n: int = 0) -> None:
    """Click the ``n``-th bar of a chart where a person would: Plotly takes clicks on its drag layer, over the bar."""
    bar = page.locator(f'div[data-chart="{chart}"] .bars .point path').nth(n)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)


@browser
def test_filter_by_agent_and_click_a_bar_to_read_the_replies(tab: Tab, live_url: str) -> None:
    from playwright.sync_api import expect

    page = tab.page
    _upload_and_open(page, live_url, EXPORTS / "twcs.csv")
    assert page.locator("div.chart .main-svg").count() >= 8
    expect(page.locator('[data-figure="replies judged"] b')).to_have_text("5")
    page.fill("#agent", KL)
    page.click("#filters button[type=submit]")
    expect(page.locator('[data-figure="replies judged"] b')).to_have_text("2")
    expect(page.locator("#status")).to_contain_text(f"agent {KL}")
    assert page.locator('div[data-chart="by_agent"] .bars .point').count() == 1  # the charts are redrawn
    _click_bar(page, "skipped")  # a step skipped or weak: a finding
    items = page.locator("#examples-list li.example")
    items.first.wait_for(timeout=10_000)
    expect(page.locator("#examples-title")).to_contain_text("Replies: ")
    assert "kind=finding" in page.url and "agent=AcmeAirHelp" in page.url
    first = items.first
    assert first.locator(".meta").inner_text().startswith(("50/100", "100/100"))
    assert KL in first.locator(".meta").inner_text()
    assert first.locator(".customer").inner_text().startswith("Customer: @AcmeAirHelp")
    assert first.locator(".reply").inner_text().startswith("Reply: @50211")
    code = page.url.split("key=")[1].split("&")[0]
    assert first.locator(f".findings li[data-code={code}]").count() == 1
    # the conversation's replies, from its link
    first.locator("a.conversation").click()
    expect(page.locator("#examples-list li.example")).to_have_count(3)
    expect(page.locator("#examples-title")).to_have_text("Replies: conversation twcs-101")
    assert tab.errors == [] and tab.dialogs == []  # nothing refused by the Content-Security-Policy


@browser
def test_untrusted_text_in_the_dashboard_is_shown_as_text(tab: Tab, live_url: str, tmp_path: Path) -> None:
    page = tab.page
    evil_reply = "It's our policy <script>alert(1)</script><img src=x onerror=alert(2)>, nothing I can do."
    export = tmp_path / "evil.jsonl"
    messages = [
        (
            "customer",
            "<img src=x onerror=alert(3)>",
            "09:00",
            "<script>alert(4)</script> my order #4471 arrived broken",
        ),
        ("agent", "<b onmouseover=alert(5)>Eve</b>", "09:10", evil_reply),
    ]
    export.write_text(
        "".join(
            json.dumps(
                {
                    "conversation_id": "x-1",
                    "role": r,
                    "author": a,
                    "timestamp": f"2026-03-02T{t}:00Z",
                    "text": x,
                }
            )
            + "\n"
            for r, a, t, x in messages
        ),
        encoding="utf-8",
    )
    _upload_and_open(page, live_url, export)
    _click_bar(page, "donts")
    item = page.locator("#examples-list li.example").first
    item.wait_for(timeout=10_000)
    assert item.locator(".reply").inner_text() == "Reply: " + evil_reply
    assert "<script>alert(4)</script>" in item.locator(".customer").inner_text()
    assert "<b onmouseover=alert(5)>Eve</b>" in item.locator(".meta").inner_text()
    assert item.locator("mark[data-code=D001]").inner_text().startswith("It's our policy")
    assert page.locator("#examples img, #examples script, #examples b[onmouseover]").count() == 0
    assert (
        page.locator("#charts img, #charts script").count() == 0
    )  # the agent's name in the chart labels too
    assert tab.dialogs == [] and tab.errors == []
