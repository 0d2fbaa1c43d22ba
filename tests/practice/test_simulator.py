"""The simulated customer: mood, the golden question, wants, the exception, the boundary, endings, determinism."""

from __future__ import annotations

import pytest
from practice_paths import DONTS, GOOD

from makeitlast.practice import Session, SessionOver, builtin_scenarios, find_scenario, run_scripted
from makeitlast.practice.simulator import asks_golden_question

SCENARIOS = sorted(builtin_scenarios())


def test_every_builtin_scenario_has_scripted_paths() -> None:
    assert sorted(GOOD) == SCENARIOS
    assert sorted(DONTS) == SCENARIOS


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_good_last_path_resolves(sid: str) -> None:
    result = run_scripted(sid, GOOD[sid])
    assert result.ending == "resolved", [
        (t.events, [f.code for f in t.report.findings]) for t in result.turns
    ]
    assert result.unused_replies == 0
    last = result.turns[-1]
    assert last.ended and last.messages[0] in find_scenario(sid).events.resolved
    assert "reveal" in result.turns[0].events  # every good path asks the golden question first
    assert result.score >= 80


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_path_of_donts_escalates_or_walks_away(sid: str) -> None:
    result = run_scripted(sid, DONTS[sid])
    assert result.ending in ("escalated", "walked_away")
    sc = find_scenario(sid)
    assert result.turns[-1].anger >= sc.starting_anger
    assert any(c.delta > 0 for t in result.turns for c in t.changes)
    assert result.score <= 20
    assert result.debrief.improve and result.debrief.improve[0].code.startswith("D")


def test_interrupting_restarts_the_opening_angrier() -> None:
    sc = find_scenario("airline-lost-bag")
    session = Session(sc)
    assert len(session.opening_parts()) == 3
    turn = session.reply("Could you send us your tag number?", interrupted=True)
    assert turn.interrupted and turn.answered == [sc.opening[0]]
    assert turn.anger == sc.starting_anger + 1
    assert turn.events[0] == "restart"
    assert turn.messages[0] in sc.events.restart
    assert turn.messages[1:] == list(sc.opening)
    assert session.pending_parts() == turn.messages
    assert turn.report.findings[0].code == "L004"
    calm = Session(sc).reply("Could you send us your tag number?")
    assert turn.report.score == max(0, calm.report.score - 10) or turn.report.score < calm.report.score
    # interrupting again pushes them to raging a second time: they escalate
    assert session.reply("Sorry, go on.", interrupted=True).ending == "escalated"


def test_the_restarted_story_can_be_interrupted_again() -> None:
    sc = find_scenario("late-delivery")
    session = Session(sc)
    first = session.reply("Hi!", interrupted=True)
    again = session.reply("Sorry, go on.", interrupted=True, seen_parts=2)
    assert again.answered == first.messages[:2] and again.events[0] == "restart"
    assert again.anger == sc.starting_anger + 2


def test_an_interruption_needs_a_message_still_arriving() -> None:
    session = Session(find_scenario("airline-lost-bag"))
    with pytest.raises(ValueError, match="seen_parts"):
        session.reply("Hi", interrupted=True, seen_parts=3)
    session.reply(GOOD["airline-lost-bag"][0])
    assert len(session.pending_parts()) == 1
    with pytest.raises(ValueError, match="nothing to interrupt"):
        session.reply("Hi", interrupted=True)


def test_the_golden_question() -> None:
    assert asks_golden_question("I'm sorry. What can I do to make this right?")
    assert asks_golden_question("How can I make it right for you?")
    assert asks_golden_question("What would you like us to do?")
    assert not asks_golden_question("I will make this right.")
    assert not asks_golden_question("Is there anything else I can help with?")
    assert not asks_golden_question('You asked "what can I do to make this right?"')


def test_the_golden_question_reveals_the_want() -> None:
    sc = find_scenario("bank-double-charge")
    asked = Session(sc).reply(
        "I'm sorry about the double charge at TechWorld, Priya. What can I do to make this right?"
    )
    assert "reveal" in asked.events and asked.golden_question
    assert asked.messages == [m for m in asked.messages if m in sc.events.reveal]
    not_asked = Session(sc).reply("I'm sorry about the double charge at TechWorld, Priya.")
    assert "reveal" not in not_asked.events
    # with a don't, they don't open up
    spoiled = Session(sc).reply("It's our policy, I'm afraid. What can I do to make this right?")
    assert "reveal" not in spoiled.events
    assert [c.code for c in spoiled.coaching] == ["D001"]


def test_meeting_the_want_resolves_and_an_avoided_rule_spoils_the_offer() -> None:
    sc = find_scenario("repeat-contact-unanswered")
    session = Session(sc)
    session.reply(GOOD[sc.id][0])
    # an assessor with no time (S002 is in resolution.avoid): not yet
    vague = session.reply(
        "I'm sorry. We will send an assessor to look at your kitchen. Thank you for your patience."
    )
    assert not vague.ended and "S002" in {f.code for f in vague.report.findings}
    assert vague.coaching and vague.coaching[0].code == "S002"
    assert not session.met.get("repair")
    done = session.reply(GOOD[sc.id][1])
    assert done.ending == "resolved" and "repair" in done.met


RETURN = GOOD["retail-return-exception"]


