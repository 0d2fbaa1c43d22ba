"""Due times: the words that say when, and the deadline they mean (``makeitlast.conversation._due``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from makeitlast.conversation import _due
from makeitlast.conversation._due import add_business_days, find_due, resolve

NY = ZoneInfo("America/New_York")

# Wednesday 28 October 2026, 15:00 UTC.
WED = datetime(2026, 10, 28, 15, 0, tzinfo=UTC)
# Friday 30 October 2026, 10:00 UTC.
FRI = datetime(2026, 10, 30, 10, 0, tzinfo=UTC)


def eod(y: int, m: int, d: int, tz: timezone | ZoneInfo = UTC) -> datetime:
    return datetime(y, m, d, 23, 59, 59, tzinfo=tz)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("today", eod(2026, 10, 28)),
        ("tonight", eod(2026, 10, 28)),
        ("by the end of the day", eod(2026, 10, 28)),
        ("end of day", eod(2026, 10, 28)),
        ("EOD", eod(2026, 10, 28)),
        ("later today", eod(2026, 10, 28)),
        ("tomorrow", eod(2026, 10, 29)),
        ("by tomorrow", eod(2026, 10, 29)),
        ("tomorrow morning", eod(2026, 10, 29)),
        ("in 20 minutes", WED + timedelta(minutes=20)),
        ("in 2 hours", WED + timedelta(hours=2)),
        ("within 24 hours", WED + timedelta(hours=24)),
        ("within 48hrs", WED + timedelta(hours=48)),
        ("in the next 24 hours", WED + timedelta(hours=24)),
        ("within the hour", WED + timedelta(hours=1)),
        ("within an hour", WED + timedelta(hours=1)),
        ("in a few minutes", WED + timedelta(minutes=3)),
        ("in 3 days", eod(2026, 10, 31)),
        ("within a week", eod(2026, 11, 4)),
        ("in two weeks", eod(2026, 11, 11)),
        ("by Friday", eod(2026, 10, 30)),
        ("by Monday", eod(2026, 11, 2)),
        ("on Thursday", eod(2026, 10, 29)),
        ("Wednesday", eod(2026, 10, 28)),
        ("next Friday", eod(2026, 11, 6)),
        ("by the end of the week", eod(2026, 10, 30)),
        ("this week", eod(2026, 10, 30)),
        ("next week", eod(2026, 11, 6)),
        ("by the end of next week", eod(2026, 11, 6)),
        ("by 5 Nov", eod(2026, 11, 5)),
        ("by November 5th", eod(2026, 11, 5)),
        ("on Nov. 5, 2026", eod(2026, 11, 5)),
        ("by the 5th of November", eod(2026, 11, 5)),
        ("by 11/05", eod(2026, 11, 5)),
        ("by 11/05/2026", eod(2026, 11, 5)),
        ("by 5pm", datetime(2026, 10, 28, 17, 0, tzinfo=UTC)),
        ("by 5:30 p.m.", datetime(2026, 10, 28, 17, 30, tzinfo=UTC)),
        ("before 17:00", datetime(2026, 10, 28, 17, 0, tzinfo=UTC)),
        ("by noon", datetime(2026, 10, 29, 12, 0, tzinfo=UTC)),
        ("tomorrow by 5pm", datetime(2026, 10, 29, 17, 0, tzinfo=UTC)),
        ("by noon on Friday", datetime(2026, 10, 30, 12, 0, tzinfo=UTC)),
        ("shortly", WED + timedelta(hours=24)),
        ("soon", WED + timedelta(hours=24)),
        ("ASAP", WED + timedelta(hours=24)),
        ("as soon as possible", WED + timedelta(hours=24)),
    ],
)
def test_resolve(words: str, expected: datetime) -> None:
    assert resolve(words, WED) == expected


def test_business_days_skip_the_weekend() -> None:
    # Friday + 1 business day is Monday; + 5 is the next Friday.
    assert resolve("within 1 business day", FRI) == eod(2026, 11, 2)
    assert resolve("within 5 business days", FRI) == eod(2026, 11, 6)
    assert resolve("in 2 working days", FRI) == eod(2026, 11, 3)
    assert resolve("the next business day", FRI) == eod(2026, 11, 2)
    # Said on a Saturday, the first business day is Monday.
    saturday = datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
    assert resolve("within 1 business day", saturday) == eod(2026, 11, 2)
    # Wednesday + 3 business days crosses no weekend; + 4 does.
    assert resolve("3 business days", WED) == eod(2026, 11, 2)
    assert add_business_days(WED.date(), 4) == datetime(2026, 11, 3).date()
    assert add_business_days(WED.date(), 0) == WED.date()


def test_ranges_take_the_upper_bound() -> None:
    assert resolve("3-5 business days", FRI) == eod(2026, 11, 6)
    assert resolve("within 3 - 5 business days", FRI) == eod(2026, 11, 6)
    assert resolve("24-48 hours", WED) == WED + timedelta(hours=48)
    assert resolve("24 to 72 hours", WED) == WED + timedelta(hours=72)
    assert resolve("allow 24 to 72 hours", WED) == WED + timedelta(hours=72)
    assert resolve("6 to 10 business days", WED) == eod(2026, 11, 11)
    assert resolve("2 or 3 days", WED) == eod(2026, 10, 31)


def test_by_friday_said_on_friday_is_that_day() -> None:
    assert resolve("by Friday", FRI) == eod(2026, 10, 30)
    assert resolve("Friday", FRI) == eod(2026, 10, 30)
    assert resolve("next Friday", FRI) == eod(2026, 11, 6)


def test_end_of_week_on_a_weekend_is_sunday() -> None:
    saturday = datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
    assert resolve("by the end of the week", saturday) == eod(2026, 11, 1)
    assert resolve("next week", saturday) == eod(2026, 11, 6)


def test_by_5pm_after_5pm_is_the_next_day() -> None:
    evening = datetime(2026, 10, 28, 18, 30, tzinfo=UTC)
    assert resolve("by 5pm", evening) == datetime(2026, 10, 29, 17, 0, tzinfo=UTC)
    assert resolve("by 5pm", datetime(2026, 10, 28, 17, 0, tzinfo=UTC)) == datetime(
        2026, 10, 29, 17, 0, tzinfo=UTC
    )


def test_a_date_already_past_is_next_year() -> None:
    assert resolve("by 5 Jan", WED) == eod(2027, 1, 5)
    assert resolve("by 10/28", WED) == eod(2026, 10, 28)


def test_impossible_or_unknown_words() -> None:
    assert resolve("by 11/31", WED) is None
    assert resolve("by 13/01", WED) is None
    assert resolve("as soon as we hear back", WED) is None
    assert resolve("whenever", WED) is None
    assert resolve("", WED) is None


def test_timezone_other_than_utc() -> None:
    at = datetime(2026, 10, 28, 21, 0, tzinfo=NY)  # 01:00 UTC on the 29th
    assert resolve("today", at) == eod(2026, 10, 28, NY)
    assert resolve("tomorrow", at) == eod(2026, 10, 29, NY)
    assert resolve("by 5pm", at) == datetime(2026, 10, 29, 17, 0, tzinfo=NY)
    assert resolve("by Wednesday", at) == eod(2026, 10, 28, NY)  # still Wednesday in New York
    fixed = timezone(timedelta(hours=5, minutes=30))
    assert resolve("tonight", datetime(2026, 10, 28, 22, 0, tzinfo=fixed)) == eod(2026, 10, 28, fixed)


def test_daylight_saving_change_in_new_york() -> None:
    # Clocks go back from 02:00 EDT to 01:00 EST on Sunday 1 November 2026.
    at = datetime(2026, 10, 31, 23, 30, tzinfo=NY)  # EDT, 03:30 UTC on the 1st
    in_three = resolve("in 3 hours", at)
    assert in_three is not None
    # elapsed time: the repeated hour is counted once (a same-zone subtraction would compare wall clocks)
    assert in_three.astimezone(UTC) - at.astimezone(UTC) == timedelta(hours=3)
    assert in_three.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert (in_three.hour, in_three.minute, in_three.utcoffset()) == (1, 30, timedelta(hours=-5))
    noon = datetime(2026, 10, 31, 12, 0, tzinfo=NY)
    within = resolve("within 24 hours", noon)
    assert within is not None and within.astimezone(UTC) == datetime(2026, 11, 1, 16, 0, tzinfo=UTC)
    assert within.hour == 11  # 24 real hours later the wall clock shows an hour less
    tomorrow = resolve("tomorrow", at)
    assert tomorrow == eod(2026, 11, 1, NY)
    assert tomorrow is not None and tomorrow.utcoffset() == timedelta(hours=-5)


def test_naive_at_is_utc() -> None:
    assert resolve("tomorrow", datetime(2026, 10, 28, 15, 0)) == eod(2026, 10, 29)


def test_soon_default_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_due, "DEFAULT_SOON", timedelta(hours=4))
    assert resolve("shortly", WED) == WED + timedelta(hours=4)


def test_find_due_locates_the_words() -> None:
    text = (
        "We'll call you tomorrow by 5pm, and your refund will be processed within 3-5 business days. "
        "As soon as we hear back we'll let you know. We're open 24/7."
    )
    assert [s.text for s in find_due(text)] == ["tomorrow by 5pm", "within 3-5 business days"]
    assert [s.text for s in find_due("A member of our team will be in touch shortly.")] == ["shortly"]
    spans = find_due("Please allow 24 to 72 hours for the miles to be redeposited.")
    assert [s.text for s in spans] == ["allow 24 to 72 hours"]
    assert spans[0].start == 7
    assert find_due("Thanks for flying with us!") == []
