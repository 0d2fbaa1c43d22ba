"""The practice and personal-plan pages of the web app, and their JSON API (issue 6).

:func:`practice_router` returns an :class:`~fastapi.APIRouter` that ``create_app`` includes:

* ``/practice``: pick a scenario, read the customer's story as it arrives in parts, answer; every reply is coached
  and the customer's mood follows it; the debrief at the end. ``/practice/history``: the trainee's progress over
  their stored sessions; ``/practice/history/{id}``: one stored session's debrief.
* ``/plan``: start a 21-30 day plan, check in every day, streaks, the day's reminder, the chart and the findings
  trend.
* the API under ``/api/v1/practice`` and ``/api/v1/plan`` (documented in ``docs/practice.md``).

**Sessions.** A running role-play is held by the server (:mod:`makeitlast.web.practice_live`), keyed by an
unguessable id, for ``ttl`` seconds after its last use, at most ``max_live`` at a time; with ``live_dir`` (the app
passes a folder in its data directory) the processes of ``makeitlast serve --workers N`` share them. A session is
stored once, with :func:`makeitlast.practice.history.save_session` (as the CLI does), when it ends, when the
trainee stops it, or when it expires unfinished, provided a reply was given. The database is
``request.app.state.db`` when the app has one, else the one at ``database_url`` (default
:func:`makeitlast.store.default_url`), opened on first use.

**Who.** In local mode (``request.state.user`` is ``None`` or missing) the trainee is the name the page sends as
``user`` (default ``"me"``). In team mode it is the signed-in user's name; a ``user`` naming someone else is
refused with 403 unless their role is ``lead`` or ``admin``. A live session answers only the trainee who started
it (and leads and admins, for reading).

Untrusted text (the trainee's replies, the customer's lines, commitments, notes, names) never goes into HTML on
the server: the pages are static, and ``practice.js`` / ``plan.js`` write text with ``textContent`` only.
"""

from __future__ import annotations

import dataclasses
import html
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from makeitlast.engine.config import Settings
from makeitlast.store.db import Database, DatabaseError
from makeitlast.web.layout import page
from makeitlast.web.practice_live import LiveSession, LiveSessions, TooManySessions, UnknownSession
from makeitlast.web.vendor import plotly_path, plotly_response

__all__ = ["DEFAULT_TRAINEE", "MAX_LIVE", "TTL_SECONDS", "practice_router"]

#: The trainee's name in local mode when the page sends none.
DEFAULT_TRAINEE = "me"
#: Live role-plays held at once.
MAX_LIVE = 200
#: A live role-play is dropped (and stored, if a reply was given) this long after its last use.
TTL_SECONDS = 30 * 60
#: Longest reply accepted (characters).
MAX_REPLY = 5000
_LEADS = frozenset({"lead", "admin"})


# --- request bodies -------------------------------------------------------------------------------------------


class StartRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(..., max_length=100, description="A scenario id (GET /api/v1/practice/scenarios).")
    seed: int | None = Field(None, ge=0, le=2**31 - 1, description="Same seed, same customer lines.")
    user: str | None = Field(None, max_length=200, description="The trainee (local mode); default: me.")


class ReplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reply: str = Field(..., max_length=MAX_REPLY)
    seen: int | None = Field(
        None,
        ge=1,
        description="How many parts of the customer's message had arrived when the reply was sent; fewer than "
        "all of them interrupts the customer. Default: all.",
    )
    user: str | None = Field(None, max_length=200)


class CommitmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., max_length=400)
    codes: list[str] = Field(default_factory=list, max_length=20)


class PlanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: str | None = Field(None, max_length=200)
    days: int = Field(21, description="21 to 30.")
    commitments: list[str | CommitmentIn] | None = Field(
        None, max_length=20, description="Default: the workshop's three."
    )
    timezone: str | None = Field(None, max_length=64, description="IANA name; default: the server's.")
    start: date | None = Field(None, description="Default: today in the plan's time zone.")


class CheckInRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: str | None = Field(None, max_length=200)
    kept: dict[str, bool] = Field(
        ..., description='Commitment number (or words) -> kept: {"1": true, "2": false}'
    )
    note: str | None = Field(None, max_length=2000)


