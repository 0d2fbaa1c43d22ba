"""The database layer: a fresh SQLite file is created and migrated, opening is idempotent, aware datetimes round-trip,
the constraints hold, the models agree with the migrations, and ``versions/`` stays one line of history.

Every test taking ``db_url`` runs on a SQLite file and, when ``MAKEITLAST_TEST_PG_URL`` is set
(``postgresql+psycopg://postgres@/makeitlast_test?host=/tmp&port=55432``), on PostgreSQL too, each test in a
schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import IntegrityError

from makeitlast.store import (
    CheckIn,
    CoachedReply,
    Commitment,
    Database,
    DatabaseError,
    Plan,
    PracticeSession,
    User,
    default_url,
    open_db,
)
from makeitlast.store.db import (
    URL_ENV,
    alembic_config,
    current_revision,
    head_revision,
    safe_url,
    sqlite_url,
    upgrade,
)

TABLES = {
    "users",
    "plans",
    "commitments",
    "checkins",
    "practice_sessions",
    "coached_replies",
    "api_tokens",
    "web_sessions",
}


def _tables(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names())


# --- creation and migration -----------------------------------------------------------------------------------


def test_fresh_sqlite_file_is_created_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "not" / "there" / "yet" / "makeitlast.db"
    database = open_db(sqlite_url(path))
    try:
        assert path.is_file()
        assert current_revision(database.engine) == head_revision() == "0002"
        assert _tables(database) == TABLES | {"alembic_version"}
    finally:
        database.close()


def test_opening_twice_is_idempotent(db_url: str) -> None:
    first = open_db(db_url)
    with first.session() as s:
        s.add(User(name="ana", role="lead"))
    tables = _tables(first)
    first.close()

    second = open_db(db_url)
    try:
        assert current_revision(second.engine) == head_revision()
        assert _tables(second) == tables
        with second.session() as s:
            assert s.scalars(select(User.name)).all() == ["ana"]
        with second.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    finally:
        second.close()
    open_db(db_url).close()  # and a third time


def test_concurrent_first_opens_migrate_once(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "race.db")
    errors: list[BaseException] = []
    opened: list[Database] = []

    def go() -> None:
        try:
            opened.append(open_db(url))
        except BaseException as e:  # pragma: no cover - the failure is what the test reports
            errors.append(e)

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for database in opened:
        database.close()
    assert errors == []
    check = open_db(url)
    try:
        assert current_revision(check.engine) == head_revision()
    finally:
        check.close()


def test_downgrade_to_base_and_back(db_url: str) -> None:
    database = open_db(db_url)
    try:
        from alembic import command

        with database.engine.connect() as conn:
            command.downgrade(alembic_config(connection=conn), "base")
            conn.commit()
        assert _tables(database) <= {"alembic_version"}
        upgrade(database.engine)
        assert _tables(database) == TABLES | {"alembic_version"}
    finally:
        database.close()


def test_models_match_the_migrations(db: Database) -> None:
    """A model change without a migration (or the other way round) shows up here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from makeitlast.store.models import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_versions_are_one_line_of_numbered_revisions() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1, (
        "versions/ has branched: give each new migration the head as down_revision"
    )
    revisions = list(reversed(list(scripts.walk_revisions())))
    assert [r.revision for r in revisions] == [f"{i:04d}" for i in range(1, len(revisions) + 1)]
    previous = None
    for r in revisions:
        assert r.down_revision == previous
        assert r.path is not None
        assert re.fullmatch(rf"{r.revision}_\w+\.py", Path(r.path).name)
        previous = r.revision


def test_a_newer_schema_is_left_alone(db_url: str) -> None:
    open_db(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer version"):
        open_db(db_url)


# --- where the database lives ---------------------------------------------------------------------------------


def test_default_url_is_a_file_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app: str(tmp_path / "data" / app))
    url = default_url()
    assert url == sqlite_url(tmp_path / "data" / "makeitlast" / "makeitlast.db")
    database = open_db()
    try:
        assert (tmp_path / "data" / "makeitlast" / "makeitlast.db").is_file()
    finally:
        database.close()


