from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book
from makeitlast.rules.donts._near import rest_of_sentence

_SEND = (
    r"(contact|call|ring|phone|email|e-mail|message|reach out to|get in touch with|speak to|speak with|talk to|"
    r"talk with|check with|ask|write to|go back to|head back to|take (it|this|that|the matter) up with|raise "
    r"(it|this|that) with|refer (it|this|that|the matter) to|direct (your|this|that|these|those) (\w+ )?to|"
    r"file (a claim|a complaint|a dispute) with|dispute (it|this|the charge) with|reach|contacting|calling|"
    r"speaking (to|with)|checking with|getting in touch with|reaching out to)"
)
_ELSEWHERE = (
    r"(bank|banks|card issuer|card provider|credit card company|card company|issuing bank|issuer|carrier|"
    r"mobile carrier|network provider|mobile provider|phone provider|service provider|provider|isp|internet "
    r"provider|manufacturer|maker|seller|sellers|retailer|store you bought|shop you bought|merchant|vendor|"
    r"supplier|developer|developers|app developer|game developer|publisher|operating airline|other airline|"
    r"partner airline|airline|insurer|insurance company|insurance provider|courier|courier company|post "
    r"office|postal service|landlord|employer|it department|it team|administrator|admin|school|dealer|"
    r"dealership|installer|third party|third-party|marketing carrier|operating carrier|travel agent|travel "
    r"agency|booking agent|agency|hotel|venue|restaurant|franchise|franchisee|property manager|utility "
    r"company|payment provider|paypal|apple|google|microsoft|amazon|local authority|council|police)"
)

#: Sending the customer somewhere else to get their problem solved.
ELSEWHERE = Phrases.of(
    [
        _SEND
        + r" (your|the|their|that|this|them at the|the relevant|the original|your local) (\w+ )?"
        + _ELSEWHERE,
        _SEND
        + r" (another|the other|a different|a separate|the relevant|the appropriate|the right|the correct|"
        r"that) (department|dept|team|division|office|company|business)",
        r"(not|isn't|is not|isn't really) (our|my) (department|dept|area|team|responsibility|remit|business)",
        r"(not|isn't|is not) (something|anything) (we|i) (can )?(handle|deal with|help with|control|look after|"
        r"manage|cover)",
        r"(that's|that is|this is|it's|it is) (handled|managed|dealt with|looked after|controlled|decided|"
        r"processed|covered) (entirely |solely |only )?by (your|the|another|a different|a separate|a third)",
        r"(they|the \w+|your \w+) (would|will|should|might|may) be (able|better placed|best placed|in a better "
        r"position) to (help|assist|advise)",
    ],
    negation=2,
)

#: The bridge: a contact made for the customer, a warm hand-off, a follow-up, or a direct way to reach them.
BRIDGE = Phrases.of(
    [
        r"(i've|we've|i have|we have|i|we)( just| already| now| also)? (contacted|reached out to|spoken (to|with)|"
        r"notified|informed|alerted|forwarded|emailed|called|messaged|let (them|the \w+|your \w+) know|made "
        r"(them|the \w+) aware|connected|escalated|passed (this|it|your \w+|the \w+|that)( \w+)? (on )?to|"
        r"raised (this|it) with|set up|arranged|booked|opened (a )?(case|claim|ticket)|filed|sent (them|the \w+)|"
        r"shared (this|it|your \w+) with|looped in|copied)",
        r"(i'll|we'll|i will|we will|let me|let us|i can|we can|i'm going to|we're going to|i'd be happy to|we'd "
        r"be happy to|happy to|glad to)( also| gladly| happily)? (contact|reach out to|speak (to|with)|notify|"
        r"inform|alert|pass|forward|email|call|message|let them know|connect you|put you in touch|transfer you|"
        r"loop in|get in touch with|follow up|check (in|back|on)|touch base|reach out|liaise|coordinate|chase|"
        r"escalate|raise|open (a )?(case|claim|ticket)|file|arrange|set up|make sure|help you (with|to|get|"
        r"contact|reach|file))",
        r"(they|the \w+( team)?|someone|somebody)('ll| will| should| are going to| is going to) (contact|reach "
        r"out|call|email|be in touch|get in touch|get back|follow up|be contacting|be calling)",
        r"(if|should|in case) (they|the \w+|your \w+|that|it|this)( \w+)? (can't|cannot|aren't able|isn't able|"
        r"don't|won't|are unable|is unable|doesn't|didn't|still|fails?)",
        r"(let|tell) (us|me) know (how|what|if|whether) (it goes|they say|that goes|you get on|you hear|they "
        r"can|you need|they're|they are|anything)",
        r"(come|get|reach|write) back to (us|me)",
        r"keep (us|me) (posted|updated|in the loop|informed)",
        r"(their|the|this|that) (number|phone number|link|website|site|email|e-mail|address|contact|contact "
        r"details|details|page|form) (is|are|here|below|:)",
        r"https?://\S+",
        r"\d{3,5}[-. ]\d{3,4}[-. ]\d{3,4}|\(\d{3}\)\s?\d{3}|1-?8\d\d|0800|\+\d",
        r"(warm|direct) (transfer|hand-?off|handover|introduction)",
        r"(we're|we are|i'm|i am) (here|happy|glad|still here) (to help|if|for you)",
    ],
    negation=2,
)


def _asked(view: TextView, span: Span) -> bool:
    """Is the referral a question ("Have you had a chance to call your bank?"), not an instruction?"""
    return "?" in rest_of_sentence(view, span)


book.register("S005", ELSEWHERE)

