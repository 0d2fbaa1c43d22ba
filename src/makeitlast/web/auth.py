"""Team mode: logins, roles, API tokens and CSRF protection for the web app.

Local mode (the default, ``makeitlast serve`` on 127.0.0.1): no logins, ``request.state.user`` is ``None`` and
every page works as before. Team mode (``makeitlast serve --team``, required for a non-loopback ``--host``):

- Every request except ``/login``, ``/static/*``, ``/docs-assets/*`` and the webhooks (which carry their own
  signature) needs a user: a browser session (``/login`` sets an HttpOnly, SameSite=Lax cookie, ``Secure`` over
  https) or ``Authorization: Bearer <token>`` (``makeitlast tokens create``). Without one, pages redirect to
  ``/login`` and the API answers 401 JSON. An invalid or revoked bearer token is 401 everywhere.
- A state-changing request (POST, PUT, PATCH, DELETE) made with the session cookie must carry the session's CSRF
  token: the ``X-CSRF-Token`` header (the page scripts read it from ``<meta name=csrf-token>``) or, for an
  ``application/x-www-form-urlencoded`` form, a ``csrf_token`` field (:func:`makeitlast.web.layout.csrf_field`).
  Otherwise 403. Bearer-token calls need no CSRF token (a browser never adds that header by itself). The login
  form is protected by a double-submit cookie of its own.
- Roles: ``require_user("lead")`` on a route answers 403 to an agent (pages show a short HTML page instead of
  JSON). Agent: the coach page, their own coached replies, practice and plan. Lead: plus insights, follow-ups and
  everyone's coached replies. Admin: plus ``/admin``, ``/api/v1/users`` and ``/api/v1/tokens``.

The contract for routers: the user is ``request.state.user`` (an :class:`~makeitlast.store.accounts.Account`:
``.id``, ``.name``, ``.role``, ``.team``; ``None`` in local mode), the database ``request.app.state.db``, and
``Depends(require_user("agent"))`` returns that user or refuses the request.
"""

from __future__ import annotations

import html
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import cookie_parser

from makeitlast.store import accounts
from makeitlast.store.accounts import Account, AccountError, DuplicateAccount, UnknownAccount
from makeitlast.store.db import Database
from makeitlast.store.models import ROLES
from makeitlast.web.layout import csrf_field, current_csrf, current_user, page, team_mode

SESSION_COOKIE = "mil_session"
#: The login form's double-submit cookie (the form has no session yet to hold its CSRF token).
LOGIN_COOKIE = "mil_login"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
#: A form body read to find its CSRF field is at most this big (a login or admin form is a few hundred bytes).
MAX_FORM = 64 * 1024
#: Reachable without a user in team mode.
PUBLIC_PATHS = frozenset({"/login", "/favicon.ico"})
PUBLIC_PREFIXES = ("/static/", "/docs-assets/", "/api/v1/webhooks/")
#: No user is looked up for these (static files; webhooks authenticate themselves).
_NO_LOOKUP = ("/static/", "/docs-assets/", "/api/v1/webhooks/")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Failed logins per (name, client) before that pair has to wait.
LOGIN_FAILURES = 10
LOGIN_WINDOW_SECONDS = 15 * 60


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


