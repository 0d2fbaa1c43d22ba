from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Fact, Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.listen._reflect import reflect

#: What the customer's identifier is (the word before it: "order #123", "booking ref MP79V2"), by group.
ID_LABELS: dict[str, str] = {
    "order": r"order|purchase",
    "booking": r"booking|reservation|confirmation|conf|itinerary|pnr|record locator|locator|e-?ticket|ticket",
    "tracking": r"tracking|track|shipment|package|parcel|waybill|awb",
    "account": r"account|acct|a/c|membership|member|loyalty|rewards|skymiles|aadvantage|frequent flyer|ff",
    "invoice": r"invoice|transaction",
    "flight": r"flight",
}
_LABEL_BEFORE: dict[str, re.Pattern[str]] = {
    group: re.compile(rf"\b(?:{words})\b[^\n]{{0,25}}$", re.IGNORECASE) for group, words in ID_LABELS.items()
}
_FLIGHT_CODE = re.compile(r"#?(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?\d{2,4}$")

_ID_WORD = r"( number| no\.?| #| id| ref(erence)?( number)?| code| details| info)"

#: How a reply names each kind of fact when it asks for it.
ASKED: dict[str, Phrases] = {
    **{
        f"order_number:{group}": Phrases.of([rf"({words}){_ID_WORD}"], negation=5)
        for group, words in ID_LABELS.items()
    },
    "case_number": Phrases.of(
        [
            r"(case|ticket|reference|ref|claim|complaint|incident|service request|report)( number| no\.?| #| id)"
        ],
        negation=5,
    ),
    "email": Phrases.of([r"e-?mail( address| addy| id)"], negation=5),
    "phone": Phrases.of(
        [r"(phone|mobile|cell|telephone|contact|callback|call back|cellphone)( number| no\.?| #)"], negation=5
    ),
    "amount": Phrases.of(
        [r"how much (were you|was|did you|have you been|is)", r"(the|what) amount"], negation=5
    ),
    "date": Phrases.of([r"(what|which) (date|day)", r"the date (of|when|you)"], negation=5),
    "product": Phrases.of([r"(which|what) (device|product|item) (are|is|do|did|were|was)"], negation=5),
    "problem": Phrases.of(
        [
            r"what('s| is| seems to be| was)( the| your) (problem|issue|trouble)",
            r"what (problem|issue|trouble)s? (are|were|is|was) (you|it) (having|experiencing|facing|seeing|getting|"
            r"running into)",
            r"what (seems to be|is|'s) (wrong|going on|happening)",
        ],
        negation=5,
    ),
}

#: The reply is asking (a question, or a request to send, DM, confirm ... something).
REQUEST = Phrases.of(
    [
        r"dm|d\.m|direct message|private message|pm|send|provide|share|give|tell|include|pass( it)? (along|on)|"
        r"forward|let (us|me) know|reply with|respond with|need|require|may i have|can i (have|get)|"
        r"could i (have|get)|what|which",
    ],
    negation=None,
)
_QUESTION = re.compile(r"\?")

#: The reply refers to what the customer gave instead of asking for it again.
ALREADY_GIVEN = Phrases.of(
    [
        r"(you('ve| have)? )?(gave|given|provided|mentioned|shared|sent|posted|tweeted|included|listed)",
        r"(you )?(just )?(sent|gave|provided) (us|me)",
        r"(on|in) (your|the) (tweet|message|post)",
    ],
    negation=None,
)
_ALREADY_BEFORE = Phrases.of(
    [
        r"(thanks|thank you) for (the|your|sending|sharing|providing)",
        r"(we|i)('ve| have) (got|received|found|located)",
    ],
    negation=None,
)

_WHAT: dict[str, str] = {
    "order_number": "identifier",
    "case_number": "case number",
    "email": "email address",
    "phone": "phone number",
    "amount": "amount",
    "date": "date",
    "product": "product",
    "problem": "problem",
}


def _order_group(customer: str, fact: Fact) -> str:
    before = customer[max(0, fact.span.start - 40) : fact.span.start]
    best, at = "", -1
    for group, regex in _LABEL_BEFORE.items():
        m = regex.search(before)
        if m and m.start() > at:
            best, at = group, m.start()
    if best:
        return best
    return "flight" if _FLIGHT_CODE.match(fact.span.text.strip()) else "order"


#: A problem stated only vaguely ("having issues", "something went wrong"): asking what it is is fair.
_VAGUE_PROBLEM = re.compile(
    r"\b(issues?|problems?|troubles?|difficult\w*|wrong|messed|screwed|ruin\w*)\b", re.I
)


def _is_named_product(fact: Fact) -> bool:
    return fact.span.text.split()[0].lower() not in {"my", "our", "the", "his", "her", "new", "brand"}


def _too_vague(fact: Fact) -> bool:
    """A fact too vague to ask about again: "my phone", or a problem stated as "having issues"."""
    if fact.kind == "product":
        return not _is_named_product(fact)
    return fact.kind == "problem" and _VAGUE_PROBLEM.search(fact.span.text) is not None


