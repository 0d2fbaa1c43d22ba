"""The web app and REST API (FastAPI): live coaching while typing, rule docs, the same engine as the CLI.

``create_app()`` builds the ASGI app; ``makeitlast serve`` runs it with Uvicorn on 127.0.0.1:8000. Every
endpoint calls the engine the CLI calls (``makeitlast.engine.get_engine``) and answers with the schema-1 object of
``makeitlast check --format json`` (``docs/output-schema.md``); the OpenAPI description is at ``/docs`` (Swagger
UI served from this app, no CDN). The app keeps its coached replies, users and sessions in the database
(``makeitlast.store``, migrated on start); team mode (logins, roles, tokens, CSRF) is in ``makeitlast.web.auth``.

Customer and agent text is untrusted: pages never put it into HTML on the server, and the page script writes it
with ``textContent`` only. Every response carries a Content-Security-Policy that allows this origin's scripts and
styles only, ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and ``Referrer-Policy: no-referrer``.
Request bodies over ``max_body`` bytes are refused with 413 before they are read whole.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import hmac
import html
import json
import os
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from makeitlast import __version__
from makeitlast.engine import InputError, get_engine
from makeitlast.engine.config import Settings
from makeitlast.engine.registry import DOC_SECTIONS, all_rules, get_rule
from makeitlast.model import Report
from makeitlast.practice.plan import record_coached
from makeitlast.store import CoachedReply, Database, User, default_url, open_db
from makeitlast.store.accounts import Account
from makeitlast.store.db import sqlite_url
from makeitlast.web import auth
from makeitlast.web.analyses import Analyses
from makeitlast.web.dashboard import dashboard_router
from makeitlast.web.draft_routes import draft_router
from makeitlast.web.layout import csrf_meta, page
from makeitlast.web.practice_pages import practice_router

#: Bodies larger than this are refused (413): one reply with its thread is a few KB.
MAX_BODY = 1_000_000
#: Texts longer than this (characters) are judged in a worker thread instead of on the event loop.
LONG_TEXT = 20_000
#: A batch request holds at most this many replies.
MAX_BATCH = 1000

_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
#: The OpenAPI explorer at /docs: Swagger UI's script and styles come from this app (``/docs-assets/``, from the
#: fastapi-offline package) like every other script; its components set inline styles, allowed on that page only.
_DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
#: Swagger UI's files served at /docs-assets/ (from the fastapi-offline package).
_DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon.png": "image/png",
}


#: report.html carries Plotly and its chart calls inline: it is served sandboxed (an opaque origin that cannot
#: reach this app's API or cookies), with inline script allowed only there.
_REPORT_CSP = (
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'"
)
#: Largest export accepted by upload.
MAX_UPLOAD = 200 * 1024 * 1024


def default_data_dir() -> Path:
    """Where the app keeps its analyses: ``$MAKEITLAST_DATA``, or the user's data directory."""
    env = os.environ.get("MAKEITLAST_DATA")
    if env:
        return Path(env)
    try:
        from platformdirs import user_data_dir

        return Path(user_data_dir("makeitlast"))
    except ImportError:
        return Path.home() / ".local" / "share" / "makeitlast"


class ContextMessage(BaseModel):
    role: str = Field("customer", description="customer or agent")
    text: str


class CheckRequest(BaseModel):
    """One reply to judge, with the customer message it answers and earlier messages of the conversation."""

    reply: str = Field(..., description="The agent's reply (draft).")
    customer: str | None = Field(None, description="The customer message the reply answers.")
    context: list[str | ContextMessage] = Field(
        default_factory=list, description="Earlier messages, oldest first: strings are customer messages."
    )
    id: str | None = None
    record: bool = Field(
        False,
        description="Keep this check in the coached replies (`GET /api/v1/coached`), for the signed-in user in team "
        "mode. The coach page sends it when the agent presses Save, not on every keystroke.",
    )


class BatchRequest(BaseModel):
    items: list[CheckRequest] = Field(..., max_length=MAX_BATCH)


