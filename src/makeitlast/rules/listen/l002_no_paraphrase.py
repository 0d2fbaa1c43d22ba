from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.listen._reflect import points_quoted, swap_pronouns
from makeitlast.rules.listen._step import points, reflected

#: A complaint makes "several points" when this many of its sentences say something of their own.
MIN_POINTS = 2
#: A reply that echoes this many of the customer's distinct content words has summarized them.
MIN_ECHOED = 2


@register
class NoParaphrase(Rule):
    """A complaint with several points gets no summary or repeating back.

    What it does:
        Flags (as advice) a reply to a customer who reports a bad experience in two or more substantial sentences
        when the reply neither paraphrases ("so your card was charged twice and ...", "it sounds like") nor echoes
        at least two of the customer's own points. A reply that does not acknowledge the customer at all is
        L001 instead.

    Why it matters:
        The workshop notes: "Neutralize a situation by repeating back (paraphrasing) and summarizing what they've
        said". A summary proves you heard every point, and lets the customer correct you before you solve the
        wrong problem.

    Example:
        Sorry to hear that. Please DM us.

    Instead:
        So your order came a week late and the box was crushed, and nobody answered your email. I'm sorry: I've
        refunded the shipping and sent a replacement today.
    """

    code = "L002"
    name = "no-paraphrase"
    step = Step.LISTEN
    severity = Severity.ADVICE
    weight = 0
    summary = "A complaint with several points gets no summary"

    bad = (
        Example(
            "Sorry to hear that. Please DM us.",
            customer="My order came a week late. The box was crushed and the lamp inside is broken. "
            "Nobody answered my email either.",
        ),
        Example(
            "We understand your frustration. Please DM us the details.",
            customer="The engineer didn't show up on Tuesday. I took the whole day off work for nothing. "
            "Now your website says the appointment was completed!",
        ),
    )
    good = (
        Example(
            "So your order came late, the lamp is broken and nobody answered your email. I'm sorry: a replacement "
            "lamp ships today and I've refunded the delivery.",
            customer="My order came a week late. The box was crushed and the lamp inside is broken. "
            "Nobody answered my email either.",
        ),
        Example("Sorry to hear that. Please DM us.", customer="Card declined again"),
        Example(
            "I'm sorry the engineer didn't show up after you took the day off, and that the website marked the "
            "appointment completed. I've booked a new visit for 8am tomorrow.",
            customer="The engineer didn't show up on Tuesday. I took the whole day off work for nothing. "
            "Now your website says the appointment was completed!",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        result = ctx.steps.get(Step.LISTEN)
        if (
            result is None
            or not result.applicable
            or result.status is Status.MISSING
            or ctx.customer is None
            or ctx.reading is None
            or not ctx.reading.bad_experience
        ):
            return
        if result.status is Status.PRESENT and reflected(result) >= MIN_ECHOED:
            return
        made = points(ctx.customer)
        if len(made) < MIN_POINTS:
            return
        said = points_quoted(ctx, made)
        summary = (
            "So " + ", and ".join(rw.lower_word(swap_pronouns(p)) for p in said) + ". " if said else "So … "
        ).replace(" ….", " …")
        quoted = "; ".join(f"“{p}”" for p in said)
        yield self.finding(
            "The customer made several points and the reply repeats none of them back. “Neutralize a situation by "
            "repeating back (paraphrasing) and summarizing what they've said.”",
            None,
            (
                f"Sum up their points ({quoted}) in one line before you answer: "
                if quoted
                else "Sum up their points in one line before you answer: "
            )
            + "“So <their first point>, and <their second point>. Here's what I'll do: …”",
            fix=rw.insert_at_start(ctx.reply, summary.strip(), safe=False),
        )
