"""Due times: the words of a reply that say *when* ("tomorrow", "within 3-5 business days", "by 5pm") and the
moment they mean.

:func:`find_due` locates due expressions in a text; :func:`resolve` turns one into a deadline, reckoned from the
moment the reply was sent (``at``). Both read the same table of forms (:data:`FORMS`): each form is a pattern
(the :class:`~makeitlast.engine.detectors.Phrases` syntax, with named groups that :func:`resolve` reads) and the
small function that computes its deadline.

How each form is reckoned (every deadline is the *latest* moment the words allow; "end of a day" is 23:59:59):

* **today, tonight, later today, this afternoon / evening, end of (the) day, EOD, close of business**: the end
  of ``at``'s day.
* **tomorrow** (also "tomorrow morning/evening"): the end of the next day.
* **in / within / over the next / up to / allow N minutes or hours**: exactly that long after ``at`` (elapsed
  time, so an hour gained or lost at a daylight-saving change counts as the hour it is); "within the hour" is one
  hour.
* **in / within N days or weeks**: the end of the day N days (7N days) after ``at``'s day.
* **N business (working) days**: the end of the N-th day after ``at``'s day that is not a Saturday or a Sunday
  (public holidays are not known). "The next business day" is one business day.
* **ranges** ("3-5 business days", "24 to 48 hours", "2 or 3 days"): the upper bound, since that is what was
  promised. A range, or a number of business days, counts without a "within" before it; a bare "24 hours" does
  not ("open 24 hours" is no deadline).
* **by Monday .. Sunday** (or "on Friday", a bare "Friday"): the end of the next such day; said on that day
  ("by Friday" on a Friday), the end of that same day. **next Friday** is the Friday of next week.
* **the end of the week, this week, later this week, EOW**: the end of Friday, the end of the working week; said
  on a Saturday or a Sunday, the end of that Sunday (the week has no Friday left).
* **next week**, "by the end of next week": the end of next week's Friday.
* **by <date>** ("by 5 Nov", "by November 5th", "on Nov. 5, 2026", "by 11/05"): the end of that day, in ``at``'s
  year, or the next year when the date has already passed. Numeric dates are read **month/day**, the US order
  (TWCS brands answer mostly in US English): "by 11/05" is the 5th of November.
* **by / before / at 5pm** ("5:30 pm", "17:00", "noon", "midnight"): that time on ``at``'s day, or on the next day
  when it has already passed; with a day ("tomorrow by 5pm", "by noon on Friday") that time on that day. A time
  without am/pm is read on the 24-hour clock ("by 5:30" is 05:30).
* **shortly, soon, ASAP, as soon as possible, right away, immediately**: :data:`DEFAULT_SOON` (24 hours) after
  ``at``. Set ``makeitlast.conversation._due.DEFAULT_SOON`` to another :class:`~datetime.timedelta` to change it.
  "As soon as we hear back" is a condition, not a time, and is not a due expression.

Timezone: everything is reckoned in ``at``'s timezone (days end at midnight there, Friday is Friday there) and the
result is an aware datetime in that zone; a naive ``at`` is taken as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache

from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.model import Span

#: The deadline of a vague "shortly" / "soon" / "ASAP": this long after the promise was made.
DEFAULT_SOON = timedelta(hours=24)

#: The last day of "the week" (0 is Monday): Friday, the end of the working week.
END_OF_WEEK = 4

_END_OF_DAY = time(23, 59, 59)

# --- building blocks of the patterns ------------------------------------------------------------------------

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-eight": 48,
    "seventy-two": 72,
    "twenty-four": 24,
    "few": 3,
    "a few": 3,
    "couple": 2,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
    "several": 3,
}
_NUM = (
    r"(\d{1,3}|a couple of|a couple|couple of|a few|few|several|forty-eight|seventy-two|twenty-four|an?|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty)"
)
_UNIT = (
    r"(business days?|working days?|biz days?|bus\.? days?|weekdays?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|"
    r"wks?)"
)
_AMOUNT = rf"(?P<low>{_NUM})(( ?(-|–|—|to|or) ?)(?P<high>{_NUM}))? ?(?P<unit>{_UNIT})"
_WITHIN = (
    r"(within|in|in the next|within the next|over the next|during the next|in the coming|over the coming|"
    r"up to|allow|allow up to|no more than|no later than|not more than|less than|under|inside of|inside)"
)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|"
    r"mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(st|nd|rd|th)?"
_YEAR = r"(?P<year>(19|20)?\d\d)"
_BY = r"(by|on|before|until|till|no later than|not later than)"
_CLOCK = (
    r"(?P<clock>(?P<hour>[01]?\d|2[0-3])((:|\.)(?P<minute>[0-5]\d))? ?(?P<ampm>am|pm|a\.m\.?|p\.m\.?)"
    r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)|(?P<noon>noon|midday|midnight))"
)
_TIME_PREP = r"(by|before|at|until|till|no later than|not later than)"
_SOON = (
    r"(shortly|asap|a\.s\.a\.p|as soon as possible|as soon as we can|as soon as i can|right away|straight away|"
    r"straightaway|immediately|very soon|soon(?! as\b)|in a bit|in a little while|in a while|in a moment|"
    r"momentarily|in no time|promptly)"
)

Handler = Callable[[re.Match[str], datetime], datetime | None]


# --- arithmetic ---------------------------------------------------------------------------------------------


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _tz(at: datetime) -> tzinfo:
    assert at.tzinfo is not None
    return at.tzinfo


def end_of(day: date, tz: tzinfo) -> datetime:
    """The last second of ``day`` in ``tz``."""
    return datetime.combine(day, _END_OF_DAY, tzinfo=tz)


def add_business_days(day: date, n: int) -> date:
    """The ``n``-th day after ``day`` that is neither a Saturday nor a Sunday (``n`` >= 0)."""
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _elapsed(at: datetime, delta: timedelta) -> datetime:
    """``at`` plus ``delta`` of real (elapsed) time, in ``at``'s zone: right across a daylight-saving change."""
    return (at.astimezone(UTC) + delta).astimezone(_tz(at))


