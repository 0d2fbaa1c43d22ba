"""A trainee's stored practice sessions and their progress (``makeitlast.practice.history``), on real role-plays.

The tests taking ``db`` run on a SQLite file and, when ``MAKEITLAST_TEST_PG_URL`` is set
(``postgresql+psycopg://postgres@/makeitlast_test?host=/tmp/mil-pg&port=55432``), on PostgreSQL too, each in a
schema of its own that is dropped afterwards.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from practice_paths import DONTS, GOOD
from sqlalchemy import func, select

from makeitlast.practice import Progress, progress, run_scripted, save_session
from makeitlast.practice.history import ENDINGS, load_session, progress_figure
from makeitlast.practice.plan import new_plan, status
from makeitlast.practice.run import SessionResult
from makeitlast.store import CoachedReply, Database, PracticeSession

T0 = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)


def _bad(scenario: str = "late-delivery") -> SessionResult:
    return run_scripted(scenario, DONTS[scenario])


def _good(scenario: str = "late-delivery") -> SessionResult:
    return run_scripted(scenario, GOOD[scenario])


def _codes(result: SessionResult) -> list[str]:
    return [f.code for t in result.turns for f in t.report.findings]


# --- the sessions ---------------------------------------------------------------------------------------------


def test_sessions_come_back_oldest_first_with_their_summary(db: Database) -> None:
    bad, good = _bad(), _good("airline-lost-bag")
    # stored out of order: the second one played earlier
    second = save_session(db, "ana", good, started_at=T0 + timedelta(days=1))
    first = save_session(db, "ana", bad, started_at=T0)
    p = progress(db, "ana")
    assert isinstance(p, Progress) and p.user == "ana"
    assert [s.id for s in p.sessions] == [first, second]
    one, two = p.sessions
    assert (one.scenario_id, one.ending, one.score) == ("late-delivery", bad.ending, bad.score)
    assert one.ending in ("walked_away", "escalated") and one.score is not None and one.score < 30
    assert (two.scenario_id, two.ending, two.score) == ("airline-lost-bag", "resolved", good.score)
    assert one.title == "The birthday present that's stuck in transit"
    assert one.started_at == T0 and one.seed == 0
    assert one.replies == len(bad.turns) and two.replies == len(good.turns)
    # the debrief's top three to improve, most important first
    assert one.top_codes == tuple(i.code for i in bad.debrief.improve)[:3]
    assert "D001" in one.top_codes
    # the don'ts found in the replies, counted
    assert one.donts == {c: _codes(bad).count(c) for c in sorted(set(_codes(bad))) if c.startswith("D")}
    assert one.donts["D001"] >= 1 and one.donts["D006"] >= 1
    assert two.donts == {}


def test_progress_over_sessions_score_endings_and_rarer_donts(db: Database) -> None:
    results = [_bad(), _bad("bank-double-charge"), _good(), _good("bank-double-charge")]
    for i, r in enumerate(results):
        save_session(db, "ana", r, started_at=T0 + timedelta(hours=i))
    p = progress(db, "ana")
    assert p.scores == tuple(r.score for r in results)
    assert p.score_trend == "improving"
    assert p.earlier_mean == pytest.approx((results[0].score + results[1].score) / 2)
    assert p.later_mean == pytest.approx((results[2].score + results[3].score) / 2)
    assert p.best_score == max(r.score for r in results)
    assert p.mean_score == pytest.approx(sum(r.score for r in results) / 4)
    assert p.last_score == results[-1].score
    assert set(p.endings) == set(ENDINGS) and sum(p.endings.values()) == 4
    assert p.endings["resolved"] == 2
    assert p.endings["walked_away"] + p.endings["escalated"] == 2
    # every don't of the two bad sessions is gone from the two good ones
    bad_donts = {c for r in results[:2] for c in _codes(r) if c.startswith("D")}
    assert set(p.rarer) == bad_donts and {"D001", "D003", "D006"} <= set(p.rarer)
    assert p.more_often == ()
    d001 = next(d for d in p.donts if d.code == "D001")
    assert d001.name == "policy-wall" and d001.later == 0 and d001.later_rate == 0
    replies = len(results[0].turns) + len(results[1].turns)
    assert d001.earlier_rate == pytest.approx(d001.earlier / replies)


def test_getting_worse_shows_too(db: Database) -> None:
    for i, r in enumerate([_good(), _bad()]):
        save_session(db, "bob", r, started_at=T0 + timedelta(days=i))
    p = progress(db, "bob")
    assert p.score_trend == "worsening"
    assert "D001" in p.more_often and p.rarer == ()


def test_the_same_score_twice_is_steady(db: Database) -> None:
    good = _good()
    save_session(db, "cy", good, started_at=T0)
    save_session(db, "cy", good, started_at=T0 + timedelta(days=1))
    assert progress(db, "cy").score_trend == "steady"


def test_one_session_is_no_trend_yet(db: Database) -> None:
    bad = _bad()
    save_session(db, "ana", bad, started_at=T0)
    p = progress(db, "ana")
    assert p.score_trend == "no data" and p.earlier_mean is None and p.later_mean is None
    assert all(d.change == "same" and d.earlier_rate is None and d.later_rate is not None for d in p.donts)


def test_an_unfinished_session_counts_as_unfinished(db: Database) -> None:
    half = run_scripted("airline-lost-bag", GOOD["airline-lost-bag"][:1])
    assert half.ending is None
    save_session(db, "ana", half, started_at=T0)
    assert progress(db, "ana").endings == {"resolved": 0, "escalated": 0, "walked_away": 0, "unfinished": 1}


def test_trainees_are_kept_apart_and_filters(db: Database) -> None:
    save_session(db, "ana", _bad(), started_at=T0)
    save_session(db, "ana", _good("airline-lost-bag"), started_at=T0 + timedelta(days=2))
    save_session(db, "bob", _good(), started_at=T0 + timedelta(days=1))
    assert [s.scenario_id for s in progress(db, "ana").sessions] == ["late-delivery", "airline-lost-bag"]
    assert [s.scenario_id for s in progress(db, "bob").sessions] == ["late-delivery"]
    assert [s.scenario_id for s in progress(db, "ana", scenario="airline-lost-bag").sessions] == [
        "airline-lost-bag"
    ]
    assert [s.scenario_id for s in progress(db, "ana", since=T0 + timedelta(days=1)).sessions] == [
        "airline-lost-bag"
    ]
    assert [s.scenario_id for s in progress(db, "  ana ").sessions] == ["late-delivery", "airline-lost-bag"]


def test_nobody_has_an_empty_progress(db: Database) -> None:
    p = progress(db, "nobody")
    assert p.sessions == () and p.scores == () and p.score_trend == "no data"
    assert p.mean_score is None and p.best_score is None and p.last_score is None
    assert p.endings == dict.fromkeys(ENDINGS, 0) and p.donts == ()
    assert p.to_json_dict()["sessions"] == []


def test_json_and_the_stored_session(db: Database) -> None:
    bad = _bad()
    record = save_session(db, "ana", bad, started_at=T0)
    data = progress(db, "ana").to_json_dict()
    assert data["user"] == "ana" and data["sessions"][0]["id"] == record
    assert data["sessions"][0]["started_at"] == "2026-10-20T09:00:00+00:00"
    assert data["endings"][bad.ending or "unfinished"] == 1
    assert {d["code"] for d in data["donts"]} >= {"D001", "D006"}
    stored = load_session(db, record)
    assert stored is not None and stored.user == "ana" and stored.started_at == T0
    assert stored.result == bad.to_json_dict()  # the whole result, read back
    assert SessionResult.model_validate(stored.result).score == bad.score
    assert load_session(db, record + 1000) is None


def test_a_session_counts_once_in_the_plan_trend(db: Database) -> None:
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="UTC")
    bad = _bad()
    save_session(db, "ana", bad, started_at=T0)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PracticeSession)) == 1
        assert s.scalar(select(func.count()).select_from(CoachedReply)) == 0  # not also as coached replies
    st = status(db, "ana", at=datetime(2026, 10, 20, 18, 0))
    day = st.per_day[0]
    assert day.replies == len(bad.turns)
    tracked = {"D006", "D010", "D011", "D007", "D008", "D009", "D002"}
    expected = {c: _codes(bad).count(c) for c in set(_codes(bad)) & tracked}
    assert day.findings == dict(sorted(expected.items()))


def test_progress_figure(db: Database) -> None:
    for i, r in enumerate([_bad(), _good()]):
        save_session(db, "ana", r, started_at=T0 + timedelta(days=i))
    fig = progress_figure(progress(db, "ana"))
    bars, line = fig.data
    assert line.name == "session score" and list(line.y) == [s.score for s in progress(db, "ana").sessions]
    assert bars.name == "don'ts per reply" and bars.y[0] > 0 and bars.y[1] == 0
    assert "ana: 2 practice sessions" in fig.layout.title.text
