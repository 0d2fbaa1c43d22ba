from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

_THING = (
    r"(your|the) (\w+ )?(package|parcel|order|delivery|shipment|refund|money|funds|replacement|item|items|"
    r"engineer|technician|tech|driver|courier|bag|bags|luggage|suitcase|flight|train|bus|credit|repair|fix|"
    r"update|patch|service|internet|signal|connection|outage)"
)

#: Promises nobody can keep: guarantees, "never again", 100%, instant results from others.
OVER_PROMISE = Phrases.of(
    [
        r"(i|we) (can |will |personally |absolutely |100% )?guarantee",
        r"(it's|it is|this is|that's|that is|they're|they are|you're|you are) guaranteed",
        r"guaranteed to",
        r"(i|we) (can )?promise (you )?(that )?(it|this|that|your \w+|the \w+|they|he|she|you)('ll| will| won't| "
        r"will not| is going to| are going to| never| can't| cannot)",
        r"(this|it|that|such a thing|this kind of thing|something like this)('ll| will)? (never|won't|will not) "
        r"(ever )?(happen|occur|be repeated)( \w+)? again",
        r"never (ever )?(happen|occur)s? again",
        r"(i'm|i am|we're|we are|be|it's|it is|this is) 100\s?(%|percent|per cent)",
        r"100\s?(%|percent|per cent) (sure|certain|guaranteed?|fixed|resolved|working|safe|secure|accurate|on time|"
        r"will|won't)",
        r"(a )?hundred (percent|per cent) (sure|certain)",
        _THING + r" (will|'ll|is going to|should) (definitely |certainly |surely |absolutely )?(arrive|be "
        r"(delivered|there|back|refunded|credited|in your account|fixed|resolved|sorted|restored|with you|on "
        r"(its|their) way|working)|reach you|show up|come|land|get to you|work) (right away|immediately|"
        r"instantly|in no time|straight away|right now|within the hour|in minutes|today for sure|for sure|"
        r"without fail|no matter what)",
        r"(will|'ll) (definitely|certainly|surely|absolutely) (arrive|be (delivered|fixed|resolved|there|on time)|"
        r"work|get to you|reach you) (by|today|tomorrow|on time|in time|tonight)",
        r"(never|won't ever|will not ever) (have|experience|see|get|face) (this|that|these|those|any|another|"
        r"the same) (\w+ )?(again|problems?|issues?|delays?|trouble)",
    ],
)


book.register("D004", OVER_PROMISE)

#: A promise outside our control → a commitment we control, or the same words without the guarantee.
COMMITMENTS = rw.table(
    [
        (r"(i|we) (can |will |personally |absolutely |100% )?guarantee", "I'll personally make sure", True),
        (r"guaranteed to", "expected to", True),
        (r"(it's|it is|this is|that's|that is|they're|they are|you're|you are) guaranteed", r"\1 what we expect",
         False),
        (r"(i|we) (can )?promise (you )?(that )?(?P<rest>.+)", r"I'll personally make sure \g<rest>", True),
        (r"(?P<what>this|it|that|such a thing|this kind of thing|something like this)('ll| will)? (never|won't|will "
         r"not) (ever )?(happen|occur|be repeated)( \w+)? again",
         "we're taking steps so this doesn't happen again", True),
        (r"never (ever )?(happen|occur)s? again", "doesn't happen again", False),
        (r"(?P<who>i'm|i am|we're|we are) 100 ?(%|percent|per cent)", r"\g<who> confident", True),
        (r"(be|it's|it is|this is) 100 ?(%|percent|per cent)", r"\1 confident", False),
        (r"100 ?(%|percent|per cent) (sure|certain)", "confident", True),
        (r"100 ?(%|percent|per cent) (?P<how>guaranteed?|fixed|resolved|working|safe|secure|accurate|on time)",
         r"\g<how>", True),
        (r"100 ?(%|percent|per cent) (?P<how>will|won't)", r"\g<how>", True),
        (r"(a )?hundred (percent|per cent) (sure|certain)", "confident", True),
        (r"(?P<head>.+) (definitely |certainly |surely |absolutely )?(?P<when>right away|immediately|instantly|in no "
         r"time|straight away|right now|within the hour|in minutes)", r"\g<head> as soon as possible", True),
        (r"(?P<head>.+) (definitely |certainly |surely |absolutely )?(?P<when>today) for sure", r"\g<head> today",
         True),
        (r"(?P<head>.+) (definitely |certainly |surely |absolutely )?(for sure|without fail|no matter what)",
         r"\g<head>", True),
        (r"(will|'ll) (definitely|certainly|surely|absolutely) (?P<rest>.+)", r"should \g<rest>", True),
        (r"(never|won't ever|will not ever) (have|experience|see|get|face) .+", "we're taking steps so this doesn't "
         "happen again", False),
    ]
)


def commitment_fix(view: TextView, found: Span) -> Fix | None:
    hit = rw.lookup(COMMITMENTS, found.text)
    if hit is None:
        return None
    words, safe, _m = hit
    return rw.replace(view, found.start, found.end, words, safe=safe)


@register
class OverPromise(Rule):
    """Promising what is outside your control.

    What it does:
        Flags guarantees ("I guarantee", "it's guaranteed"), "this will never happen again", "100% sure", and
        instant results that depend on someone else ("your parcel will arrive right away", "the engineer will
        definitely be there by 9"). A commitment about your own next action ("I'll call you back today") is fine,
        and so are negated forms ("we can't guarantee ...").

    Why it matters:
        The workshop notes: "Don't over-promise. You want to under-promise, over-deliver". A broken guarantee
        turns one complaint into two, and "Follow through! Follow up!" only works for promises you can keep.

    Example:
        I guarantee your parcel will arrive tomorrow and this will never happen again.

    Instead:
        I've asked the courier to prioritise your parcel and I'll check its tracking tomorrow morning and update you.
    """

    code = "D004"
    name = "over-promise"
    step = Step.DONTS
    severity = Severity.WARNING
    weight = 10
    summary = "Promises outside your control (“I guarantee”, “this will never happen again”)"

    patterns = OVER_PROMISE
    bad = (
        Example(
            "I guarantee your parcel will arrive tomorrow.",
            customer="My parcel is three days late",
        ),
        Example(
            "So sorry! This will never happen again.",
            customer="Your driver left my shopping in the rain",
        ),
        Example(
            "Don't worry, your refund will be in your account right away.",
            customer="Where is my refund?",
        ),
    )
    good = (
        Example(
            "I've asked the courier to prioritise your parcel and I'll check the tracking tomorrow morning.",
            customer="My parcel is three days late",
        ),
        Example(
            "So sorry! I've shared this with the store manager so we can do better next time.",
            customer="Your driver left my shopping in the rain",
        ),
        Example(
            "We can't guarantee a delivery time, but I'll check the tracking for you tomorrow.",
            customer="Will my parcel arrive by Friday?",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is OVER_PROMISE:
            return book.spans(ctx.reply, "D004")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        for span in self._found(ctx):
            yield self.finding(
                f"“{span.text}” promises something outside your control. “Don't over-promise. You want to "
                "under-promise, over-deliver.”",
                span,
                f"Replace “{span.text}” with a commitment you control: “I've flagged this with the team and I'll "
                "check on it tomorrow morning and update you.”",
                fix=commitment_fix(ctx.reply, span),
            )
