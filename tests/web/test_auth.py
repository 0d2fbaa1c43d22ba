"""Team mode through the ASGI app: logins, sessions, CSRF, roles, API tokens, the admin page and API, secrets
never stored in clear, and untrusted names escaped. Each test runs on SQLite and, with ``MAKEITLAST_TEST_PG_URL``
set, on PostgreSQL."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from makeitlast.store import ApiToken, Database, User, WebSession
from makeitlast.store import accounts as acc
from makeitlast.web.app import create_app

PASSWORDS = {
    "root": "root-password-1",
    "lea": "lead-password-1",
    "ana": "agent-password-1",
    "bo": "agent-password-2",
}
CUSTOMER = "My order #4471 arrived broken and I want a refund"


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> Iterator[object]:
    application = create_app(data_dir=tmp_path, database_url=db_url, team=True, workers=1)
    db: Database = application.state.db
    acc.add_user(db, "root", "admin", PASSWORDS["root"])
    acc.add_user(db, "lea", "lead", PASSWORDS["lea"], team="north")
    acc.add_user(db, "ana", "agent", PASSWORDS["ana"], team="north")
    acc.add_user(db, "bo", "agent", PASSWORDS["bo"], team="south")
    yield application
    db.close()


@pytest.fixture
def db(app: object) -> Database:
    return app.state.db  # type: ignore[attr-defined,no-any-return]


def _client(app: object, **kwargs: object) -> TestClient:
    return TestClient(app, follow_redirects=False, **kwargs)  # type: ignore[arg-type]


def _form_token(html: str) -> str:
    m = re.search(r"name=csrf_token value='([^']+)'", html)
    assert m, html
    return m.group(1)


def _meta_token(html: str) -> str:
    m = re.search(r"<meta name=csrf-token content='([^']+)'>", html)
    assert m, html
    return m.group(1)


def login(client: TestClient, name: str, password: str | None = None, next: str = "/") -> str:
    """Log in through the form; the session's CSRF token (from the page the login lands on)."""
    form = client.get("/login")
    assert form.status_code == 200
    res = client.post(
        "/login",
        data={
            "name": name,
            "password": PASSWORDS[name] if password is None else password,
            "csrf_token": _form_token(form.text),
            "next": next,
        },
    )
    assert res.status_code == 303, res.text
    page = client.get("/")
    assert page.status_code == 200
    return _meta_token(page.text)


# --- logging in -----------------------------------------------------------------------------------------------