#: Every page's frame (``makeitlast.web.layout.page``; routers elsewhere import it from here).
_page = page


def _static(name: str) -> str:
    return resources.files("makeitlast.web").joinpath("static", name).read_text(encoding="utf-8")


class _Guard:
    """Pure ASGI middleware (Starlette's ``BaseHTTPMiddleware`` costs a task and a queue per request, which
    halved the throughput of the check endpoint): refuses bodies over ``max_body`` bytes with 413, and adds the
    security headers to every response."""

    def __init__(self, app: Any, max_body: int, max_upload: int = 0) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max(max_upload, max_body)
        self._headers = [(k.lower().encode(), v.encode()) for k, v in _SECURITY_HEADERS.items()]
        self._docs_headers = [
            (k, _DOCS_CSP.encode() if k == b"content-security-policy" else v) for k, v in self._headers
        ]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        extra = self._docs_headers if path == "/docs" else self._headers
        if path.startswith("/insights/") and path.endswith("/report"):
            framed = {b"content-security-policy": _REPORT_CSP.encode(), b"x-frame-options": b"SAMEORIGIN"}
            extra = [(k, framed.get(k, v)) for k, v in self._headers]  # framed by this app's insights page
        limit = self.max_upload if path == "/api/v1/insights" else self.max_body
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                body = json.dumps({"detail": f"request body too large: at most {limit:,} bytes"}).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 413,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            *extra,
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings | None = None,
    *,
    max_body: int = MAX_BODY,
    max_upload: int = MAX_UPLOAD,
    data_dir: Path | None = None,
    workers: int | None = None,
    zendesk_secret: str | None = None,
    database_url: str | None = None,
    team: bool = False,
) -> FastAPI:
    """The ASGI app. ``settings``: the coach's configuration (rule selection, apology culture, jargon ...);
    ``data_dir``: where analyses are kept (default :func:`default_data_dir`); ``workers``: processes per
    insights job (default every core); ``database_url``: the database of coached replies, users and sessions
    (default: ``makeitlast.db`` in ``data_dir`` when one is given, else :func:`makeitlast.store.default_url`),
    created and migrated here; ``team``: team mode (logins and roles, :mod:`makeitlast.web.auth`)."""
    settings = settings or Settings()
    engine = get_engine(settings)
    analyses = Analyses((data_dir or default_data_dir()) / "analyses", settings, workers)
    if database_url is None:
        database_url = sqlite_url(data_dir / "makeitlast.db") if data_dir is not None else default_url()
    db = open_db(database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Warm the engine: its phrase expressions compile on first use, about 1,600 of them (2 s, once per
        # process), and compiling them while serving showed as p99 latency spikes. Then keep everything built so
        # far out of the garbage collector's generations: it lives as long as the server, and full collections
        # over it were spikes too.
        engine.warm()
        gc.collect()
        gc.freeze()
        yield
        db.close()

    app = FastAPI(
        title="makeitlast",
        version=__version__,
        description="Coach customer-support replies with the L.A.S.T. method: Listen, Apologize, Solve, Thank.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )

    app.state.db = db
    # the auth middleware first: the guard added after it wraps it (413s and headers on every answer)
    auth.install(app, db, team)
    app.add_middleware(_Guard, max_body=max_body, max_upload=max_upload)
    app.state.analyses = analyses
    def _report(req: CheckRequest) -> Report:
        context = [c if isinstance(c, str) else c.model_dump() for c in req.context]
        try:
            return engine.check(req.reply, req.customer, context, id=req.id)
        except InputError as e:
            raise HTTPException(status_code=400, detail=str(e)) from None

    def _check(req: CheckRequest) -> dict[str, Any]:
        return _report(req).to_json_dict()

    @app.post(
        "/api/v1/check",
        tags=["coach"],
        summary="Judge one reply",
        response_class=Response,
        responses={200: {"content": {"application/json": {}}, "description": "The schema-1 report"}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}},
            }
        },
    )
    async def check(request: Request) -> Response:
        """The schema-1 object of `makeitlast check --format json` for one reply (body: `CheckRequest`).

        This endpoint is called on every keystroke of the coach page, so it does the least: the body is parsed
        and validated by pydantic in one step, a short reply is judged on the event loop (well under a
        millisecond; a thread hop would cost more), a long one in a worker thread, and the report is serialised
        by pydantic directly.
        """
        try:
            req = CheckRequest.model_validate_json(await request.body())
        except ValidationError as e:
            return JSONResponse({"detail": json.loads(e.json(include_url=False))}, status_code=422)
        if len(req.reply) + len(req.customer or "") > LONG_TEXT:
            report = await run_in_threadpool(_report, req)
        else:
            report = _report(req)
        headers = None
        if req.record:
            user: Account | None = request.state.user
            row = await run_in_threadpool(record_coached, db, user.name if user else None, report, "web")
            headers = {"X-Coached-Id": str(row)}
        return Response(report.model_dump_json(), media_type="application/json", headers=headers)

    # the other routes after /api/v1/check: routes are matched in order, and that one is called per keystroke
    _insights_routes(app, analyses, max_upload)
    app.include_router(dashboard_router(analyses), dependencies=[Depends(auth.require_user("lead"))])
    _docs_routes(app)
    app.include_router(practice_router(settings, live_dir=analyses.root.parent / "practice-live"))
    app.include_router(draft_router(settings, [Depends(auth.require_user("agent"))]))
    webhook_routes(
        app,
        engine,
        db,
        zendesk_secret if zendesk_secret is not None else os.environ.get("MAKEITLAST_ZENDESK_SECRET"),
    )


    @app.post("/api/v1/check/batch", tags=["coach"], summary="Judge many replies")
    def check_batch(req: BatchRequest) -> dict[str, Any]:
        """One schema-1 object per item, in order; an item that cannot be judged gets an `error` instead."""
        out: list[dict[str, Any]] = []
        for i, item in enumerate(req.items):
            try:
                out.append(_check(item))
            except HTTPException as e:
                out.append({"id": item.id, "schema_version": 1, "error": {"index": i, "message": e.detail}})
        return {"results": out}

    @app.get("/api/v1/rules", tags=["rules"], summary="Every rule")
    def rules() -> list[dict[str, Any]]:
        return [_rule_json(r) for r in all_rules()]

    @app.get("/api/v1/rules/{code}", tags=["rules"], summary="One rule's documentation")
    def rule(code: str) -> dict[str, Any]:
        try:
            cls = get_rule(code)
        except KeyError as e:
            raise HTTPException(status_code=404, detail=str(e).strip("'\"")) from None
        return {**_rule_json(cls), "docs": cls.docs()}

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        types = {".js": "text/javascript", ".css": "text/css"}
        kind = next((t for ext, t in types.items() if name.endswith(ext)), None)
        if kind is None or "/" in name or name.startswith("."):
            raise HTTPException(status_code=404)
        try:
            body = _static(name)
        except FileNotFoundError:
            raise HTTPException(status_code=404) from None
        return Response(body, media_type=kind, headers={"Cache-Control": "no-cache"})

    @app.get("/", include_in_schema=False)
    def coach_page() -> HTMLResponse:
        return _page("Coach", _static("coach.html"), "coach.js")

    @app.get("/rules", include_in_schema=False)
    def rules_page() -> HTMLResponse:
        rows = "".join(
            f"<tr><td><a href='/rules/{r.code}'>{r.code}</a></td><td>{html.escape(r.name)}</td>"
            f"<td>{r.step.value}</td><td>{r.severity.value}</td><td>{html.escape(r.summary)}</td></tr>"
            for r in all_rules()
        )
        return _page(
            "Rules",
            "<h1>Rules</h1><table class=rules><tr><th>code</th><th>name</th><th>step</th><th>severity</th>"
            f"<th>summary</th></tr>{rows}</table>",
        )

    @app.get("/rules/{code}", include_in_schema=False)
    def rule_page(code: str) -> HTMLResponse:
        try:
            cls = get_rule(code)
        except KeyError:
            raise HTTPException(status_code=404, detail=f"unknown rule code {code!r}") from None
        docs = cls.docs()
        parts = [f"<h1>{cls.code} {html.escape(cls.name)}</h1><p><em>{html.escape(cls.summary)}</em></p>"]
        for section in DOC_SECTIONS:
            if docs.get(section):
                paras = "".join(f"<p>{html.escape(p)}</p>" for p in docs[section].split("\n\n"))
                parts.append(f"<h2>{section}</h2>{paras}")
        return _page(f"{cls.code} {cls.name}", "".join(parts))

    return app