def _safe_next(target: str | None) -> str:
    """Only a path on this site (``/insights?x=1``), never ``//evil.example`` or ``https://...``."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return "/"
    return target


def _login_url(path: str, query: str) -> str:
    target = path + ("?" + query if query else "")
    return "/login" if target == "/" else "/login?next=" + quote(target, safe="")


def _secure(scope: dict[str, Any]) -> bool:
    return scope.get("scheme") == "https"


def _forbidden(path: str, message: str) -> Response:
    if is_api(path):
        return JSONResponse({"detail": message}, status_code=403)
    return page("Not allowed", f"<h1>Not allowed</h1><p>{html.escape(message)}</p>", status_code=403)


class AuthMiddleware:
    """Pure ASGI middleware: finds the request's user (session cookie or bearer token), puts it in
    ``request.state.user``, refuses requests without one in team mode, and checks CSRF tokens."""

    def __init__(self, app: Any, db: Database, team: bool) -> None:
        self.app = app
        self.db = db
        self.team = team

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["user"] = None
        if not self.team:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        public = path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)
        headers = Headers(scope=scope)
        user: Account | None = None
        csrf: str | None = None
        by_cookie = False
        if not path.startswith(_NO_LOOKUP):
            authorization = headers.get("authorization")
            if authorization is not None:
                scheme, _, credentials = authorization.partition(" ")
                found = None
                if scheme.lower() == "bearer" and credentials.strip():
                    found = await run_in_threadpool(accounts.token_account, self.db, credentials.strip())
                if found is None:
                    body = {"detail": "invalid or revoked API token (send Authorization: Bearer <token>)"}
                    response: Response = JSONResponse(
                        body, status_code=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
                    )
                    await response(scope, receive, send)
                    return
                user = found
            else:
                session_id = cookie_parser(headers.get("cookie", "")).get(SESSION_COOKIE)
                if session_id:
                    session = await run_in_threadpool(accounts.session_account, self.db, session_id)
                    if session is not None:
                        user, csrf = session
                        by_cookie = True
        state["user"] = user
        user_token, csrf_token, team_token = (
            current_user.set(user),
            current_csrf.set(csrf),
            team_mode.set(True),
        )
        try:
            if user is None and not public:
                if is_api(path):
                    response = JSONResponse(
                        {
                            "detail": "log in first: a session cookie from /login or Authorization: Bearer <token>"
                        },
                        status_code=401,
                        headers={"WWW-Authenticate": "Bearer"},
                    )
                else:
                    response = RedirectResponse(
                        _login_url(path, scope.get("query_string", b"").decode("latin-1")), status_code=303
                    )
                await response(scope, receive, send)
                return
            if by_cookie and scope["method"] not in _SAFE_METHODS and path not in PUBLIC_PATHS:
                assert csrf is not None
                ok, receive = await self._csrf_ok(headers, receive, csrf)
                if not ok:
                    await _forbidden(path, "missing or wrong CSRF token: reload the page and try again")(
                        scope, receive, send
                    )
                    return
            await self.app(scope, receive, send)
        finally:
            current_user.reset(user_token)
            current_csrf.reset(csrf_token)
            team_mode.reset(team_token)

    async def _csrf_ok(self, headers: Headers, receive: Any, csrf: str) -> tuple[bool, Any]:
        """Whether the request carries the session's CSRF token (header, or the field of a urlencoded form, whose
        body is then handed on to the app unchanged), and the ``receive`` to use from here on."""
        sent = headers.get(CSRF_HEADER)
        if sent is not None:
            return secrets.compare_digest(sent.encode(), csrf.encode()), receive
        if (
            headers.get("content-type", "").split(";")[0].strip().lower()
            != "application/x-www-form-urlencoded"
        ):
            return False, receive
        messages: list[dict[str, Any]] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return False, receive
            size += len(message.get("body", b""))
            if size > MAX_FORM:
                return False, receive
            if not message.get("more_body", False):
                break
        body = b"".join(m.get("body", b"") for m in messages)
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        sent_field = (fields.get(CSRF_FIELD) or [""])[0]

        async def replay() -> dict[str, Any]:
            if messages:
                return messages.pop(0)
            return dict(await receive())

        return bool(sent_field) and secrets.compare_digest(sent_field.encode(), csrf.encode()), replay


def require_user(role: str = "agent") -> Callable[[Request], Awaitable[Account | None]]:
    """A FastAPI dependency: ``user = Depends(require_user("lead"))``. Returns the signed-in user, or ``None`` in
    local mode (no logins: everyone may do everything); in team mode raises 401 without a user and 403 when the
    user's role is below ``role`` (agent < lead < admin)."""
    wanted = accounts.role_rank(role)

    async def dependency(request: Request) -> Account | None:
        if not getattr(request.app.state, "team", False):
            return None
        user: Account | None = getattr(request.state, "user", None)
        if user is None:
            raise HTTPException(401, "log in first", headers={"WWW-Authenticate": "Bearer"})
        if accounts.role_rank(user.role) < wanted:
            raise HTTPException(403, f"this needs the {role} role; {user.name} is {user.role}")
        return user

    dependency.__name__ = f"require_{role}"
    return dependency


