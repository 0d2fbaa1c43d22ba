from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.apologize._step import APOLOGY
from makeitlast.rules.listen._reflect import sorry_line

#: The apology a fix puts at the start of the reply: true whenever the customer reports a bad experience, and
#: nothing to fill in (the suggestion names their problem; that wording needs a person to read it).
APOLOGY_LINE = "I'm sorry to hear about this."


#: Praise in the customer's message: the "bad experience" may be a misreading ("thanks for resolving my issue!"),
#: so an apology added for it is left for a person to check.
PRAISE = re.compile(
    r"\b(?:thank you|thanks|thx|ty)\b[^.!?]{0,40}\bfor (?:resolving|fixing|helping|sorting|solving|the (?:quick |fast )?"
    r"(?:help|fix|response)|your help|listening|being (?:so )?(?:helpful|quick|great))|\b(?:great|amazing|awesome|"
    r"excellent|fantastic|wonderful|best) (?:customer )?(?:service|support|job|team|experience)\b|\byou(?:['’]re| are| "
    r"guys are| all are|['’]ve been) (?:the best|amazing|awesome|great|so helpful)|#fanforlife|\blove (?:you|u)\b",
    re.IGNORECASE,
)


def praised(ctx: ReplyContext) -> bool:
    return ctx.customer is not None and PRAISE.search(ctx.customer.text) is not None


def apology_fix(ctx: ReplyContext) -> Fix:
    """:data:`APOLOGY_LINE` at the start of the reply; a person checks it when the customer praises (see
    :data:`PRAISE`)."""
    return rw.insert_at_start(ctx.reply, APOLOGY_LINE, safe=not praised(ctx))


@register
class NoApology(Rule):
    """Something went wrong for the customer and the reply does not apologize.

    What it does:
        Flags a reply with no apology when the customer reports a bad experience (a failure, a delay, a defect, a
        wrong charge, bad treatment). Empathy alone ("that's frustrating") is not an apology, and neither is a
        negated or quoted one ("no need to apologize"). A plain question or praise owes no apology. Under the soft
        apology culture setting (``apology = "soft"``) the finding is advice, not a warning.

    Why it matters:
        The workshop notes: apologizing "is about covering for the team and making customer feel valued", not
        taking personal responsibility. Customers want "apologies" first among the remedies, "and the vast
        majority don't receive any of this".

    Example:
        Please DM us your order number and we'll check.

    Instead:
        I'm sorry your order hasn't arrived. Please DM us the order number and I'll check where it is right away.
    """

    code = "A001"
    name = "no-apology"
    step = Step.APOLOGIZE
    severity = Severity.WARNING
    weight = 0
    summary = "The customer had a bad experience and the reply does not apologize"

    #: What counts as an apology; a team adds its own with ``[tool.makeitlast.phrases] A001 = [...]``.
    patterns = APOLOGY

    bad = (
        Example(
            "Please DM us your order number and we'll check.",
            customer="My order still hasn't arrived and it's been two weeks",
        ),
        Example(
            "That's frustrating. Try restarting the app and logging in again.",
            customer="Your app keeps crashing every time I open it",
        ),
        Example(
            "There's no need to apologize! Your replacement ships today.",
            customer="Sorry to bother you, but the blender I got is broken",
        ),
    )
    good = (
        Example(
            "I'm sorry it hasn't arrived yet. Please DM us your order number and I'll check right away.",
            customer="My order still hasn't arrived and it's been two weeks",
        ),
        Example(
            "We apologise for the crashes. Version 4.2, out today, fixes them.",
            customer="Your app keeps crashing every time I open it",
        ),
        Example("We're open until 10pm on Sundays!", customer="What time do you close on Sundays?"),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        result = ctx.steps.get(Step.APOLOGIZE)
        if result is None or result.status is not Status.MISSING or ctx.reading is None:
            return
        soft = ctx.settings.apology == "soft"
        if not (result.applicable or (soft and ctx.reading.bad_experience)):
            return
        severity = Severity.ADVICE if soft and self.code not in ctx.settings.severity else None
        yield self.finding(
            "The customer says something went wrong and the reply never apologizes. An apology is not personal "
            "guilt: it is “covering for the team and making customer feel valued”.",
            None,
            sorry_line(ctx),
            severity=severity,
            fix=apology_fix(ctx),
        )
