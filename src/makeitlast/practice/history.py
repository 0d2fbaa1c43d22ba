"""A trainee's practice sessions and their progress over them (issue 6: "sessions are stored per trainee and a
trainee sees their progress over sessions").

Sessions are stored with :func:`makeitlast.practice.plan.record_practice` (one ``practice_sessions`` row per played
role-play, its :class:`~makeitlast.practice.run.SessionResult` JSON included); :func:`save_session` is the one
place the CLI and the web app call it. :func:`progress` reads them back:

* **the sessions**, oldest first: when, which scenario, how it ended, the session score, how many replies, the
  debrief's top three to improve (their rule codes) and the don'ts found in the replies;
* **the score trend**: the session scores in order, and the mean of the later half of the sessions against the
  earlier half (``improving`` when it is at least :data:`SCORE_STEP` points higher, ``worsening`` when at least
  that much lower, else ``steady``; ``no data`` under two sessions). With an odd count the middle session counts in
  the later half;
* **the endings**: how many sessions were resolved, escalated, walked away from or left unfinished;
* **the don'ts** (the rules of the don'ts step, D001 ...): for each one found, its findings per reply in the
  earlier half against the later half: ``rarer``, ``more often`` or ``same``.

>>> from makeitlast.store import open_db
>>> from makeitlast.practice.run import run_scripted
>>> db = open_db("sqlite://")
>>> _ = save_session(db, "ana", run_scripted("late-delivery", ["It's our policy. Calm down."]))
>>> p = progress(db, "ana")
>>> [s.scenario_id for s in p.sessions], p.endings["unfinished"], p.score_trend
(['late-delivery'], 1, 'no data')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import select

from makeitlast.store.db import Database
from makeitlast.store.models import PracticeSession, User

__all__ = [
    "ENDINGS",
    "SCORE_STEP",
    "DontTrend",
    "Progress",
    "SessionRecord",
    "StoredSession",
    "load_session",
    "progress",
    "progress_figure",
    "save_session",
]

#: The ways a session ends, as counted in :attr:`Progress.endings` (``unfinished``: stopped, or the replies ran out).
ENDINGS: tuple[str, ...] = ("resolved", "escalated", "walked_away", "unfinished")
#: Points the later sessions' mean score must differ from the earlier ones' to count as a change.
SCORE_STEP = 1.0

ScoreTrend = Literal["improving", "steady", "worsening", "no data"]
Change = Literal["rarer", "more often", "same"]


@dataclass(frozen=True)
class SessionRecord:
    """One stored practice session, summarised."""

    id: int
    started_at: datetime
    scenario_id: str
    title: str
    seed: int | None
    #: ``resolved``, ``escalated``, ``walked_away``, or ``None`` (unfinished).
    ending: str | None
    score: int | None
    #: The trainee's replies in the session.
    replies: int
    #: The rule codes of the debrief's top three to improve, most important first.
    top_codes: tuple[str, ...]
    #: Don't rule code -> findings in the session's replies.
    donts: dict[str, int]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "scenario_id": self.scenario_id,
            "title": self.title,
            "seed": self.seed,
            "ending": self.ending,
            "score": self.score,
            "replies": self.replies,
            "top_codes": list(self.top_codes),
            "donts": dict(self.donts),
        }


@dataclass(frozen=True)
class DontTrend:
    """One don't, earlier sessions against later ones."""

    code: str
    name: str
    #: Findings in the earlier / later half of the sessions.
    earlier: int
    later: int
    #: Findings per reply in each half (``None``: no replies in that half, as with a single session).
    earlier_rate: float | None
    later_rate: float | None
    change: Change

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "earlier": self.earlier,
            "later": self.later,
            "earlier_rate": None if self.earlier_rate is None else round(self.earlier_rate, 3),
            "later_rate": None if self.later_rate is None else round(self.later_rate, 3),
            "change": self.change,
        }


@dataclass(frozen=True)
class Progress:
    """A trainee's practice over their sessions: what :func:`progress` returns."""

    user: str
    #: Oldest first.
    sessions: tuple[SessionRecord, ...]
    #: The session scores, oldest first (sessions without a score left out).
    scores: tuple[int, ...]
    score_trend: ScoreTrend
    #: Mean score of the earlier and the later half of the sessions (``None`` under two sessions).
    earlier_mean: float | None
    later_mean: float | None
    mean_score: float | None
    best_score: int | None
    #: Each of :data:`ENDINGS` -> how many sessions ended so.
    endings: dict[str, int]
    #: The don'ts found in any session, most changed first: rarer ones, then same, then more often.
    donts: tuple[DontTrend, ...]

    @property
    def rarer(self) -> tuple[str, ...]:
        """The codes of the don'ts that became rarer."""
        return tuple(d.code for d in self.donts if d.change == "rarer")

    @property
    def more_often(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.donts if d.change == "more often")

    @property
    def last_score(self) -> int | None:
        return self.scores[-1] if self.scores else None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "sessions": [s.to_json_dict() for s in self.sessions],
            "scores": list(self.scores),
            "score_trend": self.score_trend,
            "earlier_mean": _round(self.earlier_mean),
            "later_mean": _round(self.later_mean),
            "mean_score": _round(self.mean_score),
            "best_score": self.best_score,
            "last_score": self.last_score,
            "endings": dict(self.endings),
            "donts": [d.to_json_dict() for d in self.donts],
            "rarer": list(self.rarer),
            "more_often": list(self.more_often),
        }