def test_environment_overrides_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wanted = sqlite_url(tmp_path / "elsewhere.db")
    monkeypatch.setenv(URL_ENV, wanted)
    assert default_url() == wanted
    open_db().close()
    assert (tmp_path / "elsewhere.db").is_file()


def test_in_memory_sqlite_works() -> None:
    database = open_db("sqlite://")
    try:
        with database.session() as s:
            s.add(User(name="ana"))
        with database.session() as s:
            assert s.scalars(select(User.name)).one() == "ana"
    finally:
        database.close()


def test_bad_urls_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="URL"):
        open_db("not a url")
    with pytest.raises(DatabaseError, match="cannot open"):
        open_db("nosuchdialect://x")
    with pytest.raises(DatabaseError, match=r"cannot open postgresql\+psycopg://ana:\*\*\*@"):
        open_db("postgresql+psycopg://ana:secret@127.0.0.1:1/none?connect_timeout=2")


def test_safe_url_hides_the_password() -> None:
    assert "secret" not in safe_url("postgresql+psycopg://ana:secret@db/x")


# --- types and constraints ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        datetime(
            2026, 11, 1, 1, 30, 15, 123456, tzinfo=ZoneInfo("America/New_York")
        ),  # EDT, before the change
        datetime(
            2026, 11, 1, 1, 30, 15, 123456, tzinfo=ZoneInfo("America/New_York"), fold=1
        ),  # EST, after it
        datetime(2026, 10, 21, 0, 30, tzinfo=ZoneInfo("Pacific/Auckland")),  # the day before in UTC
        datetime(2026, 10, 25, 0, 30, tzinfo=timezone(timedelta(hours=5, minutes=45))),
        datetime(2026, 10, 25, 12, 0, tzinfo=UTC),
    ],
    ids=["ny-edt", "ny-est-fold", "auckland", "nepal-offset", "utc"],
)
def test_aware_datetimes_round_trip_as_utc(db: Database, moment: datetime) -> None:
    with db.session() as s:
        s.add(User(name="ana", created_at=moment))
    with db.session() as s:
        loaded = s.scalars(select(User.created_at)).one()
    # (an ambiguous wall time never compares equal across zones, PEP 495: compare the instants)
    assert loaded == moment.astimezone(UTC)
    assert loaded.timestamp() == moment.timestamp()
    assert loaded.utcoffset() == timedelta(0) and loaded.tzinfo is not None
    with db.session() as s:  # and comparisons in SQL use the instant
        assert s.scalars(select(User.name).where(User.created_at >= moment.astimezone(UTC))).all() == ["ana"]
        later = moment.astimezone(UTC) + timedelta(seconds=1)  # (wall-time arithmetic drops the fold)
        assert s.scalars(select(User.name).where(User.created_at >= later)).all() == []


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), db.session() as s:
        s.add(User(name="ana", created_at=datetime(2026, 1, 1, 12, 0)))


def test_json_columns_round_trip(db: Database) -> None:
    report = {
        "score": 40,
        "findings": [{"code": "D006", "message": "“calm down” talks down"}],
        "nested": [1, None],
    }
    with db.session() as s:
        user = User(name="ana")
        s.add(user)
        s.flush()
        s.add(CoachedReply(user_id=user.id, source="cli", score=40, codes="D006", report_json=report))
        s.add(PracticeSession(user_id=user.id, scenario_id="late-order", seed=2**40, result_json=report))
    with db.session() as s:
        assert s.scalars(select(CoachedReply.report_json)).one() == report
        session = s.scalars(select(PracticeSession)).one()
        assert session.result_json == report and session.seed == 2**40
        assert session.started_at.tzinfo is not None