def test_login_works_and_sets_a_safe_cookie(app: object) -> None:
    client = _client(app)
    assert client.get("/").status_code == 303
    form = client.get("/login?next=/rules")
    res = client.post(
        "/login",
        data={
            "name": "ana",
            "password": PASSWORDS["ana"],
            "csrf_token": _form_token(form.text),
            "next": "/rules",
        },
    )
    assert res.status_code == 303 and res.headers["location"] == "/rules"
    cookie = next(h for h in res.headers.get_list("set-cookie") if h.startswith("mil_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http (TestClient): a Secure cookie would never be sent back
    page = client.get("/")
    assert page.status_code == 200 and "ana" in page.text and "Log out" in page.text
    assert client.get("/api/v1/me").json()["user"]["name"] == "ana"


def test_the_cookie_is_secure_over_https(app: object) -> None:
    client = _client(app, base_url="https://testserver")
    form = client.get("/login")
    assert "Secure" in form.headers["set-cookie"]
    res = client.post(
        "/login", data={"name": "ana", "password": PASSWORDS["ana"], "csrf_token": _form_token(form.text)}
    )
    cookie = next(h for h in res.headers.get_list("set-cookie") if h.startswith("mil_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie


@pytest.mark.parametrize(
    ("name", "password"), [("ana", "wrong-password"), ("nobody", "agent-password-1"), ("ana", "")]
)
def test_login_fails_with_a_wrong_name_or_password(app: object, name: str, password: str) -> None:
    client = _client(app)
    form = client.get("/login")
    res = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": _form_token(form.text)}
    )
    assert res.status_code == 401 and "Wrong name or password" in res.text
    assert "mil_session" not in res.headers.get("set-cookie", "")
    assert client.get("/").status_code == 303


def test_the_login_form_needs_its_csrf_token(app: object) -> None:
    client = _client(app)
    client.get("/login")  # the cookie half of the pair, without the form half
    res = client.post("/login", data={"name": "ana", "password": PASSWORDS["ana"]})
    assert res.status_code == 403
    other = _client(app)  # a form token from another browser does not match this one's cookie
    stolen = _form_token(other.get("/login").text)
    res = client.post("/login", data={"name": "ana", "password": PASSWORDS["ana"], "csrf_token": stolen})
    assert res.status_code == 403 and "mil_session" not in res.headers.get("set-cookie", "")


def test_repeated_failures_are_throttled(app: object) -> None:
    client = _client(app)
    page = client.get("/login")
    codes = []
    for _ in range(acc_failures()):  # each answer is a new form, with a new token
        page = client.post(
            "/login", data={"name": "bo", "password": "nope-nope", "csrf_token": _form_token(page.text)}
        )
        codes.append(page.status_code)
    assert set(codes) == {401}
    res = client.post(
        "/login", data={"name": "bo", "password": PASSWORDS["bo"], "csrf_token": _form_token(page.text)}
    )
    assert res.status_code == 429 and "Too many" in res.text
    other = _client(app)  # another user is not held up
    login(other, "ana")


def acc_failures() -> int:
    from makeitlast.web.auth import LOGIN_FAILURES

    return LOGIN_FAILURES


def test_next_only_goes_to_this_site(app: object) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        client = _client(app)
        form = client.get("/login", params={"next": target})
        res = client.post(
            "/login",
            data={
                "name": "ana",
                "password": PASSWORDS["ana"],
                "csrf_token": _form_token(form.text),
                "next": target,
            },
        )
        assert res.headers["location"] == "/", target


def test_logout_ends_the_session(app: object, db: Database) -> None:
    client = _client(app)
    csrf = login(client, "ana")
    assert client.post("/logout").status_code == 403  # a form POST without its CSRF field
    res = client.post("/logout", data={"csrf_token": csrf})
    assert res.status_code == 303 and res.headers["location"] == "/login"
    assert client.get("/").status_code == 303
    with db.session() as s:
        assert s.scalars(select(WebSession)).all() == []


def test_a_disabled_user_is_logged_out_and_cannot_log_in(app: object, db: Database) -> None:
    client = _client(app)
    login(client, "bo")
    acc.update_user(db, "bo", disabled=True)
    assert client.get("/").status_code == 303
    form = client.get("/login")
    res = client.post(
        "/login", data={"name": "bo", "password": PASSWORDS["bo"], "csrf_token": _form_token(form.text)}
    )
    assert res.status_code == 401


# --- who may reach what ---------------------------------------------------------------------------------------


def test_without_a_login_pages_redirect_and_the_api_answers_401(app: object) -> None:
    client = _client(app)
    res = client.get("/insights?x=1")
    assert res.status_code == 303 and res.headers["location"] == "/login?next=%2Finsights%3Fx%3D1"
    for method, path in [("GET", "/api/v1/coached"), ("POST", "/api/v1/check"), ("GET", "/openapi.json")]:
        res = client.request(method, path, json={"reply": "hi"})
        assert res.status_code == 401, path
        assert res.headers["www-authenticate"].startswith("Bearer") and "log in" in res.json()["detail"]
    # still reachable: the login page, its stylesheet, the webhook (it checks its own signature)
    assert client.get("/login").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    assert client.post("/api/v1/webhooks/zendesk", json={}).status_code in (401, 503)


def test_csrf_token_missing_or_wrong_is_403(app: object) -> None:
    client = _client(app)
    csrf = login(client, "ana")
    body = {"reply": "Sorry about that, the refund is on its way. Thanks!", "customer": CUSTOMER}
    missing = client.post("/api/v1/check", json=body)
    assert missing.status_code == 403 and "CSRF" in missing.json()["detail"]
    wrong = client.post("/api/v1/check", json=body, headers={"X-CSRF-Token": csrf[:-2] + "xx"})
    assert wrong.status_code == 403
    assert client.post("/api/v1/check", json=body, headers={"X-CSRF-Token": csrf}).status_code == 200
    # the same for a form: the field, or the header
    assert client.post("/logout", data={"csrf_token": "nope"}).status_code == 403
    assert client.get("/").status_code == 200  # still logged in


#: What each role gets on each path: (path, agent, lead, admin).
ACCESS = [
    ("/", 200, 200, 200),
    ("/rules", 200, 200, 200),
    ("/docs", 200, 200, 200),
    ("/api/v1/coached", 200, 200, 200),
    ("/insights", 403, 200, 200),
    ("/followups", 403, 200, 200),
    ("/api/v1/insights", 403, 200, 200),
    ("/api/v1/followups", 403, 200, 200),
    ("/insights/000000000000", 403, 404, 404),  # the dashboard of one analysis (none here)
    ("/api/v1/insights/000000000000/summary", 403, 404, 404),
    ("/admin", 403, 403, 200),
    ("/api/v1/users", 403, 403, 200),
    ("/api/v1/tokens", 403, 403, 200),
]


def test_roles(app: object) -> None:
    clients = {}
    for name in ("ana", "lea", "root"):
        clients[name] = _client(app)
        login(clients[name], name)
    for path, *expected in ACCESS:
        for name, status in zip(("ana", "lea", "root"), expected, strict=True):
            res = clients[name].get(path)
            assert res.status_code == status, (name, path, res.text[:200])
            if status == 403 and not path.startswith("/api/"):
                assert res.headers["content-type"].startswith("text/html") and "Not allowed" in res.text
            if status == 403 and path.startswith("/api/"):
                assert "needs the" in res.json()["detail"]


def test_the_navigation_follows_the_role(app: object) -> None:
    agent, lead, admin = _client(app), _client(app), _client(app)
    login(agent, "ana")
    login(lead, "lea")
    login(admin, "root")
    page = agent.get("/").text
    assert "href=/insights>" not in page and "href=/admin>" not in page and "href=/rules>" in page
    assert "href=/insights>" in lead.get("/").text and "href=/admin>" not in lead.get("/").text
    assert "href=/admin>" in admin.get("/").text


def _save(client: TestClient, csrf: str, reply: str, record: bool = True) -> int:
    res = client.post(
        "/api/v1/check",
        json={"reply": reply, "customer": CUSTOMER, "record": record},
        headers={"X-CSRF-Token": csrf},
    )
    assert res.status_code == 200, res.text
    return int(res.headers.get("x-coached-id", 0))


def test_an_agent_sees_only_their_own_coached_replies(app: object) -> None:
    ana, bo, lea = _client(app), _client(app), _client(app)
    ana_csrf, bo_csrf = login(ana, "ana"), login(bo, "bo")
    login(lea, "lea")
    _save(ana, ana_csrf, "It's our policy, nothing I can do.")
    _save(ana, ana_csrf, "It's our policy, nothing I can do.", record=False)  # a keystroke check: not kept
    _save(ana, ana_csrf, "Calm down, we will look at it.")
    _save(bo, bo_csrf, "Sorry about the broken order! A refund is on its way. Thanks for telling us.")

    mine = ana.get("/api/v1/coached").json()
    assert [r["user"] for r in mine] == ["ana", "ana"] and all(r["source"] == "web" for r in mine)
    assert (
        "D006" in {f["code"] for f in mine[0]["findings"]} and mine[0]["schema_version"] == 1
    )  # newest first
    assert ana.get("/api/v1/coached", params={"user": "bo"}).json() == []  # no peeking through a filter
    assert [r["user"] for r in bo.get("/api/v1/coached").json()] == ["bo"]
    everyone = lea.get("/api/v1/coached").json()
    assert [r["user"] for r in everyone] == ["bo", "ana", "ana"]
    assert [r["user"] for r in lea.get("/api/v1/coached", params={"team": "north"}).json()] == ["ana", "ana"]
    assert [r["user"] for r in lea.get("/api/v1/coached", params={"user": "bo", "limit": 5}).json()] == ["bo"]


# --- API tokens -----------------------------------------------------------------------------------------------


def test_a_token_works_without_csrf_and_a_revoked_one_does_not(app: object) -> None:
    admin = _client(app)
    csrf = login(admin, "root")
    created = admin.post("/api/v1/tokens", json={"name": "ci", "user": "bo"}, headers={"X-CSRF-Token": csrf})
    assert created.status_code == 201
    token, token_id = created.json()["token"], created.json()["id"]
    assert token.startswith("mil_")
    listed = admin.get("/api/v1/tokens").json()
    assert [t["name"] for t in listed] == ["ci"] and "token" not in listed[0]  # shown once only

    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})  # type: ignore[arg-type]
    res = api.post("/api/v1/check", json={"reply": "Calm down.", "customer": CUSTOMER, "record": True})
    assert res.status_code == 200  # no CSRF token needed with a bearer token
    assert [r["user"] for r in api.get("/api/v1/coached").json()] == ["bo"]
    assert api.get("/api/v1/me").json()["user"]["role"] == "agent"
    assert api.get("/api/v1/insights").status_code == 403  # the token has its user's role
    assert admin.get("/api/v1/tokens").json()[0]["last_used_at"] is not None

    revoked = admin.delete(f"/api/v1/tokens/{token_id}", headers={"X-CSRF-Token": csrf})
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    res = api.get("/api/v1/coached")
    assert res.status_code == 401 and "revoked" in res.json()["detail"]
    bad = TestClient(app, headers={"Authorization": "Bearer mil_not-a-real-token"})  # type: ignore[arg-type]
    assert bad.get("/api/v1/rules").status_code == 401
    assert bad.get("/").status_code == 401


def test_a_disabled_users_token_stops_working(app: object, db: Database) -> None:
    _info, token = acc.create_token(db, "ana", "script")
    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})  # type: ignore[arg-type]
    assert api.get("/api/v1/coached").status_code == 200
    acc.update_user(db, "ana", disabled=True)
    assert api.get("/api/v1/coached").status_code == 401
    acc.update_user(db, "ana", disabled=False)
    assert api.get("/api/v1/coached").status_code == 200


