from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book
from makeitlast.rules.donts._near import WINDOW, around
from makeitlast.rules.solve._step import NEXT_STEP, QUESTION, VAGUE, WILL_DO

#: The agent or the team promising to do something later.
PROMISE = Phrases.of(
    [
        r"(i'll|we'll|i will|we will|i'm going to|we're going to|i am going to|we are going to|i'll be sure to|"
        r"we'll be sure to|i'll make sure to|we'll make sure to|i'll also|we'll also|i'll then|we'll then|"
        r"i'll personally|we'll definitely|i'll definitely|i'll still|we'll still|i'll now|we'll now) "
        + WILL_DO,
        r"(someone|somebody|a (member|colleague|specialist|supervisor|manager|technician|tech|engineer|agent|"
        r"rep|representative|advisor|team member)|(our|the|that|this) (\w+ ){0,2}(team|department|dept|"
        r"specialists?|engineers?|techs?|technicians?|agents?|reps?|representatives?|supervisor|manager|"
        r"colleagues?|folks)) (will|'ll|is going to|are going to) (be )?(get back|contact|reach out|call|ring|"
        r"email|e-mail|text|message|be in touch|in touch|follow up|look into|investigate|review|check|respond|"
        r"reply|update you|let you know|contacting|calling|reaching out)",
        r"(you'll|you will) (be )?(hear|hear back|receive|get) (from us|from them|from the team|back|an? (email|"
        r"call|update|response|reply|message|refund|replacement|credit|voucher))",
        r"(your|the) (refund|replacement|credit|voucher|reimbursement|compensation|new \w+|order|package|parcel|"
        r"repair|fix|money) (will|'ll|is going to) (be )?(processed|issued|sent|refunded|credited|shipped|"
        r"dispatched|arrive|delivered|posted|applied|reflected|back|fixed|with you)",
    ],
    negation=2,
)

#: Any expectation of when.
TIMELINE = Phrases.of(
    [
        r"within (the next|the hour|a|an|\d|one|two|three|four|five|six|seven|24|48|72|a few|a couple)",
        r"(by|before|until|till|no later than) (the )?(end of (the )?(day|week|month|business)|close of business|"
        r"eod|cob|tomorrow|tonight|today|noon|midday|midnight|lunch|this (evening|afternoon|morning|week)|next "
        r"(week|month)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|"
        r"fri|sat|sun|\d)",
        r"(today|tomorrow|tonight|this (morning|afternoon|evening|week|weekend)|later today|later this \w+|"
        r"next (week|month|day|business day|working day|monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday)|over the (next|coming) \w+|in the (next|coming) \w+)",
        r"(shortly|soon|soonest|asap|a\.s\.a\.p|as soon as (possible|we can|i can|we're able|it's|they|the)|"
        r"right away|straight away|immediately|momentarily|in a (moment|minute|bit|few|couple|sec|second|jiffy)|"
        r"any (minute|moment|time now)|right now|in no time|promptly|first thing|on monday|on tuesday|"
        r"on wednesday|on thursday|on friday|on saturday|on sunday|at once|overnight)",
        r"in (about |around |approximately |roughly |up to |under |less than )?(\d+|one|two|three|four|five|six|"
        r"seven|ten|a few|a couple( of)?)( to | - |-|–)?\d* (business |working |calendar )?(minutes|mins|hours|"
        r"hrs|days|weeks|months)",
        r"\d+\s?(-|–|to)\s?\d+ (business |working |calendar )?(minutes|mins|hours|hrs|days|weeks|months)",
        r"(\d+|one|two|three|24|48|72) (business |working )?(hours|days|weeks)",
        r"(at|around|by|from|after|before) \d{1,2}(:\d\d)?\s?(am|pm|a\.m\.|p\.m\.)?",
        r"\d{1,2}(:\d\d)?\s?(am|pm)",
        r"(on|by|before|after|from) (the )?\d{1,2}(st|nd|rd|th)",
        r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|"
        r"apr|jun|jul|aug|sep|sept|oct|nov|dec) \d{1,2}",
        r"(eta|deadline|estimated (time|date|delivery)|turnaround|time\s?frame|timeline)",
    ],
    negation=None,
)