@dataclass(frozen=True)
class StoredSession:
    """One stored session in full: its row and its :class:`~makeitlast.practice.run.SessionResult` JSON."""

    id: int
    user: str
    started_at: datetime
    result: dict[str, Any]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --- writing and reading ---------------------------------------------------------------------------------------


def save_session(db: Database, user: str, result: Any, started_at: datetime | None = None) -> int:
    """Store one played session for ``user`` (a :class:`~makeitlast.practice.run.SessionResult` or its JSON dict),
    started at ``started_at`` (default now); returns its id. Call it once per session: its replies' findings count
    in the plan's findings trend from this row (they are not also stored as coached replies)."""
    from makeitlast.practice.plan import record_practice

    return record_practice(db, user, result, started_at=started_at)


def _name(user: str) -> str:
    from makeitlast.practice.plan import _clean_name

    return _clean_name(user)


def load_session(db: Database, record_id: int) -> StoredSession | None:
    """The stored session ``record_id``, or ``None``."""
    with db.session() as s:
        row = s.execute(
            select(PracticeSession, User.name)
            .join(User, User.id == PracticeSession.user_id)
            .where(PracticeSession.id == record_id)
        ).one_or_none()
        if row is None:
            return None
        session, name = row
        return StoredSession(
            id=session.id, user=name, started_at=session.started_at, result=dict(session.result_json or {})
        )


def _turn_findings(result: Mapping[str, Any]) -> list[list[dict[str, Any]]]:
    out: list[list[dict[str, Any]]] = []
    turns = result.get("turns")
    if not isinstance(turns, list):
        return out
    for turn in turns:
        report = turn.get("report") if isinstance(turn, dict) else None
        findings = report.get("findings") if isinstance(report, dict) else None
        out.append([f for f in findings if isinstance(f, dict)] if isinstance(findings, list) else [])
    return out


def _record(row: PracticeSession, names: dict[str, str]) -> SessionRecord:
    result: Mapping[str, Any] = row.result_json if isinstance(row.result_json, dict) else {}
    turns = _turn_findings(result)
    donts: Counter[str] = Counter()
    for findings in turns:
        for f in findings:
            code = f.get("code")
            if f.get("step") == "donts" and isinstance(code, str):
                donts[code] += 1
                names.setdefault(code, str(f.get("name") or code))
    debrief = result.get("debrief")
    improve = debrief.get("improve") if isinstance(debrief, dict) else None
    top = tuple(
        str(i["code"])
        for i in (improve if isinstance(improve, list) else [])
        if isinstance(i, dict) and "code" in i
    )
    title = result.get("title")
    return SessionRecord(
        id=row.id,
        started_at=row.started_at,
        scenario_id=row.scenario_id,
        title=str(title) if isinstance(title, str) else row.scenario_id,
        seed=row.seed,
        ending=row.ending,
        score=row.score,
        replies=len(turns),
        top_codes=top[:3],
        donts=dict(sorted(donts.items())),
    )


def _halves(items: list[SessionRecord]) -> tuple[list[SessionRecord], list[SessionRecord]]:
    half = len(items) // 2
    return items[:half], items[half:]


def _score_trend(
    sessions: list[SessionRecord],
) -> tuple[ScoreTrend, float | None, float | None]:
    scored = [s for s in sessions if s.score is not None]
    if len(scored) < 2:
        return "no data", None, None
    early, late = _halves(scored)
    early_mean = sum(s.score or 0 for s in early) / len(early)
    late_mean = sum(s.score or 0 for s in late) / len(late)
    if late_mean >= early_mean + SCORE_STEP:
        return "improving", early_mean, late_mean
    if late_mean <= early_mean - SCORE_STEP:
        return "worsening", early_mean, late_mean
    return "steady", early_mean, late_mean


