"""``makeitlast plan new | checkin | show``: the personal action plan from the command line.

The bodies only: ``cli/app.py`` declares the options and calls these inside ``guarded()``. Bad input raises
:class:`~makeitlast.cli.errors.CliError` (one line on stderr, exit status 2).
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from makeitlast.cli._store import open_database
from makeitlast.cli.errors import EXIT_OK, CliError

if TYPE_CHECKING:
    from makeitlast.practice.plan import CommitmentSpec, PlanStatus
    from makeitlast.store.db import Database

#: ``--commitment "Offer a next step [S001, S002]"``: the rule codes that track a custom commitment.
_WITH_CODES = re.compile(r"^(?P<text>.*?)\s*\[(?P<codes>[A-Za-z0-9,\s]*)\]\s*$")


def _user(user: str | None) -> str:
    if user and user.strip():
        return user.strip()
    from_env = os.environ.get("MAKEITLAST_USER", "").strip()
    if from_env:
        return from_env
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without one)
        raise CliError("say who the plan is for: --user NAME") from None


@contextmanager
def _db(url: str | None) -> Iterator[Database]:
    from makeitlast.practice.plan import PlanError

    with open_database(url, PlanError) as db:
        yield db


def _specs(commitments: list[str] | None) -> list[str | CommitmentSpec] | None:
    from makeitlast.practice.plan import CommitmentSpec

    if not commitments:
        return None
    out: list[str | CommitmentSpec] = []
    for raw in commitments:
        m = _WITH_CODES.match(raw)
        if m and m["text"].strip():
            out.append(CommitmentSpec(m["text"], tuple(c for c in re.split(r"[,\s]+", m["codes"]) if c)))
        else:
            out.append(raw)
    return out


def _color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def plan_new(
    user: str | None,
    days: int = 21,
    commitments: list[str] | None = None,
    tz: str | None = None,
    db_url: str | None = None,
    start: str | None = None,
) -> int:
    """Start a plan (closing the user's earlier one). ``commitments`` default to the notes' three; a custom one may
    end with the rule codes that track it in brackets (``"Offer a next step [S001]"``)."""
    from makeitlast.practice.plan import MAX_DAYS, MIN_DAYS, new_plan, zone
    from makeitlast.practice.plan import PlanError as _PlanError

    name = _user(user)
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise CliError(
            f"--days must be from {MIN_DAYS} to {MAX_DAYS} (the notes' 21-30 day commitment), not {days}"
        )
    if tz is not None:
        try:
            zone(tz)
        except _PlanError as e:
            raise CliError(str(e)) from None
    start_on = None
    if start is not None:
        try:
            start_on = date.fromisoformat(start.strip())
        except ValueError:
            raise CliError(f"--start must be a date like 2026-10-20, not {start!r}") from None
    with _db(db_url) as db:
        plan = new_plan(db, name, days=days, commitments=_specs(commitments), start=start_on, tz=tz)
    lines = [
        f"Started a {plan.days}-day plan for {plan.user}: {plan.started_on.isoformat()} to "
        f"{plan.ends_on.isoformat()} ({plan.timezone}).",
    ]
    if plan.replaced is not None:
        lines.append(f"The plan started on {plan.replaced.isoformat()} is closed.")
    lines.append("Your commitments:")
    for c in plan.commitments:
        tracked = f"  (tracked by {', '.join(c.codes)})" if c.codes else ""
        lines.append(f"  {c.position}. {c.text}{tracked}")
    lines.append(
        f"Check in once a day: makeitlast plan checkin --user {plan.user} --kept all (or --kept 1,3 --missed 2)"
    )
    _write("\n".join(lines))
    return EXIT_OK


def _positions(values: list[str] | None, count: int, option: str) -> tuple[set[int], bool]:
    """The positions in ``values`` (``"1,3"``, ``"2"``, ``"all"``), and whether ``all`` was among them."""
    out: set[int] = set()
    every = False
    for raw in values or []:
        for token in re.split(r"[,\s]+", raw.strip()):
            if not token:
                continue
            if token.lower() == "all":
                every = True
                continue
            if not token.isdigit():
                raise CliError(f"{option} takes commitment numbers like 1,3 or 'all', not {token!r}")
            n = int(token)
            if not 1 <= n <= count:
                raise CliError(f"{option} {n}: the plan has commitments 1 to {count} (makeitlast plan show)")
            out.add(n)
    return out, every


def plan_checkin(
    user: str | None,
    kept: list[str] | None,
    missed: list[str] | None,
    note: str | None = None,
    db_url: str | None = None,
) -> int:
    """Check in for today (in the plan's time zone): ``kept`` and ``missed`` hold commitment numbers (``1,3``) or
    ``all`` (with the other list naming the exceptions). Checking in again the same day updates it."""
    from makeitlast.practice.plan import active_plan, check_in

    name = _user(user)
    with _db(db_url) as db:
        plan = active_plan(db, name)
        count = len(plan.commitments)
        kept_set, kept_all = _positions(kept, count, "--kept")
        missed_set, missed_all = _positions(missed, count, "--missed")
        if kept_all and missed_all:
            raise CliError("--kept all and --missed all cannot both be given")
        everything = set(range(1, count + 1))
        if kept_all:
            kept_set = everything - missed_set
        if missed_all:
            missed_set = everything - kept_set
        both = kept_set & missed_set
        if both:
            raise CliError(f"commitment {min(both)} is given as both kept and missed")
        if not kept_set and not missed_set:
            raise CliError("say what you kept or missed today: --kept 1,3, --kept all, --missed 2")
        answers: dict[int | str, bool] = {p: True for p in kept_set}
        answers.update({p: False for p in missed_set})
        st = check_in(db, name, answers, note=note)
    today = st.per_day[-1]
    done = ", ".join(str(p) for p, v in today.kept.items() if v) or "none"
    lapsed = ", ".join(str(p) for p, v in today.kept.items() if v is False) or "none"
    lines = [f"Day {st.day} of {st.days} ({today.date.isoformat()}): kept {done}; missed {lapsed}."]
    for c in st.commitments:
        lines.append(f"  {c.position}. streak {c.current_streak} (best {c.best_streak})  {c.text}")
    lines.append(st.reminder)
    _write("\n".join(lines))
    return EXIT_OK


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def render_status(st: PlanStatus, *, color: bool = False) -> str:
    """The text of ``makeitlast plan show``: header, reminder, streaks, the chart and the findings trend."""
    from makeitlast.practice.plan import plan_chart

    state = {
        "active": f"day {st.day} of {st.days}, {st.days_left} to go",
        "upcoming": f"starts {st.started_on.isoformat()} ({1 - st.day} days from now)",
        "finished": f"finished on {st.ends_on.isoformat()}",
    }[st.state]
    lines = [
        f"Plan for {st.user}: {st.started_on.isoformat()} to {st.ends_on.isoformat()} ({st.timezone}), {state}.",
        st.reminder,
        f"Check-ins: {_pct(st.checkin_rate)} of the days so far.",
        "",
    ]
    width = max(len(c.text) for c in st.commitments)
    width = min(width, 44)
    lines.append(f"  #  {'commitment':<{width}}  today  streak  best  kept   findings  trend")
    for c in st.commitments:
        today = {True: "kept", False: "missed", None: "-"}[c.kept_today]
        text = c.text if len(c.text) <= width else c.text[: width - 1] + "…"
        findings = str(c.findings_total) if c.codes else "-"
        lines.append(
            f"  {c.position}  {text:<{width}}  {today:<6} {c.current_streak:>6}  {c.best_streak:>4}  "
            f"{_pct(c.kept_rate):>4}   {findings:>8}  {c.trend}"
        )
    lines.append("")
    lines.append(plan_chart(st, color=color).rstrip("\n"))
    tracked = [c for c in st.commitments if c.codes]
    if tracked:
        lines.append("")
        lines.append("Related findings in your coached and practice replies:")
        replies = sum(d.replies for d in st.per_day)
        for c in tracked:
            lines.append(
                f"  {c.position}. {', '.join(c.codes)}: {c.findings_total} in {replies} replies, {c.trend}"
                + (
                    f" (per day: {' '.join(str(n) for n in c.findings_per_day)})"
                    if c.findings_per_day
                    else ""
                )
            )
    return "\n".join(lines) + "\n"


def plan_show(user: str | None, format: str = "text", db_url: str | None = None) -> int:
    """Show the active plan: ``text`` (status, streaks, today's reminder, the chart, the findings trend) or
    ``json`` (:meth:`PlanStatus.to_json_dict`)."""
    from makeitlast.practice.plan import status

    if format not in ("text", "json"):
        raise CliError(f"--format must be text or json, not {format!r}")
    name = _user(user)
    with _db(db_url) as db:
        st = status(db, name)
    if format == "json":
        _write(json.dumps(st.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        _write(render_status(st, color=_color()))
    return EXIT_OK
