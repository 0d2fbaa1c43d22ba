from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Span, Status, Step, Want
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.apologize.a001_no_apology import apology_fix
from makeitlast.rules.listen._reflect import sorry_line
from makeitlast.rules.solve._step import small_talk

#: The reply takes up money back: grants it, says what happens to it, or explains why not.
MONEY_TOPIC = Phrases.of(
    [
        r"refund(s|ed|ing|able)?",
        r"reimburs(e|ed|ement|ing)",
        r"(money|payment|charge|charges|fee|fees|amount|deposit|funds) (back|returned|reversed|will|has|have|is|"
        r"was|were|should|shows?|appear)",
        r"credit(s|ed)?",
        r"revers(e|ed|al)",
        r"chargeback|charge-back|dispute",
        r"(return|returns|returned) (label|policy|window|it|the|your|them|this|that|process|request|options?)",
        r"(pre-?authori[sz]ation|authori[sz]ation hold|pending charge|temporary hold)",
        r"(billing|payments?) (team|department|dept)",
        r"compensat(e|ed|ion)",
        r"voucher|evoucher|e-voucher|gift card",
    ],
    negation=None,
)

#: The reply takes up compensation: a credit, voucher, points, a discount, or why there is none.
CREDIT_TOPIC = Phrases.of(
    [
        r"compensat(e|ed|ion|ing)",
        r"credit(s|ed)?",
        r"vouchers?|evouchers?|e-vouchers?|coupons?|promo codes?|gift cards?|gift certificates?",
        r"discount(s|ed)?",
        r"(points|miles|avios)",
        r"goodwill|gesture",
        r"(free|complimentary|on us|on the house|comp|comped)",
        r"upgrade(d)?",
        r"refund(s|ed)?",
        r"reimburs(e|ed|ement)",
        r"(eligible|entitled)",
        r"make (it|this|that|things) (up|right)",
    ],
    negation=None,
)

#: A demand for an explanation (not just any question): why, how come, what happened, explain.
WHY = Phrases.of(
    [
        r"(why|how come|whys|wtf|what the hell|what the heck)",
        r"(explain|explanation|explanations|reason|reasons|reasoning)",
        r"what (happened|is happening|'s happening|is going on|'s going on|gives|'s up with|is up with|'s the deal|"
        r"is the deal)",
        r"(whats|what's) (going on|happening|up with|the deal)",
    ],
    negation=None,
    quotes=False,
)

#: "Why" that gives a reason rather than asking for one.
NOT_ASKING = Phrases.of(
    [
        r"(this|that|which|it) (is|'s|was) (exactly |precisely |just )?why",
        r"(that's|thats|which's) why",
        r"the reason why (i|we|you)",
        r"(and|so) why not",
    ],
    negation=None,
    quotes=False,
)

#: The wants this rule watches, in the order it reports them, with what a reply must show to address them.
_WATCHED: tuple[Want, ...] = ("refund", "future_credit", "apology", "explanation")

_SUGGESTIONS: dict[Want, str] = {
    "refund": "Grant it, offer an alternative or explain: “I've refunded the charge; it shows within 3-5 business "
    "days.” or “I can't refund an opened item, but I can send a replacement today.”",
    "future_credit": "Answer the ask: “I've added a $20 credit to your account for the trouble.” or “We don't "
    "offer credit for this, but here's what I can do: …”",
    "explanation": "Answer the question, or say when you will: “Here's what happened: … ” / “I'm checking with "
    "the team and will explain by 5pm today.”",
}

#: What a fix adds for each want: the reply's own words, with a blank for a person to fill in.
FIX_LINES: dict[Want, str] = {
    "refund": "Here's what I can do about your refund: …",
    "future_credit": "Here's what I can do to make up for this: …",
    "explanation": "Here's what happened: …",
}

_LABELS: dict[Want, str] = {
    "refund": "their money back",
    "future_credit": "compensation",
    "apology": "an apology",
    "explanation": "an explanation",
}


def _explicit(ctx: ReplyContext, want: Want) -> list[Span]:
    """The customer's words asking for ``want`` (not a want only implied by the problem they report)."""
    reading = ctx.reading
    if reading is None:
        return []
    spans = list(reading.evidence.get(f"wants.{want}", ()))
    problems = [f.span for f in reading.facts if f.kind == "problem"]
    spans = [s for s in spans if not any(p.start <= s.start and s.end <= p.end for p in problems)]
    if want == "explanation":
        return [s for s in spans if _why(TextView(s.text))]
    if want in ("refund", "future_credit") and not (reading.bad_experience or _asks(ctx)):
        return []
    return spans