# --- managing users -------------------------------------------------------------------------------------------


def test_the_users_api(app: object, db: Database) -> None:
    admin = _client(app)
    h = {"X-CSRF-Token": login(admin, "root")}
    res = admin.post(
        "/api/v1/users", json={"name": "cy", "role": "lead", "password": "lead-password-2"}, headers=h
    )
    assert res.status_code == 201 and res.json()["role"] == "lead" and "lead-password-2" not in res.text
    assert (
        admin.post("/api/v1/users", json={"name": "cy", "password": "x" * 12}, headers=h).status_code == 409
    )
    assert (
        admin.post("/api/v1/users", json={"name": "dee", "password": "short"}, headers=h).status_code == 422
    )
    bad_role = admin.post(
        "/api/v1/users", json={"name": "dee", "role": "owner", "password": "x" * 12}, headers=h
    )
    assert bad_role.status_code == 400
    cy = res.json()["id"]
    changed = admin.patch(f"/api/v1/users/{cy}", json={"role": "agent", "team": "south"}, headers=h)
    assert changed.json()["role"] == "agent" and changed.json()["team"] == "south"
    assert admin.patch("/api/v1/users/9999", json={"role": "agent"}, headers=h).status_code == 404
    root = acc.get_user(db, "root").id
    last = admin.patch(f"/api/v1/users/{root}", json={"disabled": True}, headers=h)
    assert last.status_code == 400 and "last active admin" in last.json()["detail"]
    assert admin.patch(f"/api/v1/users/{root}", json={"role": "lead"}, headers=h).status_code == 400
    names = {u["name"]: u for u in admin.get("/api/v1/users").json()}
    assert set(names) == {"root", "lea", "ana", "bo", "cy"} and names["root"]["role"] == "admin"
    assert [u["name"] for u in admin.get("/api/v1/users", params={"team": "south"}).json()] == ["bo", "cy"]


