"""Team mode and the API explorer in a real headless Chromium: log in through the form, coach a reply (the page's
calls carry the CSRF token), save it, log out; /docs renders Swagger UI from this app alone, within its CSP."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from browsers import needs_chromium, serving

from makeitlast.store import accounts

pytestmark = needs_chromium
PASSWORD = "agent-password-1"


@pytest.fixture(scope="module")
def team_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from makeitlast.web.app import create_app

    app = create_app(data_dir=tmp_path_factory.mktemp("team"), workers=1, team=True)
    accounts.add_user(app.state.db, "ana", "agent", PASSWORD)
    with serving(app) as url:
        yield url
    app.state.db.close()


def _watch(page, origin: str) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Requests to any other host are aborted and listed; console errors (CSP violations among them) listed."""
    outside: list[str] = []
    errors: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        url = r.request.url
        if urlsplit(url)._replace(path="", query="", fragment="").geturl() != origin and not url.startswith(
            "data:"
        ):
            outside.append(url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return outside, errors


def test_docs_render_offline_within_the_csp(chromium, live_url: str) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page()
    try:
        outside, errors = _watch(page, live_url)
        page.goto(live_url + "/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)
        assert page.locator(".opblock-summary-path[data-path='/api/v1/check']").count() >= 1
        assert page.locator(".info .title").first.inner_text().startswith("makeitlast")
        assert outside == [] and errors == []
    finally:
        page.close()


def test_login_coach_save_and_logout(chromium, team_url: str) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page()
    try:
        outside, errors = _watch(page, team_url)
        page.goto(team_url + "/")
        assert page.url.startswith(team_url + "/login")
        page.fill("#name", "ana")
        page.fill("#password", "wrong password")
        page.click("form.login button[type=submit]")
        assert page.locator("p.error").inner_text() == "Wrong name or password."
        page.fill("#name", "ana")
        page.fill("#password", PASSWORD)
        page.click("form.login button[type=submit]")
        page.wait_for_selector("#draft")
        assert "ana" in page.locator("header .who").inner_text()
        assert page.locator("header nav a[href='/insights']").count() == 0  # an agent's menu

        page.fill("#customer", "@ShopCo my order #4471 arrived broken and I want a refund")
        page.type("#draft", "It's our policy, nothing I can do.", delay=5)
        page.wait_for_selector("li.finding[data-code=D001]", timeout=10_000)  # POST /api/v1/check got through
        page.click("#save")
        page.wait_for_selector("#status:has-text('Saved to your coached replies')", timeout=10_000)
        saved = page.request.get(team_url + "/api/v1/coached").json()
        assert [(r["user"], r["source"]) for r in saved] == [("ana", "web")]

        page.click("form.logout button")
        page.wait_for_url(team_url + "/login")
        page.goto(team_url + "/")
        assert page.url.startswith(team_url + "/login")
        assert outside == []
        assert [e for e in errors if "status of 401" not in e] == []  # (the wrong password's answer is a 401)
    finally:
        page.close()
