"""Filtered figures and drill-down (``insights.filter``): on a subset of conversations, the filtered figures of the
whole analysis equal the job's own figures for that subset; every chart point's selector returns the replies it
counts; bad filter values are refused; analyses written before the dashboard still work."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from makeitlast.insights.filter import (
    FilterError,
    Filters,
    base_summary,
    examples,
    options,
    summary,
)
from makeitlast.insights.job import run
from makeitlast.insights.report import chart_specs
from makeitlast.insights.selectors import KINDS, Selector, SelectorError

pytest.importorskip("plotly")

Json = dict[str, Any]

AGENTS = {7001: "Dana", 7002: "Omar", 7003: "Lee"}
TEAMS = ("billing", "shipping")
DAYS = ("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05")
#: (first customer message, the agent's reply, the customer's answer, a second agent reply or None)
EXCHANGES = (
    (
        "My order #4471 arrived broken and I want a refund. This is the third time this month!",
        "It's our policy that damaged items go back to the courier, nothing I can do.",
        "Unbelievable. Worst service ever.",
        None,
    ),
    (
        "I was charged twice for order 55102, can you fix it?",
        "I'm so sorry about the double charge on order 55102. I've refunded the second payment; it shows within "
        "3-5 business days. Thanks for flagging it!",
        "great, thank you!",
        None,
    ),
    (
        "My bag didn't arrive in Denver, flight 1123. Nobody at the desk helped and I'm furious!!",
        "I'm sorry your bag didn't make it to Denver. I'll call you tomorrow with an update on the trace. Thank "
        "you for your patience.",
        "ok thanks",
        "Good news: your bag is on its way to your hotel and arrives by 6pm today. Thanks for bearing with us!",
    ),
    (
        "I have been waiting two weeks for my replacement kettle, order 8812. This is ridiculous!",
        "Please calm down, these things take time. Obviously the warehouse is busy.",
        "Don't tell me to calm down.",
        "I'm sorry, that was unfair of me. I've sent the replacement by express today: tracking 1Z999 by email.",
    ),
    (
        "Where is my package? Tracking hasn't moved since Monday.",
        "Sorry for the wait! The carrier lost track of it, so we've shipped a replacement today with tracking by "
        "email.",
        "thank you",
        None,
    ),
)


def _ticket(n: int, agent: int, team: str, day: str, exchange: int, second_agent: int | None = None) -> Json:
    """One Zendesk ticket: the customer writes, the agent answers 12 minutes later, the customer answers, and
    (for some exchanges) the agent (or ``second_agent``, the next day) writes again."""
    first, reply, answer, again = EXCHANGES[exchange]
    t0 = datetime.fromisoformat(day + "T09:00:00+00:00") + timedelta(minutes=7 * n)
    customer = 9000 + n
    comments = [
        (customer, first, t0),
        (agent, reply, t0 + timedelta(minutes=12 + n % 5)),
        (customer, answer, t0 + timedelta(minutes=40)),
    ]
    if again is not None:
        later = timedelta(days=1) if second_agent else timedelta(minutes=55)
        comments.append((second_agent or agent, again, t0 + later))
    return {
        "id": n,
        "requester_id": customer,
        "group_id": team,
        "brand_id": "ShopCo",
        "created_at": t0.isoformat(),
        "comments": [
            {"id": n * 100 + i, "author_id": who, "body": text, "public": True, "created_at": at.isoformat()}
            for i, (who, text, at) in enumerate(comments)
        ],
    }


def _export(path: Path, tickets: list[Json]) -> Path:
    users = [{"id": uid, "name": name, "role": "agent"} for uid, name in AGENTS.items()]
    users += [{"id": t["requester_id"], "name": f"Customer {t['id']}", "role": "end-user"} for t in tickets]
    path.write_text(json.dumps({"tickets": tickets, "users": users}), encoding="utf-8")
    return path


def _tickets() -> list[Json]:
    """Single-agent, single-day tickets over four days, two teams and three agents, and one nobody answered."""
    tickets = [
        _ticket(n, agent=7001 + n % 3, team=TEAMS[n % 2], day=DAYS[n % 4], exchange=n % len(EXCHANGES))
        for n in range(1, 25)
    ]
    unanswered = _ticket(99, agent=7001, team="billing", day=DAYS[0], exchange=4)
    unanswered["comments"] = unanswered["comments"][:1]
    return [*tickets, unanswered]


def _agent_of(ticket: Json) -> str | None:
    ids = {c["author_id"] for c in ticket["comments"]} & set(AGENTS)
    return AGENTS[ids.pop()] if len(ids) == 1 else None


def _day_of(ticket: Json) -> str:
    return str(ticket["created_at"])[:10]


Job = Callable[[list[Json], str], tuple[Path, Json]]


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> Job:
    """Runs the insights job on some tickets: (analysis folder, summary without its inputs)."""

    def _run(tickets: list[Json], name: str) -> tuple[Path, Json]:
        tmp = tmp_path_factory.mktemp(name)
        out = tmp / "analysis"
        result = run([_export(tmp / "export.json", tickets)], out, workers=1, html=False)
        s = dict(result.summary)
        s.pop("inputs")
        return out, s

    return _run


@pytest.fixture(scope="module")
def whole(job: Job) -> tuple[Path, Json]:
    return job(_tickets(), "whole")


def _filtered(folder: Path, **filters: str) -> Json:
    s = summary(folder, Filters.parse(**filters))
    s.pop("inputs")
    return s


# --- the figures ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        ({"agent": "Dana"}, lambda t: _agent_of(t) == "Dana"),
        ({"agent": "Lee"}, lambda t: _agent_of(t) == "Lee"),
        ({"team": "shipping"}, lambda t: t["group_id"] == "shipping" and _agent_of(t) is not None),
        ({"since": DAYS[1], "until": DAYS[2]}, lambda t: DAYS[1] <= _day_of(t) <= DAYS[2] and _agent_of(t)),
        (
            {"agent": "Omar", "team": "billing"},
            lambda t: _agent_of(t) == "Omar" and t["group_id"] == "billing",
        ),
        ({"until": DAYS[0]}, lambda t: _day_of(t) == DAYS[0] and _agent_of(t) is not None),
    ],
    ids=["agent", "another-agent", "team", "date-range", "agent-and-team", "until"],
)
def test_filtered_figures_equal_the_jobs_on_that_subset(
    job: Job,
    whole: tuple[Path, Json],
    filters: dict[str, str],
    keep: Callable[[Json], object],
) -> None:
    folder, _ = whole
    subset = [t for t in _tickets() if keep(t)]
    assert 0 < len(subset) < len(_tickets()) - 1
    _, expected = job(subset, "subset")
    got = _filtered(folder, **filters)
    assert got["replies"] > 0 and got["findings"]
    assert got == expected


def test_no_filter_is_the_jobs_summary_and_every_reply_drops_only_the_unanswered(
    job: Job,
    whole: tuple[Path, Json],
) -> None:
    folder, full = whole
    assert summary(folder) == base_summary(folder) == {**full, "inputs": base_summary(folder)["inputs"]}
    # a filter that selects every reply: the conversation nobody answered is not counted, the rest is the same
    every = _filtered(folder, since=DAYS[0], until=DAYS[-1])
    _, answered = job([t for t in _tickets() if _agent_of(t)], "answered")
    assert every == answered
    assert every["conversations"] == full["conversations"] - 1
    assert every["messages"] == full["messages"] - 1
    assert every["replies"] == full["replies"]
    assert every["findings"] == full["findings"] and every["by_agent"] == full["by_agent"]


def test_a_conversation_two_agents_answered_is_cut_down_to_each(job: Job) -> None:
    # Dana answers on the 2nd, the customer answers, Omar writes on the 3rd
    folder, whole = job(
        [_ticket(1, agent=7001, team="billing", day=DAYS[0], exchange=2, second_agent=7002)], "two"
    )
    assert whole["replies"] == 2 and whole["promises"]["kept"] + whole["promises"]["open"] >= 1
    dana, omar = _filtered(folder, agent="Dana"), _filtered(folder, agent="Omar")
    for s in (dana, omar):
        assert s["conversations"] == 1 and s["replies"] == 1
        assert s["messages"] == whole["messages"]  # the conversation's own
        assert s["recovery"] == whole["recovery"]
    # each gets the promises they made ("I'll call you tomorrow" is Dana's), and Dana the first response
    ledger = [
        json.loads(line) for line in (folder / "promises.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    for name, s in (("Dana", dana), ("Omar", omar)):
        mine = [p for p in ledger if p["author"] == name]
        assert s["promises"] == {
            **{state: sum(p["state"] == state for p in mine) for state in ("kept", "broken", "open")},
            "early": sum(p["early"] for p in mine),
        }
    assert any(p["author"] == "Dana" for p in ledger)
    assert dana["first_response"] == whole["first_response"]
    assert omar["first_response"]["mean_seconds"] is None
    assert dana["by_agent"] == {"Dana": whole["by_agent"]["Dana"]}
    assert omar["by_day"] == {DAYS[1]: whole["by_day"][DAYS[1]]}
    assert _filtered(folder, since=DAYS[1]) == omar


def test_date_bounds_are_inclusive_days_of_the_replies(whole: tuple[Path, Json]) -> None:
    folder, full = whole
    for day in DAYS:
        one = _filtered(folder, since=day, until=day)
        assert one["replies"] == full["by_day"][day]["replies"]
        assert one["by_day"] == {day: full["by_day"][day]}
    after = _filtered(folder, since=DAYS[1])
    assert set(after["by_day"]) == set(DAYS[1:])
    before = _filtered(folder, until=DAYS[2])
    assert set(before["by_day"]) == set(DAYS[:3])
    assert _filtered(folder, since="2027-01-01")["replies"] == 0


def test_options_are_the_agents_teams_and_days_present(whole: tuple[Path, Json]) -> None:
    folder, full = whole
    got = options(folder)
    assert got["agents"] == ["Dana", "Lee", "Omar"]
    assert got["teams"] == ["billing", "shipping"]
    assert (got["since"], got["until"]) == (DAYS[0], DAYS[-1])
    assert got["agent_replies"] == {a: g["replies"] for a, g in full["by_agent"].items()}


def test_bad_filter_values_are_refused_with_the_reason(whole: tuple[Path, Json]) -> None:
    folder, _ = whole
    for since, message in (
        ("03/02/2026", "YYYY-MM-DD"),
        ("2026-02-30", "not a valid date"),
        ("2026-3-2", "YYYY-MM-DD"),
        ("yesterday", "YYYY-MM-DD"),
    ):
        with pytest.raises(FilterError, match=message):
            Filters.parse(since=since)
    with pytest.raises(FilterError, match="after until"):
        Filters.parse(since=DAYS[2], until=DAYS[1])
    assert Filters.parse(agent="", team="", since="", until="") == Filters()
    with pytest.raises(FilterError, match="no replies by agent 'Nobody'"):
        Filters.parse(agent="Nobody").check(options(folder))
    with pytest.raises(FilterError, match="team 'legal'"):
        Filters.parse(team="legal").check(options(folder))
    Filters.parse(agent="Dana", team="billing").check(options(folder))
    with pytest.raises(FilterError, match="offset"):
        examples(folder, Selector("agent", "Dana"), offset=-1)
    with pytest.raises(FilterError, match="limit"):
        examples(folder, Selector("agent", "Dana"), limit=0)
    with pytest.raises(FilterError, match="limit"):
        examples(folder, Selector("agent", "Dana"), limit=101)


# --- drill-down -----------------------------------------------------------------------------------------------


def _all(folder: Path, selector: Selector, filters: Filters) -> list[Json]:
    """Every reply behind ``selector``, page by page (7 at a time)."""
    out: list[Json] = []
    offset: int | None = 0
    while offset is not None:
        page = examples(folder, selector, filters, offset=offset, limit=7)
        assert page["offset"] == offset and len(page["items"]) <= 7
        out += page["items"]
        offset = page["next_offset"]
        assert offset is None or len(page["items"]) == 7
    return out


def _points(specs: Json) -> Iterator[tuple[str, int, Any, Json]]:
    """(chart, trace, value, selector) for every bar and point; the value is the bar's length."""
    for chart in specs["charts"]:
        for t, (trace, selectors) in enumerate(zip(chart["data"], chart["selectors"], strict=True)):
            values = trace["x"] if trace.get("orientation") == "h" else trace["y"]
            assert len(values) == len(selectors)
            for value, sel in zip(values, selectors, strict=True):
                yield chart["id"], t, value, sel


