from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Status, Step
from makeitlast.rules.apologize._step import APOLOGY
from makeitlast.rules.listen._reflect import sorry_line


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
        )
