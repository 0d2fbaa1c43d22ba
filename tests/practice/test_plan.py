"""The personal action plan: commitments, days, check-ins, streaks, reminders, plan days across time zones and
daylight-saving changes, the findings trend, the charts and the ``plan`` command bodies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from makeitlast.model import Finding, Report, Severity, Step
from makeitlast.practice.plan import (
    DEFAULT_CODES,
    DEFAULT_COMMITMENTS,
    CommitmentSpec,
    NoActivePlan,
    PlanError,
    active_plan,
    check_in,
    local_timezone_name,
    new_plan,
    plan_chart,
    plan_day,
    plan_figure,
    practice_codes,
    record_coached,
    record_practice,
    status,
)
from makeitlast.store import CheckIn, CoachedReply, Database, Plan, PracticeSession, User, open_db
from makeitlast.store.db import sqlite_url

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(sqlite_url(tmp_path / "plan.db"))
    yield database
    database.close()


def _report(*codes: str, score: int = 60) -> Report:
    return Report(
        score=score,
        steps={},
        findings=[
            Finding(code=c, name=c.lower(), step=Step.DONTS, severity=Severity.WARNING, message=f"{c} found")
            for c in codes
        ],
    )


def _checkins(db: Database) -> list[tuple[date, int, bool, str | None]]:
    with db.session() as s:
        rows = s.scalars(select(CheckIn).order_by(CheckIn.day, CheckIn.commitment_id)).all()
        return [(r.day, r.commitment.position, r.kept, r.note) for r in rows]


# --- making a plan --------------------------------------------------------------------------------------------


def test_default_commitments_are_the_notes_three(db: Database) -> None:
    plan = new_plan(db, "ana", start=date(2026, 10, 20), tz="UTC")
    assert plan.days == 21 and plan.ends_on == date(2026, 11, 9)
    assert (
        [c.text for c in plan.commitments]
        == list(DEFAULT_COMMITMENTS)
        == [
            "Manage annoyances due to interruptions/misunderstandings with patience and positivity",
            "Don't make assumptions, and if you do, don't act based on them",
            "Re-route your thinking instead of shutting down",
        ]
    )
    assert [c.position for c in plan.commitments] == [1, 2, 3]
    assert {c.kind for c in plan.commitments} == {"default"}
    assert [c.codes for c in plan.commitments] == [
        ("D006", "D010", "D011"),
        ("D007",),
        ("D008", "D009", "D002"),
    ]
    assert DEFAULT_CODES[DEFAULT_COMMITMENTS[1]] == ("D007",)


def test_the_user_is_created_if_missing(db: Database) -> None:
    new_plan(db, "  new   trainee ", tz="UTC")
    with db.session() as s:
        user = s.scalars(select(User)).one()
        assert (user.name, user.role, user.password_hash) == ("new trainee", "agent", None)


def test_custom_commitments_track_no_codes_unless_given(db: Database) -> None:
    plan = new_plan(
        db,
        "ana",
        days=30,
        commitments=[
            "Smile on the phone",
            CommitmentSpec("Give a concrete next step", codes=("s001", "S002")),
            "don't make assumptions, and if you do, don't act based on them",  # the notes' own words
        ],
        tz="UTC",
    )
    assert [(c.kind, c.codes) for c in plan.commitments] == [
        ("custom", ()),
        ("custom", ("S001", "S002")),
        ("default", ("D007",)),
    ]
    assert plan.commitments[2].text == DEFAULT_COMMITMENTS[1]


@pytest.mark.parametrize(
    ("commitments", "message"),
    [
        ([], "at least one"),
        (["  "], "empty"),
        (["Smile", "smile"], "twice"),
        ([CommitmentSpec("Smile", codes=("X1",))], "not a rule code"),
        ([CommitmentSpec("Smile", codes=("D999",))], "unknown rule code"),
        ([f"Commitment {i}" for i in range(11)], "at most 10"),
        (["x" * 301], "too long"),
        ("Smile", "a list"),
    ],
)
def test_bad_commitments(db: Database, commitments: list[str], message: str) -> None:
    with pytest.raises(PlanError, match=message):
        new_plan(db, "ana", commitments=commitments, tz="UTC")


@pytest.mark.parametrize("days", [21, 25, 30])
def test_days_from_21_to_30(db: Database, days: int) -> None:
    assert new_plan(db, "ana", days=days, tz="UTC").days == days


@pytest.mark.parametrize("days", [0, 7, 20, 31, 90, -21, True, 21.0, "21"])
def test_days_outside_21_to_30_are_refused(db: Database, days: object) -> None:
    with pytest.raises(PlanError, match="21"):
        new_plan(db, "ana", days=days, tz="UTC")  # type: ignore[arg-type]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 0


@pytest.mark.parametrize("tz", ["Mars/Olympus", "", "EST5EDT/x", "../etc/passwd", "localtime"])
def test_unknown_time_zones_are_refused(db: Database, tz: str) -> None:
    with pytest.raises(PlanError, match="time zone"):
        new_plan(db, "ana", tz=tz)


def test_default_time_zone_is_the_local_one(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    assert local_timezone_name() == "Pacific/Auckland"
    assert new_plan(db, "ana").timezone == "Pacific/Auckland"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert ZoneInfo(local_timezone_name())  # falls back to the system's zone, else UTC


def test_default_start_is_today_in_the_plan_zone(db: Database) -> None:
    plan = new_plan(db, "ana", tz="Pacific/Kiritimati")  # UTC+14: often already tomorrow
    assert plan.started_on == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()


def test_a_new_plan_closes_the_old_one(db: Database) -> None:
    first = new_plan(db, "ana", start=date(2026, 10, 1), tz="UTC")
    check_in(db, "ana", {1: True}, at=datetime(2026, 10, 2, 12, tzinfo=UTC))
    second = new_plan(db, "ana", days=30, commitments=["Smile"], start=date(2026, 10, 20), tz="UTC")
    assert second.replaced == date(2026, 10, 1) and first.replaced is None
    assert active_plan(db, "ana").id == second.id
    with db.session() as s:
        plans = s.scalars(select(Plan).order_by(Plan.id)).all()
        assert [(p.id, p.active) for p in plans] == [(first.id, False), (second.id, True)]
        assert len(s.scalars(select(CheckIn)).all()) == 1  # the old plan's history is kept
    st = status(db, "ana", at=datetime(2026, 10, 21, 12, tzinfo=UTC))
    assert (st.plan_id, st.day, [c.text for c in st.commitments]) == (second.id, 2, ["Smile"])


def test_no_active_plan_says_how_to_start_one(db: Database) -> None:
    with pytest.raises(NoActivePlan, match="makeitlast plan new --user ana"):
        status(db, "ana")
    with pytest.raises(NoActivePlan):
        check_in(db, "ana", {1: True})
    with db.session() as s:
        assert s.scalars(select(User)).all() == []  # reading does not create the user


# --- checking in ----------------------------------------------------------------------------------------------


def test_checking_in_again_the_same_day_updates(db: Database) -> None:
    new_plan(db, "ana", start=date(2026, 10, 20), tz="UTC")
    morning = datetime(2026, 10, 22, 9, tzinfo=UTC)
    check_in(db, "ana", {1: True, 2: False}, note="busy", at=morning)
    mixed: dict[int | str, bool] = {"2": True, 3: False}
    check_in(db, "ana", mixed, at=morning + timedelta(hours=8))
    check_in(db, "ana", {3: True}, note="better by evening", at=morning + timedelta(hours=12))
    assert _checkins(db) == [
        (date(2026, 10, 22), 1, True, "better by evening"),
        (date(2026, 10, 22), 2, True, "better by evening"),
        (date(2026, 10, 22), 3, True, "better by evening"),
    ]
    st = status(db, "ana", at=morning + timedelta(hours=13))
    assert st.per_day[2].kept == {1: True, 2: True, 3: True}
    assert st.per_day[2].note == "better by evening"


def test_check_in_by_words(db: Database) -> None:
    new_plan(db, "ana", start=date(2026, 10, 20), tz="UTC")
    at = datetime(2026, 10, 20, 12, tzinfo=UTC)
    check_in(db, "ana", {"re-route your thinking instead of shutting down": True, "Don't make": False}, at=at)
    assert [(p, k) for _, p, k, _ in _checkins(db)] == [(2, False), (3, True)]


@pytest.mark.parametrize(
    ("kept", "message"),
    [
        ({4: True}, "no commitment 4"),
        ({0: True}, "no commitment 0"),
        ({"smile": True}, "no commitment 'smile'"),
        ({1: True, DEFAULT_COMMITMENTS[0]: False}, "both kept and missed"),
        ({}, "nothing to check in"),
    ],
)
def test_bad_check_ins(db: Database, kept: dict[int | str, bool], message: str) -> None:
    new_plan(db, "ana", start=date(2026, 10, 20), tz="UTC")
    with pytest.raises(PlanError, match=message):
        check_in(db, "ana", kept, at=datetime(2026, 10, 20, 12, tzinfo=UTC))
    assert _checkins(db) == []


def test_no_check_in_before_the_start_or_after_the_end(db: Database) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="UTC")
    with pytest.raises(PlanError, match="starts on 2026-10-20"):
        check_in(db, "ana", {1: True}, at=datetime(2026, 10, 19, 23, 59, tzinfo=UTC))
    with pytest.raises(PlanError, match=r"ended on 2026-11-09.*plan new"):
        check_in(db, "ana", {1: True}, at=datetime(2026, 11, 10, 0, 0, tzinfo=UTC))
    check_in(db, "ana", {1: True}, at=datetime(2026, 11, 9, 23, 59, tzinfo=UTC))  # the last day
    assert _checkins(db)[0][0] == date(2026, 11, 9)


# --- streaks, rates and reminders -----------------------------------------------------------------------------


def _daily(db: Database, user: str, start: date, pattern: list[dict[int, bool] | None], tz: ZoneInfo) -> None:
    for i, kept in enumerate(pattern):
        if kept is not None:
            check_in(
                db,
                user,
                kept,
                at=datetime.combine(start + timedelta(days=i), datetime.min.time(), tz).replace(hour=20),
            )


def test_streaks(db: Database) -> None:
    start = date(2026, 10, 20)
    new_plan(db, "ana", start=start, tz="UTC")
    T, F = True, False
    _daily(
        db,
        "ana",
        start,
        [
            {1: T, 2: T, 3: F},  # day 1
            {1: T, 2: T, 3: T},  # day 2
            {1: F, 2: T, 3: T},  # day 3
            None,  # day 4: no check-in breaks every streak
            {1: T, 2: T, 3: T},  # day 5
            {1: T, 2: T, 3: T},  # day 6
            {1: T, 2: F, 3: T},  # day 7
        ],
        ZoneInfo("UTC"),
    )
    # day 8, not checked in yet: streaks run up to yesterday
    st = status(db, "ana", at=datetime(2026, 10, 27, 8, tzinfo=UTC))
    assert st.day == 8 and st.days_left == 13 and st.state == "active"
    streaks = {c.position: (c.current_streak, c.best_streak) for c in st.commitments}
    assert streaks == {1: (3, 3), 2: (0, 3), 3: (3, 3)}
    assert [c.kept_today for c in st.commitments] == [None, None, None]
    assert st.checkin_rate == pytest.approx(6 / 7)  # today does not count until checked in
    assert [c.kept_rate for c in st.commitments] == pytest.approx([5 / 7, 5 / 7, 5 / 7])
    assert [c.missed_days for c in st.commitments] == [1, 1, 1]

    # day 8 checked in: kept extends the streak, missed ends it
    st = check_in(db, "ana", {1: True, 3: False}, at=datetime(2026, 10, 27, 21, tzinfo=UTC))
    streaks = {c.position: (c.current_streak, c.best_streak) for c in st.commitments}
    assert streaks == {1: (4, 4), 2: (0, 3), 3: (0, 3)}
    assert [c.kept_today for c in st.commitments] == [True, None, False]
    assert st.checkin_rate == pytest.approx(7 / 8)
    assert [d.checked_in for d in st.per_day] == [True, True, True, False, True, True, True, True]
    assert [d.kept_count for d in st.per_day] == [2, 3, 2, 0, 3, 3, 2, 1]


def test_status_before_the_start_and_after_the_end(db: Database) -> None:
    new_plan(db, "ana", days=21, commitments=["Smile", "Breathe"], start=date(2026, 10, 20), tz="UTC")
    check_in(db, "ana", {1: True, 2: True}, at=datetime(2026, 11, 9, 12, tzinfo=UTC))
    before = status(db, "ana", at=datetime(2026, 10, 18, 12, tzinfo=UTC))
    assert (before.state, before.day, before.days_left, before.per_day, before.checkin_rate) == (
        "upcoming",
        -1,
        21,
        (),
        None,
    )
    assert "starts on 2026-10-20" in before.reminder and "Smile" in before.reminder
    after = status(db, "ana", at=datetime(2026, 12, 1, 12, tzinfo=UTC))
    assert (after.state, after.day, after.days_left, len(after.per_day)) == ("finished", 43, 0, 21)
    assert after.reminder_position is None and "ended on 2026-11-09" in after.reminder
    assert [(c.current_streak, c.best_streak) for c in after.commitments] == [(1, 1), (1, 1)]
    assert after.checkin_rate == pytest.approx(1 / 21)


def test_reminder_rotates_through_the_commitments(db: Database) -> None:
    start = date(2026, 10, 20)
    new_plan(db, "ana", start=start, tz="UTC")
    seen = []
    for n in range(1, 8):
        st = status(db, "ana", at=datetime.combine(start + timedelta(days=n - 1), datetime.min.time(), UTC))
        assert st.day == n
        seen.append(st.reminder_position)
        c = DEFAULT_COMMITMENTS[(n - 1) % 3]
        assert st.reminder == f"Today's reminder (day {n} of 21): {c}."
    assert seen == [1, 2, 3, 1, 2, 3, 1]

    new_plan(db, "bob", commitments=["Smile.", "Breathe"], start=start, tz="UTC")
    positions = [
        status(
            db, "bob", at=datetime.combine(start + timedelta(days=i), datetime.min.time(), UTC)
        ).reminder_position
        for i in range(5)
    ]
    assert positions == [1, 2, 1, 2, 1]
    assert status(db, "bob", at=datetime(2026, 10, 20, 12, tzinfo=UTC)).reminder.endswith(": Smile.")


# --- time zones and daylight saving ---------------------------------------------------------------------------


def _day_of(db: Database, user: str, at: datetime) -> int:
    return status(db, user, at=at).day


def test_plan_day_arithmetic() -> None:
    assert plan_day(date(2026, 10, 20), date(2026, 10, 20)) == 1
    assert plan_day(date(2026, 10, 20), date(2026, 11, 1)) == 13
    assert plan_day(date(2026, 10, 20), date(2026, 10, 19)) == 0


@pytest.mark.parametrize(
    ("at", "day"),
    [
        (datetime(2026, 10, 31, 23, 59, 59, tzinfo=NY), 12),  # Saturday night, EDT
        (datetime(2026, 11, 1, 0, 0, tzinfo=NY), 13),  # the DST day starts
        (datetime(2026, 11, 1, 1, 30, tzinfo=NY), 13),  # 01:30 EDT (first time)
        (datetime(2026, 11, 1, 1, 30, tzinfo=NY, fold=1), 13),  # 01:30 EST (second time)
        (datetime(2026, 11, 1, 23, 30, tzinfo=NY), 13),  # 23:30 EST, already 2 November in UTC
        (datetime(2026, 11, 2, 4, 30, tzinfo=UTC), 13),  # the same instant, given in UTC
        (datetime(2026, 11, 2, 4, 59, 59, tzinfo=UTC), 13),  # 23:59:59 EST
        (datetime(2026, 11, 2, 5, 0, tzinfo=UTC), 14),  # local midnight
        (datetime(2026, 11, 9, 23, 59, tzinfo=NY), 21),  # the last day
        (datetime(2026, 11, 10, 0, 0, tzinfo=NY), 22),  # over
    ],
)
def test_new_york_across_the_november_dst_change(db: Database, at: datetime, day: int) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
    assert _day_of(db, "ana", at) == day


def test_new_york_daily_check_ins_across_dst_keep_one_day_each(db: Database) -> None:
    """A check-in at 23:30 every evening from 28 October to 5 November: the hour that 1 November has extra
    neither skips nor repeats a plan day, and every evening lands on its own local date."""
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
    for d in range(28, 28 + 9):
        local = datetime(2026, 10, 1, 23, 30, tzinfo=NY) + timedelta(days=d - 1)  # wall-clock arithmetic
        check_in(db, "ana", {1: True}, at=local.astimezone(UTC))
    days = [row[0] for row in _checkins(db)]
    assert days == [date(2026, 10, 28) + timedelta(days=i) for i in range(9)]
    st = status(db, "ana", at=datetime(2026, 11, 6, 4, 45, tzinfo=UTC))  # 23:45 EST on 5 November
    assert st.today == date(2026, 11, 5) and st.day == 17
    assert st.commitments[0].current_streak == 9


@pytest.mark.parametrize(
    ("at_utc", "day"),
    [
        (datetime(2026, 10, 24, 22, 59, 59, tzinfo=UTC), 5),  # 23:59:59 BST on 24 October
        (datetime(2026, 10, 24, 23, 0, tzinfo=UTC), 6),  # 00:00 BST on the 25th: UTC still says the 24th
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 6),  # 01:30 BST
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 6),  # 01:30 GMT, the repeated hour
        (datetime(2026, 10, 25, 23, 59, 59, tzinfo=UTC), 6),  # 23:59:59 GMT: a 25-hour day
        (datetime(2026, 10, 26, 0, 0, tzinfo=UTC), 7),
    ],
)
def test_london_on_the_october_dst_change(db: Database, at_utc: datetime, day: int) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="Europe/London")
    assert _day_of(db, "ana", at_utc) == day
    check_in(db, "ana", {1: True}, at=at_utc)
    assert _checkins(db)[0][0] == date(2026, 10, 19 + day)


def test_a_check_in_just_before_and_just_after_local_midnight(db: Database) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="Europe/London")
    before = datetime(2026, 10, 25, 23, 59, 59, tzinfo=LONDON)
    after = datetime(2026, 10, 26, 0, 0, 0, tzinfo=LONDON)
    check_in(db, "ana", {1: True}, note="late", at=before)
    check_in(db, "ana", {1: False}, note="early", at=after)
    assert _checkins(db) == [(date(2026, 10, 25), 1, True, "late"), (date(2026, 10, 26), 1, False, "early")]
    st = status(db, "ana", at=after)
    assert (st.day, st.per_day[-2].kept[1], st.per_day[-1].kept[1]) == (7, True, False)


def test_a_2330_check_in_is_that_local_day_even_when_utc_is_the_next(db: Database) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
    at = datetime(2026, 10, 22, 23, 30, tzinfo=NY)
    assert at.astimezone(UTC).date() == date(2026, 10, 23)
    st = check_in(db, "ana", {1: True, 2: True, 3: True}, at=at)
    assert st.today == date(2026, 10, 22) and st.day == 3
    assert {row[0] for row in _checkins(db)} == {date(2026, 10, 22)}


def test_a_naive_time_is_a_wall_time_in_the_plan_zone(db: Database) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
    check_in(db, "ana", {1: True}, at=datetime(2026, 11, 1, 23, 30))
    assert _checkins(db)[0][0] == date(2026, 11, 1)
    with db.session() as s:
        assert s.scalars(select(CheckIn.created_at)).one() == datetime(2026, 11, 2, 4, 30, tzinfo=UTC)


def test_auckland_and_utc_plans_see_different_days_at_the_same_instant(db: Database) -> None:
    new_plan(db, "kiri", days=21, start=date(2026, 10, 20), tz="Pacific/Auckland")
    new_plan(db, "uma", days=21, start=date(2026, 10, 20), tz="UTC")
    instant = datetime(2026, 10, 20, 11, 30, tzinfo=UTC)  # 00:30 NZDT on 21 October
    assert instant.astimezone(AUCKLAND).date() == date(2026, 10, 21)
    kiri, uma = status(db, "kiri", at=instant), status(db, "uma", at=instant)
    assert (kiri.today, kiri.day, kiri.reminder_position) == (date(2026, 10, 21), 2, 2)
    assert (uma.today, uma.day, uma.reminder_position) == (date(2026, 10, 20), 1, 1)
    # 10:59 UTC on the 20th is 23:59 NZDT on the 20th: day 1 for both
    assert _day_of(db, "kiri", datetime(2026, 10, 20, 10, 59, tzinfo=UTC)) == 1
    # a plan that starts "today" in Auckland has not started yet in UTC terms of the same date
    assert _day_of(db, "kiri", datetime(2026, 10, 19, 10, 59, tzinfo=UTC)) == 0
    assert status(db, "kiri", at=datetime(2026, 10, 19, 10, 59, tzinfo=UTC)).state == "upcoming"


def test_auckland_spring_forward(db: Database) -> None:
    """NZDT starts on 27 September 2026 (02:00 becomes 03:00): a 23-hour day is still one plan day."""
    new_plan(db, "kiri", days=21, start=date(2026, 9, 20), tz="Pacific/Auckland")
    assert _day_of(db, "kiri", datetime(2026, 9, 26, 23, 59, tzinfo=AUCKLAND)) == 7
    assert _day_of(db, "kiri", datetime(2026, 9, 27, 0, 30, tzinfo=AUCKLAND)) == 8
    assert _day_of(db, "kiri", datetime(2026, 9, 27, 23, 59, tzinfo=AUCKLAND)) == 8
    assert _day_of(db, "kiri", datetime(2026, 9, 27, 11, 0, tzinfo=UTC)) == 9  # 00:00 NZDT on the 28th


def test_new_york_spring_forward_and_a_nonexistent_wall_time(db: Database) -> None:
    """DST starts on 14 March 2027: 02:30 does not exist on the clock, and it is still 14 March."""
    new_plan(db, "ana", days=30, start=date(2027, 3, 1), tz="America/New_York")
    check_in(db, "ana", {1: True}, at=datetime(2027, 3, 14, 2, 30))
    check_in(db, "ana", {1: True}, at=datetime(2027, 3, 14, 23, 30))
    assert [row[0] for row in _checkins(db)] == [date(2027, 3, 14)]
    assert _day_of(db, "ana", datetime(2027, 3, 15, 3, 59, tzinfo=UTC)) == 14  # 23:59 EDT
    assert _day_of(db, "ana", datetime(2027, 3, 15, 4, 0, tzinfo=UTC)) == 15


# --- the findings trend ---------------------------------------------------------------------------------------


def test_record_coached_stores_the_codes(db: Database) -> None:
    first = record_coached(db, "ana", _report("D006", "D001", "D006", score=35), "cli")
    second = record_coached(db, None, _report(), "webhook")
    assert second > first
    with db.session() as s:
        rows = s.scalars(select(CoachedReply).order_by(CoachedReply.id)).all()
        assert [(r.codes, r.score, r.source, r.user_id is None) for r in rows] == [
            ("D006,D001,D006", 35, "cli", False),
            ("", 60, "webhook", True),
        ]
        assert rows[0].report_json is not None and rows[0].report_json["score"] == 35
        assert rows[0].created_at.tzinfo is not None
    with pytest.raises(PlanError, match="unknown source"):
        record_coached(db, "ana", _report(), "email")


def test_findings_trend_from_coached_and_practice_replies(db: Database) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
    new_plan(db, "bob", days=21, start=date(2026, 10, 20), tz="UTC")

    def evening(day: int, hour: int = 21) -> datetime:
        return datetime(2026, 10, 19 + day, hour, 0, tzinfo=NY)

    # day 1: two condescending lines and an assumption in two replies
    record_coached(db, "ana", _report("D006", "D007"), "cli", at=evening(1))
    record_coached(db, "ana", _report("D006", "A001"), "web", at=evening(1, 22))
    # day 2: 23:30 New York is 3:30 UTC on day 3, and still counts on day 2
    record_coached(db, "ana", _report("D010", "D002"), "cli", at=evening(2).replace(hour=23, minute=30))
    # day 3: a practice session of two turns, with a debrief that repeats the findings
    result = {
        "scenario_id": "late-delivery",
        "seed": 7,
        "ending": "resolved",
        "score": 80,
        "turns": [
            {"index": 1, "report": {"findings": [{"code": "D007"}, {"code": "S001"}]}},
            {"index": 2, "report": {"findings": []}},
        ],
        "debrief": {
            "transcript": [{"findings": [{"code": "D007"}, {"code": "S001"}]}],
            "improve": [{"code": "D007"}],
        },
    }
    record_practice(db, "ana", result, started_at=evening(3))
    # days 4 and 5: clean replies
    record_coached(db, "ana", _report(), "practice", at=evening(4))
    record_coached(db, "ana", _report("T001"), "cli", at=evening(5))
    # not counted: before the plan, someone else's, anonymous
    record_coached(db, "ana", _report("D006"), "cli", at=evening(0))
    record_coached(db, "bob", _report("D006"), "cli", at=evening(2))
    record_coached(db, None, _report("D006"), "webhook", at=evening(2))

    st = status(db, "ana", at=evening(5, 23))
    assert st.day == 5
    assert [d.replies for d in st.per_day] == [2, 1, 2, 1, 1]
    assert [d.findings for d in st.per_day] == [
        {"D006": 2, "D007": 1},
        {"D002": 1, "D010": 1},
        {"D007": 1},
        {},
        {},
    ]
    by = {c.position: c for c in st.commitments}
    assert by[1].findings_per_day == (2, 1, 0, 0, 0) and by[1].findings_total == 3
    assert by[2].findings_per_day == (1, 0, 1, 0, 0)
    assert by[3].findings_per_day == (0, 1, 0, 0, 0)
    assert by[1].trend == "improving"
    assert st.per_day[0].related == {1: 2, 2: 1, 3: 0}

    with db.session() as s:
        session = s.scalars(select(PracticeSession)).one()
        assert (session.scenario_id, session.seed, session.ending, session.score) == (
            "late-delivery",
            7,
            "resolved",
            80,
        )


def test_trend_worsening_and_no_data(db: Database) -> None:
    new_plan(
        db,
        "ana",
        days=21,
        commitments=["Smile", CommitmentSpec("Next steps", ("S001",))],
        start=date(2026, 10, 20),
        tz="UTC",
    )
    st = status(db, "ana", at=datetime(2026, 10, 25, 12, tzinfo=UTC))
    assert [c.trend for c in st.commitments] == ["no data", "no data"]
    record_coached(db, "ana", _report(), "cli", at=datetime(2026, 10, 20, 12, tzinfo=UTC))
    record_coached(db, "ana", _report("S001", "S001"), "cli", at=datetime(2026, 10, 24, 12, tzinfo=UTC))
    st = status(db, "ana", at=datetime(2026, 10, 25, 12, tzinfo=UTC))
    assert [c.trend for c in st.commitments] == ["no data", "worsening"]
    assert st.commitments[0].findings_total == 0  # a custom commitment without codes tracks nothing


def test_practice_codes_shapes() -> None:
    session = {
        "turns": [
            {"report": {"findings": [{"code": "D006"}, {"code": "D006"}]}},
            {"report": {"codes": "D007,D008"}},
        ],
        "debrief": {"transcript": [{"findings": [{"code": "D006"}]}]},
    }
    assert practice_codes(session) == ["D006", "D006", "D007", "D008"]
    assert practice_codes({"findings": [{"code": "D011"}]}) == ["D011"]
    assert practice_codes({"codes": ["D009"]}) == ["D009"]
    assert practice_codes(None) == [] and practice_codes({"x": 1}) == []


def test_a_real_role_play_counts_once(db: Database) -> None:
    from practice_paths import DONTS

    from makeitlast.practice import run_scripted

    scenario = next(iter(DONTS))
    result = run_scripted(scenario, DONTS[scenario], seed=1)
    codes = [f.code for t in result.turns for f in t.report.findings]
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="UTC")
    record_practice(db, "ana", result, started_at=datetime(2026, 10, 21, 9, tzinfo=UTC))
    st = status(db, "ana", at=datetime(2026, 10, 21, 10, tzinfo=UTC))
    related = {c for codes_ in DEFAULT_CODES.values() for c in codes_}
    expected = {c: codes.count(c) for c in set(codes) if c in related}
    assert st.per_day[1].findings == dict(sorted(expected.items()))
    assert st.per_day[1].replies == len(result.turns)


def test_record_coached_with_the_real_coach(db: Database) -> None:
    import makeitlast

    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="UTC")
    report = makeitlast.check("Calm down, as I already told you.", customer="My order #4471 never arrived!")
    assert "D006" in {f.code for f in report.findings}
    record_coached(db, "ana", report, "cli", at=datetime(2026, 10, 20, 9, tzinfo=UTC))
    st = status(db, "ana", at=datetime(2026, 10, 20, 10, tzinfo=UTC))
    assert st.commitments[0].findings_total >= 1


# --- charts ---------------------------------------------------------------------------------------------------


def _sample_status(db: Database, days: int = 30) -> object:
    new_plan(db, "ana", days=days, start=date(2026, 10, 20), tz="UTC")
    for i, kept in enumerate([{1: True, 2: True, 3: False}, {1: False, 2: True, 3: True}, None, {1: True}]):
        at = datetime(2026, 10, 20 + i, 18, tzinfo=UTC)
        if kept:
            check_in(db, "ana", kept, at=at)
        record_coached(db, "ana", _report(*(["D006"] * (3 - i))), "cli", at=at)
    return status(db, "ana", at=datetime(2026, 10, 24, 8, tzinfo=UTC))


def test_plan_chart(db: Database) -> None:
    st = _sample_status(db)
    chart = plan_chart(st)  # type: ignore[arg-type]
    lines = chart.splitlines()
    assert max(len(line) for line in lines) <= 80  # a 30-day plan fits a terminal
    assert lines[0].split() == ["1", "5", "10", "15", "20", "25", "30"]
    assert lines[1].startswith("1 Manage annoyances") and lines[1].split()[-5:] == ["●", "✗", "·", "●", "○"]
    assert lines[2].split()[-5:] == ["●", "●", "·", "·", "○"]
    assert lines[3].startswith("3 Re-route your thi…") and lines[3].rstrip().endswith("✗ ● · · ○")
    assert lines[4].split() == ["kept", "2", "2", "·", "1", "·"]
    assert lines[5].split() == ["related", "findings", "3", "2", "1", "0", "·"]
    assert "● kept" in lines[-1]
    assert "\x1b[" not in chart
    coloured = plan_chart(st, color=True)  # type: ignore[arg-type]
    assert "\x1b[" in coloured and "●" in coloured


def test_plan_figure(db: Database) -> None:
    pytest.importorskip("plotly")
    st = _sample_status(db)
    fig = plan_figure(st)  # type: ignore[arg-type]
    names = [t.name for t in fig.data]
    assert len(names) == 4 and names[-1] == "related findings" and names[0].startswith("1. Manage")
    assert list(fig.data[0].y) == [1, 0, 0, 1, 0]
    assert list(fig.data[-1].y) == [3, 2, 1, 0, 0]
    assert fig.layout.barmode == "stack"
    json.loads(fig.to_json())


def test_status_json(db: Database) -> None:
    st = _sample_status(db)
    data = json.loads(json.dumps(st.to_json_dict()))  # type: ignore[attr-defined]
    assert data["day"] == 5 and data["days"] == 30 and data["timezone"] == "UTC"
    assert data["per_day"][0]["kept"] == {"1": True, "2": True, "3": False}
    assert data["commitments"][0]["codes"] == ["D006", "D010", "D011"]
    assert data["commitments"][0]["findings_per_day"] == [3, 2, 1, 0, 0]


# --- the command bodies ---------------------------------------------------------------------------------------


@pytest.fixture
def url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "cli.db")


def test_cli_new_checkin_show(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from makeitlast.cli.plan import plan_checkin, plan_new, plan_show

    assert plan_new("ana", 21, None, "Europe/London", url) == 0
    out = capsys.readouterr().out
    assert "Started a 21-day plan for ana" in out and "Europe/London" in out
    assert "1. Manage annoyances" in out and "(tracked by D006, D010, D011)" in out

    assert plan_checkin("ana", ["all"], ["2"], "a long queue", url) == 0
    out = capsys.readouterr().out
    assert "Day 1 of 21" in out and "kept 1, 3; missed 2" in out

    assert plan_checkin("ana", ["2"], [], None, url) == 0  # same day: an update
    assert "kept 1, 2, 3; missed none" in capsys.readouterr().out

    assert plan_show("ana", "text", url) == 0
    out = capsys.readouterr().out
    assert "day 1 of 21, 20 to go" in out
    assert "Today's reminder (day 1 of 21): Manage annoyances" in out
    assert "streak" in out and "● kept" in out
    assert "Related findings in your coached and practice replies" in out

    assert plan_show("ana", "json", url) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["per_day"][0]["kept"] == {"1": True, "2": True, "3": True}
    assert data["per_day"][0]["note"] == "a long queue"


def test_cli_custom_commitments_with_codes(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from makeitlast.cli.plan import plan_new, plan_show

    plan_new("bob", 30, ["Offer a concrete next step [S001, S002]", "Smile"], "UTC", url, start="2026-10-20")
    out = capsys.readouterr().out
    assert "1. Offer a concrete next step  (tracked by S001, S002)" in out and "2. Smile\n" in out
    plan_show("bob", "json", url)
    data = json.loads(capsys.readouterr().out)
    assert [c["codes"] for c in data["commitments"]] == [["S001", "S002"], []]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_new("ana", 20, None, "UTC", u),
            "21 to 30",
        ),
        (
            lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_new("ana", 31, None, "UTC", u),
            "21 to 30",
        ),
        (
            lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_new("ana", 21, None, "Mars/Base", u),
            "time zone",
        ),
        (
            lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_new("ana", 21, None, "UTC", u, "soon"),
            "--start",
        ),
        (
            lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_show("ana", "text", u),
            "plan new --user ana",
        ),
        (lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_show("ana", "xml", u), "text or json"),
        (
            lambda u: __import__("makeitlast.cli.plan").cli.plan.plan_checkin("ana", ["1"], [], None, u),
            "plan new",
        ),
    ],
    ids=["days-20", "days-31", "timezone", "start", "show-no-plan", "format", "checkin-no-plan"],
)
def test_cli_errors(url: str, call: object, message: str) -> None:
    from makeitlast.cli.errors import CliError

    with pytest.raises(CliError, match=message) as e:
        call(url)  # type: ignore[operator]
    assert e.value.code == 2


@pytest.mark.parametrize(
    ("kept", "missed", "message"),
    [
        (["4"], [], "commitments 1 to 3"),
        (["1,x"], [], "numbers like 1,3"),
        (["1"], ["1"], "both kept and missed"),
        (["all"], ["all"], "cannot both"),
        ([], [], "say what you kept"),
    ],
)
def test_cli_checkin_errors(url: str, kept: list[str], missed: list[str], message: str) -> None:
    from makeitlast.cli.errors import CliError
    from makeitlast.cli.plan import plan_checkin, plan_new

    plan_new("ana", 21, None, "UTC", url)
    with pytest.raises(CliError, match=message):
        plan_checkin("ana", kept, missed, None, url)


def test_cli_bad_database_url() -> None:
    from makeitlast.cli.errors import CliError
    from makeitlast.cli.plan import plan_show

    with pytest.raises(CliError, match="URL"):
        plan_show("ana", "text", "not a url")
