"""The coach page in a real headless Chromium (Debian's, driven by Playwright): typing shows findings, and
untrusted text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers import needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def page(chromium):  # type: ignore[no-untyped-def]
    return chromium.new_page()


def test_typing_a_policy_wall_shows_the_finding(page, live_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_url + "/")
    page.fill("#customer", "@ShopCo my order #4471 arrived broken and I want a refund")
    page.type("#draft", "It's our policy, nothing I can do.", delay=5)
    page.wait_for_selector("li.finding[data-code=D001]", timeout=10_000)
    assert page.locator("#preview mark[data-code=D001]").inner_text().lower().startswith("it's our policy")
    assert page.locator("#score").inner_text().endswith("/100")
    assert page.locator(".step[data-step=listen]").count() == 1


def test_draft_button_writes_a_last_reply(page, live_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_url + "/")
    page.fill("#customer", "My headphones stopped working after two days")
    page.fill("#offer", "send a replacement")
    page.click("#make-draft")
    page.wait_for_selector("#status:has-text('Drafted')", timeout=10_000)  # the CSP forbids eval'd waits
    text = page.locator("#draft").input_value()
    assert "replacement" in text
    assert "sorry" in text and "headphones stopped working" in text
    assert page.locator(".step[data-step=solve]").count() == 1


def test_untrusted_text_is_shown_as_text(page, live_url: str) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_url + "/")
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)"> calm down'
    page.fill("#customer", "<img src=x onerror=alert(3)> my order never came")
    page.fill("#draft", evil)
    page.wait_for_selector("li.finding[data-code=D006]", timeout=10_000)
    assert "<script>alert(1)</script>" in page.locator("#preview").inner_text()
    assert page.locator("#preview img").count() == 0 and page.locator("#preview script").count() == 0
    assert dialogs == []


def test_upload_a_twcs_export_and_see_the_dashboard(page, live_url: str) -> None:  # type: ignore[no-untyped-def]
    export = Path(__file__).resolve().parent.parent / "fixtures" / "exports" / "twcs.csv"
    page.goto(live_url + "/insights")
    page.set_input_files("#file", str(export))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#analyses tr[data-state=done] button", timeout=60_000)
    page.click("#analyses tr[data-state=done] button")
    frame = page.frame_locator("#report")
    frame.locator('div[data-chart="recovery"] .main-svg').first.wait_for(timeout=30_000)  # the last chart
    assert frame.locator("div.chart").count() >= 8
    assert frame.locator("div.chart .main-svg").count() >= 8