def team_only(request: Request) -> None:
    """A dependency for what exists in team mode only (user and token management): 404 in local mode."""
    if not getattr(request.app.state, "team", False):
        raise HTTPException(404, "users and tokens exist in team mode only (makeitlast serve --team)")


async def form_fields(request: Request) -> dict[str, str]:
    """The fields of an ``application/x-www-form-urlencoded`` body (first value of each; at most 64 KB)."""
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, "form too large")
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


class _Throttle:
    """At most ``LOGIN_FAILURES`` failed logins per (name, client) in ``LOGIN_WINDOW_SECONDS`` (per process)."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        now = time.monotonic()
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > LOGIN_WINDOW_SECONDS:
            times.popleft()
        return times

    def blocked(self, key: tuple[str, str]) -> bool:
        return len(self._recent(key)) >= LOGIN_FAILURES

    def failed(self, key: tuple[str, str]) -> None:
        if len(self._failures) > 10_000:  # forget the oldest pairs rather than grow without bound
            for old in list(self._failures)[:5_000]:
                del self._failures[old]
        self._recent(key).append(time.monotonic())

    def succeeded(self, key: tuple[str, str]) -> None:
        self._failures.pop(key, None)


# --- request and response bodies ------------------------------------------------------------------------------


class NewUser(BaseModel):
    name: str = Field(..., max_length=100)
    role: str = Field("agent", description="agent, lead or admin")
    team: str | None = Field(None, max_length=100)
    password: str = Field(..., min_length=accounts.MIN_PASSWORD, max_length=accounts.MAX_PASSWORD)


class UserChange(BaseModel):
    role: str | None = Field(None, description="agent, lead or admin")
    team: str | None = Field(None, max_length=100, description="empty string: no team")
    disabled: bool | None = None
    password: str | None = Field(None, min_length=accounts.MIN_PASSWORD, max_length=accounts.MAX_PASSWORD)


class NewToken(BaseModel):
    name: str = Field(..., max_length=100, description="What the token is for, e.g. 'ci' or 'zendesk-sync'.")
    user: str = Field(..., description="The user the token acts as.")


def _account_error(e: AccountError) -> HTTPException:
    if isinstance(e, UnknownAccount):
        return HTTPException(404, str(e))
    if isinstance(e, DuplicateAccount):
        return HTTPException(409, str(e))
    return HTTPException(400, str(e))


# --- pages ----------------------------------------------------------------------------------------------------


def _login_page(
    next_url: str, message: str = "", status_code: int = 200, secure: bool = False, token: str | None = None
) -> Response:
    """The login form, with the double-submit token in a hidden field and in a cookie. An existing token is kept
    (``token``): two login tabs, or the browser's own requests in between, must not invalidate each other."""
    login_csrf = token if token and 32 <= len(token) <= 64 and token.isascii() else secrets.token_urlsafe(32)
    note = f"<p class=error role=alert>{html.escape(message)}</p>" if message else ""
    body = (
        "<h1>Log in</h1>"
        f"{note}<form class=login method=post action=/login>"
        f"<input type=hidden name=csrf_token value='{login_csrf}'>"
        f"<input type=hidden name=next value='{html.escape(next_url, quote=True)}'>"
        "<label for=name>Name</label><input id=name name=name autocomplete=username required autofocus>"
        "<label for=password>Password</label>"
        "<input id=password name=password type=password autocomplete=current-password required>"
        "<button type=submit>Log in</button></form>"
    )
    response = page("Log in", body, status_code=status_code, nav=False)
    response.set_cookie(
        LOGIN_COOKIE, login_csrf, max_age=3600, path="/login", httponly=True, samesite="lax", secure=secure
    )
    return response


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _admin_page(db: Database, message: str = "", error: str = "", status_code: int = 200) -> Response:
    users = accounts.list_users(db)
    tokens = accounts.list_tokens(db)
    esc = html.escape
    field = csrf_field()
    role_options = "".join(f"<option>{r}</option>" for r in ROLES)

    def role_select(current: str) -> str:
        return (
            "<select name=role aria-label=role>"
            + "".join(f"<option{' selected' if r == current else ''}>{r}</option>" for r in ROLES)
            + "</select>"
        )

    rows = []
    for u in users:
        state = "disabled" if u.disabled else ("active" if u.has_password else "no password (cannot log in)")
        toggle = "enable" if u.disabled else "disable"
        rows.append(
            f"<tr data-user='{esc(u.name, quote=True)}'><td>{esc(u.name)}</td><td>{esc(state)}</td>"
            f"<td>{_when(u.created_at)}</td><td><form method=post action=/admin/users/{u.id}>{field}"
            f"{role_select(u.role)}<input name=team aria-label=team placeholder=team value='{esc(u.team or '', quote=True)}'>"
            "<button name=action value=save>Save</button>"
            f"<button name=action value={toggle}>{toggle.capitalize()}</button></form></td></tr>"
        )
    token_rows = []
    for t in tokens:
        revoke = (
            ""
            if t.revoked
            else f"<form method=post action=/admin/tokens/{t.id}/revoke>{field}<button>Revoke</button></form>"
        )
        token_rows.append(
            f"<tr data-token='{t.id}'><td>{t.id}</td><td>{esc(t.name)}</td><td>{esc(t.user)}</td>"
            f"<td>{_when(t.created_at)}</td><td>{_when(t.last_used_at) or 'never'}</td>"
            f"<td>{'revoked ' + _when(t.revoked_at) if t.revoked else 'active'}</td><td>{revoke}</td></tr>"
        )
    user_options = "".join(
        f"<option>{esc(u.name)}</option>" for u in users if not u.disabled and u.has_password
    )
    notes = (f"<p class=ok role=status>{message}</p>" if message else "") + (
        f"<p class=error role=alert>{esc(error)}</p>" if error else ""
    )
    body = (
        f"<h1>Admin</h1>{notes}<h2>Users</h2>"
        "<table class=analyses><thead><tr><th>name</th><th>state</th><th>created</th><th>role and team</th></tr>"
        f"</thead><tbody id=users>{''.join(rows)}</tbody></table>"
        f"<h3>Add a user</h3><form class=admin method=post action=/admin/users>{field}"
        "<input name=name aria-label=name placeholder=name required maxlength=100>"
        f"<select name=role aria-label=role>{role_options}</select>"
        "<input name=team aria-label=team placeholder='team (optional)' maxlength=100>"
        f"<input name=password type=password aria-label=password placeholder='password ({accounts.MIN_PASSWORD}+ "
        f"characters)' required minlength={accounts.MIN_PASSWORD} autocomplete=new-password>"
        "<button type=submit>Add user</button></form>"
        "<h2>API tokens</h2>"
        "<table class=analyses><thead><tr><th>id</th><th>name</th><th>user</th><th>created</th><th>last used</th>"
        f"<th>state</th><th></th></tr></thead><tbody id=tokens>{''.join(token_rows)}</tbody></table>"
        f"<h3>Create a token</h3><form class=admin method=post action=/admin/tokens>{field}"
        "<input name=name aria-label='token name' placeholder='what it is for' required maxlength=100>"
        f"<select name=user aria-label=user>{user_options}</select><button type=submit>Create token</button></form>"
    )
    return page("Admin", body, status_code=status_code)