def _rule_json(r: Any) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "step": r.step.value,
        "severity": r.severity.value,
        "scope": r.scope,
        "weight": r.weight,
        "summary": r.summary,
    }


def app_from_env() -> FastAPI:
    """The app for each Uvicorn worker process of ``makeitlast serve --workers N`` (settings passed by the
    parent in ``MAKEITLAST_SETTINGS``)."""
    import os

    key = os.environ.get("MAKEITLAST_SETTINGS")
    return create_app(
        Settings.model_validate_json(key) if key else None,
        database_url=os.environ.get("MAKEITLAST_DATABASE_URL") or None,
        team=os.environ.get("MAKEITLAST_TEAM") == "1",
    )


def _docs_routes(app: FastAPI) -> None:
    """The OpenAPI explorer at /docs, entirely from this app: Swagger UI's files from the fastapi-offline
    package at /docs-assets/, started by /static/docs.js (no inline script, no CDN)."""
    assets: dict[str, bytes] = {}

    def asset(name: str) -> bytes:
        if name not in assets:
            assets[name] = resources.files("fastapi_offline").joinpath("static", name).read_bytes()
        return assets[name]

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        meta = csrf_meta()
        return HTMLResponse(
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content='width=device-width,initial-scale=1'>{meta}"
            "<title>API · makeitlast</title><link rel=icon href=/docs-assets/favicon.png>"
            "<link rel=stylesheet href=/docs-assets/swagger-ui.css>"
            "<script src=/docs-assets/swagger-ui-bundle.js defer></script>"
            "<script src=/static/docs.js defer></script></head>"
            "<body><p><a href=/>← makeitlast</a> · <a href=/openapi.json>openapi.json</a></p>"
            "<div id=swagger-ui></div></body></html>"
        )

    @app.get("/docs-assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        kind = _DOCS_ASSETS.get(name)
        if kind is None:
            raise HTTPException(404)
        try:
            body = asset(name)
        except (ModuleNotFoundError, FileNotFoundError):
            raise HTTPException(404, "Swagger UI is not installed: pip install 'makeitlast[web]'") from None
        return Response(body, media_type=kind, headers={"Cache-Control": "public, max-age=86400"})


def _insights_routes(app: FastAPI, analyses: Analyses, max_upload: int) -> None:
    """Uploads, analyses, their reports and the follow-ups across them (for leads and admins in team mode)."""
    lead = [Depends(auth.require_user("lead"))]

    @app.post(
        "/api/v1/insights",
        tags=["insights"],
        summary="Upload an export and start its analysis",
        dependencies=lead,
    )
    async def upload(request: Request, name: str = "export", format: str | None = None) -> dict[str, Any]:
        """The request body is the export file itself (any format `makeitlast insights` reads; `format` to
        force one). Answers at once with the analysis (state `queued`); poll `GET /api/v1/insights/{id}`."""
        from makeitlast.conversation.readers import FORMATS

        if format is not None and format.lower() not in FORMATS:
            raise HTTPException(400, f"unknown format {format!r}: one of {', '.join(sorted(FORMATS))}")
        folder = analyses.new_folder()
        suffix = Path(name).suffix.lower()
        target = folder / ("upload" + (suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""))
        size = 0
        with target.open("wb") as fh:
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_upload:
                    break
                fh.write(chunk)
        if size > max_upload or size == 0:
            shutil.rmtree(folder, ignore_errors=True)
            if size:
                raise HTTPException(413, f"export too large: at most {max_upload:,} bytes")
            raise HTTPException(400, "the upload is empty: send the export file as the request body")
        return analyses.create(name, target, format.lower() if format else None)

    @app.get("/api/v1/insights", tags=["insights"], summary="Past and running analyses", dependencies=lead)
    def list_analyses() -> list[dict[str, Any]]:
        return analyses.all()

    @app.get(
        "/api/v1/insights/{ident}",
        tags=["insights"],
        summary="One analysis, with its figures when done",
        dependencies=lead,
    )
    def get_analysis(ident: str) -> dict[str, Any]:
        try:
            meta = analyses.meta(ident)
        except (KeyError, FileNotFoundError):
            raise HTTPException(404, f"no analysis {ident!r}") from None
        if meta["state"] == "done":
            meta["summary"] = analyses.summary(ident)
        return meta

    @app.get(
        "/api/v1/followups",
        tags=["follow-ups"],
        summary="Open and broken promises, soonest due first",
        dependencies=lead,
    )
    def followups() -> list[dict[str, Any]]:
        return analyses.followups()

    @app.get("/insights", include_in_schema=False, dependencies=lead)
    def insights_page() -> HTMLResponse:
        return _page("Insights", _static("insights.html"), "insights.js")

    @app.get("/insights/{ident}/report", include_in_schema=False, dependencies=lead)
    def report_page(ident: str) -> Response:
        try:
            path = analyses.folder(ident) / "report.html"
        except KeyError:
            raise HTTPException(404, f"no analysis {ident!r}") from None
        if not path.is_file():
            raise HTTPException(404, "the report is not ready")
        return Response(path.read_bytes(), media_type="text/html; charset=utf-8")

    @app.get("/followups", include_in_schema=False, dependencies=lead)
    def followups_page() -> HTMLResponse:
        return _page("Follow-ups", _static("followups.html"), "followups.js")


# --- the Zendesk webhook ----------------------------------------------------------------------------------

#: A signature older (or newer) than this is refused: a captured request cannot be replayed later.
WEBHOOK_TOLERANCE_SECONDS = 300


def zendesk_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Zendesk's webhook signature: ``base64(HMAC-SHA256(secret, timestamp + body))``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _comment_of(payload: dict[str, Any]) -> tuple[str | None, str | None, bool, str | None]:
    """(ticket id, comment text, public, customer text) from the two shapes Zendesk sends: an event webhook
    (``zen:event-type:ticket.comment_added``: ``detail`` + ``event.comment``) or a trigger's JSON body as
    documented in docs/web.md (``ticket_id``, ``comment.body``, ``comment.public``, ``customer``)."""
    if isinstance(payload.get("event"), dict) and isinstance(payload.get("detail"), dict):
        comment = payload["event"].get("comment") or {}
        author = comment.get("author") or {}
        if not author.get("is_staff", True):
            return (
                str(payload["detail"].get("id")),
                None,
                False,
                None,
            )  # a customer's comment: nothing to coach
        return (
            str(payload["detail"].get("id")),
            comment.get("body"),
            bool(comment.get("is_public", True)),
            payload["detail"].get("description"),
        )
    comment = payload.get("comment") or {}
    if not isinstance(comment, dict):
        comment = {"body": comment}
    ticket = payload.get("ticket_id") or (payload.get("ticket") or {}).get("id")
    return (
        None if ticket is None else str(ticket),
        comment.get("body"),
        bool(comment.get("public", True)),
        payload.get("customer"),
    )


def coached_replies(
    db: Database,
    viewer: Account | None,
    limit: int = 100,
    user: str | None = None,
    team: str | None = None,
) -> list[dict[str, Any]]:
    """The latest coached replies, newest first, as ``GET /api/v1/coached`` answers: an agent's own (team mode),
    everyone's for a lead or an admin and in local mode (``user`` / ``team`` narrow them down)."""
    query = (
        select(CoachedReply, User.name)
        .outerjoin(User, CoachedReply.user_id == User.id)
        .order_by(CoachedReply.id.desc())
        .limit(max(1, min(limit, 1000)))
    )
    if viewer is not None and not viewer.can("lead"):
        query = query.where(CoachedReply.user_id == viewer.id)
    if user is not None:
        query = query.where(User.name == user)
    if team is not None:
        query = query.where(User.team == team)
    with db.session() as s:
        rows = s.execute(query).all()
    out = []
    for row, name in rows:
        report = dict(row.report_json or {})
        webhook = row.source == "webhook"
        out.append(
            {
                "source": "zendesk" if webhook else row.source,  # the one webhook there is
                "ticket": report.get("id") if webhook else None,
                "received": row.created_at.isoformat(),
                "user": name,
                **report,
            }
        )
    return out


def webhook_routes(app: FastAPI, engine: Any, db: Database, secret: str | None) -> None:
    @app.post("/api/v1/webhooks/zendesk", tags=["webhooks"], summary="Coach a new Zendesk ticket comment")
    async def zendesk(request: Request) -> dict[str, Any]:
        """Verifies `X-Zendesk-Webhook-Signature` (HMAC-SHA256 over `X-Zendesk-Webhook-Signature-Timestamp` +
        body, with the secret in `MAKEITLAST_ZENDESK_SECRET`), coaches a public agent comment and stores the
        result for the dashboard (`GET /api/v1/coached`)."""
        if not secret:
            raise HTTPException(503, "the Zendesk webhook is not configured: set MAKEITLAST_ZENDESK_SECRET")
        body = await request.body()
        signature = request.headers.get("x-zendesk-webhook-signature", "")
        stamp = request.headers.get("x-zendesk-webhook-signature-timestamp", "")
        if not signature or not stamp:
            raise HTTPException(401, "missing X-Zendesk-Webhook-Signature or -Timestamp")
        if not hmac.compare_digest(zendesk_signature(secret, stamp, body), signature):
            raise HTTPException(401, "bad signature")
        try:
            sent = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            raise HTTPException(401, "bad signature timestamp") from None
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
        if abs((datetime.now(UTC) - sent).total_seconds()) > WEBHOOK_TOLERANCE_SECONDS:
            raise HTTPException(401, "signature timestamp too old (replayed request?)")
        try:
            payload = json.loads(body)
        except ValueError:
            raise HTTPException(400, "the body is not JSON") from None
        if not isinstance(payload, dict):
            raise HTTPException(400, "the body must be a JSON object")
        ticket, text, public, customer = _comment_of(payload)
        if not text or not str(text).strip():
            return {"coached": False, "reason": "no agent comment to coach"}
        if not public:
            return {"coached": False, "reason": "internal note: not a customer-facing reply"}
        report = engine.check(str(text), None if customer is None else str(customer), id=ticket)
        await run_in_threadpool(record_coached, db, None, report, "webhook")
        return {
            "coached": True,
            "ticket": ticket,
            "score": report.score,
            "codes": [f.code for f in report.findings],
        }

    @app.get("/api/v1/coached", tags=["coach"], summary="The latest coached replies")
    def coached(
        request: Request, limit: int = 100, user: str | None = None, team: str | None = None
    ) -> list[dict[str, Any]]:
        """Newest first (at most `limit`, ≤ 1000): comments coached through webhooks (`source` `zendesk`, with
        the `ticket`) and checks saved from the coach page or `POST /api/v1/check` with `"record": true`
        (`source` `web`, with the `user`), each with its schema-1 report. In team mode an agent gets their own,
        a lead or admin everyone's (`user=NAME`, `team=T` to narrow down)."""
        return coached_replies(db, request.state.user, limit, user, team)
