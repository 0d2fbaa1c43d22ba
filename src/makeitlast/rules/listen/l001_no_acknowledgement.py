from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.apologize.a001_no_apology import praised
from makeitlast.rules.listen._reflect import reflect
from makeitlast.rules.listen._step import PARAPHRASE
from makeitlast.rules.thank._step import BOILERPLATE_THANKS

#: What a fix says to acknowledge the customer, when nothing has to be filled in: an apology where one is owed
#: and missing, otherwise empathy for the bad experience. For anything else a person names what they asked.
ACKNOWLEDGE_SORRY = "I'm sorry to hear about this."
ACKNOWLEDGE_FEELING = "I understand how frustrating this is."
ACKNOWLEDGE_ASK = "I understand you're asking about …"


@register
class NoAcknowledgement(Rule):
    """The reply never refers to what the customer told you.

    What it does:
        Flags a reply that says nothing about the customer's own problem or facts: no echo of their words, no
        paraphrase, not even a generic "I understand" or "sorry to hear that". A template ("Please DM us") or a
        generic opener ("Thanks for reaching out!") is not acknowledgement.

    Why it matters:
        The workshop notes: "Effective listening allows you to understand what's needed and show that you care".
        A reply that could have been sent to anyone tells the customer nobody read their message ("perceived
        indifference").

    Example:
        Thanks for reaching out! Please send us a DM.

    Instead:
        I'm sorry your order #448812 arrived broken. Please DM us a photo and I'll send a replacement today.
    """

    code = "L001"
    name = "no-acknowledgement"
    step = Step.LISTEN
    severity = Severity.WARNING
    weight = 0
    summary = "The reply never refers to the customer's own problem"

    #: Paraphrases that show listening; a team adds its own with ``[tool.makeitlast.phrases] L001 = [...]``.
    patterns = PARAPHRASE

    bad = (
        Example("Thanks for reaching out! Please send us a DM.", customer="My order #448812 arrived broken"),
        Example(
            "Please follow and DM us. ^RM",
            customer="Download speed is fine but upload hovers at 0.5 Mbps on a wired connection",
        ),
        Example(
            "Hi there! Can you send us a private message?", customer="The self-checkout charged me twice"
        ),
    )
    good = (
        Example(
            "I'm sorry your order arrived broken. Please DM us a photo and I'll send a replacement today.",
            customer="My order #448812 arrived broken",
        ),
        Example(
            "Sorry to hear about this. Please DM us so we can take a closer look.",
            customer="Download speed is fine but upload hovers at 0.5 Mbps on a wired connection",
        ),
        Example(
            "That double charge shouldn't happen. I've refunded the second payment.",
            customer="The self-checkout charged me twice",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        result = ctx.steps.get(Step.LISTEN)
        if result is None or not result.applicable or result.status is not Status.MISSING:
            return
        thank = ctx.steps.get(Step.THANK)
        opener = BOILERPLATE_THANKS.first(ctx.reply) if thank and thank.status is Status.WEAK else None
        what = reflect(ctx)
        suggestion = (
            f"Name their problem in your first line, e.g. “I'm sorry {what}.”"
            if what
            else "Name their problem in your first line, in their words, e.g. “I'm sorry your parcel hasn't "
            "arrived yet.”"
        )
        message = (
            "The reply never refers to what the customer told you, so it could have gone to anyone. "
            "“Effective listening … show[s] that you care.”"
        )
        if opener is not None:
            message = f"“{opener.text}” is a generic opener, not acknowledgement. " + message
        yield self.finding(message, opener, suggestion, fix=self._fix(ctx))

    @staticmethod
    def _fix(ctx: ReplyContext) -> Fix:
        reading = ctx.reading
        if reading is not None and reading.bad_experience:
            apology = ctx.steps.get(Step.APOLOGIZE)
            missing = apology is None or apology.status is not Status.PRESENT
            line = ACKNOWLEDGE_SORRY if missing else ACKNOWLEDGE_FEELING
            return rw.insert_at_start(ctx.reply, line, safe=not praised(ctx))
        return rw.insert_at_start(ctx.reply, ACKNOWLEDGE_ASK, safe=False)