def _why(view: TextView) -> bool:
    """Does the text ask why (not "this is why I love you")?"""
    found = WHY.find(view)
    if not found:
        return False
    told = NOT_ASKING.find(view)
    return any(not any(t.start <= w.start < t.end for t in told) for w in found)


def _asks(ctx: ReplyContext) -> bool:
    return ctx.customer is not None and "?" in ctx.customer.text


@register
class WantUnaddressed(Rule):
    """The customer asked for something and the reply ignores it.

    What it does:
        Flags a reply when the customer explicitly asked for their money back, for compensation, for an apology or
        for an explanation, and the reply neither grants it, offers an alternative nor explains: no word about the
        refund or credit and nothing concrete instead, no apology to someone asking for one, no answer to their
        question. It is conservative: any mention of the refund, any concrete step or answer counts as addressing it.

    Why it matters:
        The workshop notes: "Need to figure out what people want in order to remedy perceived indifference", and
        "People want (varied): apologies, explanations, repairs/fixes, monetary refund, free products/service in the
        future … and the vast majority don't receive any of this". Ignoring the ask is the indifference.

    Example:
        We're sorry to hear about your experience. Have a great day!

    Instead:
        I'm sorry about the cold food. I've refunded your order; it shows within 3-5 business days.
    """

    code = "S004"
    name = "want-unaddressed"
    step = Step.SOLVE
    severity = Severity.WARNING
    weight = 10
    summary = (
        "The customer asked for something and the reply neither grants, offers an alternative nor explains"
    )

    patterns = MONEY_TOPIC
    bad = (
        Example(
            "We're sorry to hear about your experience. Have a great day!",
            customer="My food arrived cold and soggy. I want my money back.",
        ),
        Example(
            "Thanks for reaching out! We're here if you need anything.",
            customer="Why was I charged a late fee when I paid on time?",
        ),
        Example(
            "Please DM us your booking reference so we can look into this.",
            customer="Your agent was incredibly rude to me and I expect an apology",
        ),
    )
    good = (
        Example(
            "I'm sorry about the cold food. I've refunded your order; it shows within 3-5 business days.",
            customer="My food arrived cold and soggy. I want my money back.",
        ),
        Example(
            "The late fee was added because the payment reached us a day after the due date. I've waived it this "
            "time.",
            customer="Why was I charged a late fee when I paid on time?",
        ),
        Example(
            "I'm sorry our agent was rude to you. Please DM us your booking reference so we can follow up with the "
            "team.",
            customer="Your agent was incredibly rude to me and I expect an apology",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        reading = ctx.reading
        if reading is None or not reading.wants:
            return
        solve = ctx.steps.get(Step.SOLVE)
        solved = solve is not None and solve.status is Status.PRESENT
        for want in _WATCHED:
            if want not in reading.wants or self._addressed(ctx, want, solved):
                continue
            asked = _explicit(ctx, want)
            if not asked:
                continue
            if reading.anger < 2 and small_talk(ctx):
                return  # praise with an aside ("this is why I love you", "nice, 20k miles!")
            words = asked[0].text
            suggestion = sorry_line(ctx) if want == "apology" else _SUGGESTIONS[want]
            fix = (
                apology_fix(ctx)
                if want == "apology"
                else rw.insert_at_end(ctx.reply, FIX_LINES[want], safe=False)
            )
            yield self.finding(
                f"The customer asked for {_LABELS[want]} (“{words}”) and the reply neither grants it, offers an "
                "alternative nor explains. Remedy perceived indifference: answer the ask.",
                None,
                suggestion,
                fix=fix,
            )
            return

    def _addressed(self, ctx: ReplyContext, want: Want, solved: bool) -> bool:
        if want == "apology":
            result = ctx.steps.get(Step.APOLOGIZE)
            return result is not None and result.status is Status.PRESENT
        if solved:
            return True
        if want == "refund":
            return self.patterns.first(ctx.reply) is not None
        if want == "future_credit":
            return CREDIT_TOPIC.first(ctx.reply) is not None
        return False
