from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

#: Telling the customer they are wrong, lying or confused.
ARGUES = Phrases.of(
    [
        r"(you're|you are|ur|u r|you were|you've been|you have been) (simply |just |completely |totally |clearly "
        r"|obviously |flat out |dead )?(wrong|mistaken|incorrect|confused|lying|misinformed|making (this|that|it) "
        r"up|exaggerating|not telling the truth|not being honest)",
        r"(you|u) (are|'re) (the one )?(who is |who's )?(wrong|mistaken|lying)",
        r"(that's|that is|thats|this is|it's|it is) (simply |just |completely |totally |absolutely |flat out )?"
        r"(a lie|a lie|lies|nonsense|rubbish|ridiculous|not true|untrue|false|incorrect|wrong)",
        r"(that|this|it) (never|did not|didn't) happen(ed)?",
        r"(we|i) (never|did not|didn't|do not|don't) (said|say|promised|promise|told|tell) (that|you that|you "
        r"anything|anything|any such thing|such a thing)",
        r"(you|u) (never|didn't|did not) (contact|call|email|message|dm|tell|ask|send|write|reach)(ed)? (us|me)",
        r"(no,? )?(you|u) (didn't|did not|never)\.",
        r"(i|we) (completely |totally |strongly )?disagree",
        r"(that's|that is|this is) not what happened",
    ],
)

#: Forms that answer a question rather than contradict the customer ("Is it true you're closing?" "That's not
#: true, we're staying open"): only checked against a customer who asked something.
ANSWERS = Phrases.of(
    [
        r"(that's|that is|thats|this is|it's|it is) (simply |just |completely |totally |absolutely )?(not true|untrue|"
        r"false|incorrect|wrong)"
    ],
    negation=None,
    quotes=False,
)


book.register("D011", ARGUES)


#: A qualified statement or an admission, not a contradiction ("that's not true for every plan", "that was wrong
#: of us").
QUALIFIED = Phrases.of(
    [
        r"(not true|untrue|false|incorrect|wrong) (for|of|in|with|when|if|on|about|everywhere|always|across|"
        r"anymore|any more|in all cases|of us|of me)",
    ],
    negation=None,
    quotes=False,
)


SEE_IT = "<see it differently>"
#: A contradiction → a different view, said with respect; a denial of what the customer says happened → what our
#: records show (a person checks that claim: unsafe).
RESPECTFUL = rw.table(
    [
        (r"(you're|you are|ur|u r|you were|you've been|you have been) .+", SEE_IT, True),
        (r"(you|u) (are|'re) .+", SEE_IT, True),
        (r"(that's|that is|thats|this is|it's|it is) .+", SEE_IT, True),
        (r"(i|we) (completely |totally |strongly )?disagree", SEE_IT, True),
        (r"(that|this|it) (never|did not|didn't) happen(ed)?", "I can't find a record of that", False),
        (r"(we|i) (never|did not|didn't|do not|don't) (said|say|promised|promise|told|tell) .+",
         "I can't find that in our records", False),
        (r"(you|u) (never|didn't|did not) (contact|call|email|message|dm|tell|ask|send|write|reach)(ed)? (us|me)",
         "I can't find your earlier message", False),
        (r"(no,? )?(you|u) (didn't|did not|never)\.", "I can't find a record of that.", False),
    ]
)
_ABOUT = re.compile(r"\s+about\s+([^,.;:!?]{1,60}?)(?=\s*(?:[,.;:!?]|$))", re.I)
_SEP = re.compile(r"\s*(?:[,:;]|\s[-–—])\s*")


def respect_fix(view: TextView, found: Span) -> Fix | None:
    """"You're wrong, the fee was on the page" → "I see it differently: the fee was on the page"."""
    hit = rw.lookup(RESPECTFUL, found.text)
    if hit is None:
        return None
    words, safe, _m = hit
    text = view.text
    if words != SEE_IT:
        return rw.replace(view, found.start, found.end, words, safe=safe)
    about = _ABOUT.match(text, found.end)
    if about is not None:
        return rw.replace(view, found.start, about.end(), f"I see {about.group(1)} differently", safe=True)
    sep = _SEP.match(text, found.end)
    if sep is not None and sep.end() < len(text) and text[sep.end()].isalnum():
        return rw.replace(view, found.start, sep.end(), "I see it differently: ", safe=True)
    a, b = rw.sentence_bounds(view, found.start)
    if not text[found.end : rw.content_end(text, a, b)].strip():
        explained = bool(text[b:].strip())  # the next sentence says how we see it
        if explained:
            return rw.replace(view, found.start, found.end, "I see it differently", safe=True)
        return rw.replace(view, found.start, found.end, f"I see it differently: {rw.BLANK}", safe=False)
    return rw.replace(
        view, found.start, rw.clause_end(view, found.end), f"I see it differently: {rw.BLANK}", safe=False
    )


@register
class Argues(Rule):
    """Arguing with the customer.

    What it does:
        Flags flat contradiction: "you're wrong", "you're mistaken", "that's not true", "that's a lie", "that never
        happened", "we never said that", "you never contacted us". Correcting information the customer asked
        about ("Is it true you're closing?" "That's not true, we're staying open") is an answer, not an argument.

    Why it matters:
        The workshop notes: "Having a difference of opinion is okay, but handle it with mutual respect". A
        contradiction puts the customer on the defensive; a shared look at the facts keeps you on the same side.

    Example:
        That's not true, we never promised a refund.

    Instead:
        I've checked your conversation from Monday and I can't see a refund agreed there; could you DM me who you
        spoke to so I can look into it?
    """

    code = "D011"
    name = "argues"
    step = Step.DONTS
    severity = Severity.ERROR
    weight = 20
    summary = "Contradicts the customer flatly (“you're wrong”, “that's not true”)"

    patterns = ARGUES
    bad = (
        Example("That's not true, we never said that.", customer="Your agent promised me a refund last week"),
        Example("You're wrong, the fee was on the booking page.", customer="You hid the booking fee!"),
        Example(
            "You never contacted us about this.", customer="I've emailed you three times about my refund"
        ),
    )
    good = (
        Example(
            "I'm sorry about the confusion. I can't see a refund agreed in your notes; could you DM me who you "
            "spoke to so I can check?",
            customer="Your agent promised me a refund last week",
        ),
        Example(
            "That's not true, we're staying open! The store is just closing for refurbishment from 3-5 May.",
            customer="Is it true your Leeds store is closing for good?",
        ),
        Example(
            "I'm sorry for the wait. I can't find your emails, could you DM me the address you wrote from?",
            customer="I've emailed you three times about my refund",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is ARGUES:
            return book.spans(ctx.reply, "D011")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        found = self._found(ctx)
        if not found:
            return
        asked = ctx.customer is not None and "?" in ctx.customer.text
        answers = ANSWERS.find(ctx.reply) if asked else []
        qualified = QUALIFIED.find(ctx.reply)
        for span in found:
            if any(a.start == span.start for a in answers) or any(
                span.start < q.end and q.start < span.end for q in qualified
            ):
                continue
            yield self.finding(
                f"“{span.text}” contradicts the customer flatly. “Having a difference of opinion is okay, but "
                "handle it with mutual respect.”",
                span,
                f"Replace “{span.text}” with a look at the facts together: “I see it differently in our records: "
                "… Could you help me understand what you saw?”",
                fix=respect_fix(ctx.reply, span),
            )