# --- helpers --------------------------------------------------------------------------------------------------


def _login(request: Request) -> Any:
    return getattr(request.state, "user", None)


def _trainee(request: Request, asked: str | None, db: Database | None = None) -> str:
    """Whose practice or plan this request is about (see the module docstring); 403 for someone else's, 404 (with
    ``db``) when a lead names a trainee who does not exist."""
    wanted = " ".join((asked or "").split())
    if len(wanted) > 100:
        raise HTTPException(422, f"user name too long ({len(wanted)} characters, at most 100)")
    login = _login(request)
    if login is None:
        return wanted or DEFAULT_TRAINEE
    own = str(login.name)
    if not wanted or wanted == own:
        return own
    if getattr(login, "role", None) not in _LEADS:
        raise HTTPException(
            403, f"you are signed in as {own!r}: only a lead or an admin can see or act for another trainee"
        )
    if db is not None:
        from sqlalchemy import select

        from makeitlast.store.models import User

        with db.session() as s:
            if s.scalars(select(User.id).where(User.name == wanted)).first() is None:
                raise HTTPException(404, f"no user named {wanted!r}")
    return wanted


def _may_read(request: Request, owner: str) -> bool:
    login = _login(request)
    return login is None or str(login.name) == owner or getattr(login, "role", None) in _LEADS


def _may_play(request: Request, owner: str) -> bool:
    login = _login(request)
    return login is None or str(login.name) == owner


def _json_safe(text: str) -> str:
    """Text for a Plotly label: Plotly reads a few HTML tags in labels, so ``<`` ``>`` ``&`` are escaped."""
    return html.escape(text, quote=False)


def _figure_json(fig: Any) -> Any:
    fig.update_layout(
        legend={"orientation": "h", "y": -0.25}, margin={"b": 90}
    )  # legend clear of the axis title
    return json.loads(fig.to_json())


def _mark(step: Any) -> str:
    return "n/a" if not step.applicable else str(step.status.value)


def _turn_json(turn: Any) -> dict[str, Any]:
    report = turn.report
    return {
        "index": turn.index,
        "reply": turn.reply,
        "interrupted": turn.interrupted,
        "answered": list(turn.answered),
        "score": report.score,
        "steps": {step.value: _mark(result) for step, result in report.steps.items()},
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "coaching": [f.model_dump(mode="json") for f in turn.coaching],
        "mood_before": _mood(turn.anger_before),
        "mood": turn.mood,
        "anger": turn.anger,
        "changes": [c.model_dump(mode="json") for c in turn.changes],
        "events": list(turn.events),
        "golden_question": turn.golden_question,
    }


def _mood(anger: int) -> str:
    from makeitlast.practice.scenario import MOODS

    return MOODS[anger]


def _briefing(sc: Any) -> dict[str, Any]:
    from makeitlast.practice.scenario import MOODS

    return {
        "id": sc.id,
        "title": sc.title,
        "industry": sc.industry,
        "customer": sc.persona.name,
        "style": sc.persona.style,
        "summary": sc.situation.summary,
        "facts": list(sc.situation.facts),
        "starting_mood": MOODS[sc.starting_anger],
        "max_turns": sc.max_turns,
    }


# --- the router -------------------------------------------------------------------------------------------------


