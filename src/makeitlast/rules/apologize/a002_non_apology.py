from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Step
from makeitlast.rules.apologize._step import NON_APOLOGY, may_apologize
from makeitlast.rules.listen._reflect import sorry_line


@register
class NonApology(Rule):
    """A conditional or blame-shifting apology.

    What it does:
        Flags apologies that put the problem on the customer's feelings or make it hypothetical: "sorry you feel
        that way", "I apologize that you think that", "sorry if you were upset", "sorry if this caused confusion",
        "apologies for any inconvenience this may have caused". A plain "sorry for the delay" is fine, and so is a
        quoted or negated one.

    Why it matters:
        The workshop notes ask "What's the impression left on the listener? How does it make them feel?". A
        conditional apology tells the customer the trouble may be in their head; it reads as no apology at all,
        and the customer wants "apologies" first among the remedies.

    Example:
        We're sorry you feel that way. All charges are listed on our website.

    Instead:
        I'm sorry about the surprise on your bill. Here is what each charge is for, and I've refunded the late fee.
    """

    code = "A002"
    name = "non-apology"
    step = Step.APOLOGIZE
    severity = Severity.WARNING
    weight = 5
    summary = "A conditional or blame-shifting apology (“sorry you feel that way”)"

    patterns = NON_APOLOGY
    bad = (
        Example(
            "We're sorry you feel that way. All charges are listed on our website.",
            customer="You charged me twice for the same month!",
        ),
        Example(
            "Apologies for any inconvenience this may have caused. Please DM us your details.",
            customer="The engineer never showed up and I took the day off for it",
        ),
        Example(
            "Sorry if you were upset by our driver. Please send us the trip details.",
            customer="Your driver was rude and yelled at me",
        ),
    )
    good = (
        Example(
            "I'm sorry we charged you twice. I've refunded the duplicate payment today.",
            customer="You charged me twice for the same month!",
        ),
        Example(
            "I'm sorry the engineer didn't show up after you took the day off. I've booked the first slot tomorrow.",
            customer="The engineer never showed up and I took the day off for it",
        ),
        Example(
            "You said “sorry if you were upset” was all the driver offered? I'm sorry, that's not good enough. "
            "I've reported the trip.",
            customer="Your driver was rude and yelled at me, and all he said was sorry if you were upset",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        if self.patterns is NON_APOLOGY and not may_apologize(ctx.reply):
            return
        for span in self.patterns.find(ctx.reply):
            yield self.finding(
                f"“{span.text}” is a conditional or blame-shifting apology: it tells the customer the problem is "
                "their feelings. Apologize for what happened, without “if” or “you feel”.",
                span,
                sorry_line(ctx),
            )
