"""The personal action plan (RUBRIC section 6): a few commitments kept for the next 21 to 30 days.

The workshop notes end with a "personal action plan (commitment for the next 21-30 days)" and three commitments,
:data:`DEFAULT_COMMITMENTS`. A trainee starts a plan (:func:`new_plan`), checks in every day
(:func:`check_in`: which commitments they kept), and sees where they stand (:func:`status`): day N of D, today's
reminder, each commitment's streak, the check-in rate, and the trend of the coach's findings that go with each
commitment in the trainee's own coached and practice replies (:data:`DEFAULT_CODES`).

Plan days are calendar days in the plan's time zone (an IANA name such as ``Europe/London``): day 1 is
``started_on``, and a moment belongs to the day its local date says, so a check-in at 23:30 in New York is that
day even when it is already the next day in UTC, and a day with a daylight-saving change is still one day.

>>> from makeitlast.store import open_db
>>> from datetime import date, datetime
>>> db = open_db("sqlite://")
>>> _ = new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
>>> _ = check_in(db, "ana", {1: True, 2: True, 3: False}, at=datetime(2026, 10, 20, 23, 30))
>>> s = status(db, "ana", at=datetime(2026, 10, 21, 9, 0))
>>> s.day, s.days_left, [c.current_streak for c in s.commitments]
(2, 19, [1, 1, 0])
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from makeitlast.model import Report
from makeitlast.store.db import Database
from makeitlast.store.models import (
    MAX_DAYS,
    MIN_DAYS,
    SOURCES,
    CheckIn,
    CoachedReply,
    Commitment,
    Plan,
    PracticeSession,
    User,
)

#: The notes' three commitments, in their order.
DEFAULT_COMMITMENTS: tuple[str, ...] = (
    "Manage annoyances due to interruptions/misunderstandings with patience and positivity",
    "Don't make assumptions, and if you do, don't act based on them",
    "Re-route your thinking instead of shutting down",
)

#: The rule codes whose findings show a default commitment slipping in the trainee's replies.
DEFAULT_CODES: dict[str, tuple[str, ...]] = {
    # patience and positivity: no talking down, no brushing off, no arguing
    DEFAULT_COMMITMENTS[0]: ("D006", "D010", "D011"),
    # assumptions
    DEFAULT_COMMITMENTS[1]: ("D007",),
    # shutting down: "I'm not sure", "nothing we can do", "I can't"
    DEFAULT_COMMITMENTS[2]: ("D008", "D009", "D002"),
}

__all__ = [
    "DEFAULT_CODES",
    "DEFAULT_COMMITMENTS",
    "MAX_DAYS",
    "MIN_DAYS",
    "CommitmentInfo",
    "CommitmentSpec",
    "CommitmentStatus",
    "DayStatus",
    "NoActivePlan",
    "PlanError",
    "PlanStatus",
    "PlanSummary",
    "active_plan",
    "check_in",
    "local_timezone_name",
    "new_plan",
    "plan_chart",
    "plan_day",
    "plan_figure",
    "practice_codes",
    "record_coached",
    "record_practice",
    "status",
    "zone",
]

DEFAULT_DAYS = MIN_DAYS
MAX_COMMITMENTS = 10
MAX_COMMITMENT_CHARS = 300
_CODE = re.compile(r"^[A-Z]\d{3}$")

#: What :func:`check_in` takes: commitment position (1-based) or words -> kept.
Kept = Mapping[int, bool] | Mapping[str, bool] | Mapping[int | str, bool]
State = Literal["upcoming", "active", "finished"]
Trend = Literal["improving", "steady", "worsening", "no data"]


class PlanError(ValueError):
    """A plan request that cannot be met: bad days, an unknown time zone, an unknown commitment ..."""


class NoActivePlan(PlanError):
    """The user has no active plan."""

    def __init__(self, user: str) -> None:
        super().__init__(
            f"{user!r} has no active plan: start one with `makeitlast plan new --user {user}` "
            f"({MIN_DAYS} to {MAX_DAYS} days, the notes' three commitments unless you give your own)"
        )
        self.user = user


@dataclass(frozen=True)
class CommitmentSpec:
    """A commitment to make: its words and the rule codes that track it (none for a custom one unless given)."""

    text: str
    codes: tuple[str, ...] = ()


# --- results --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentInfo:
    position: int
    text: str
    kind: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class PlanSummary:
    """A plan as it was made: what :func:`new_plan` and :func:`active_plan` return."""

    id: int
    user: str
    started_on: date
    days: int
    timezone: str
    commitments: tuple[CommitmentInfo, ...]
    #: The start day of the plan this one replaced, if there was one.
    replaced: date | None = None

    @property
    def ends_on(self) -> date:
        return self.started_on + timedelta(days=self.days - 1)


@dataclass(frozen=True)
class DayStatus:
    """One plan day: what was checked in and what the coach found in that day's replies."""

    day: int
    date: date
    #: position -> kept (``None``: not checked in for that commitment).
    kept: dict[int, bool | None]
    note: str | None
    #: Replies coached that day (coached replies and practice sessions of the user).
    replies: int
    #: Related rule code -> findings that day (only codes some commitment tracks).
    findings: dict[str, int]
    #: position -> that commitment's related findings that day.
    related: dict[int, int]

    @property
    def checked_in(self) -> bool:
        return any(v is not None for v in self.kept.values())

    @property
    def kept_count(self) -> int:
        return sum(1 for v in self.kept.values() if v)