@pytest.mark.parametrize("filters", [{}, {"agent": "Omar"}, {"team": "billing", "since": DAYS[1]}], ids=str)
def test_every_chart_point_leads_to_the_replies_it_counts(
    whole: tuple[Path, Json],
    filters: dict[str, str],
) -> None:
    folder, _ = whole
    f = Filters.parse(**filters)
    figures = summary(folder, f)
    rows = [json.loads(line) for line in (folder / "replies.jsonl").read_text(encoding="utf-8").splitlines()]
    counted = {"step", "score", "want", "reply_time", "first_response", "day"}
    seen_kinds = set()
    for chart, trace, value, sel in _points(chart_specs(figures)):
        selector = Selector.parse(sel["kind"], sel["key"])
        found = _all(folder, selector, f)
        seen_kinds.add(selector.kind)
        assert all(x["agent"] == f.agent for x in found) if f.agent else True
        if selector.kind in counted and not (chart == "over_time" and trace == 0):
            assert len(found) == value, (chart, sel)  # a count of replies (or of first replies)
        elif selector.kind == "finding":
            code = selector.key
            assert found and all(any(g["code"] == code for g in x["findings"]) for x in found)
            with_code = [r for r in rows if any(g["code"] == code for g in r["findings"])]
            per_100 = next(g["per_100_replies"] for g in figures["findings"] if g["code"] == code)
            assert len(found) <= next(g["count"] for g in figures["findings"] if g["code"] == code)
            assert per_100 > 0 and len(found) <= len(with_code)
        elif selector.kind == "recovery":
            assert len({x["conversation_id"] for x in found}) == value
        elif selector.kind == "promise":  # a count of promises: the replies that made them
            made = [p for x in found for p in x["promises"]]
            key = selector.key
            assert sum(p["early"] if key == "early" else p["state"] == key for p in made) == value
            assert len(found) <= value
        elif selector.kind in ("agent", "brand", "team"):
            group = figures[f"by_{selector.kind}"][selector.key]
            assert len(found) == group["replies"] and value == group["mean_score"]
    assert {"step", "finding", "score", "agent", "brand", "team", "day", "want", "promise"} <= seen_kinds
    assert {"reply_time", "first_response", "recovery"} <= seen_kinds


