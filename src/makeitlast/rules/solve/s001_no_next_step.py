from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.solve._step import NEXT_STEP
from makeitlast.rules.solve._suggest import next_step


@register
class NoNextStep(Rule):
    """Nothing concrete to hold onto: no action taken, no answer, no next step.

    What it does:
        Flags a reply to a customer who wants something, reports a problem or asks a question when it gives them
        nothing concrete: no action taken ("I've refunded the fee"), no real information, no next step for
        either side ("DM us your order number", "try restarting the app", "we'll call you by 5pm"). Vague help
        alone ("let us know if we can help", "we're here for you", "we'll pass it on") is flagged too, pointing at
        the vague words. Replies to praise or thanks are left alone.

    Why it matters:
        The workshop notes: "Be the bridge! Even if you're the intermediary, give customer something concrete to
        hold onto/look forward to." Sympathy without a way forward leaves the customer exactly where they were.

    Example:
        We're sorry to hear that. Let us know if there's anything we can do!

    Instead:
        We're sorry your parcel hasn't arrived. DM us the order number and I'll check with the courier and update
        you by 5pm today.
    """

    code = "S001"
    name = "no-next-step"
    step = Step.SOLVE
    severity = Severity.WARNING
    weight = 0
    summary = "Nothing concrete to hold onto: no action, answer or next step"

    #: What counts as a next step for the customer; a team adds its own with ``[tool.makeitlast.phrases]``.
    patterns = NEXT_STEP

    bad = (
        Example(
            "We're sorry to hear that. Let us know if there's anything we can do!",
            customer="My parcel was due on Monday and still hasn't arrived",
        ),
        Example("We're sorry for your frustration.", customer="You charged me twice for the same ticket!"),
        Example(
            "Thanks for the feedback, we'll pass it on.",
            customer="Why does the app log me out every time I switch networks?",
        ),
    )
    good = (
        Example(
            "Sorry it's late! DM us the order number and we'll check with the courier.",
            customer="My parcel was due on Monday and still hasn't arrived",
        ),
        Example(
            "I'm sorry about the double charge. I've refunded the second payment; it shows in 3-5 business days.",
            customer="You charged me twice for the same ticket!",
        ),
        Example(
            "That happens when the app can't refresh your session. Update to version 4.2, which fixes it.",
            customer="Why does the app log me out every time I switch networks?",
        ),
        Example(
            "Thanks so much, we'll pass that on to the crew!", customer="Loved my flight today, great crew!"
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        result = ctx.steps.get(Step.SOLVE)
        if result is None or not result.applicable or result.status is Status.PRESENT:
            return
        suggestion = next_step(ctx)
        # a next step commits to something (or holds a blank): a person writes it, so the fix is never safe
        fix = rw.insert_at_end(ctx.reply, suggestion, safe=False)
        if result.status is Status.WEAK and result.evidence:
            span = result.evidence[0]
            yield self.finding(
                f"“{span.text}” is vague help: there is nothing concrete to hold onto. “Be the bridge! … give "
                "customer something concrete to hold onto/look forward to.”",
                span,
                suggestion,
                fix=fix,
            )
            return
        yield self.finding(
            "The reply gives nothing concrete: no action taken, no answer, no next step. “Be the bridge! … give "
            "customer something concrete to hold onto/look forward to.”",
            None,
            suggestion,
            fix=fix,
        )