@dataclass(frozen=True)
class CommitmentStatus:
    position: int
    text: str
    kind: str
    codes: tuple[str, ...]
    #: Consecutive plan days kept, up to today (or up to yesterday while today is not checked in yet).
    current_streak: int
    best_streak: int
    kept_days: int
    missed_days: int
    #: Kept days over the days that count so far (``None`` before the first).
    kept_rate: float | None
    kept_today: bool | None
    #: Related findings per plan day, day 1 first, up to today.
    findings_per_day: tuple[int, ...]
    findings_total: int
    #: Findings per reply, later half of the plan so far against the earlier half.
    trend: Trend


@dataclass(frozen=True)
class PlanStatus:
    user: str
    plan_id: int
    started_on: date
    days: int
    timezone: str
    #: The local date in the plan's time zone at the time asked about.
    today: date
    #: Plan day of ``today`` (1 on ``started_on``; under 1 before the start, over ``days`` after the end).
    day: int
    state: State
    #: Plan days after today.
    days_left: int
    reminder: str
    #: The commitment today's reminder is about (``None`` after the plan ended).
    reminder_position: int | None
    commitments: tuple[CommitmentStatus, ...]
    #: Days with a check-in over the days that count so far (``None`` before the first).
    checkin_rate: float | None
    per_day: tuple[DayStatus, ...] = field(default=())

    @property
    def ends_on(self) -> date:
        return self.started_on + timedelta(days=self.days - 1)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "plan_id": self.plan_id,
            "started_on": self.started_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "days": self.days,
            "timezone": self.timezone,
            "today": self.today.isoformat(),
            "day": self.day,
            "state": self.state,
            "days_left": self.days_left,
            "reminder": self.reminder,
            "reminder_position": self.reminder_position,
            "checkin_rate": self.checkin_rate,
            "commitments": [
                {
                    "position": c.position,
                    "text": c.text,
                    "kind": c.kind,
                    "codes": list(c.codes),
                    "current_streak": c.current_streak,
                    "best_streak": c.best_streak,
                    "kept_days": c.kept_days,
                    "missed_days": c.missed_days,
                    "kept_rate": c.kept_rate,
                    "kept_today": c.kept_today,
                    "findings_per_day": list(c.findings_per_day),
                    "findings_total": c.findings_total,
                    "trend": c.trend,
                }
                for c in self.commitments
            ],
            "per_day": [
                {
                    "day": d.day,
                    "date": d.date.isoformat(),
                    "kept": {str(k): v for k, v in d.kept.items()},
                    "note": d.note,
                    "replies": d.replies,
                    "findings": dict(d.findings),
                    "related": {str(k): v for k, v in d.related.items()},
                }
                for d in self.per_day
            ],
        }


