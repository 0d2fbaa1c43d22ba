from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from makeitlast.conversation.turns import Turn
from makeitlast.engine.registry import ConversationRule, Example, register
from makeitlast.model import Finding, Role, Severity, Step

#: A customer who writes again this soon after the reply, having written this soon before it, was still telling
#: the story when the agent answered.
WINDOW = timedelta(seconds=90)


@register
class Interrupted(ConversationRule):
    """The agent answered while the customer was still mid-story.

    What it does:
        Looks at the timestamps around a reply: the customer had just written (within 90 seconds before the
        reply) and wrote again within 90 seconds after it, so more of the story was on its way when the agent
        answered. Needs timestamps; conversations without them are not judged.

    Why it matters:
        The workshop notes: "Let them finish! When you interrupt an angry person, all they'll do is start over!"
        A reply to half the story answers the wrong problem and costs a second round.

    Example:
        Customer, 10:00:05 "My order never came." Agent, 10:00:30 "Please DM us your order number." Customer,
        10:00:50 "And I was charged twice for it."

    Instead:
        Wait until the customer has finished (a pause, a question to you), then answer everything at once:
        "Thanks for all the detail: the missing order and the double charge. I'm on both now."
    """

    code = "L004"
    name = "interrupted"
    step = Step.LISTEN
    severity = Severity.WARNING
    weight = 10
    summary = "Answered while the customer was still writing"
    bad = (
        Example(
            reply="Please DM us your order number.",
            conversation=(
                ("customer", "2026-03-02T10:00:05+00:00", "@ShopCo my order never came."),
                ("agent", "2026-03-02T10:00:30+00:00", "Please DM us your order number."),
                ("customer", "2026-03-02T10:00:50+00:00", "@ShopCo and I was charged twice for it!"),
            ),
        ),
    )
    good = (
        Example(
            reply="I'm sorry about the missing order and the double charge. I've refunded the second charge.",
            conversation=(
                ("customer", "2026-03-02T10:00:05+00:00", "@ShopCo my order never came."),
                ("customer", "2026-03-02T10:00:50+00:00", "@ShopCo and I was charged twice for it!"),
                (
                    "agent",
                    "2026-03-02T10:09:00+00:00",
                    "I'm sorry about the missing order and the double charge. I've refunded the second charge.",
                ),
                ("customer", "2026-03-02T10:20:00+00:00", "@ShopCo thanks, that's great"),
            ),
        ),
        Example(
            reply="Please DM us your order number.",
            conversation=(
                ("customer", "2026-03-02T10:00:05+00:00", "@ShopCo my order never came."),
                ("agent", "2026-03-02T10:40:00+00:00", "Please DM us your order number."),
                ("customer", "2026-03-02T10:40:50+00:00", "@ShopCo done"),
            ),
        ),
    )

    def check_turn(self, turn: Turn) -> Iterator[Finding]:
        sent = turn.reply.timestamp
        if sent is None or not turn.block:
            return
        last = turn.customer_messages[-1].timestamp
        if last is None or not timedelta(0) <= sent - last <= WINDOW:
            return
        for m in turn.after():
            if m.timestamp is None or m.timestamp - sent > WINDOW:
                return
            if m.role is Role.CUSTOMER:
                yield self.finding(
                    f"The customer wrote again {int((m.timestamp - sent).total_seconds())} s after this reply, "
                    f"{int((sent - last).total_seconds())} s after their last message: they were still telling "
                    "you what happened. “Let them finish! When you interrupt an angry person, all they'll do is "
                    "start over!”",
                    suggestion="Wait for the whole story, then answer every part of it in one reply.",
                )
                return