def test_an_example_carries_the_texts_spans_score_and_conversation(whole: tuple[Path, Json]) -> None:
    folder, _ = whole
    page = examples(folder, Selector("finding", "D001"), Filters.parse(agent="Dana"), limit=2)
    assert page["selector"] == {"kind": "finding", "key": "D001", "label": "D001 policy-wall"}
    assert page["filters"]["agent"] == "Dana"
    x = page["items"][0]
    assert x["agent"] == "Dana" and x["conversation_id"].startswith("zendesk-")
    assert x["customer"].startswith("My order #4471 arrived broken")
    assert x["reply"].startswith("It's our policy")
    assert 0 <= x["score"] <= 100 and x["steps"]["listen"] in ("present", "weak", "missing", "n/a")
    wall = next(f for f in x["findings"] if f["code"] == "D001")
    start, end = wall["span"]
    assert x["reply"][start:end].lower().startswith("it's our policy")
    # the conversation's replies, from the link on each example
    convo = examples(folder, Selector("conversation", x["conversation_id"]))
    assert [y["message_id"] for y in convo["items"]] == [x["message_id"]]


def test_promises_and_conversation_figures_are_in_the_rows(whole: tuple[Path, Json]) -> None:
    folder, full = whole
    rows = [json.loads(line) for line in (folder / "replies.jsonl").read_text(encoding="utf-8").splitlines()]
    ledger = [
        json.loads(line) for line in (folder / "promises.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [p for r in rows for p in r["promises"]] == ledger and ledger
    firsts = [r for r in rows if "conversation" in r]
    assert len(firsts) == full["conversations"] - 1  # every answered conversation, on its first reply
    assert sum(r["conversation"]["messages"] for r in firsts) == full["messages"] - 1
    assert all(r["reply"] for r in rows)


def test_selectors_are_checked() -> None:
    for kind, key, message in (
        ("colour", "red", "unknown kind"),
        (None, "x", "missing kind"),
        ("step", None, "missing key"),
        ("step", "listen", "STEP:STATUS"),
        ("step", "listen:great", "STEP:STATUS"),
        ("finding", "Z999", "unknown rule code"),
        ("score", "40-50", "score bin"),
        ("day", "March 2", "YYYY-MM-DD"),
        ("want", "pony", "WANT"),
        ("want", "refund:maybe", "WANT"),
        ("promise", "forgotten", "promise state"),
        ("reply_time", "1 min", "time bin"),
        ("recovery", "yes", "recovery"),
    ):
        with pytest.raises(SelectorError, match=message):
            Selector.parse(kind, key)
    for kind, key in (
        ("step", "solve:n/a"),
        ("want", "refund:unmet"),
        ("first_response", "< 5 min"),
        ("agent", "x"),
    ):
        assert Selector.parse(kind, key).to_json() == {"kind": kind, "key": key}
    assert len(KINDS) == 13


# --- analyses written before the dashboard --------------------------------------------------------------------


def test_an_analysis_from_before_the_dashboard_still_filters(
    whole: tuple[Path, Json], tmp_path: Path
) -> None:
    folder, _ = whole
    old = tmp_path / "old"
    old.mkdir()
    for name in ("summary.json", "promises.jsonl"):
        (old / name).write_bytes((folder / name).read_bytes())
    with (folder / "replies.jsonl").open(encoding="utf-8") as src, (old / "replies.jsonl").open("w") as dst:
        for line in src:
            row = json.loads(line)
            for key in ("reply", "promises", "conversation"):
                row.pop(key, None)
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")
    new, legacy = _filtered(folder, agent="Dana"), _filtered(old, agent="Dana")
    assert legacy.pop("missing") == ["messages", "first_response", "recovery"]
    for key in (
        "replies",
        "steps",
        "score_histogram",
        "remedy_gap",
        "promises",
        "by_agent",
        "by_day",
        "reply_time",
    ):
        assert legacy[key] == new[key], key
    assert legacy["conversations"] == new["conversations"]
    assert [f["code"] for f in legacy["findings"]] == [f["code"] for f in new["findings"]]
    state = next(k for k in ("kept", "open", "broken") if new["promises"][k])
    page = examples(old, Selector("promise", state), Filters.parse(agent="Dana"))
    assert page["items"] and all(x["reply"] is None and x["promises"] for x in page["items"])
    assert [x["message_id"] for x in page["items"]] == [
        x["message_id"]
        for x in examples(folder, Selector("promise", state), Filters.parse(agent="Dana"))["items"]
    ]
    assert options(old) == options(folder)