# --- time -----------------------------------------------------------------------------------------------------


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``, or :class:`PlanError`."""
    hint = "use an IANA name such as Europe/London, America/New_York or UTC"
    if not isinstance(name, str) or not name.strip() or name.strip() == "localtime":
        raise PlanError(f"unknown time zone {name!r}: {hint}")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise PlanError(f"unknown time zone {name!r}: {hint}") from None


def local_timezone_name() -> str:
    """This machine's IANA zone name ($TZ, /etc/localtime, /etc/timezone), else ``UTC``."""
    candidates: list[str] = []
    tz_env = os.environ.get("TZ", "").lstrip(":").strip()
    if tz_env:
        candidates.append(tz_env)
    with contextlib.suppress(OSError):
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name.startswith("posix/") or name.startswith("right/"):
            name = name.split("/", 1)[1]
        try:
            zone(name)
        except PlanError:
            continue
        return name
    return "UTC"


def _moment(at: datetime | None, tz: ZoneInfo) -> datetime:
    """``at`` as an aware datetime: now if ``None``; a naive ``at`` is a wall time in the plan's zone."""
    if at is None:
        return datetime.now(UTC)
    if at.tzinfo is None or at.utcoffset() is None:
        return at.replace(tzinfo=tz)
    return at


def local_date(at: datetime, tz: ZoneInfo) -> date:
    """The calendar date of the aware moment ``at`` in ``tz``."""
    return at.astimezone(tz).date()


def plan_day(started_on: date, on: date) -> int:
    """The plan day of the local date ``on`` (1 on ``started_on``)."""
    return (on - started_on).days + 1


# --- writing --------------------------------------------------------------------------------------------------


def _clean_name(user: str) -> str:
    name = " ".join(str(user).split())
    if not name:
        raise PlanError("a user name is needed")
    if len(name) > 100:
        raise PlanError(f"user name too long ({len(name)} characters, at most 100)")
    return name


def _find_user(session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(User.name == name)).one_or_none()


def _user(session: Session, name: str) -> User:
    found = _find_user(session, name)
    if found is not None:
        return found
    user = User(name=name)
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError:  # created by someone else just now
        found = _find_user(session, name)
        if found is None:
            raise
        return found
    return user


