"""The tally: what the report counts, and that partial tallies merge to the same figures."""

from __future__ import annotations

from makeitlast.conversation.analyze import Analyzer
from makeitlast.insights.aggregate import Tally
from makeitlast.model import Conversation


def _tally(convs: list[Conversation]) -> Tally:
    analyzer = Analyzer()
    t = Tally()
    for c in convs:
        t.add(analyzer.analyze(c))
    return t


def test_counts_replies_steps_and_donts(conversations: list[Conversation]) -> None:
    s = _tally(conversations).summary()
    assert s["conversations"] == 3
    assert s["replies"] == 3
    assert s["messages"] == 9
    codes = {f["code"]: f for f in s["findings"]}
    assert codes["D001"]["count"] == 1  # "It's our policy" in c1
    example = codes["D001"]["examples"][0]
    assert example["conversation_id"] == "c1"
    start, end = example["spans"][0]
    assert example["reply"][start:end].lower().startswith("it's our policy")
    assert example["customer"].startswith("@ShopCo my order")
    assert s["steps"]["apologize"]["present"] == 2
    assert s["remedy_gap"]["refund"]["wanted"] >= 1


def test_response_times_recovery_and_promises(conversations: list[Conversation]) -> None:
    s = _tally(conversations).summary()
    # first responses after 12, 4 and 45 minutes
    assert s["first_response"]["histogram"]["< 5 min"] == 1
    assert s["first_response"]["histogram"]["5-15 min"] == 1
    assert s["first_response"]["histogram"]["15-60 min"] == 1
    assert s["first_response"]["mean_seconds"] == round((12 + 4 + 45) * 60 / 3, 1)
    # c1 stays angry; c2 and c3 end calmer
    assert s["recovery"]["upset_at_start"] >= 2
    assert s["recovery"]["recovered"] >= 1
    assert sum(s["promises"][k] for k in ("kept", "broken", "open")) >= 1  # "I'll call you tomorrow"


def test_partial_tallies_merge_to_the_whole(conversations: list[Conversation]) -> None:
    whole = _tally(conversations).summary()
    parts = _tally(conversations[:1]).merge(_tally(conversations[1:])).summary()
    assert parts == whole


def test_by_brand_and_agent(conversations: list[Conversation]) -> None:
    s = _tally(conversations).summary()
    assert s["by_brand"]["ShopCo"]["replies"] == 2
    assert s["by_brand"]["AirCo"]["replies"] == 1
    assert s["by_agent"]["agent-1"]["replies"] == 3
    assert set(s["by_day"]) == {"2026-11-03"}
