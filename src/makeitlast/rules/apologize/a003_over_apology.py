from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Status, Step
from makeitlast.rules.apologize._step import may_apologize

#: Self-abasement and grovelling: the agent runs the team or themselves down instead of fixing the problem.
GROVELLING = Phrases.of(
    [
        r"(i|we) (humbly )?beg (for )?(your )?(forgiveness|pardon|mercy)",
        r"(i|we) (beg|implore) you,? (to )?(please )?forgive",
        r"please,? please,? forgive",
        r"(i|we)('m| am|'re| are) (so |truly |deeply |utterly |completely |totally )?(ashamed|mortified|disgraced)",
        r"(i|we) (do not|don't) deserve (you|your|a customer|customers)",
        r"(i|we)('m| am|'re| are) (the worst|so useless|useless|pathetic|hopeless|a disgrace|an embarrassment|"
        r"not worthy|unworthy|terrible people|idiots|so stupid|stupid)",
        r"(a )?(thousand|million|hundred|gazillion) apologies",
        r"(sorry,? ){2,}sorry",
        r"so so+ (so )?sorry",
        r"(i|we) (grovel|bow down)",
        r"on (my|our) (hands and )?knees",
        r"(i|we)('ll| will) do anything,? (at all )?(to|you ask)",
        r"(we|i) can never (make (this|it) up|be forgiven)",
        r"(we|i) failed you (completely|utterly|miserably|totally)",
        r"(we|i) (feel|are|am|'m|'re) (so |truly )?(worthless|pathetic)",
    ]
)

#: Every grovelling phrase holds one of these (lower case); the others need no regex pass.
GROVEL_HINTS: tuple[str, ...] = (
    "beg",
    "implore",
    "forgive",
    "asham",
    "mortif",
    "disgrac",
    "deserve",
    "worst",
    "useless",
    "pathetic",
    "hopeless",
    "embarrass",
    "worthy",
    "terrible",
    "idiot",
    "stupid",
    "apolog",
    "sorry",
    "grovel",
    "bow down",
    "knees",
    "anything",
    "never",
    "failed",
    "worthless",
)


def may_grovel(view: TextView) -> bool:
    low = view.lower if view.lower is not None else view.text.lower()
    return any(h in low for h in GROVEL_HINTS)


#: Apologies beyond this many in one reply read as grovelling.
MAX_APOLOGIES = 2


@register
class OverApology(Rule):
    """Grovelling: apologizing again and again, or running yourself down.

    What it does:
        Flags a reply with more than two apologies, or with self-abasement ("we are so ashamed", "we don't deserve
        you", "a thousand apologies", "sorry sorry sorry", "I'm begging for your forgiveness"). One or two ordinary
        apologies, even in a long reply, are fine.

    Why it matters:
        The workshop notes: "This is our house", and "I'm especially not going to grovel for a customer". Apologize
        once, sincerely, then solve; the notes also say "Confidence! They don't need to know that you're lost or
        unsure". Grovelling puts the customer in charge of your feelings instead of getting them a fix.

    Example:
        I'm so sorry! We are so ashamed. Sorry again, we really apologize for this.

    Instead:
        I'm sorry your order was late. I've refunded the delivery fee and your package arrives tomorrow by noon.
    """

    code = "A003"
    name = "over-apology"
    step = Step.APOLOGIZE
    severity = Severity.WARNING
    weight = 10
    summary = "Repeated apologies or self-abasement (grovelling)"

    patterns = GROVELLING
    bad = (
        Example(
            "I'm so sorry! Sorry again, we really apologize for this. Your order ships tomorrow.",
            customer="My order is a week late",
        ),
        Example(
            "We are so ashamed and we don't deserve customers like you. Your refund is on its way.",
            customer="You charged me twice",
        ),
        Example(
            "A thousand apologies! I've rebooked you on the 6pm flight.", customer="My flight was cancelled"
        ),
    )
    good = (
        Example(
            "I'm sorry your order is late. It ships tomorrow and I've refunded the delivery fee.",
            customer="My order is a week late",
        ),
        Example(
            "Sorry to hear about the double charge. I've refunded the second payment today; it shows in 3-5 days. "
            "Once again, apologies for the hassle, and thanks for flagging it.",
            customer="You charged me twice",
        ),
        Example(
            "There's no need to be ashamed of asking! I've rebooked you on the 6pm flight.",
            customer="Sorry, silly question, but can I change my flight?",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        team = self.patterns is not GROVELLING
        if not team and not may_apologize(ctx.reply) and not may_grovel(ctx.reply):
            return
        suggestion = "Apologize once, sincerely, then solve: “I'm sorry about this. Here's what I've done: …”"
        grovel = self.patterns.find(ctx.reply) if team or may_grovel(ctx.reply) else []
        if grovel:
            span = grovel[0]
            yield self.finding(
                f"“{span.text}” is grovelling. “This is our house”: apologize once, sincerely, then solve.",
                span,
                suggestion,
            )
            return
        result = ctx.steps.get(Step.APOLOGIZE)
        apologies = list(result.evidence) if result and result.status is Status.PRESENT else []
        if len(apologies) > MAX_APOLOGIES:
            span = apologies[MAX_APOLOGIES]
            yield self.finding(
                f"{len(apologies)} apologies in one reply reads as grovelling. “This is our house”: apologize once, "
                "sincerely, then solve.",
                span,
                suggestion,
            )
