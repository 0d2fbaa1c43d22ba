from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.thank._step import SPECIFIC_THANKS
from makeitlast.rules.thank._suggest import PATIENCE, patient, specific_thanks


@register
class NoThanks(Rule):
    """The reply never thanks the customer.

    What it does:
        Flags a reply with no thanks anywhere: no "thank you", "thanks", "we appreciate ...". "No thanks",
        "thanks to the update" (a cause, not gratitude), a quoted "thanks" and "we'd appreciate it if you could"
        (a request) do not count as thanks.

    Why it matters:
        The workshop notes: "Find something to thank them for!" and "every culture appreciates 'thank you'".
        Even a complaint is a gift ("complaints are a gift!"): it shows where we miss the mark.

    Example:
        Please DM us your account number.

    Instead:
        Thank you for your patience with this. Please DM us your account number and I'll check it right away.
    """

    code = "T001"
    name = "no-thanks"
    step = Step.THANK
    severity = Severity.WARNING
    weight = 0
    summary = "No thanks anywhere in the reply"

    #: What counts as a specific thanks; a team adds its own with ``[tool.makeitlast.phrases] T001 = [...]``.
    patterns = SPECIFIC_THANKS

    bad = (
        Example(
            "Please DM us your account number.",
            customer="My bill doubled this month and nobody can explain why",
        ),
        Example(
            "No thanks needed! Your replacement ships tomorrow and arrives by Friday.",
            customer="Still waiting on my replacement headphones",
        ),
        Example(
            "Thanks to the new update, the app should stop crashing. Let us know if it happens again.",
            customer="The app crashes every time I open it",
        ),
    )
    good = (
        Example(
            "Thanks for your patience! Your replacement ships tomorrow and arrives by Friday.",
            customer="Still waiting on my replacement headphones",
        ),
        Example(
            "We appreciate you flagging this. The fix goes out tonight.",
            customer="Your checkout page is down",
        ),
        Example(
            "Thanks for reaching out! Which device are you using?", customer="The app keeps logging me out"
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        result = ctx.steps.get(Step.THANK)
        if result is None or not result.applicable or result.status is not Status.MISSING:
            return
        yield self.finding(
            "The reply never thanks the customer. “Find something to thank them for!”: their patience, the details, "
            "for telling you about the problem.",
            None,
            specific_thanks(ctx),
            fix=rw.insert_at_end(ctx.reply, PATIENCE, safe=True)
            if patient(ctx)
            else rw.insert_at_end(ctx.reply, specific_thanks(ctx), safe=False),
        )