def _known(ctx: ReplyContext) -> dict[str, Fact]:
    """Detector key → the fact the customer gave for it (the first of each)."""
    texts = [ctx.customer.text] if ctx.customer is not None else []
    known: dict[str, Fact] = {}
    for fact in ctx.reading.facts if ctx.reading else ():
        if _too_vague(fact):
            continue
        key: str = fact.kind
        if key == "order_number" and texts:
            key = f"order_number:{_order_group(texts[0], fact)}"
        known.setdefault(key, fact)
    for fact in ctx.earlier_facts:
        if fact.kind == "problem" or _too_vague(fact):
            continue
        known.setdefault("order_number:order" if fact.kind == "order_number" else fact.kind, fact)
    return known


def _asking(reply: TextView, span: Span) -> bool:
    a, b = reply.sentence_at(span.start)
    sentence = reply.text[a:b]
    if not (_QUESTION.search(sentence) or REQUEST.first(TextView(sentence))):
        return False
    tail = TextView(reply.text[span.end : min(b, span.end + 40)])
    head = TextView(reply.text[max(a, span.start - 40) : span.start])
    return ALREADY_GIVEN.first(tail) is None and _ALREADY_BEFORE.first(head) is None


#: How a rewrite reflects what the customer gave, in place of asking for it again ("{given}": their words).
REFLECT: dict[str, str] = {
    "order_number:order": "I have your order {given} here.",
    "order_number:booking": "I have your booking {given} here.",
    "order_number:tracking": "I have your tracking number {given} here.",
    "order_number:account": "I have your account {given} here.",
    "order_number:invoice": "I have your invoice {given} here.",
    "order_number:flight": "I have your flight {given} here.",
    "case_number": "I have your case {given} here.",
    "email": "I have your email address ({given}) here.",
    "phone": "I have your number ({given}) here.",
    "amount": "I can see the {given} you mentioned.",
    "date": "I can see this was {given}.",
    "product": "I can see this is about your {given}.",
}


def reflect_fix(ctx: ReplyContext, key: str, fact: Fact, asked: Span) -> Fix:
    """The asking sentence becomes one that shows we have what they gave. Unsafe: the request may have been for
    something else as well, and a person should check the claim."""
    given = fact.span.text.strip()
    if fact.kind == "problem":
        what = reflect(ctx)
        line = f"I'm sorry {what}." if what else "Thanks for explaining what happened."
    else:
        template = REFLECT.get(key) or REFLECT.get(fact.kind) or "I have the details you gave ({given}) here."
        line = template.format(given=given)
    return rw.replace_sentence(ctx.reply, asked.start, line, safe=False)


@register
class AsksKnownInfo(Rule):
    """The reply asks for something the customer already gave.

    What it does:
        Flags a reply that asks for the customer's order number, booking reference, case number, email, phone
        number, the date, the amount or the problem itself when the customer's message (or an earlier one)
        already holds it. A reply that uses what they gave ("thanks for the order number", "the number you
        sent") is fine.

    Why it matters:
        The workshop notes: "Let them finish! When you interrupt an angry person, all they'll do is start over!"
        Asking again for what they already told you has the same effect: they feel unheard and start over.

    Example:
        Customer: "My order #448812 arrived broken." Reply: "Please DM us your order number."

    Instead:
        I'm sorry order #448812 arrived broken. I've found it and a replacement ships today.
    """

    code = "L003"
    name = "asks-known-info"
    step = Step.LISTEN
    severity = Severity.WARNING
    weight = 10
    summary = "Asks for information the customer already gave"

    bad = (
        Example(
            "Sorry about that! Please DM us your order number.", customer="My order #448812 arrived broken"
        ),
        Example(
            "Could you tell us your booking reference so we can check?",
            customer="Booking ref MP79V2: the hotel says it has no record of my stay",
        ),
        Example(
            "What seems to be the problem?",
            customer="My order still hasn't arrived and it's been two weeks",
        ),
    )
    good = (
        Example(
            "Thanks for the order number! I'm sorry #448812 arrived broken; a replacement ships today.",
            customer="My order #448812 arrived broken",
        ),
        Example("Please DM us your order number and we'll check.", customer="My parcel arrived broken"),
        Example(
            "Please DM us the booking reference you mentioned so we can check it privately.",
            customer="Booking ref MP79V2: the hotel says it has no record of my stay",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        if not ctx.has_customer:
            return
        known = _known(ctx)
        if not known:
            return
        for key, fact in known.items():
            detector = ASKED.get(key)
            if detector is None:
                continue
            for span in detector.find(ctx.reply):
                if not _asking(ctx.reply, span):
                    continue
                kind = fact.kind
                given = fact.span.text.strip()
                what = span.text.lower() if kind in ("order_number", "case_number") else _WHAT[kind]
                yield self.finding(
                    f"The customer already gave the {what} (“{given}”); asking again makes them feel unheard and "
                    "start over.",
                    span,
                    f"Use what they gave and say so, e.g. “Thanks for the {what} ({given}), I've looked it up: …”"
                    if kind != "problem"
                    else f"Reflect what they told you (“{given}”) and ask only for what is still missing.",
                    fix=reflect_fix(ctx, key, fact, span),
                )
                break