def _plan(user: User, active: bool = True, days: int = 21) -> Plan:
    return Plan(user=user, started_on=date(2026, 10, 20), days=days, timezone="UTC", active=active)


def test_one_active_plan_per_user(db: Database) -> None:
    with db.session() as s:
        ana = User(name="ana")
        s.add_all([_plan(ana, active=False), _plan(ana, active=False), _plan(ana, active=True)])
        s.add(_plan(User(name="bob")))  # another user's active plan is fine
    with pytest.raises(IntegrityError), db.session() as s:
        ana = s.scalars(select(User).where(User.name == "ana")).one()
        s.add(_plan(ana, active=True))


@pytest.mark.parametrize("days", [20, 31])
def test_plan_days_are_checked_by_the_database(db: Database, days: int) -> None:
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(_plan(User(name="ana"), days=days))


def test_constraints(db: Database) -> None:
    with db.session() as s:
        plan = _plan(User(name="ana"))
        plan.commitments = [Commitment(text="Smile", kind="custom", position=1)]
        s.add(plan)
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(User(name="ana"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(User(name="bob", role="owner"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(CoachedReply(source="email"))
    with db.session() as s:
        plan = s.scalars(select(Plan)).one()
        c = plan.commitments[0]
        s.add(CheckIn(plan_id=plan.id, day=date(2026, 10, 20), commitment_id=c.id, kept=True))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(CheckIn(plan_id=plan.id, day=date(2026, 10, 20), commitment_id=c.id, kept=False))
    with pytest.raises(IntegrityError), db.session() as s:  # foreign keys are on, on SQLite too
        s.add(CheckIn(plan_id=plan.id + 100, day=date(2026, 10, 21), commitment_id=c.id, kept=False))


def test_deleting_a_user_deletes_their_plans_and_keeps_anonymous_replies(db: Database) -> None:
    with db.session() as s:
        ana = User(name="ana")
        plan = _plan(ana)
        plan.commitments = [Commitment(text="Smile", kind="custom", position=1)]
        s.add(plan)
        s.flush()
        s.add(CoachedReply(user_id=ana.id, source="web", codes=""))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM users"))
    with db.session() as s:
        assert s.scalars(select(Plan)).all() == []
        assert s.scalars(select(Commitment)).all() == []
        assert s.scalars(select(CoachedReply.user_id)).all() == [None]


def test_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(User(name="ana"))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalars(select(User)).all() == []


def test_a_plan_round_trip_on_each_backend(db: Database) -> None:
    """The plan module on this backend: a check-in at 23:30 New York time across the DST change, and the findings
    of a coached reply recorded that evening."""
    from makeitlast.model import Finding, Report, Severity, Step
    from makeitlast.practice.plan import check_in, new_plan, record_coached, status

    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")
    new_plan(db, "ana", days=21, start=date(2026, 10, 20), tz="America/New_York")  # replaces the first
    evening = datetime(2026, 11, 2, 4, 30, tzinfo=UTC)  # 23:30 EST on 1 November
    check_in(db, "ana", {1: True, 2: False}, at=evening)
    check_in(db, "ana", {2: True, 3: True}, note="better", at=evening + timedelta(minutes=20))
    finding = Finding(
        code="D006", name="condescending", step=Step.DONTS, severity=Severity.WARNING, message="m"
    )
    record_coached(db, "ana", Report(score=50, steps={}, findings=[finding]), "web", at=evening)
    st = status(db, "ana", at=evening + timedelta(minutes=25))
    assert (st.day, st.today) == (13, date(2026, 11, 1))
    assert st.per_day[-1].kept == {1: True, 2: True, 3: True}
    assert st.per_day[-1].findings == {"D006": 1}
    with db.session() as s:
        assert s.scalars(select(CheckIn.day).distinct()).all() == [date(2026, 11, 1)]
        assert len(s.scalars(select(CheckIn)).all()) == 3
        assert len(s.scalars(select(Plan).where(Plan.active)).all()) == 1