def practice_router(
    settings: Settings | None = None,
    *,
    database_url: str | None = None,
    scenarios_dir: str | Path | None = None,
    live_dir: Path | None = None,
    max_live: int = MAX_LIVE,
    ttl: float = TTL_SECONDS,
    clock: Callable[[], float] = time.time,
) -> APIRouter:
    """The practice and plan pages and API. ``settings``: the coach's configuration (as the app's);
    ``database_url``: the database when the app has none in ``app.state.db``; ``scenarios_dir``: a trainer's
    scenarios instead of the built-in ones; ``live_dir``: where live role-plays are kept so that several server
    processes share them (``None``: in this process only); ``max_live``, ``ttl``: how many live role-plays, for how
    long (seconds after their last use)."""
    from makeitlast.practice.scenario import load_scenarios

    router = APIRouter()
    scenarios = load_scenarios(scenarios_dir)
    live = LiveSessions(
        scenarios, settings=settings, max_live=max_live, ttl=ttl, folder=live_dir, clock=clock
    )
    opened: list[Database] = []
    opening = threading.Lock()

    def _db(request: Request) -> Database:
        db = getattr(request.app.state, "db", None)
        if db is not None:
            return db  # type: ignore[no-any-return]
        with opening:
            if not opened:
                from makeitlast.store.db import default_url, open_db

                try:
                    opened.append(open_db(database_url or default_url()))
                except DatabaseError as e:
                    raise HTTPException(503, f"the database is not available: {e}") from None
            return opened[0]

    def _store(db: Database, s: LiveSession) -> int | None:
        """Store ``s`` once (if a reply was given); its row id."""
        from makeitlast.practice.history import save_session
        from makeitlast.practice.run import result_of

        if s.stored or not s.session.turns:
            return s.record_id
        s.record_id = save_session(db, s.user, result_of(s.session), started_at=s.started_at)
        s.stored = True
        return s.record_id

    def _store_dropped(request: Request, dropped: list[LiveSession]) -> None:
        pending = [s for s in dropped if not s.stored and s.session.turns]
        if pending:
            db = _db(request)
            for s in pending:
                _store(db, s)

    @contextmanager
    def _live(request: Request, token: str, *, touch: bool = True) -> Iterator[LiveSession]:
        """The live session ``token``, held for the block (expired ones stored first); 404 when there is none."""
        _store_dropped(request, live.expire())
        try:
            with live.use(token, touch=touch) as s:
                yield s
        except UnknownSession:
            raise HTTPException(
                404, "no such practice session (it may have expired): start a new one"
            ) from None

    def _state(s: LiveSession, *, with_debrief: bool) -> dict[str, Any]:
        from makeitlast.practice.debrief import build_debrief

        session = s.session
        out: dict[str, Any] = {
            "id": s.token,
            "user": s.user,
            "scenario": _briefing(session.scenario),
            "seed": session.seed,
            "started_at": s.started_at.isoformat(),
            "turns": len(session.turns),
            "mood": session.mood,
            "anger": session.anger,
            "ended": s.closed,
            "ending": session.ending,
            "customer": [] if s.closed else session.pending_parts(),
            "record_id": s.record_id,
            "expires_in": int(ttl),
        }
        if with_debrief:
            debrief = build_debrief(session)
            out["debrief"] = debrief.model_dump(mode="json") if s.closed else None
            out["transcript"] = [e.model_dump(mode="json") for e in debrief.transcript]
        return out

    # -- the API: practice -----------------------------------------------------------------------------------

    @router.get("/api/v1/practice/scenarios", tags=["practice"], summary="The scenarios to practise")
    def list_scenarios() -> list[dict[str, Any]]:
        """Id, title, industry, the customer, the situation shown to the trainee; what they want stays hidden."""
        return [_briefing(sc) for sc in sorted(scenarios.values(), key=lambda s: s.id)]

    @router.post("/api/v1/practice/sessions", tags=["practice"], summary="Start a role-play", status_code=201)
    def start(req: StartRequest, request: Request) -> dict[str, Any]:
        """Answers with the session `id` and the customer's first message in `customer`, part by part (show
        them one after another: a reply sent before the last part interrupts the customer)."""
        user = _trainee(request, req.user, _db(request))
        sc = scenarios.get(req.scenario)
        if sc is None:
            raise HTTPException(
                404, f"unknown scenario {req.scenario!r}; available: {', '.join(sorted(scenarios))}"
            )
        seed = req.seed if req.seed is not None else secrets.randbelow(2**31)
        _store_dropped(request, live.expire())
        try:
            s = live.add(user, sc.id, seed)
        except TooManySessions as e:
            raise HTTPException(503, str(e)) from None
        return _state(s, with_debrief=False)

    @router.post(
        "/api/v1/practice/sessions/{token}/replies", tags=["practice"], summary="Answer the customer"
    )
    def reply(token: str, req: ReplyRequest, request: Request) -> dict[str, Any]:
        """The coach's findings on the reply (`turn`), the customer's answer (`customer`, part by part), their
        mood, and whether it `ended`; at the end the `debrief`, and `record_id`, the stored session."""
        if req.user is not None:
            _trainee(request, req.user)
        text = req.reply.strip()
        if not text:
            raise HTTPException(400, "the reply is empty: write something to the customer")
        with _live(request, token) as s:
            if not _may_play(request, s.user):
                raise HTTPException(403, "this practice session belongs to another trainee")
            if s.closed:
                raise HTTPException(409, "this practice session has ended: start a new one")
            pending = s.session.pending_parts()
            interrupted = req.seen is not None and req.seen < len(pending)
            turn = s.reply(text, interrupted, req.seen)
            out: dict[str, Any] = {
                "id": s.token,
                "turn": _turn_json(turn),
                "customer": list(turn.messages),
                "mood": turn.mood,
                "anger": turn.anger,
                "ended": turn.ended,
                "ending": turn.ending,
                "record_id": None,
                "debrief": None,
            }
            if turn.ended:
                s.closed = True
                out["record_id"] = _store(_db(request), s)
                out["debrief"] = _state(s, with_debrief=True)["debrief"]
        return out

    @router.post(
        "/api/v1/practice/sessions/{token}/end", tags=["practice"], summary="Stop the role-play: the debrief"
    )
    def end(token: str, request: Request) -> dict[str, Any]:
        """Stops a running session (its ending stays `null`: unfinished), stores it if a reply was given, and
        answers as `GET` does, with the debrief."""
        with _live(request, token) as s:
            if not _may_play(request, s.user):
                raise HTTPException(403, "this practice session belongs to another trainee")
            s.closed = True
            _store(_db(request), s)
            return _state(s, with_debrief=True)

    @router.get("/api/v1/practice/sessions/{token}", tags=["practice"], summary="A live role-play")
    def get_session(token: str, request: Request) -> dict[str, Any]:
        """The session so far: `transcript` (each reply with its findings), the customer's pending message, and
        once it has ended the `debrief` (transcript, what went well, the top three to improve, the score)."""
        with _live(request, token, touch=False) as s:
            if not _may_read(request, s.user):
                raise HTTPException(403, "this practice session belongs to another trainee")
            return _state(s, with_debrief=True)

    @router.get("/api/v1/practice/history", tags=["practice"], summary="A trainee's sessions and progress")
    def get_history(request: Request, user: str | None = None, scenario: str | None = None) -> dict[str, Any]:
        """`makeitlast practice --history --format json`, plus `figure`: a Plotly figure of the scores (null
        without Plotly)."""
        from makeitlast.practice.history import progress, progress_figure

        name = _trainee(request, user, _db(request))
        p = progress(_db(request), name, scenario=scenario)
        out = p.to_json_dict()
        out["figure"] = None
        if plotly_path() is not None and p.sessions:
            out["figure"] = _figure_json(progress_figure(dataclasses.replace(p, user=_json_safe(p.user))))
        return out

    @router.get(
        "/api/v1/practice/history/{record_id}",
        tags=["practice"],
        summary="One stored session, with its debrief",
    )
    def get_record(record_id: int, request: Request) -> dict[str, Any]:
        from makeitlast.practice.history import load_session

        stored = load_session(_db(request), record_id)
        if stored is None:
            raise HTTPException(404, f"no practice session {record_id}")
        if not _may_read(request, stored.user):
            raise HTTPException(403, "this practice session belongs to another trainee")
        return {
            "id": stored.id,
            "user": stored.user,
            "started_at": stored.started_at.isoformat(),
            "result": stored.result,
        }

    # -- the API: the plan -----------------------------------------------------------------------------------

    def _plan_json(db: Database, name: str, st: Any | None = None) -> dict[str, Any]:
        from makeitlast.practice.plan import (
            DEFAULT_COMMITMENTS,
            MAX_DAYS,
            MIN_DAYS,
            NoActivePlan,
            plan_figure,
            status,
        )

        if st is None:
            try:
                st = status(db, name)
            except NoActivePlan:
                st = None
        figure = None
        if st is not None and plotly_path() is not None:
            safe = dataclasses.replace(
                st,
                user=_json_safe(st.user),
                commitments=tuple(dataclasses.replace(c, text=_json_safe(c.text)) for c in st.commitments),
            )
            figure = _figure_json(plan_figure(safe))
        return {
            "user": name,
            "plan": st.to_json_dict() if st is not None else None,
            "figure": figure,
            "defaults": {
                "commitments": list(DEFAULT_COMMITMENTS),
                "min_days": MIN_DAYS,
                "max_days": MAX_DAYS,
            },
        }

    @router.get("/api/v1/plan", tags=["plan"], summary="A trainee's plan: status, streaks, reminder, chart")
    def get_plan(request: Request, user: str | None = None) -> dict[str, Any]:
        """`plan` is `makeitlast plan show --format json` (null when there is no active plan), `figure` the
        Plotly chart over the days, `defaults` the workshop's three commitments and the allowed days."""
        db = _db(request)
        return _plan_json(db, _trainee(request, user, db))

    @router.post(
        "/api/v1/plan", tags=["plan"], summary="Start a plan (replacing the current one)", status_code=201
    )
    def post_plan(req: PlanRequest, request: Request) -> dict[str, Any]:
        from makeitlast.practice.plan import CommitmentSpec, PlanError, local_timezone_name, new_plan, status

        db = _db(request)
        name = _trainee(request, req.user, db)
        commitments: list[str | CommitmentSpec] | None = None
        if req.commitments is not None:
            commitments = [
                c if isinstance(c, str) else CommitmentSpec(c.text, tuple(c.codes)) for c in req.commitments
            ]
        try:
            new_plan(
                db,
                name,
                days=req.days,
                commitments=commitments,
                start=req.start,
                tz=req.timezone or local_timezone_name(),
            )
            st = status(db, name)
        except PlanError as e:
            raise HTTPException(400, str(e)) from None
        return _plan_json(db, name, st)

    @router.post("/api/v1/plan/checkins", tags=["plan"], summary="Today's check-in")
    def post_checkin(req: CheckInRequest, request: Request) -> dict[str, Any]:
        """`kept` maps commitment numbers (or words) to kept (`true`) or missed (`false`) today, in the plan's
        time zone; checking in again the same day updates it. Answers as `GET /api/v1/plan`."""
        from makeitlast.practice.plan import NoActivePlan, PlanError, check_in

        db = _db(request)
        name = _trainee(request, req.user, db)
        kept: dict[int | str, bool] = {int(k) if k.strip().isdigit() else k: v for k, v in req.kept.items()}
        try:
            st = check_in(db, name, kept, note=req.note)
        except NoActivePlan as e:
            raise HTTPException(404, str(e)) from None
        except PlanError as e:
            raise HTTPException(400, str(e)) from None
        return _plan_json(db, name, st)

    # -- pages and files -------------------------------------------------------------------------------------

    @router.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return plotly_response()

    @router.get("/practice", include_in_schema=False)
    def practice_page() -> HTMLResponse:
        return _html("Practice", "practice.html", "practice.js")

    @router.get("/practice/history", include_in_schema=False)
    def history_page() -> HTMLResponse:
        return _html("Practice history", "practice-history.html", "practice.js", plotly=True)

    @router.get("/practice/history/{record_id}", include_in_schema=False)
    def record_page(record_id: int) -> HTMLResponse:
        return _html("Practice debrief", "practice-record.html", "practice.js")

    @router.get("/plan", include_in_schema=False)
    def plan_page() -> HTMLResponse:
        return _html("Plan", "plan.html", "plan.js", plotly=True)

    return router


def _html(title: str, body_file: str, script: str, *, plotly: bool = False) -> HTMLResponse:
    """A page in the app's frame (:func:`makeitlast.web.layout.page`: header, navigation, CSRF token), with the
    practice styles, the trainee helpers every practice and plan page shares, and, when asked, Plotly (served by
    this router, no CDN)."""
    from makeitlast.web.app import _static

    libraries = ["/static/trainee.js", *(["/vendor/plotly.min.js"] if plotly and plotly_path() is not None else [])]
    return page(title, _static(body_file), script, styles=["/static/practice.css"], scripts=libraries)
