from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

#: Brushing the customer off.
DISMISSIVE = Phrases.of(
    [
        r"it is what it is",
        r"(that's|that is|it's|it is|this is)?\s?(not|none of) (our|my) (problem|concern|issue|business|headache)",
        r"(that's|that is|it's|it is) (your|ur) (problem|issue|concern|own problem|fault|own fault)",
        r"(just )?(deal|cope|live) with it",
        r"tough (luck|cookies|break)",
        r"too bad,? so sad",
        r"(that's|that is|thats) (just )?(life|the way it (is|goes)|how it (is|goes)|how things (are|go))",
        r"(that's|that is|it's|it is) (just )?the way (it is|things are|it goes)",
        r"(nothing|not anything) to do with (us|me)",
        r"get over it",
        r"(we|i) (don't|do not) (really )?care",
        r"take it or leave it",
        r"(not|isn't|is not) (our|my) responsibility",
        r"(so|who) cares",
        r"(whatever|fine),? (you say|then)",
        r"(not|no) (big|huge) deal",
        r"(move|moving) on\.",
    ],
)


book.register("D010", DISMISSIVE)

#: Brush-offs that carry no information: they simply go (with their comma, or their sentence).
EMPTY = re.compile(
    r"it is what it is|tough (luck|cookies|break)|too bad,? so sad|(that's|that is|thats) (just )?(life|the way it "
    r"(is|goes)|how it (is|goes)|how things (are|go))|(that's|that is|it's|it is) (just )?the way (it is|things "
    r"are|it goes)|get over it|(so|who) cares|(whatever|fine),? (you say|then)|(not|no) (big|huge) deal|(move|"
    r"moving) on\.|(just )?(deal|cope|live) with it|take it or leave it",
    re.I,
)
#: Brush-offs that refuse the problem: acknowledgement and an offer instead (a person writes the offer).
INSTEAD = "I understand how frustrating this is, and here's what I can do: …"


def acknowledge_fix(view: TextView, found: Span) -> Fix:
    words = re.sub(r"\s+", " ", found.text.replace("’", "'")).strip()
    if EMPTY.fullmatch(words):
        fix = rw.delete(view, found.start, found.end)
        if fix is not None:
            return fix
    start = rw.clause_start(view, found.start)
    return rw.replace(view, start, rw.clause_end(view, found.end), INSTEAD, safe=False)


@register
class Dismissive(Rule):
    """Brushing the customer off.

    What it does:
        Flags "it is what it is", "not our problem", "that's your problem", "deal with it", "tough luck", "that's
        just life", "nothing to do with us", "not a big deal". A quoted or negated form is fine.

    Why it matters:
        The workshop notes: customers complain to see whether you care; you "need to figure out what people want
        in order to remedy perceived indifference". A brush-off is indifference said out loud.

    Example:
        It is what it is, delays happen. Not our problem once it's left the warehouse.

    Instead:
        I'm sorry it's late. It left our warehouse on Monday; I've asked the courier for an update and I'll message
        you by 5pm.
    """

    code = "D010"
    name = "dismissive"
    step = Step.DONTS
    severity = Severity.ERROR
    weight = 20
    summary = "Brushes the customer off (“it is what it is”, “not our problem”)"

    patterns = DISMISSIVE
    bad = (
        Example("It is what it is, delays happen.", customer="My train was 40 minutes late again"),
        Example("Not our problem once it's left the warehouse.", customer="My parcel is lost"),
        Example(
            "Tough luck, the sale ended yesterday.",
            customer="I missed the sale by one day, can I still get it?",
        ),
    )
    good = (
        Example(
            "I'm sorry it was late again. I've logged the delay so you can claim compensation here: "
            "https://example.com/claims",
            customer="My train was 40 minutes late again",
        ),
        Example(
            "I'm sorry it's lost. It left our warehouse on Monday; I've asked the courier to trace it and I'll "
            "update you by 5pm.",
            customer="My parcel is lost",
        ),
        Example(
            "No problem at all! The sale ended yesterday, but I've sent you a 10% code for today.",
            customer="I missed the sale by one day, can I still get it?",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is DISMISSIVE:
            return book.spans(ctx.reply, "D010")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        for span in self._found(ctx):
            yield self.finding(
                f"“{span.text}” brushes the customer off. It reads as indifference, which is what customers "
                "complain about most.",
                span,
                f"Replace “{span.text}” with acknowledgement and action: “I understand how frustrating this is. "
                "Here's what I can do: …”",
                fix=acknowledge_fix(ctx.reply, span),
            )