#: Words in the promise's sentence that tie it to something the customer does first, or to an event.
CONDITION = Phrases.of(
    [
        r"(once|when|whenever|if|after|as soon as|upon|so that|so|and then|then|in order to|to help us|to allow)",
        r"(we|i) can",
    ],
    negation=None,
    quotes=False,
)


def _conditional(view: TextView, span: Span) -> bool:
    """Is the promise tied to a step the customer takes first ("DM us your email and we'll check", "Can you send
    the link? We'll take a look", "We'll fix it. Please DM us your account number") or to an event ("once it
    ships ...")?"""
    before, after = around(view, span, before=1, after=1)
    start = view.sentence_at(span.start)[0]
    same = TextView(view.text[max(start, span.start - WINDOW) : span.start])
    if same.text.strip() and CONDITION.first(same, raw=True) is not None:
        return True
    return any(
        (NEXT_STEP.first(part, raw=True) or QUESTION.first(part, raw=True)) is not None
        for part in (TextView(before), TextView(after))
        if part.text.strip()
    )


book.register("S002", PROMISE)

#: The time a fix adds to the promise: a person confirms it can be beaten (unsafe).
WHEN = " within 24 hours"


@register
class NoTimeline(Rule):
    """A promise with no expectation of when.

    What it does:
        Flags a commitment the agent or the team makes ("we'll look into it", "someone will call you", "your refund
        will be processed") when the reply gives no time anywhere: no "within 24 hours", "by Friday", "tomorrow",
        "in 3-5 business days", "shortly". A promise that follows a step the customer takes first ("DM us your
        order number and we'll check") is left alone: it happens when they write.

    Why it matters:
        The workshop notes: "Don't over-promise. You want to under-promise, over-deliver", and "Follow through!
        Follow up!". A promise with a time sets an expectation you can beat; one without leaves the customer
        waiting and checking.

    Example:
        We'll look into this and get back to you.

    Instead:
        We'll look into this and get back to you by 5pm tomorrow.
    """

    code = "S002"
    name = "no-timeline"
    step = Step.SOLVE
    severity = Severity.ADVICE
    weight = 0
    summary = "A promised next step with no expectation of when"

    patterns = PROMISE
    bad = (
        Example(
            "I'm sorry about this. We'll look into it and get back to you.",
            customer="My router has dropped out every evening this week",
        ),
        Example(
            "Sorry for the wait! Someone from our billing team will contact you about the refund.",
            customer="I was promised a refund two weeks ago and nothing has happened",
        ),
    )
    good = (
        Example(
            "I'm sorry about this. We'll look into it and get back to you within 24 hours.",
            customer="My router has dropped out every evening this week",
        ),
        Example(
            "Sorry for the wait! Someone from our billing team will contact you by Friday about the refund.",
            customer="I was promised a refund two weeks ago and nothing has happened",
        ),
        Example(
            "Please DM us your order number and we'll check where it is.",
            customer="Where is my order?",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is PROMISE:
            return book.spans(ctx.reply, "S002")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        promises = self._found(ctx)
        if not promises or TIMELINE.first(ctx.reply) is not None:
            return
        vague = VAGUE.find(ctx.reply)
        for span in promises:
            if any(v.start < span.end and span.start < v.end for v in vague) or _conditional(ctx.reply, span):
                continue
            a, b = ctx.reply.sentence_at(span.start)
            sentence = ctx.reply.text[max(a, span.start) : b].rstrip(" .!;,")
            yield self.finding(
                f"“{span.text}” promises a next step but not when. Set an expectation you can beat: "
                "under-promise, over-deliver.",
                span,
                f"Add a time you can beat: “{sentence} by 5pm tomorrow.” (or “within 24 hours”, “by Friday”)",
                fix=rw.append_to_clause(ctx.reply, span.start, WHEN, safe=False),
            )
            return