#: Who the customer deals with themselves (their bank, their landlord): we can't call them for the customer, so the
#: bridge is a follow-up; anyone else gets a warm hand-off.
THEIR_OWN = re.compile(
    r"\b(?:your|their) (?:\w+ )?(?:bank|banks|card issuer|card provider|credit card company|card company|issuing bank|"
    r"issuer|carrier|mobile carrier|network provider|mobile provider|phone provider|service provider|provider|isp|"
    r"internet provider|insurer|insurance company|insurance provider|landlord|employer|it department|it team|"
    r"administrator|admin|school|local authority|council|police|paypal|apple|google|microsoft|amazon)\b",
    re.I,
)
_REFERRAL = re.compile(rf"(?P<send>{_SEND}) (?P<who>.+)", re.I)
#: The send-off verb, as the agent does it for the customer.
_AS_AGENT: dict[str, str] = {
    "take it up with": "take it up with",
    "take this up with": "take this up with",
    "raise it with": "raise it with",
    "raise this with": "raise this with",
}
#: The hand-off, for a person to confirm (the agent has to make that contact).
HAND_OFF = "I'll contact {who} for you and get back to you within 24 hours"
#: The follow-up, true for any referral, nothing to fill in.
FOLLOW_UP = " If they can't help, let us know and we'll take it from there."
#: "Not our department" and the like: taking it to the right people ourselves.
RIGHT_TEAM = "let me get this to the right team for you"


def bridge_fix(view: TextView, found: Span, hits: list[Span]) -> Fix:
    """Be the bridge: contact them for the customer ("I'll contact the manufacturer for you ..."), or, for the
    customer's own bank, provider ..., keep the referral and say we're still there if it doesn't work."""
    text = view.text
    m = _REFERRAL.fullmatch(found.text)
    if m is None:
        # "That's not our department, you'll need to contact the manufacturer": the hand-off takes the sentence
        a, b = rw.sentence_bounds(view, found.start)
        for other in hits:
            if other.start > found.start and other.end <= b:
                r = _REFERRAL.fullmatch(other.text)
                if r is not None and not THEIR_OWN.search(r.group("who")):
                    start = rw.subject_start(view, found.start)
                    words = HAND_OFF.format(who=r.group("who"))
                    return rw.replace(view, start, other.end, words, safe=False)
        start = rw.subject_start(view, found.start)
        return rw.replace(view, start, rw.clause_end(view, found.end), RIGHT_TEAM, safe=False)
    who = m.group("who")
    if THEIR_OWN.search(who):
        a, b = rw.sentence_bounds(view, found.start)
        stop = rw.content_end(text, a, b)
        end_mark = text[stop:b].strip() or "."
        return Fix(span=rw.span(text, stop, b), replacement=end_mark + FOLLOW_UP, safe=True)
    send = re.sub(r"\s+", " ", m.group("send").lower())
    verb = _AS_AGENT.get(send, "contact")
    words = HAND_OFF.format(who=who).replace("contact", verb, 1)
    start = rw.request_start(view, found.start)
    return rw.replace(view, start, found.end, words, safe=False)


@register
class PassesTheBuck(Rule):
    """Sending the customer elsewhere without being the bridge.

    What it does:
        Flags a reply that sends the customer to someone else to solve their problem ("contact the manufacturer",
        "call your bank", "reach out to the seller", "that's not our department", "you'll need to take it up with
        the airline") when it gives no bridge: no contact made for them, no warm hand-off, no follow-up ("let us
        know if they can't help"), not even a direct link or number.

    Why it matters:
        The workshop notes: "Be the bridge! Even if you're the intermediary, give customer something concrete to
        hold onto/look forward to." Being sent away with nothing in hand is the "perceived indifference"
        customers remember.

    Example:
        That's not our department, you'll need to contact the manufacturer.

    Instead:
        I've contacted the manufacturer for you and passed on your order details; they'll call you by Friday, and
        I'll check back with you on Monday.
    """

    code = "S005"
    name = "passes-the-buck"
    step = Step.SOLVE
    severity = Severity.WARNING
    weight = 10
    summary = "Sends the customer elsewhere without a bridge (hand-off, contact made, follow-up)"

    patterns = ELSEWHERE
    bad = (
        Example(
            "That's not our department, you'll need to contact the manufacturer.",
            customer="The blender I bought from you stopped working after a week",
        ),
        Example(
            "Sorry to hear that. Please call your bank about the charge.",
            customer="There's a charge from you on my card that I don't recognise",
        ),
        Example(
            "The seller handles these orders, so please reach out to the seller.",
            customer="My marketplace order never arrived",
        ),
    )
    good = (
        Example(
            "I'm sorry it stopped working. I've contacted the manufacturer for you and they'll call you by Friday.",
            customer="The blender I bought from you stopped working after a week",
        ),
        Example(
            "Sorry to hear that. Please call your bank about the charge, and if they can't help, let us know and "
            "we'll dig in.",
            customer="There's a charge from you on my card that I don't recognise",
        ),
        Example(
            "Please DM us your order number and we'll check it for you.",
            customer="My marketplace order never arrived",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is ELSEWHERE:
            return book.spans(ctx.reply, "S005")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        hits = [s for s in self._found(ctx) if not _asked(ctx.reply, s)]
        found = hits[0] if hits else None
        if found is None or BRIDGE.first(ctx.reply) is not None:
            return
        yield self.finding(
            f"“{found.text}” sends the customer elsewhere with nothing in hand. “Be the bridge! Even if you're the "
            "intermediary, give customer something concrete.”",
            found,
            "Be the bridge: “I've contacted them for you and passed on your details; they'll reach out by Friday, "
            "and I'll check back with you on Monday.”",
            fix=bridge_fix(ctx.reply, found, hits),
        )
