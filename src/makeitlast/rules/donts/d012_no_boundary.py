from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.apologize.a003_over_apology import GROVELLING, MAX_APOLOGIES
from makeitlast.rules.donts import _book as book

#: Hitting back at an abusive customer.
RETALIATION = Phrases.of(
    [
        r"(you're|you are|ur|u r) (the )?(an? )?(idiot|moron|stupid|clown|joke|loser|pathetic|rude|ridiculous|"
        r"childish|crazy|insane|nuts|pig|animal|disgrace|liar|troll|baby|entitled|unreasonable|ignorant|"
        r"clueless|dumb|one to talk|a nightmare|the problem|the worst)",
        r"(same|right back) (to|at) (you|ya|u)",
        r"(shut up|go away|get lost|grow up|get a life|get over yourself|piss off|bugger off|sod off|back off)",
        r"(fuck|screw|f\*+k|damn) (you|off|u)",
        r"(learn|try) (to|how to) (read|spell|behave|use)",
        r"(don't|do not) (be|get) (so )?(rude|stupid|ridiculous|smart|cheeky|funny)( with (me|us))?",
        r"(with|given) (that|this|your) attitude",
        r"(you|u) (deserve|deserved|asked for) (it|this|that)",
        r"(go|take your business) (somewhere else|elsewhere)( then)?",
        r"(we|i) (don't|do not) (need|want) (customers|people) like you",
        r"who do you think you are",
    ],
)

#: Grovelling at abuse: agreeing with the insults, accepting any treatment.
GROVEL_AT_ABUSE = Phrases.of(
    [
        r"(you're|you are) (absolutely |totally |completely |so |100% )?right,? (we|i)('re| are|'m| am) "
        r"(idiots|useless|incompetent|pathetic|terrible|awful|the worst|stupid|clowns|a joke|morons|hopeless)",
        r"(we|i) (totally |completely |fully |truly )?deserve (that|this|it|every|all|your anger|to be)",
        r"(call|yell at|shout at|swear at|scream at) (us|me) (whatever|all|anything) (you )?(want|like)",
        r"(yell|shout|swear|scream|vent) at (us|me) (all|as much as) you (want|like|need)",
        r"(we|i)('re| are|'m| am) (idiots|useless|incompetent|morons|clowns|a joke)",
        r"(whatever|anything) you (say|want)",
    ],
)

#: A calm boundary: respectful language asked for, abuse named and not accepted.
BOUNDARY = Phrases.of(
    [
        r"(keep|keeping) (it|this|things|the conversation|our conversation|the language|your language|language)"
        r" (respectful|civil|polite|professional|friendly|clean|kind)",
        r"(we|i) (won't|will not|don't|do not|can't|cannot) (tolerate|accept|respond to|engage with)",
        r"(abusive|offensive|foul|threatening|insulting|that kind of|that type of|such|this kind of|this type of) "
        r"(language|behaviou?r|comments|messages|remarks)",
        r"(treat|speak to|talk to) (our|my) (team|staff|agents|colleagues|people|crew|employees) with (respect|"
        r"courtesy|kindness)",
        r"(mutual|with) respect",
        r"(no need for|there's no need for) (that|the|such|this|insults|name-calling|language)",
        r"(ask|asking|remind|reminding|request) (you )?(to )?(please )?(keep|be|remain|stay) (respectful|civil|"
        r"polite|calm|kind|courteous)",
        r"(avoid|refrain from) (the use of |using )?(that|this|such|offensive|abusive|foul|that type of|that kind "
        r"of) (language|words|behaviou?r)",
    ],
    negation=None,
)


book.register("D012", RETALIATION)


#: The calm boundary a rewrite puts in place of the retaliating or grovelling sentence.
BOUNDARY_LINE = "I want to help you with this, and I'll ask that we keep it respectful."


def boundary_fix(view: TextView, found: Span) -> Fix | None:
    """The sentence that hits back (or grovels) becomes the calm boundary; when the reply already sets one, the
    sentence simply goes."""
    if BOUNDARY.first(view) is not None:
        return rw.delete(view, *rw.sentence_bounds(view, found.start))
    return rw.replace_sentence(view, found.start, BOUNDARY_LINE, safe=True)


@register
class NoBoundary(Rule):
    """An abusive customer, met with retaliation or grovelling instead of a calm boundary.

    What it does:
        When the customer insults or threatens staff (``reading.abusive``), flags a reply that hits back ("you're
        the rude one", "grow up", "take your business elsewhere") or grovels ("you're right, we're useless", "we
        deserve it", apology after apology). A calm, professional reply that helps is fine, and one that sets a
        boundary ("we're happy to help, but please keep it respectful") is the goal.

    Why it matters:
        The workshop notes: "But don't let customers take advantage of you! Set boundaries, stand firm, be
        assertive", and "This is our house". Retaliation escalates; grovelling rewards the abuse.

    Example:
        You're the one being rude. Grow up.

    Instead:
        I want to help you sort out the refund, and I'll ask that we keep this respectful. Could you DM me the
        order number?
    """

    code = "D012"
    name = "no-boundary"
    step = Step.DONTS
    severity = Severity.ERROR
    weight = 20
    summary = "Retaliates or grovels at an abusive customer instead of setting a calm boundary"

    patterns = RETALIATION
    bad = (
        Example("You're the one being rude. Grow up.", customer="You useless idiots lost my bag AGAIN"),
        Example(
            "You're absolutely right, we're useless. We deserve every word.",
            customer="You people are incompetent morons, where is my refund",
        ),
    )
    good = (
        Example(
            "I want to help you find your bag, and I'll ask that we keep this respectful. Could you DM me the file "
            "reference?",
            customer="You useless idiots lost my bag AGAIN",
        ),
        Example(
            "I'm sorry the refund is taking so long. I've checked and it was sent today; it shows within 3 days.",
            customer="You people are incompetent morons, where is my refund",
        ),
        Example(
            "Grow up? Our kids' menu grows with them, up to age 12!", customer="Do you have a kids menu?"
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is RETALIATION:
            return book.spans(ctx.reply, "D012")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        if ctx.reading is None or not ctx.reading.abusive:
            return
        boundary = "Set a calm boundary and keep helping: “I want to help you with this, and I'll ask that we keep it "
        boundary += "respectful. Here's what I can do: …”"
        hit = next(iter(self._found(ctx)), None)
        if hit is not None:
            yield self.finding(
                f"“{hit.text}” hits back at an abusive customer. “Set boundaries, stand firm, be assertive”: calmly, "
                "without retaliating.",
                hit,
                boundary,
                fix=boundary_fix(ctx.reply, hit),
            )
            return
        if BOUNDARY.first(ctx.reply) is not None:
            return
        grovel = GROVEL_AT_ABUSE.first(ctx.reply) or GROVELLING.first(ctx.reply)
        if grovel is None:
            result = ctx.steps.get(Step.APOLOGIZE)
            if (
                result is not None
                and result.status is Status.PRESENT
                and len(result.evidence) > MAX_APOLOGIES
            ):
                grovel = result.evidence[MAX_APOLOGIES]
        if grovel is not None:
            yield self.finding(
                f"“{grovel.text}” grovels to an abusive customer. “Don't let customers take advantage of you! Set "
                "boundaries, stand firm, be assertive.”",
                grovel,
                boundary,
                fix=boundary_fix(ctx.reply, grovel),
            )
