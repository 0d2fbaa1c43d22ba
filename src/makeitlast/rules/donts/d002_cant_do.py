from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book
from makeitlast.rules.donts._near import inside, offered_near

_ADV = (
    r"( just| really| simply| currently| still| unfortunately| sadly| afraid| also| therefore| now| sorry)?"
)

#: A refusal: what we can't do.
CANT = Phrases.of(
    [
        r"(we|i)" + _ADV + r" (can't|cannot|can not|cant|won't be able to|will not be able to)",
        r"(we|i)('re|'m| are| am| were| was)" + _ADV + r" (unable|not able) to",
        r"(we|i) (are|am) not able to",
        r"(we|i) (aren't|'re not|'m not) able to",
        r"(that's|that is|this is|it's|it is)" + _ADV + r" not possible",
        r"(that|this|it) (isn't|is not|won't be|will not be|wouldn't be|would not be) possible",
        r"(unfortunately|sadly|sorry|i'm afraid|we're afraid),? not possible",
    ],
    negation=2,
)

#: Not refusals: eagerness and emphasis ("we can't wait", "I can't thank you enough"), and not being able to see
#: or find something, which is a request for more information in disguise.
NOT_A_REFUSAL = Phrases.of(
    [
        r"(can't|cannot|can not|cant) (wait|thank|believe|stress|emphasi[sz]e|imagine|express|say enough|"
        r"help but|get enough|go wrong|beat|agree|apologi[sz]e enough|tell you how|describe|begin to|"
        r"overstate|recommend \w+ enough|be (happier|more|prouder|sorrier))",
        r"(can't|cannot|can not|cant|unable to|not able to|won't be able to) (seem to )?(see|find|locate|"
        r"view|open|load|hear|read|make out|access|pull up|trace|reach|tell|identify|spot|confirm receipt|"
        r"track down|match)",
    ],
    negation=None,
    quotes=False,
)


book.register("D002", CANT)

#: What follows the refusal in a rewrite: the alternative, for a person to fill in.
INSTEAD = ", but here's what I can do instead: …"
#: When the sentence already turned on a "but" ("Sorry, but we can't").
INSTEAD_AFTER_BUT = ". Here's what I can do instead: …"


def instead_fix(view: TextView, found: Span) -> Fix:
    """Keep the refusal and lead on to what we can do (unsafe: the alternative has to be written)."""
    a = rw.sentence_bounds(view, found.start)[0]
    turned = re.search(r"\bbut\b", view.text[a : found.start], re.I) is not None
    return rw.append_to_clause(view, found.start, INSTEAD_AFTER_BUT if turned else INSTEAD, safe=False)


@register
class CantDo(Rule):
    """Telling the customer what you can't do, with no alternative.

    What it does:
        Flags "we can't", "I'm unable to", "that's not possible" when neither the same, the next nor the previous
        sentence offers an alternative, a next step, a question or a reason ("We can't see your DM, could you
        resend it?" is fine, and so is "We can't refund it, but I can send a replacement today"). Eagerness
        ("we can't wait to see you") and emphasis ("I can't thank you enough") are not refusals.

    Why it matters:
        The workshop notes: "People don't care and don't want to know what you can't do". Lead with what you can
        do; a bare "we can't" ends the conversation and tells the customer there's no hope.

    Example:
        Unfortunately we are not able to assist with this request.

    Instead:
        I can't change the fare itself, but I can move you to the 6pm flight at no cost. Shall I book it?
    """

    code = "D002"
    name = "cant-do"
    step = Step.DONTS
    severity = Severity.WARNING
    weight = 10
    summary = "“We can't” / “unable to” with no alternative offered"

    patterns = CANT
    bad = (
        Example(
            "Unfortunately we are not able to assist with this request.",
            customer="Can you waive my late fee?",
        ),
        Example("Sorry, we can't do that.", customer="Can you deliver to my office instead of my home?"),
        Example("I'm afraid that's not possible.", customer="Can I change the name on my ticket?"),
    )
    good = (
        Example(
            "We can't see your DM, could you resend it?",
            customer="I sent you a DM an hour ago",
        ),
        Example(
            "We can't waive the fee, but I can set up a payment plan so it's spread over three months.",
            customer="Can you waive my late fee?",
        ),
        Example(
            "We can't wait to welcome you on board next week!",
            customer="So excited for my first flight with you!",
        ),
        Example(
            "We're unable to access accounts over Twitter for your security. Please reach us here: "
            "https://example.com/help",
            customer="Why was my account suspended?",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is CANT:
            return book.spans(ctx.reply, "D002")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        found = self._found(ctx)
        if not found:
            return
        blockers = NOT_A_REFUSAL.find(ctx.reply)
        for span in found:
            if inside(span, blockers) or offered_near(ctx.reply, span):
                continue
            yield self.finding(
                f"“{span.text}” tells the customer what you can't do, with nothing instead. “People don't care "
                "and don't want to know what you can't do.”",
                span,
                f"Instead of “{span.text} …”, lead with what you can do: “What I can do is …” (e.g. “I can't "
                "change the fare, but I can move you to the 6pm flight at no cost.”)",
                fix=instead_fix(ctx.reply, span),
            )
