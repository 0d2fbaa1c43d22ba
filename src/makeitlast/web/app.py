"""The web app and REST API (FastAPI): live coaching while typing, rule docs, the same engine as the CLI.

``create_app()`` builds the ASGI app; ``makeitlast serve`` runs it with Uvicorn on 127.0.0.1:8000. Every
endpoint calls the engine the CLI calls (``makeitlast.engine.get_engine``) and answers with the schema-1 object of
``makeitlast check --format json`` (``docs/output-schema.md``); the OpenAPI description is at ``/docs``.

Customer and agent text is untrusted: pages never put it into HTML on the server, and the page script writes it
with ``textContent`` only. Every response carries a Content-Security-Policy that allows this origin's scripts and
styles only, ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and ``Referrer-Policy: no-referrer``.
Request bodies over ``max_body`` bytes are refused with 413 before they are read whole.
"""

from __future__ import annotations

import gc
import html
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from makeitlast import __version__
from makeitlast.engine import InputError, get_engine
from makeitlast.engine.config import Settings
from makeitlast.engine.registry import DOC_SECTIONS, all_rules, get_rule
from makeitlast.model import Report

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
#: The OpenAPI explorer at /docs loads its own script and styles: a looser policy for those two pages only.
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; frame-ancestors 'none'"
)


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


class BatchRequest(BaseModel):
    items: list[CheckRequest] = Field(..., max_length=MAX_BATCH)


def _static(name: str) -> str:
    return resources.files("makeitlast.web").joinpath("static", name).read_text(encoding="utf-8")


def _page(title: str, body: str, script: str | None = None) -> HTMLResponse:
    scripts = f'<script src="/static/{script}" defer></script>' if script else ""
    return HTMLResponse(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>{html.escape(title)} · makeitlast</title><link rel=stylesheet href=/static/app.css>{scripts}"
        "</head><body><header><a class=brand href=/>makeitlast</a><nav><a href=/>Coach</a>"
        "<a href=/rules>Rules</a><a href=/docs>API</a></nav></header>"
        f"<main>{body}</main></body></html>"
    )


class _Guard:
    """Pure ASGI middleware (Starlette's ``BaseHTTPMiddleware`` costs a task and a queue per request, which
    halved the throughput of the check endpoint): refuses bodies over ``max_body`` bytes with 413, and adds the
    security headers to every response."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body
        self._headers = [(k.lower().encode(), v.encode()) for k, v in _SECURITY_HEADERS.items()]
        self._docs_headers = [
            (k, _DOCS_CSP.encode() if k == b"content-security-policy" else v) for k, v in self._headers
        ]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._docs_headers if scope["path"] in ("/docs", "/redoc") else self._headers
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_body):
                body = json.dumps(
                    {"detail": f"request body too large: at most {self.max_body:,} bytes"}
                ).encode()
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


def create_app(settings: Settings | None = None, *, max_body: int = MAX_BODY) -> FastAPI:
    """The ASGI app. ``settings``: the coach's configuration (rule selection, apology culture, jargon ...)."""
    settings = settings or Settings()
    engine = get_engine(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Warm the engine (its phrase expressions compile on first use), then keep everything built so far out
        # of the garbage collector's generations: it lives as long as the server, and full collections over it
        # showed as p99 latency spikes under load.
        engine.check(
            "Sorry about the wait, I've sent the refund. Thanks!", "Where is my refund for order 123?"
        )
        gc.collect()
        gc.freeze()
        yield

    app = FastAPI(
        title="makeitlast",
        version=__version__,
        description="Coach customer-support replies with the L.A.S.T. method: Listen, Apologize, Solve, Thank.",
        lifespan=lifespan,
    )

    app.add_middleware(_Guard, max_body=max_body)

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
        return Response(report.model_dump_json(), media_type="application/json")

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
    return create_app(Settings.model_validate_json(key) if key else None)
