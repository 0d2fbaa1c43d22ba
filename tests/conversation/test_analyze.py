"""Whole conversations: which customer messages a reply answers, L003 across turns, L004, times, recovery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from makeitlast.conversation.analyze import analyze
from makeitlast.conversation.turns import turns
from makeitlast.model import Conversation, Message, Role

T0 = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


def _conv(*msgs: tuple[str, float, str] | tuple[str, float, str, bool]) -> Conversation:
    out = []
    for i, m in enumerate(msgs):
        role, minutes, text = m[0], m[1], m[2]
        internal = len(m) > 3 and bool(m[3])  # type: ignore[misc]
        out.append(
            Message(
                role=Role(role),
                text=text,
                timestamp=T0 + timedelta(minutes=minutes),
                id=str(i),
                author="ana" if role == "agent" else "cust",
                internal=internal,
            )
        )
    return Conversation(id="t1", meta={"brand": "ShopCo"}, messages=tuple(out))


def test_a_reply_answers_the_customer_messages_since_the_last_reply() -> None:
    conv = _conv(
        ("customer", 0, "My parcel never arrived."),
        ("customer", 1, "It was order 77120."),
        ("agent", 10, "Sorry about that! Checking order 77120 now."),
        ("agent", 10.1, "It's at the depot and goes out today."),
        ("customer", 30, "Thanks!"),
    )
    ts = list(turns(conv))
    assert [t.index for t in ts] == [2, 3]
    assert ts[0].customer_text == "My parcel never arrived.\nIt was order 77120."
    assert ts[1].block == ts[0].block  # the second half of a split reply answers the same messages


def test_internal_notes_are_never_judged() -> None:
    conv = _conv(
        ("customer", 0, "I was charged twice this month."),
        ("agent", 2, "Customer is a pain, refund anyway", True),
        (
            "agent",
            5,
            "I'm sorry about the double charge. I've refunded the second one; thanks for telling us.",
        ),
    )
    result = analyze(conv)
    assert [r.message_id for r in result.replies] == ["2"]


def test_asking_again_for_what_was_given_turns_earlier_is_l003() -> None:
    conv = _conv(
        ("customer", 0, "My order #55102 never came."),
        ("agent", 5, "Sorry to hear that! Could you tell me when you ordered?"),
        ("customer", 9, "Last Tuesday."),
        ("agent", 15, "Thanks. Can you DM us your order number?"),
    )
    last = analyze(conv).replies[-1]
    assert "L003" in {f.code for f in last.report.findings}


def test_answering_mid_story_is_l004_and_costs_points() -> None:
    conv = _conv(
        ("customer", 0, "My order never came."),
        ("agent", 0.5, "Please DM us your order number."),
        ("customer", 1, "And I was charged twice for it!"),
    )
    reply = analyze(conv).replies[0]
    assert "L004" in {f.code for f in reply.report.findings}
    calm = _conv(("customer", 0, "My order never came."), ("agent", 30, "Please DM us your order number."))
    assert analyze(calm).replies[0].report.score > reply.report.score


def test_response_times_and_recovery() -> None:
    conv = _conv(
        ("customer", 0, "This is ridiculous, my flight was cancelled and NOBODY is helping!!"),
        ("agent", 12, "I'm so sorry. I've rebooked you on the 6pm flight and emailed the new ticket."),
        ("customer", 20, "Got it, thank you so much."),
    )
    result = analyze(conv)
    assert result.first_response_seconds == 12 * 60
    assert result.replies[0].response_seconds == 12 * 60
    assert result.anger_first and result.anger_first >= 2
    assert result.recovered is True


def test_a_brand_account_reply_is_credited_to_the_agent_who_signed_it() -> None:
    conv = Conversation(
        id="t2",
        meta={"brand": "AcmeAirHelp"},
        messages=(
            Message(role=Role.CUSTOMER, text="My bag is lost", author="5021", timestamp=T0),
            Message(
                role=Role.AGENT,
                text="So sorry about your bag! DM us your file reference. ^KL",
                author="AcmeAirHelp",
                timestamp=T0 + timedelta(minutes=5),
            ),
        ),
    )
    assert analyze(conv).replies[0].agent == "AcmeAirHelp ^KL"
