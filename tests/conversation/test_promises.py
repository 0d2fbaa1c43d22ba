"""The promise ledger: commitments in replies, and whether the conversation kept them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from makeitlast.conversation.promises import Commitment, Promise, extract, ledger
from makeitlast.model import Conversation, Message, Role

# Wednesday 28 October 2026, 15:00 UTC.
AT = datetime(2026, 10, 28, 15, 0, tzinfo=UTC)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.span.text) for c in extract(text)]


# --- extraction ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    [
        (
            "Hi Dana, I'll call you tomorrow to go over the options.",
            "contact",
            "I'll call you tomorrow to go over the options",
        ),
        ("Thanks for the details! We'll follow up via DM.", "contact", "We'll follow up via DM"),
        ("Send us a DM with the booking code and we'll continue there.", "contact", "we'll continue there"),
        ("Please follow the link and we'll go from there.", "contact", "we'll go from there"),
        (
            "Don't worry, our store team will help you with the exchange.",
            "action",
            "our store team will help you with the exchange",
        ),
        (
            "So sorry about this. A member of our team will be in touch shortly through DM.",
            "contact",
            "A member of our team will be in touch shortly through DM",
        ),
        ("I'll get back to you as soon as I hear from the depot.", "contact", "I'll get back to you"),
        ("I'll DM you the details now.", "contact", "I'll DM you the details now"),
        (
            "Got your number, I'll give you a ring this afternoon.",
            "contact",
            "I'll give you a ring this afternoon",
        ),
        (
            "You'll receive an email with the return label shortly.",
            "contact",
            "You'll receive an email with the return label shortly",
        ),
        (
            "I'll have a specialist reach out to you today.",
            "contact",
            "I'll have a specialist reach out to you today",
        ),
        ("That's not right at all, we'll look into this.", "action", "we'll look into this"),
        (
            "Your refund will be processed within 5 business days.",
            "action",
            "Your refund will be processed within 5 business days",
        ),
        ("We will send a replacement right away.", "action", "We will send a replacement right away"),
        ("DM us your order number and we'll look into it.", "action", "we'll look into it"),
        (
            "Thanks for the feedback, I'll pass this along to the store team.",
            "action",
            "I'll pass this along to the store team",
        ),
        ("We're going to refund the delivery charge.", "action", "We're going to refund the delivery charge"),
        ("Our engineers will fix the line by Friday.", "action", "Our engineers will fix the line by Friday"),
        ("I'll get this sorted for you today.", "action", "I'll get this sorted for you today"),
        ("I'll keep you updated.", "update", "I'll keep you updated"),
        ("We'll keep you posted on the repair.", "update", "We'll keep you posted on the repair"),
        ("We'll let you know once it ships.", "update", "We'll let you know"),
        ("I’ll keep you in the loop.", "update", "I’ll keep you in the loop"),
    ],
)
def test_commitments(reply: str, kind: str, words: str) -> None:
    found = extract(reply)
    assert [(c.kind, c.span.text) for c in found] == [(kind, words)]
    span = found[0].span
    assert reply[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "reply",
    [
        # offers, abilities, wishes
        "We'd be happy to help!",
        "We'll be happy to take a look at this with you.",
        "I will be glad to assist you with that.",
        "We can help with that.",
        "We'd like to look into this for you.",
        "We want to help you get this fixed.",
        "We'll help in any way we can.",
        "I'll do my best to help.",
        # requests to the customer
        "DM us your order number.",
        "Let us know if there's anything else.",
        "Please send us a DM with your email address so we can follow up.",
        # past and present
        "I've refunded the delivery fee.",
        "We're looking into it right now.",
        "We have sent you a DM.",
        # negated
        "We won't be able to refund this order.",
        "I will not be calling you again.",
        "I can't promise we'll have it by Friday.",
        # hedged
        "Hopefully we'll have it back in stock soon!",
        "I think we'll get there eventually.",
        # generic
        "We're always here for you.",
        "We will continue to improve our service.",
        "We'll need your booking reference first.",
        # questions
        "Will you be home tomorrow?",
        "When do you think we'll be able to ship it?",
        # the customer's words quoted back
        "You were told \"we'll call you back tomorrow\" and nobody did. That's not okay.",
    ],
)
def test_not_commitments(reply: str) -> None:
    assert extract(reply) == []


def test_several_commitments_and_a_joined_verb() -> None:
    reply = "Thanks, Sam. We'll look into your complaint and contact you for an update. I'll keep you posted!"
    assert kinds(reply) == [
        ("action", "We'll look into your complaint"),
        ("contact", "contact you for an update"),
        ("update", "I'll keep you posted"),
    ]


def test_elliptical_will() -> None:
    assert kinds("We have received your DM and will follow up with you there.") == [
        ("contact", "will follow up with you there")
    ]


def test_conditional_request_then_commitment_in_a_question() -> None:
    assert kinds("Can you DM us your email and we'll take a look?") == [("action", "we'll take a look")]


def test_please_allow() -> None:
    (c,) = extract("Please allow 24 to 72 hours for the miles to be redeposited.", AT)
    assert c.kind == "action"
    assert c.due_text == "allow 24 to 72 hours"
    assert c.due == AT + timedelta(hours=72)


def test_due_attached_after_before_and_per_commitment() -> None:
    (c,) = extract("I'll call you tomorrow.", AT)
    assert (c.due_text, c.due) == ("tomorrow", datetime(2026, 10, 29, 23, 59, 59, tzinfo=UTC))

    (c,) = extract("Within 24 hours, a specialist will contact you.", AT)
    assert c.due_text == "Within 24 hours"
    assert c.due == AT + timedelta(hours=24)

    first, second = extract("We'll look into it and call you back tomorrow.", AT)
    assert first.due_text is None
    assert second.due_text == "tomorrow"

    (c,) = extract("We'll look into it. Your package should arrive by Friday.", AT)
    assert c.due_text is None  # another sentence's date is not this promise's

    (c,) = extract("A member of our team will be in touch shortly.", AT)
    assert c.due == AT + timedelta(hours=24)


def test_due_needs_a_time_to_resolve() -> None:
    (c,) = extract("I'll call you tomorrow.")
    assert c.due_text == "tomorrow"
    assert c.due is None


def test_due_in_the_replys_timezone() -> None:
    ny = ZoneInfo("America/New_York")
    at = datetime(2026, 10, 28, 22, 0, tzinfo=ny)  # Thursday 02:00 in UTC, still Wednesday in New York
    (c,) = extract("We'll send it out by the end of the day.", at)
    assert c.due == datetime(2026, 10, 28, 23, 59, 59, tzinfo=ny)


def test_commitment_is_frozen() -> None:
    (c,) = extract("I'll call you tomorrow.")
    assert isinstance(c, Commitment)
    with pytest.raises(ValueError):
        c.kind = "action"  # type: ignore[misc]


# --- the ledger ---------------------------------------------------------------------------------------------


def customer(text: str, minutes: float | None = None, id: str | None = None) -> Message:
    ts = AT + timedelta(minutes=minutes) if minutes is not None else None
    return Message(role=Role.CUSTOMER, text=text, timestamp=ts, id=id, author="dana")


def agent(text: str, minutes: float | None = None, id: str | None = None, internal: bool = False) -> Message:
    ts = AT + timedelta(minutes=minutes) if minutes is not None else None
    return Message(role=Role.AGENT, text=text, timestamp=ts, id=id, author="sam", internal=internal)


def conv(*messages: Message) -> Conversation:
    return Conversation(id="c1", messages=messages)


def test_contact_kept_early() -> None:
    c = conv(
        customer("My router keeps dropping out.", 0, "m1"),
        agent("Sorry about that! I'll call you tomorrow to sort it.", 5, "m2"),
        customer("Thanks.", 6, "m3"),
        agent("Hi Dana, just tried calling you, here's what I found.", 60 * 20, "m4"),
    )
    (p,) = ledger(c)
    assert isinstance(p, Promise)
    assert (p.state, p.kind, p.evidence, p.early) == ("kept", "contact", "m4", True)
    assert (p.conversation_id, p.message_id, p.message_index, p.author) == ("c1", "m2", 1, "sam")
    assert p.made_at == AT + timedelta(minutes=5)
    assert p.kept_at == AT + timedelta(minutes=60 * 20)
    assert p.due_text == "tomorrow"
    assert p.text == "I'll call you tomorrow to sort it"


def test_kept_late_is_kept_not_early() -> None:
    c = conv(
        customer("Where is my order?", 0),
        agent("I'll get back to you within the hour.", 1, "a1"),
        customer("ok", 2),
        agent("Thanks for waiting! Your order left the warehouse this morning.", 180, "a2"),
    )
    (p,) = ledger(c)
    assert (p.state, p.early, p.evidence) == ("kept", False, "a2")


def test_broken_by_the_customer() -> None:
    c = conv(
        customer("I was double charged.", 0),
        agent("So sorry! A member of our team will be in touch shortly.", 3, "a1"),
        customer("Still waiting, nobody has contacted me.", 60 * 5, "c2"),
        agent("I'm sorry, Dana, calling you now.", 60 * 6, "a2"),
    )
    (p,) = ledger(c)
    assert (p.state, p.evidence, p.kept_at, p.early) == ("broken", "c2", None, False)


def test_broken_when_due_passes_with_nothing() -> None:
    c = conv(
        customer("My refund hasn't come through.", 0),
        agent("Your refund will be processed within 3-5 business days.", 2, "a1"),
    )
    (p,) = ledger(c, now=AT + timedelta(days=10))
    assert (p.state, p.kind, p.evidence) == ("broken", "action", None)
    assert p.due == datetime(2026, 11, 4, 23, 59, 59, tzinfo=UTC)


def test_open_before_due_and_without_a_due() -> None:
    c = conv(
        customer("The app crashes on login.", 0),
        agent("We'll look into this and get back to you by Friday.", 2, "a1"),
    )
    look, back = ledger(c)
    assert (look.state, look.due) == ("open", None)
    assert (back.state, back.due_text) == ("open", "by Friday")
    # Default now is the last message; a week later the contact promise is overdue, the action has no due.
    look, back = ledger(c, now=AT + timedelta(days=7))
    assert (look.state, back.state) == ("open", "broken")


def test_action_needs_a_report_or_a_confirmation() -> None:
    base = (
        customer("The blender arrived cracked.", 0),
        agent("So sorry! We'll send a replacement today.", 2, "a1"),
        customer("ok thanks", 3),
    )
    chat = conv(*base, agent("Is there anything else we can help with?", 30, "a2"))
    (p,) = ledger(chat)
    assert p.state == "open"  # an agent message that reports nothing done does not keep an action

    reported = conv(*base, agent("Good news: the replacement has been sent, it's on its way.", 60, "a2"))
    (p,) = ledger(reported)
    assert (p.state, p.evidence, p.early) == ("kept", "a2", True)

    confirmed = conv(*base, customer("Got it today, thanks!", 60 * 20, "c3"))
    (p,) = ledger(confirmed)
    assert (p.state, p.evidence) == ("kept", "c3")

    late = conv(*base, customer("It never arrived.", 60 * 40, "c3"))
    (p,) = ledger(late)
    assert (p.state, p.evidence) == ("broken", "c3")


def test_internal_notes_neither_keep_nor_promise() -> None:
    c = conv(
        customer("Can someone call me about my bill?", 0),
        agent("Of course, I'll call you today.", 1, "a1"),
        agent("I'll call her after lunch, reminder for me.", 30, "n1", internal=True),
        agent("Called and left a voicemail.", 90, "n2", internal=True),
    )
    (p,) = ledger(c, now=AT + timedelta(days=1))
    assert p.message_id == "a1"
    assert p.state == "broken"  # the notes never reached the customer, and today is over


def test_a_split_reply_does_not_keep_itself() -> None:
    c = conv(
        customer("My parcel is lost.", 0),
        agent("So sorry, we'll get back to you once the courier replies. 1/2", 1, "a1"),
        agent("In the meantime, here's the tracking page. 2/2", 1.2, "a2"),
    )
    (p,) = ledger(c)
    assert p.state == "open"


def test_no_timestamps_orders_by_position() -> None:
    c = conv(
        customer("My bill is wrong."),
        agent("I'll keep you updated on this."),
        customer("Thanks"),
        agent("Update: the billing team has corrected the charge.", id="a2"),
    )
    (p,) = ledger(c)
    assert (p.state, p.due, p.kept_at, p.early, p.evidence, p.evidence_index) == (
        "kept",
        None,
        None,
        False,
        "a2",
        3,
    )


def test_messages_after_now_are_not_read() -> None:
    c = conv(
        customer("Any news on my refund?", 0),
        agent("I'll get back to you tomorrow.", 5, "a1"),
        customer("ok", 6),
        agent("Here's your update.", 60 * 10, "a2"),
    )
    (p,) = ledger(c, now=AT + timedelta(hours=2))
    assert p.state == "open"


def test_ledger_in_new_york_across_the_dst_change() -> None:
    ny = ZoneInfo("America/New_York")
    start = datetime(2026, 10, 31, 23, 30, tzinfo=ny)  # EDT; at 02:00 EDT the clocks go back to 01:00 EST

    def night(answer: datetime) -> Conversation:
        return Conversation(
            id="dst",
            messages=(
                Message(role=Role.CUSTOMER, text="Outage on my street.", timestamp=start),
                Message(role=Role.AGENT, text="We'll get back to you within 3 hours.", timestamp=start),
                Message(role=Role.CUSTOMER, text="ok", timestamp=start + timedelta(minutes=1)),
                Message(role=Role.AGENT, text="Power is back, thanks for your patience.", timestamp=answer),
            ),
        )

    # Due 3 real hours later: 06:30 UTC, the *second* 01:30 of the night (EST).
    (p,) = ledger(night(datetime(2026, 11, 1, 1, 45, fold=0, tzinfo=ny)))  # the first 01:45 (EDT), 05:45 UTC
    assert p.due is not None and p.due.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert (p.state, p.early) == ("kept", True)  # early, although the wall clock reads 01:45 > 01:30
    (p,) = ledger(night(datetime(2026, 11, 1, 1, 45, fold=1, tzinfo=ny)))  # the second 01:45 (EST), 06:45 UTC
    assert (p.state, p.early) == ("kept", False)


def test_empty_conversation() -> None:
    assert ledger(Conversation()) == []
    assert ledger(conv(customer("hello", 0))) == []