def _codes(codes: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if not code:
            continue
        if not _CODE.match(code):
            raise PlanError(f"{raw!r} is not a rule code (like D006); `makeitlast rules` lists them")
        if code not in out:
            out.append(code)
    if out:
        from makeitlast.engine.registry import all_rules

        known = {r.code for r in all_rules()}
        unknown = [c for c in out if c not in known]
        if unknown:
            raise PlanError(f"unknown rule code {unknown[0]!r}; `makeitlast rules` lists them")
    return tuple(out)


def _specs(commitments: Sequence[str | CommitmentSpec] | None) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(text, kind, codes)`` for each commitment; the notes' own words count as defaults with their codes."""
    if commitments is None:
        return [(text, "default", DEFAULT_CODES[text]) for text in DEFAULT_COMMITMENTS]
    if isinstance(commitments, str):
        raise PlanError("commitments must be a list of commitments, not one string")
    defaults = {t.casefold(): t for t in DEFAULT_COMMITMENTS}
    out: list[tuple[str, str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for item in commitments:
        spec = item if isinstance(item, CommitmentSpec) else CommitmentSpec(str(item))
        text = " ".join(spec.text.split())
        if not text:
            raise PlanError("a commitment cannot be empty")
        if len(text) > MAX_COMMITMENT_CHARS:
            raise PlanError(f"commitment too long ({len(text)} characters, at most {MAX_COMMITMENT_CHARS})")
        if text.casefold() in seen:
            raise PlanError(f"commitment given twice: {text!r}")
        seen.add(text.casefold())
        codes = _codes(spec.codes)
        default = defaults.get(text.casefold())
        if default is not None:
            out.append((default, "default", codes or DEFAULT_CODES[default]))
        else:
            out.append((text, "custom", codes))
    if not out:
        raise PlanError("a plan needs at least one commitment")
    if len(out) > MAX_COMMITMENTS:
        raise PlanError(f"{len(out)} commitments: a plan keeps at most {MAX_COMMITMENTS} (a few is best)")
    return out


def _validate_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise PlanError(f"days must be a whole number from {MIN_DAYS} to {MAX_DAYS}, not {days!r}")
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise PlanError(
            f"a plan lasts {MIN_DAYS} to {MAX_DAYS} days (the notes' 21-30 day commitment), not {days}"
        )
    return days


def _summary(plan: Plan, user: str, replaced: date | None = None) -> PlanSummary:
    return PlanSummary(
        id=plan.id,
        user=user,
        started_on=plan.started_on,
        days=plan.days,
        timezone=plan.timezone,
        commitments=tuple(
            CommitmentInfo(c.position, c.text, c.kind, _split_codes(c.codes))
            for c in sorted(plan.commitments, key=lambda c: c.position)
        ),
        replaced=replaced,
    )


def new_plan(
    db: Database,
    user: str,
    days: int = DEFAULT_DAYS,
    commitments: Sequence[str | CommitmentSpec] | None = None,
    start: date | None = None,
    tz: str | None = None,
) -> PlanSummary:
    """Start a ``days``-day plan (21 to 30) for ``user`` (created if missing) on ``start`` (default: today in
    ``tz``), with ``commitments`` (default: the notes' three). ``tz`` defaults to this machine's zone (else UTC).
    A user has one active plan: an earlier one is closed (kept, inactive)."""
    name = _clean_name(user)
    days = _validate_days(days)
    tz_name = (tz if tz is not None else local_timezone_name()).strip()
    tz_info = zone(tz_name)
    specs = _specs(commitments)
    if start is None:
        start = local_date(datetime.now(UTC), tz_info)
    elif isinstance(start, datetime):
        start = local_date(_moment(start, tz_info), tz_info)
    with db.session() as s:
        u = _user(s, name)
        previous = s.scalars(select(Plan).where(Plan.user_id == u.id, Plan.active)).first()
        replaced = previous.started_on if previous is not None else None
        s.execute(update(Plan).where(Plan.user_id == u.id, Plan.active).values(active=False))
        s.flush()
        plan = Plan(user_id=u.id, started_on=start, days=days, timezone=tz_name, active=True)
        plan.commitments = [
            Commitment(text=text, kind=kind, position=i, codes=",".join(codes))
            for i, (text, kind, codes) in enumerate(specs, start=1)
        ]
        s.add(plan)
        s.flush()
        return _summary(plan, name, replaced)


def _active(session: Session, name: str) -> tuple[User, Plan]:
    u = _find_user(session, name)
    plan = None
    if u is not None:
        plan = session.scalars(select(Plan).where(Plan.user_id == u.id, Plan.active)).first()
    if u is None or plan is None:
        raise NoActivePlan(name)
    return u, plan


def active_plan(db: Database, user: str) -> PlanSummary:
    """The user's active plan, or :class:`NoActivePlan`."""
    name = _clean_name(user)
    with db.session() as s:
        _, plan = _active(s, name)
        return _summary(plan, name)


def _resolve(key: int | str, commitments: Sequence[Commitment]) -> Commitment:
    positions = {c.position: c for c in commitments}
    listing = "; ".join(f"{c.position} = {c.text}" for c in commitments)
    if isinstance(key, bool):
        raise PlanError(f"{key!r} is not a commitment")
    if isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit()):
        position = int(key)
        if position in positions:
            return positions[position]
        raise PlanError(f"no commitment {position}: the plan has {len(commitments)} ({listing})")
    wanted = " ".join(str(key).split()).casefold()
    exact = [c for c in commitments if c.text.casefold() == wanted]
    if exact:
        return exact[0]
    prefixed = [c for c in commitments if wanted and c.text.casefold().startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    raise PlanError(f"no commitment {key!r}: use its number or its words ({listing})")


def check_in(
    db: Database,
    user: str,
    kept: Kept,
    note: str | None = None,
    at: datetime | None = None,
) -> PlanStatus:
    """Record, for the plan day of ``at`` (default now) in the plan's time zone, which commitments ``user`` kept:
    ``kept`` maps a commitment's position (1-based) or words to kept/missed. Checking in again the same day updates
    that day's answers (and the note, if one is given); commitments left out keep what they had. A naive ``at``
    is a wall time in the plan's zone. Returns the status at ``at``."""
    name = _clean_name(user)
    if not kept:
        raise PlanError("nothing to check in: say which commitments you kept or missed")
    if note is not None:
        note = note.strip() or None
    for attempt in range(2):
        try:
            with db.session() as s:
                moment = _record(s, name, kept, note, at)
            break
        except IntegrityError:  # the same day checked in at the same moment elsewhere: update that instead
            if attempt:
                raise
    return status(db, name, at=moment)


def _record(s: Session, name: str, kept: Kept, note: str | None, at: datetime | None) -> datetime:
    _, plan = _active(s, name)
    tz_info = zone(plan.timezone)
    moment = _moment(at, tz_info)
    today = local_date(moment, tz_info)
    n = plan_day(plan.started_on, today)
    if n < 1:
        raise PlanError(
            f"the plan starts on {plan.started_on.isoformat()} ({plan.timezone}); check in from then"
        )
    if n > plan.days:
        ended = plan.started_on + timedelta(days=plan.days - 1)
        raise PlanError(
            f"the {plan.days}-day plan ended on {ended.isoformat()}: start a new one with "
            f"`makeitlast plan new --user {name}`"
        )
    answers: dict[int, tuple[Commitment, bool]] = {}
    for key, value in kept.items():
        c = _resolve(key, plan.commitments)
        if c.id in answers and answers[c.id][1] != bool(value):
            raise PlanError(f"commitment {c.position} is both kept and missed")
        answers[c.id] = (c, bool(value))
    existing = {
        row.commitment_id: row
        for row in s.scalars(select(CheckIn).where(CheckIn.plan_id == plan.id, CheckIn.day == today))
    }
    for commitment_id, (_, value) in answers.items():
        row = existing.get(commitment_id)
        if row is None:
            s.add(
                CheckIn(
                    plan_id=plan.id,
                    day=today,
                    commitment_id=commitment_id,
                    kept=value,
                    note=note,
                    created_at=moment.astimezone(UTC),
                )
            )
        else:
            row.kept = value
            if note is not None:
                row.note = note
    if note is not None:
        for commitment_id, row in existing.items():
            if commitment_id not in answers:
                row.note = note
    return moment


def record_coached(
    db: Database,
    user: str | None,
    report: Report,
    source: str,
    at: datetime | None = None,
) -> int:
    """Store one coached reply (its score, rule codes and report) for ``user`` (created if missing; ``None`` for an
    anonymous reply); returns its id. ``source`` is one of ``cli``, ``web``, ``practice``, ``webhook``."""
    if source not in SOURCES:
        raise PlanError(f"unknown source {source!r}: one of {', '.join(SOURCES)}")
    moment = _moment(at, ZoneInfo("UTC")).astimezone(UTC)
    with db.session() as s:
        user_id = _user(s, _clean_name(user)).id if user is not None else None
        row = CoachedReply(
            user_id=user_id,
            source=source,
            created_at=moment,
            score=report.score,
            codes=",".join(f.code for f in report.findings),
            report_json=report.to_json_dict(),
        )
        s.add(row)
        s.flush()
        return row.id


# --- reading --------------------------------------------------------------------------------------------------


def _split_codes(codes: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (codes or "").split(",") if c.strip())


def _finding_codes(node: Any) -> list[str] | None:
    """The codes of a report-like dict (``findings`` with ``code`` fields, or ``codes``), ``None`` if not one."""
    if not isinstance(node, dict):
        return None
    findings = node.get("findings")
    if isinstance(findings, list):
        return [f["code"] for f in findings if isinstance(f, dict) and isinstance(f.get("code"), str)]
    codes = node.get("codes")
    if isinstance(codes, str):
        return list(_split_codes(codes))
    if isinstance(codes, list):
        return [c for c in codes if isinstance(c, str)]
    return None


def practice_codes(result: Any) -> list[str]:
    """The rule codes of a practice session's ``result_json``, one per finding of each coached reply.

    The shape is :class:`makeitlast.practice.run.SessionResult`'s JSON: ``turns``, each with the coach's ``report``
    (its ``findings``' ``code``s); the debrief, which repeats them, is not counted again. A report of its own
    (``findings`` or ``codes`` at the top) is read as one reply."""
    if isinstance(result, dict) and isinstance(result.get("turns"), list):
        out: list[str] = []
        for turn in result["turns"]:
            if not isinstance(turn, dict):
                continue
            codes = _finding_codes(turn.get("report"))
            if codes is None:
                codes = _finding_codes(turn)
            out.extend(codes or ())
        return out
    return _finding_codes(result) or []


def _practice_replies(result: Any) -> int:
    """How many coached replies a practice session holds (its ``turns``, else 1)."""
    if isinstance(result, dict) and isinstance(result.get("turns"), list):
        return len(result["turns"])
    return 1


def record_practice(db: Database, user: str, result: Any, started_at: datetime | None = None) -> int:
    """Store a played role-play for ``user`` (created if missing): a
    :class:`~makeitlast.practice.run.SessionResult` (or its JSON dict); returns the row id. Its turns' findings
    count in the plan's findings trend on the local day of ``started_at`` (default now)."""
    data = result.to_json_dict() if hasattr(result, "to_json_dict") else dict(result)
    moment = _moment(started_at, ZoneInfo("UTC")).astimezone(UTC)
    seed = data.get("seed")
    score = data.get("score")
    with db.session() as s:
        row = PracticeSession(
            user_id=_user(s, _clean_name(user)).id,
            scenario_id=str(data.get("scenario_id") or "unknown"),
            seed=seed if isinstance(seed, int) else None,
            ending=str(data["ending"]) if data.get("ending") is not None else None,
            score=score if isinstance(score, int) else None,
            started_at=moment,
            result_json=data,
        )
        s.add(row)
        s.flush()
        return row.id


def _activity(
    s: Session, user: User, tz_info: ZoneInfo, first: date, last: date
) -> Iterator[tuple[date, list[str], int]]:
    """``(local date, codes, replies)`` for each coached reply and practice session of ``user`` in the days."""
    lo = datetime.combine(first - timedelta(days=1), datetime.min.time(), UTC)
    hi = datetime.combine(last + timedelta(days=2), datetime.min.time(), UTC)
    for created, codes in s.execute(
        select(CoachedReply.created_at, CoachedReply.codes).where(
            CoachedReply.user_id == user.id, CoachedReply.created_at >= lo, CoachedReply.created_at < hi
        )
    ):
        yield local_date(created, tz_info), list(_split_codes(codes)), 1
    for started, result in s.execute(
        select(PracticeSession.started_at, PracticeSession.result_json).where(
            PracticeSession.user_id == user.id,
            PracticeSession.started_at >= lo,
            PracticeSession.started_at < hi,
        )
    ):
        yield local_date(started, tz_info), practice_codes(result), _practice_replies(result)


def _streaks(values: Sequence[bool | None], today_open: bool) -> tuple[int, int]:
    """(current, best) runs of ``True``; the last value is today's and, while ``today_open`` and unanswered, the
    current run ends yesterday."""
    best = run = 0
    for v in values:
        run = run + 1 if v else 0
        best = max(best, run)
    tail = list(values)
    if today_open and tail and tail[-1] is None:
        tail.pop()
    current = 0
    for v in reversed(tail):
        if not v:
            break
        current += 1
    return current, best


def _trend(findings: Sequence[int], replies: Sequence[int]) -> Trend:
    days = [(f, r) for f, r in zip(findings, replies, strict=True) if r > 0]
    if len(days) < 2:
        return "no data"
    half = len(days) // 2
    early, late = days[:half], days[half:]
    early_rate = sum(f for f, _ in early) / sum(r for _, r in early)
    late_rate = sum(f for f, _ in late) / sum(r for _, r in late)
    if late_rate < early_rate - 1e-9:
        return "improving"
    if late_rate > early_rate + 1e-9:
        return "worsening"
    return "steady"


def _reminder(plan: Plan, n: int, state: State) -> tuple[str, int | None]:
    commitments = sorted(plan.commitments, key=lambda c: c.position)
    ends = plan.started_on + timedelta(days=plan.days - 1)
    if state == "finished":
        return (
            f"Your {plan.days}-day plan ended on {ends.isoformat()}. Keep it up, or start a new one.",
            None,
        )
    if state == "upcoming":
        first = commitments[0]
        return (
            f"Your plan starts on {plan.started_on.isoformat()}. First up: {first.text.rstrip('.')}.",
            first.position,
        )
    c = commitments[(n - 1) % len(commitments)]
    return f"Today's reminder (day {n} of {plan.days}): {c.text.rstrip('.')}.", c.position


def status(db: Database, user: str, at: datetime | None = None) -> PlanStatus:
    """Where ``user``'s active plan stands at ``at`` (default now; naive: a wall time in the plan's zone)."""
    name = _clean_name(user)
    with db.session() as s:
        u, plan = _active(s, name)
        tz_info = zone(plan.timezone)
        today = local_date(_moment(at, tz_info), tz_info)
        n = plan_day(plan.started_on, today)
        state: State = "upcoming" if n < 1 else "finished" if n > plan.days else "active"
        shown = max(0, min(n, plan.days))
        today_open = state == "active"
        commitments = sorted(plan.commitments, key=lambda c: c.position)
        dates = [plan.started_on + timedelta(days=i) for i in range(shown)]

        answers: dict[tuple[date, int], CheckIn] = {}
        if shown:
            for row in s.scalars(
                select(CheckIn).where(
                    CheckIn.plan_id == plan.id, CheckIn.day >= dates[0], CheckIn.day <= dates[-1]
                )
            ):
                answers[(row.day, row.commitment_id)] = row

        codes_of = {c.position: _split_codes(c.codes) for c in commitments}
        related_codes = {code for codes in codes_of.values() for code in codes}
        found: dict[date, Counter[str]] = {d: Counter() for d in dates}
        replies: Counter[date] = Counter()
        if shown:
            for day, codes, count in _activity(s, u, tz_info, dates[0], dates[-1]):
                if day in found:
                    replies[day] += count
                    found[day].update(c for c in codes if c in related_codes)

        per_day: list[DayStatus] = []
        for i, d in enumerate(dates, start=1):
            rows = [answers.get((d, c.id)) for c in commitments]
            notes = [r.note for r in rows if r is not None and r.note]
            per_day.append(
                DayStatus(
                    day=i,
                    date=d,
                    kept={
                        c.position: (r.kept if r is not None else None)
                        for c, r in zip(commitments, rows, strict=True)
                    },
                    note=notes[0] if notes else None,
                    replies=replies[d],
                    findings=dict(sorted(found[d].items())),
                    related={p: sum(found[d][code] for code in codes) for p, codes in codes_of.items()},
                )
            )

        counted = len(per_day)
        if today_open and per_day and not per_day[-1].checked_in:
            counted -= 1
        statuses: list[CommitmentStatus] = []
        for c in commitments:
            values = [d.kept[c.position] for d in per_day]
            current, best = _streaks(values, today_open)
            kept_days = sum(1 for v in values if v)
            missed_days = sum(1 for v in values if v is False)
            per = tuple(d.related[c.position] for d in per_day)
            statuses.append(
                CommitmentStatus(
                    position=c.position,
                    text=c.text,
                    kind=c.kind,
                    codes=codes_of[c.position],
                    current_streak=current,
                    best_streak=best,
                    kept_days=kept_days,
                    missed_days=missed_days,
                    kept_rate=kept_days / counted if counted else None,
                    kept_today=values[-1] if today_open and values else None,
                    findings_per_day=per,
                    findings_total=sum(per),
                    trend=_trend(per, [d.replies for d in per_day]) if c.codes else "no data",
                )
            )
        checked = sum(1 for d in per_day if d.checked_in)
        reminder, reminder_position = _reminder(plan, n, state)
        return PlanStatus(
            user=name,
            plan_id=plan.id,
            started_on=plan.started_on,
            days=plan.days,
            timezone=plan.timezone,
            today=today,
            day=n,
            state=state,
            days_left=max(0, min(plan.days, plan.days - n)),
            reminder=reminder,
            reminder_position=reminder_position,
            commitments=tuple(statuses),
            checkin_rate=checked / counted if counted else None,
            per_day=tuple(per_day),
        )


# --- charts ---------------------------------------------------------------------------------------------------

_KEPT, _MISSED, _NONE, _OPEN = "●", "✗", "·", "○"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def plan_chart(status: PlanStatus, *, color: bool = False, label_width: int = 20) -> str:
    """The plan as a text chart for the terminal: one row per commitment (● kept, ✗ missed, · no check-in,
    ○ today, not checked in yet), the kept count and the related findings per day. ``color`` adds ANSI styles."""
    from rich.console import Console
    from rich.text import Text

    by_day = {d.day: d for d in status.per_day}
    lines: list[Text] = []
    # each day's number ends over its symbol column
    head = Text(" " * label_width, style="dim")
    for n in range(1, status.days + 1):
        head.append(f"{n:>2}" if n == 1 or n % 5 == 0 else "  ", style="bold" if n == status.day else "dim")
    lines.append(head)
    for c in status.commitments:
        row = Text(f"{c.position} {_short(c.text, label_width - 2):<{label_width - 2}} ")
        for n in range(1, status.days + 1):
            d = by_day.get(n)
            if d is None:
                row.append("  ")
                continue
            v = d.kept[c.position]
            if v is True:
                row.append(_KEPT + " ", style="green")
            elif v is False:
                row.append(_MISSED + " ", style="red")
            elif n == status.day and status.state == "active":
                row.append(_OPEN + " ", style="yellow")
            else:
                row.append(_NONE + " ", style="dim")
        lines.append(row)
    kept = Text(f"  {'kept':<{label_width - 2}} ", style="dim")
    finds = Text(f"  {'related findings':<{label_width - 2}} ", style="dim")
    for n in range(1, status.days + 1):
        d = by_day.get(n)
        if d is None:
            kept.append("  ")
            finds.append("  ")
            continue
        kept.append(f"{d.kept_count if d.checked_in else _NONE:<2}", style="green" if d.kept_count else "dim")
        total = sum(d.findings.values())
        if not d.replies:
            finds.append(_NONE + " ", style="dim")
        else:
            finds.append(f"{total if total < 10 else '+':<2}", style="red" if total else "green")
    lines.extend([kept, finds])
    lines.append(
        Text(
            f"{_KEPT} kept  {_MISSED} missed  {_NONE} no check-in / no replies  {_OPEN} today, not checked in yet",
            style="dim",
        )
    )
    if not color:
        return "\n".join(line.plain.rstrip() for line in lines) + "\n"
    import io

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=10_000, highlight=False)
    for line in lines:
        console.print(line, soft_wrap=True)
    return out.getvalue()


def plan_figure(status: PlanStatus) -> Any:
    """A Plotly figure for the web app: kept commitments per day (stacked bars, one colour per commitment) and the
    related findings per day (a line on the right axis). Needs Plotly (``pip install 'makeitlast[insights]'``)."""
    try:
        from plotly.subplots import make_subplots
    except ImportError as e:  # pragma: no cover - plotly is in the test extras
        raise ImportError("the plan chart needs Plotly: pip install 'makeitlast[insights]'") from e
    import plotly.graph_objects as go

    days = [d.day for d in status.per_day]
    dates = [d.date.isoformat() for d in status.per_day]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for c in status.commitments:
        fig.add_trace(
            go.Bar(
                x=days,
                y=[1 if d.kept[c.position] else 0 for d in status.per_day],
                name=f"{c.position}. {_short(c.text, 40)}",
                customdata=dates,
                hovertemplate="day %{x} (%{customdata}): kept<extra>" + _short(c.text, 60) + "</extra>",
            ),
            secondary_y=False,
        )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[sum(d.findings.values()) for d in status.per_day],
            name="related findings",
            mode="lines+markers",
            customdata=[[d.date.isoformat(), d.replies] for d in status.per_day],
            hovertemplate="day %{x} (%{customdata[0]}): %{y} findings in %{customdata[1]} replies<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_layout(
        barmode="stack",
        title=f"{status.user}: day {max(0, min(status.day, status.days))} of {status.days}",
        legend={"orientation": "h"},
        margin={"l": 40, "r": 40, "t": 50, "b": 40},
    )
    fig.update_xaxes(title_text="plan day", range=[0.5, status.days + 0.5], dtick=1)
    fig.update_yaxes(
        title_text="commitments kept", range=[0, max(1, len(status.commitments))], dtick=1, secondary_y=False
    )
    fig.update_yaxes(title_text="related findings", rangemode="tozero", secondary_y=True)
    return fig