def _dont_trends(sessions: list[SessionRecord], names: dict[str, str]) -> tuple[DontTrend, ...]:
    codes = sorted({c for s in sessions for c in s.donts})
    if not codes:
        return ()
    early, late = _halves(sessions) if len(sessions) >= 2 else ([], sessions)
    early_replies = sum(s.replies for s in early)
    late_replies = sum(s.replies for s in late)
    out: list[DontTrend] = []
    for code in codes:
        e = sum(s.donts.get(code, 0) for s in early)
        lt = sum(s.donts.get(code, 0) for s in late)
        e_rate = e / early_replies if early_replies else None
        l_rate = lt / late_replies if late_replies else None
        change: Change
        if e_rate is None or l_rate is None or abs(l_rate - e_rate) < 1e-9:
            change = "same"
        else:
            change = "rarer" if l_rate < e_rate else "more often"
        out.append(DontTrend(code, names.get(code, code), e, lt, e_rate, l_rate, change))
    order = {"rarer": 0, "same": 1, "more often": 2}
    out.sort(key=lambda d: (order[d.change], -abs((d.later_rate or 0) - (d.earlier_rate or 0)), d.code))
    return tuple(out)


def progress(
    db: Database, user: str, *, scenario: str | None = None, since: datetime | None = None
) -> Progress:
    """``user``'s stored practice sessions (of ``scenario`` only, and from ``since`` on, when given) and their
    progress over them; a user without sessions gets an empty :class:`Progress`."""
    name = _name(user)
    with db.session() as s:
        query = (
            select(PracticeSession)
            .join(User, User.id == PracticeSession.user_id)
            .where(User.name == name)
            .order_by(PracticeSession.started_at, PracticeSession.id)
        )
        if scenario is not None:
            query = query.where(PracticeSession.scenario_id == scenario)
        if since is not None:
            moment = since if since.tzinfo is not None else since.replace(tzinfo=UTC)  # naive: UTC
            query = query.where(PracticeSession.started_at >= moment)
        names: dict[str, str] = {}
        sessions = [_record(row, names) for row in s.scalars(query)]
    trend, early_mean, late_mean = _score_trend(sessions)
    scores = tuple(x.score for x in sessions if x.score is not None)
    endings = Counter(x.ending if x.ending in ENDINGS else "unfinished" for x in sessions)
    return Progress(
        user=name,
        sessions=tuple(sessions),
        scores=scores,
        score_trend=trend,
        earlier_mean=early_mean,
        later_mean=late_mean,
        mean_score=sum(scores) / len(scores) if scores else None,
        best_score=max(scores) if scores else None,
        endings={e: endings.get(e, 0) for e in ENDINGS},
        donts=_dont_trends(sessions, names),
    )


# --- the chart --------------------------------------------------------------------------------------------------

_ENDING_COLOR = {
    "resolved": "#2e7d32",
    "escalated": "#c62828",
    "walked_away": "#ef6c00",
    "unfinished": "#757575",
}


def progress_figure(p: Progress) -> Any:
    """A Plotly figure for the web app: the session score over the sessions (markers coloured by how each ended)
    and the don'ts per reply in each session (bars on the right axis). Needs Plotly
    (``pip install 'makeitlast[insights]'``)."""
    try:
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots
    except ImportError as e:  # pragma: no cover - plotly is in the test extras
        raise ImportError("the progress chart needs Plotly: pip install 'makeitlast[insights]'") from e

    n = list(range(1, len(p.sessions) + 1))
    labels = [f"{s.started_at:%Y-%m-%d %H:%M} {s.scenario_id}" for s in p.sessions]
    endings = [s.ending or "unfinished" for s in p.sessions]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Bar(
            x=n,
            y=[sum(s.donts.values()) / s.replies if s.replies else 0 for s in p.sessions],
            name="don'ts per reply",
            marker={"color": "rgba(198,40,40,0.25)"},
            customdata=labels,
            hovertemplate="session %{x} (%{customdata}): %{y:.2f} don'ts per reply<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.add_trace(
        go.Scatter(
            x=n,
            y=[s.score for s in p.sessions],
            name="session score",
            mode="lines+markers",
            marker={"size": 10, "color": [_ENDING_COLOR[e] for e in endings]},
            line={"color": "#263238"},
            customdata=[[lbl, e.replace("_", " ")] for lbl, e in zip(labels, endings, strict=True)],
            hovertemplate="session %{x} (%{customdata[0]}): %{y}/100, %{customdata[1]}<extra></extra>",
        ),
        secondary_y=False,
    )
    fig.update_layout(
        title=f"{p.user}: {len(p.sessions)} practice session{'' if len(p.sessions) == 1 else 's'}",
        legend={"orientation": "h"},
        margin={"l": 40, "r": 40, "t": 50, "b": 40},
    )
    fig.update_xaxes(title_text="session", dtick=1, range=[0.5, max(1, len(n)) + 0.5])
    fig.update_yaxes(title_text="score", range=[0, 100], secondary_y=False)
    fig.update_yaxes(title_text="don'ts per reply", rangemode="tozero", secondary_y=True)
    return fig