def _number(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _next_weekday(day: date, weekday: int, *, same_day: bool = True) -> date:
    """The next ``weekday`` on or after ``day`` (strictly after when not ``same_day``)."""
    ahead = (weekday - day.weekday()) % 7
    if ahead == 0 and not same_day:
        ahead = 7
    return day + timedelta(days=ahead)


def _week_end(day: date) -> date:
    """The end of the week ``day`` is in: its Friday, or its Sunday once Friday is past."""
    if day.weekday() <= END_OF_WEEK:
        return day + timedelta(days=END_OF_WEEK - day.weekday())
    return day + timedelta(days=6 - day.weekday())


def _next_week_start(day: date) -> date:
    return day + timedelta(days=7 - day.weekday())


# --- handlers -----------------------------------------------------------------------------------------------


def _amount(m: re.Match[str], at: datetime) -> datetime | None:
    n = _number(m.groupdict().get("high") or m.group("low"))
    unit = m.group("unit")
    if unit.startswith(("business", "working", "biz", "bus", "weekday")):
        return end_of(add_business_days(at.date(), n), _tz(at))
    if unit.startswith("min"):
        return _elapsed(at, timedelta(minutes=n))
    if unit.startswith("h"):
        return _elapsed(at, timedelta(hours=n))
    if unit.startswith("w"):
        return end_of(at.date() + timedelta(weeks=n), _tz(at))
    return end_of(at.date() + timedelta(days=n), _tz(at))


def _hour(_m: re.Match[str], at: datetime) -> datetime:
    return _elapsed(at, timedelta(hours=1))


def _next_business_day(_m: re.Match[str], at: datetime) -> datetime:
    return end_of(add_business_days(at.date(), 1), _tz(at))


def _today(_m: re.Match[str], at: datetime) -> datetime:
    return end_of(at.date(), _tz(at))


def _tomorrow(_m: re.Match[str], at: datetime) -> datetime:
    return end_of(at.date() + timedelta(days=1), _tz(at))


def _weekday(m: re.Match[str], at: datetime) -> datetime:
    weekday = _WEEKDAYS.index(m.group("weekday"))
    if m.group("next"):
        day = _next_week_start(at.date()) + timedelta(days=weekday)
    else:
        day = _next_weekday(at.date(), weekday)
    return end_of(day, _tz(at))


def _this_week(_m: re.Match[str], at: datetime) -> datetime:
    return end_of(_week_end(at.date()), _tz(at))


def _next_week(_m: re.Match[str], at: datetime) -> datetime:
    return end_of(_next_week_start(at.date()) + timedelta(days=END_OF_WEEK), _tz(at))


def _month_number(word: str) -> int:
    return _MONTHS[word[:3]]


def _dated(month: int, day: int, year: str | None, at: datetime) -> datetime | None:
    if year is not None:
        y = int(year)
        y = y + 2000 if y < 100 else y
        try:
            return end_of(date(y, month, day), _tz(at))
        except ValueError:
            return None
    try:
        found = date(at.year, month, day)
        if found < at.date():
            found = date(at.year + 1, month, day)
    except ValueError:  # 31 Nov, 29 Feb in a common year
        return None
    return end_of(found, _tz(at))


def _named_date(m: re.Match[str], at: datetime) -> datetime | None:
    return _dated(_month_number(m.group("month")), int(m.group("day")), m.group("year"), at)


def _numeric_date(m: re.Match[str], at: datetime) -> datetime | None:
    return _dated(int(m.group("num_month")), int(m.group("day")), m.group("year"), at)


def _clock_time(m: re.Match[str]) -> time | None:
    if m.group("noon"):
        return time(12) if m.group("noon") in ("noon", "midday") else _END_OF_DAY
    if m.group("hour24") is not None:
        return time(int(m.group("hour24")), int(m.group("minute24")))
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or 0)
    if hour > 12 or hour == 0:
        return None
    pm = m.group("ampm").startswith("p")
    return time(hour % 12 + (12 if pm else 0), minute)