def test_the_admin_page_forms(app: object, db: Database) -> None:
    admin = _client(app)
    csrf = login(admin, "root")
    page = admin.get("/admin")
    assert _form_token(page.text) == csrf
    res = admin.post(
        "/admin/users", data={"csrf_token": csrf, "name": "eve", "role": "lead", "password": "eve-password-1"}
    )
    assert res.status_code == 303
    assert acc.get_user(db, "eve").role == "lead"
    no_csrf = admin.post("/admin/users", data={"name": "mallory", "role": "admin", "password": "m" * 12})
    assert no_csrf.status_code == 403
    with pytest.raises(acc.UnknownAccount):
        acc.get_user(db, "mallory")
    eve = acc.get_user(db, "eve").id
    admin.post(
        f"/admin/users/{eve}", data={"csrf_token": csrf, "action": "save", "role": "agent", "team": "west"}
    )
    assert (acc.get_user(db, "eve").role, acc.get_user(db, "eve").team) == ("agent", "west")
    admin.post(f"/admin/users/{eve}", data={"csrf_token": csrf, "action": "disable"})
    assert acc.get_user(db, "eve").disabled
    dup = admin.post(
        "/admin/users", data={"csrf_token": csrf, "name": "eve", "role": "agent", "password": "x" * 12}
    )
    assert dup.status_code == 400 and "already exists" in dup.text

    made = admin.post("/admin/tokens", data={"csrf_token": csrf, "name": "sync", "user": "lea"})
    assert made.status_code == 200
    token = re.search(r"<code id=new-token>([^<]+)</code>", made.text).group(1)  # type: ignore[union-attr]
    assert acc.token_account(db, token) is not None and token not in admin.get("/admin").text
    token_id = acc.list_tokens(db, "lea")[0].id
    admin.post(f"/admin/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert acc.token_account(db, token) is None


# --- secrets and untrusted text -------------------------------------------------------------------------------


def test_passwords_tokens_and_sessions_are_not_stored_in_clear(app: object, db: Database) -> None:
    client = _client(app)
    login(client, "ana")
    session_id = client.cookies["mil_session"]
    _info, token = acc.create_token(db, "ana", "script")
    with db.session() as s:
        ana = s.scalars(select(User).where(User.name == "ana")).one()
        assert ana.password_hash is not None and ana.password_hash.startswith("$argon2id$")
        assert PASSWORDS["ana"] not in ana.password_hash
        row = s.scalars(select(ApiToken)).one()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        session = s.scalars(select(WebSession)).one()
        assert session.session_hash == hashlib.sha256(session_id.encode()).hexdigest()
    with db.engine.connect() as conn:  # nowhere in any table
        dump = " ".join(
            str(conn.execute(text(f"SELECT * FROM {table}")).all())
            for table in ("users", "api_tokens", "web_sessions")
        )
    for secret in (PASSWORDS["ana"], token, session_id):
        assert secret not in dump


def test_script_in_a_user_name_is_escaped(app: object, db: Database) -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    acc.add_user(db, evil, "admin", "evil-password-1", team="<b>team</b>")
    client = _client(app)
    form = client.get("/login")
    res = client.post(
        "/login", data={"name": evil, "password": "evil-password-1", "csrf_token": _form_token(form.text)}
    )
    assert res.status_code == 303
    for path in ("/", "/admin", "/rules"):
        page = client.get(path).text
        assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>team" not in page, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path
    wrong = _client(app)
    page = wrong.post(
        "/login",
        data={
            "name": evil,
            "password": "nope",
            "csrf_token": _form_token(wrong.get("/login?next=/x'><script>").text),
        },
    ).text
    assert "<script>alert" not in page and "'><script>" not in page


# --- local mode -----------------------------------------------------------------------------------------------


def test_local_mode_has_no_logins(db_url: str, tmp_path: Path) -> None:
    app = create_app(data_dir=tmp_path, database_url=db_url, workers=1)
    try:
        client = _client(app)
        assert client.get("/").status_code == 200 and "Log out" not in client.get("/").text
        assert client.get("/insights").status_code == 200
        assert client.post("/api/v1/check", json={"reply": "Thanks!", "customer": "hi"}).status_code == 200
        assert client.get("/api/v1/me").json() == {"team": False, "user": None}
        assert client.get("/login").status_code == 303
        assert client.get("/admin").status_code == 404  # users and tokens are for team mode
        assert client.get("/api/v1/users").status_code == 404
        assert "href=/admin>" not in client.get("/").text
    finally:
        app.state.db.close()