def install(app: FastAPI, db: Database, team: bool) -> None:
    """Add the middleware, the login and admin pages, the users and tokens API and the error pages to ``app``
    (before ``makeitlast.web.app``'s other middleware, so that theirs wraps this)."""
    app.state.team = team
    app.add_middleware(AuthMiddleware, db=db, team=team)
    throttle = _Throttle()
    admin = require_user("admin")

    @app.exception_handler(StarletteHTTPException)
    async def _errors(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        if not is_api(path) and request.method in ("GET", "HEAD"):
            if exc.status_code == 401:
                return RedirectResponse(_login_url(path, request.url.query), status_code=303)
            if exc.status_code == 403:
                return _forbidden(path, str(exc.detail))
        return await http_exception_handler(request, exc)

    # --- login and logout -------------------------------------------------------------------------------------

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> Response:
        if not team or request.state.user is not None:
            return RedirectResponse(_safe_next(next), status_code=303)
        return _login_page(
            _safe_next(next), secure=request.url.scheme == "https", token=request.cookies.get(LOGIN_COOKIE)
        )

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        secure = request.url.scheme == "https"
        if not team:
            return RedirectResponse("/", status_code=303)
        fields = await form_fields(request)
        next_url = _safe_next(fields.get("next"))
        expected = request.cookies.get(LOGIN_COOKIE, "")
        sent = fields.get(CSRF_FIELD, "")
        if not expected or not sent or not secrets.compare_digest(expected.encode(), sent.encode()):
            return _login_page(next_url, "The login form expired: please try again.", 403, secure)
        name, password = fields.get("name", ""), fields.get("password", "")
        key = (" ".join(name.split()).casefold(), request.client.host if request.client else "")
        if throttle.blocked(key):
            return _login_page(next_url, "Too many failed logins: wait a few minutes.", 429, secure, expected)
        user = await run_in_threadpool(accounts.authenticate, db, name, password)
        if user is None:
            throttle.failed(key)
            return _login_page(next_url, "Wrong name or password.", 401, secure, expected)
        throttle.succeeded(key)
        old = request.cookies.get(SESSION_COOKIE)
        if old:
            await run_in_threadpool(accounts.end_session, db, old)
        session_id, _csrf = await run_in_threadpool(accounts.create_session, db, user.id)
        response = RedirectResponse(next_url, status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            session_id,
            max_age=int(accounts.SESSION_TTL.total_seconds()),
            path="/",
            httponly=True,
            samesite="lax",
            secure=secure,
        )
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        session_id = request.cookies.get(SESSION_COOKIE)
        if session_id:
            await run_in_threadpool(accounts.end_session, db, session_id)
        response = RedirectResponse("/login" if team else "/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=True)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
        return response

    @app.get("/api/v1/me", tags=["users"], summary="Who is signed in")
    def me(request: Request) -> dict[str, Any]:
        """The signed-in user (team mode), or `{"user": null, "team": false}` in local mode."""
        user: Account | None = request.state.user
        return {"team": team, "user": user.to_json_dict() if user else None}

    # --- the admin page ---------------------------------------------------------------------------------------

    from fastapi import Depends

    guards = [Depends(team_only), Depends(admin)]

    @app.get("/admin", include_in_schema=False, dependencies=guards)
    def admin_page() -> Response:
        return _admin_page(db)

    async def _admin_action(action: Callable[[], str]) -> Response:
        try:
            message = await run_in_threadpool(action)
        except AccountError as e:
            return await run_in_threadpool(_admin_page, db, "", str(e), 400)
        if message:
            return await run_in_threadpool(_admin_page, db, message)
        return RedirectResponse("/admin", status_code=303)

    @app.post("/admin/users", include_in_schema=False, dependencies=guards)
    async def admin_add_user(request: Request) -> Response:
        f = await form_fields(request)

        def act() -> str:
            accounts.add_user(
                db, f.get("name", ""), f.get("role", "agent"), f.get("password", ""), f.get("team")
            )
            return ""

        return await _admin_action(act)

    @app.post("/admin/users/{user_id}", include_in_schema=False, dependencies=guards)
    async def admin_change_user(request: Request, user_id: int) -> Response:
        f = await form_fields(request)

        def act() -> str:
            what = f.get("action", "save")
            if what == "disable":
                accounts.update_user(db, user_id, disabled=True)
            elif what == "enable":
                accounts.update_user(db, user_id, disabled=False)
            else:
                accounts.update_user(db, user_id, role=f.get("role") or None, team=f.get("team"))
            return ""

        return await _admin_action(act)

    @app.post("/admin/tokens", include_in_schema=False, dependencies=guards)
    async def admin_create_token(request: Request) -> Response:
        f = await form_fields(request)

        def act() -> str:
            info, secret = accounts.create_token(db, f.get("user", ""), f.get("name", ""))
            return (
                f"Token {info.id} “{html.escape(info.name)}” for {html.escape(info.user)}: "
                f"<code id=new-token>{html.escape(secret)}</code> — copy it now, it is not shown again."
            )

        return await _admin_action(act)

    @app.post("/admin/tokens/{token_id}/revoke", include_in_schema=False, dependencies=guards)
    async def admin_revoke_token(token_id: int) -> Response:
        def act() -> str:
            accounts.revoke_token(db, token_id)
            return ""

        return await _admin_action(act)

    # --- the users and tokens API -----------------------------------------------------------------------------

    @app.get("/api/v1/users", tags=["users"], summary="Every user", dependencies=guards)
    def users_list(team: str | None = None) -> list[dict[str, Any]]:
        """Every user, by name (`team=T`: that team's only)."""
        return [u.to_json_dict() for u in accounts.list_users(db, team=team)]

    @app.post("/api/v1/users", tags=["users"], summary="Create a user", status_code=201, dependencies=guards)
    def users_create(body: NewUser) -> dict[str, Any]:
        try:
            return accounts.add_user(db, body.name, body.role, body.password, body.team).to_json_dict()
        except AccountError as e:
            raise _account_error(e) from None

    @app.patch("/api/v1/users/{user_id}", tags=["users"], summary="Change a user", dependencies=guards)
    def users_change(user_id: int, body: UserChange) -> dict[str, Any]:
        """Set the role, the team (`""` clears it), the password, or disable (`"disabled": true`) / enable a
        user. The last active admin cannot be disabled or demoted."""
        changes: dict[str, Any] = {"role": body.role, "disabled": body.disabled, "password": body.password}
        if body.team is not None:
            changes["team"] = body.team or None
        try:
            return accounts.update_user(db, user_id, **changes).to_json_dict()
        except AccountError as e:
            raise _account_error(e) from None

    @app.get(
        "/api/v1/tokens", tags=["users"], summary="Every API token (without its secret)", dependencies=guards
    )
    def tokens_list(user: str | None = None) -> list[dict[str, Any]]:
        try:
            return [t.to_json_dict() for t in accounts.list_tokens(db, user)]
        except AccountError as e:
            raise _account_error(e) from None

    @app.post(
        "/api/v1/tokens", tags=["users"], summary="Create an API token", status_code=201, dependencies=guards
    )
    def tokens_create(body: NewToken) -> dict[str, Any]:
        """The answer's `token` is the only time the token is shown: only its SHA-256 is stored."""
        try:
            info, secret = accounts.create_token(db, body.user, body.name)
        except AccountError as e:
            raise _account_error(e) from None
        return {**info.to_json_dict(), "token": secret}

    @app.delete(
        "/api/v1/tokens/{token_id}", tags=["users"], summary="Revoke an API token", dependencies=guards
    )
    def tokens_revoke(token_id: int) -> dict[str, Any]:
        try:
            return accounts.revoke_token(db, token_id).to_json_dict()
        except AccountError as e:
            raise _account_error(e) from None