def _clock_today(m: re.Match[str], at: datetime) -> datetime | None:
    t = _clock_time(m)
    if t is None:
        return None
    found = datetime.combine(at.date(), t, tzinfo=_tz(at))
    if found <= at:
        found = datetime.combine(at.date() + timedelta(days=1), t, tzinfo=_tz(at))
    return found


def _clock_on_day(m: re.Match[str], at: datetime) -> datetime | None:
    t = _clock_time(m)
    if t is None:
        return None
    when = m.group("when")
    if when == "tomorrow":
        day = at.date() + timedelta(days=1)
    elif when == "today" or when == "tonight":
        day = at.date()
    else:
        day = _next_weekday(at.date(), _WEEKDAYS.index(m.group("weekday")))
    return datetime.combine(day, t, tzinfo=_tz(at))


def _soon(_m: re.Match[str], at: datetime) -> datetime:
    return _elapsed(at, DEFAULT_SOON)


# --- the forms ----------------------------------------------------------------------------------------------

_DAY_WORD = rf"(?P<when>today|tonight|tomorrow|(on )?{_WEEKDAY})"

#: Every due expression: (pattern, handler). Earlier forms win where two start at the same word (the longer
#: "tomorrow by 5pm" before "tomorrow").
FORMS: tuple[tuple[str, Handler], ...] = (
    # a time on a named day: "tomorrow by 5pm", "by noon on Friday", "Friday at 3pm"
    (rf"(by |first thing )?{_DAY_WORD},? {_TIME_PREP} {_CLOCK}", _clock_on_day),
    (rf"{_TIME_PREP} {_CLOCK},? (on )?{_DAY_WORD}", _clock_on_day),
    # durations
    (r"(within|in|during|inside|inside of|in the next|within the next) (the|an|one) hour", _hour),
    (rf"{_WITHIN} (the )?(next )?{_AMOUNT}", _amount),
    (rf"{_AMOUNT} (from now|or less|or so|max|maximum|at most|at the most|tops)", _amount),
    (rf"(?P<low>{_NUM}) ?(-|–|—|to|or) ?(?P<high>{_NUM}) ?(?P<unit>{_UNIT})", _amount),
    (rf"(?P<low>{_NUM}) (?P<unit>(business|working|biz) days?)", _amount),
    (r"(by |on |within |in )?(the )?(next|following) (business|working) day", _next_business_day),
    # named days
    (
        r"(by |before |until |till )?(the )?(end|close) of (the |this )?(business |working )?day"
        r"( today| tomorrow)?|eod|cob|close of business|by the end of today|later today|today|tonight|"
        r"this (afternoon|evening)|(by )?end of play",
        _today,
    ),
    (r"(by |before |until )?(first thing )?tomorrow( morning| afternoon| evening| night)?", _tomorrow),
    (
        r"(by |before |until |till )?(the )?(end of )?next week",
        _next_week,
    ),
    (
        r"(by |before |until |till )?(the )?(end|close) of (the |this )?(working |business )?week|"
        r"(later |sometime |some time )?this week|eow",
        _this_week,
    ),
    (rf"(by |on |before |until |till |this |coming |this coming )?(?P<next>next )?{_WEEKDAY}", _weekday),
    # dates
    (rf"{_BY} (the )?{_DAY} (of )?{_MONTH},? ?({_YEAR})?", _named_date),
    (rf"{_BY} {_MONTH} (the )?{_DAY}(,? {_YEAR})?", _named_date),
    (rf"{_BY} (?P<num_month>[01]?\d)/(?P<day>[0-3]?\d)(/{_YEAR})?", _numeric_date),
    # a time of day
    (rf"{_TIME_PREP} {_CLOCK}", _clock_today),
    # vague
    (_SOON, _soon),
)


def _plain(pattern: str) -> str:
    """The pattern without its group names (several patterns share one expression in :class:`Phrases`)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


#: Where due expressions stand in a text.
DUE = Phrases.of([_plain(p) for p, _h in FORMS], negation=None)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    return tuple((re.compile(p), h) for p, h in FORMS)


_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'").strip().lower()).strip(" .,;:!?")


def find_due(text: str | TextView) -> list[Span]:
    """The due expressions of ``text``, in order ("tomorrow", "within 3-5 business days", "by 5pm")."""
    view = text if isinstance(text, TextView) else TextView(text)
    return DUE.find(view)


def resolve(due_text: str, at: datetime) -> datetime | None:
    """The deadline ``due_text`` states, counted from ``at`` (see the module docstring), or None when the words
    are not a due expression (or name an impossible date)."""
    at = _aware(at)
    text = _normal(due_text)
    if not text:
        return None
    forms = _compiled()
    for regex, handler in forms:
        m = regex.fullmatch(text)
        if m:
            return handler(m, at)
    for regex, handler in forms:  # the expression inside longer words ("call you tomorrow")
        m = regex.search(text)
        if m and (m.start() == 0 or not text[m.start() - 1].isalnum()):
            end = m.end()
            if end == len(text) or not text[end].isalnum():
                return handler(m, at)
    return None