def test_the_exception_is_granted_once_then_must_be_refused_with_a_reason() -> None:
    sc = find_scenario("retail-return-exception")
    assert sc.exception is not None and sc.events.ask_exception_again is not None
    session = Session(sc)
    session.reply(RETURN[0])
    granted = session.reply(RETURN[1])
    assert "exception_granted" in granted.events and not granted.ended
    assert granted.messages[-1] in sc.events.ask_exception_again
    refused = session.reply(RETURN[2])
    assert "exception_refused" in refused.events and refused.ending == "resolved"


@pytest.mark.parametrize(
    ("second", "code"),
    [
        ("Of course, I'll refund the boots too. Thanks for shopping with us!", "D012"),  # granted again
        ("Sorry, not the boots. Thank you for understanding.", "D001"),  # no reason
    ],
)
def test_the_exception_asked_again_is_not_resolved_by(second: str, code: str) -> None:
    session = Session(find_scenario("retail-return-exception"))
    session.reply(RETURN[0])
    session.reply(RETURN[1])
    turn = session.reply(second)
    assert not turn.ended and "exception_refused" not in turn.events
    assert [c.code for c in turn.coaching] == [code]
    assert "ask_exception_again" in turn.events  # they keep asking
    assert session.reply(RETURN[2]).ending == "resolved"


def test_the_exception_refused_behind_a_policy_wall_angers() -> None:
    session = Session(find_scenario("retail-return-exception"))
    session.reply(RETURN[0])
    session.reply(RETURN[1])
    wall = session.reply("No, I'm afraid the boots can't be returned. It's our policy.")
    assert "D001" in {f.code for f in wall.report.findings}
    assert "exception_refused" not in wall.events and not wall.ended
    assert any(c.delta > 0 for c in wall.changes)


def test_a_refusal_may_mention_the_first_grant() -> None:
    session = Session(find_scenario("retail-return-exception"))
    session.reply(RETURN[0])
    session.reply(RETURN[1])
    turn = session.reply(
        "I refunded the coat as a one-off, but I won't be able to refund the boots, because returns have to "
        "come back within 30 days so the stock can still be sold in season. Thanks for understanding."
    )
    assert "exception_refused" in turn.events


def test_an_abusive_customer_needs_a_boundary() -> None:
    sc = find_scenario("abusive-energy-bill")
    helpful = (
        "I'm sorry about the £640 bill. I've booked a meter reading for Tuesday and I'll send a revised bill by "
        "Friday. Thanks for your patience."
    )
    result = run_scripted(sc.id, [helpful] * 5)
    assert result.ending == "walked_away"
    assert all(t.anger == sc.starting_anger and not t.met for t in result.turns)
    assert all("D012" in [c.code for c in t.coaching] for t in result.turns)
    session = Session(sc)
    turn = session.reply(GOOD[sc.id][0])
    assert "boundary_set" in turn.events and turn.messages[0] in (sc.events.boundary or ())
    assert turn.anger < sc.starting_anger
    # retaliation is a don't
    hit = Session(sc).reply("You're the one being rude. Grow up.")
    assert "D012" in {f.code for f in hit.report.findings} and "boundary_set" not in hit.events


def test_max_turns_and_stalling_end_in_walking_away() -> None:
    sc = find_scenario("late-delivery")
    result = run_scripted(sc.id, ["OK."] * 10)
    assert result.ending == "walked_away"
    assert len(result.turns) == sc.walk_away.stalled_turns
    assert result.turns[-1].messages[0] in sc.events.walk_away
    assert result.unused_replies == 10 - len(result.turns)


def test_no_reply_after_the_end() -> None:
    session = Session(find_scenario("broken-product"))
    for reply in GOOD["broken-product"]:
        session.reply(reply)
    assert session.ended and session.ending == "resolved"
    with pytest.raises(SessionOver):
        session.reply("Anything else?")


def _lines(sid: str, seed: int) -> list[str]:
    result = run_scripted(sid, ["OK.", "Hmm, I see.", "Right."], seed=seed)
    return [m for t in result.turns for m in t.messages]


def test_the_same_seed_gives_the_same_session() -> None:
    a = run_scripted("bank-double-charge", DONTS["bank-double-charge"], seed=4)
    b = run_scripted("bank-double-charge", DONTS["bank-double-charge"], seed=4)
    assert a.model_dump(mode="json") == b.model_dump(mode="json")
    assert _lines("late-delivery", 1) == _lines("late-delivery", 1)


def test_different_seeds_vary_the_lines() -> None:
    seen = {tuple(_lines("late-delivery", seed)) for seed in range(8)}
    assert len(seen) > 1


def test_a_non_apology_does_not_calm_them() -> None:
    sc = find_scenario("late-delivery")
    non = Session(sc, seed=3).reply(
        "Sorry for any inconvenience. Delays happen with couriers, I'm sure it will turn up soon."
    )
    assert "A002" in {f.code for f in non.report.findings}
    assert non.anger >= sc.starting_anger  # listening alone, spoiled by "sorry for any inconvenience"
    real = Session(sc, seed=3).reply(
        "I'm sorry your order #55102 is stuck in transit with the birthday on Saturday. I'm checking with the "
        "courier now and I'll update you within the hour. Thanks for the order number."
    )
    assert real.anger < sc.starting_anger
