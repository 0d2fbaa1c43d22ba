from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

#: A reason right after the policy turns a wall into an explanation.
REASONS = Phrases.of(
    [
        r"because",
        r"since",
        r"so that",
        r"as (it|this|that|we)",
        r"to (protect|keep|make sure|ensure|prevent|comply)",
        r"for (your|our customers'|the) (security|safety|privacy|protection)",
        r"in order to",
        r"(this|that|it) (is|'s) (there )?(to|so|because)",
        r"the reason",
        r"due to",
        r"which (keeps|protects|ensures|prevents)",
    ],
    negation=None,
    quotes=False,
)

POLICY = Phrases.of(
    [
        r"(it|that|this)'s (our|the|company|store) policy",
        r"(it|that|this) is (our|the|company|store) policy",
        r"(per|according to|as per|under|against) (our |the )?(company |store |strict )?polic(y|ies)",
        r"company policy",
        r"(our|the) policy (is|states|says|does not|doesn't|won't|will not|requires|prevents|prohibits)",
        r"rules are rules",
        r"(those|these) are the rules",
        r"(i|we) (just )?(follow|have to follow|must follow) (the )?(rules|policy|procedure)",
        r"(it|that)'s (just )?how (it works|we do (it|things))",
        # a rule stated as a penalty, with no why: "otherwise, you are subject to fees"
        r"(otherwise|if not|or else),? you('re| are| will be|'ll be| would be) subject to (\w+ ){0,2}(fees?|"
        r"charges?|penalt(y|ies)|difference in fare|fare difference)",
    ],
    unless_after=REASONS,
    window=90,
)

book.register("D001", POLICY)

#: The reason a rewrite offers, by what the customer wrote about; a person confirms it (D001 fixes are unsafe).
REASON_BY_TOPIC: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(account|password|log ?in|sign ?in|card|verif\w*|identity|secur\w*|hack\w*|fraud)", re.I),
        "to keep your account safe",
    ),
)
REASON = "because …"
OFFER = "here's what I can do: …"

#: The policy said on its own ("It's our policy.", "Rules are rules"): replaced by its reason and an offer.
STANDALONE = rw.table(
    [
        (r"(it|that|this)'s (our|the|company|store) policy", "we ask for this {reason}, and {offer}", False),
        (r"(it|that|this) is (our|the|company|store) policy", "we ask for this {reason}, and {offer}", False),
        (r"company policy", "we ask for this {reason}, and {offer}", False),
        (r"rules are rules|(those|these) are the rules", "we ask for this {reason}, and {offer}", False),
        (r"(it|that)'s (just )?how (it works|we do (it|things))", "we do it this way {reason}, and {offer}", False),
    ]
)
#: "It's our policy (not) to X" → "we (don't) X because …".
_TO = re.compile(r"(?:it|that|this)['’]?s? (?:is )?(?:our|the|company|store) policy", re.I)
_POLICY_LEAD = re.compile(r"(?:per|according to|as per|under) (?:our |the )?(?:company |store |strict )?polic(?:y|ies)", re.I)
_NEGATIVE = re.compile(r"\b(not|no|never|n't|cannot|unable|won't)\b|n['’]t\b", re.I)


def _reason(ctx: ReplyContext) -> str:
    if ctx.customer is not None:
        for pattern, reason in REASON_BY_TOPIC:
            if pattern.search(ctx.customer.text):
                return reason
    return REASON


def _conj(negative: bool, before: str) -> str:
    """"but" after a refusal, unless the sentence already turned on a "but"."""
    return "but" if negative and not re.search(r"\bbut\b", before, re.I) else "and"


def policy_fix(ctx: ReplyContext, found: Span) -> Fix:
    """The policy's reason and what we can do, in place of the wall (always to be checked by a person)."""
    view = ctx.reply
    text = view.text
    reason = _reason(ctx)
    end = rw.clause_end(view, found.end)
    rest = text[found.end : end]
    if not rest.strip():
        hit = rw.lookup(STANDALONE, found.text)
        if hit is not None:
            soft = rw.SOFTENER.match(text, end)
            stop = soft.end() if soft else found.end
            words = hit[0].format(reason=reason, offer=OFFER)
            return rw.replace(view, found.start, stop, words, safe=False)
    m = re.match(r"\s+(not )?to\s+", rest, re.I)
    if m is not None and _TO.fullmatch(found.text.replace("’", "'")):
        clause = rest[m.end() :]
        negative = bool(m.group(1))
        head = "we don't" if negative else "we"
        before = text[rw.sentence_bounds(view, found.start)[0] : found.start]
        words = f"{head} {clause} {reason}, {_conj(negative, before)} {OFFER}"
        return rw.replace(view, found.start, end, words, safe=False)
    if _POLICY_LEAD.fullmatch(found.text):
        clause = re.sub(r"^[\s,]+", "", rest)
        if clause:
            conj = _conj(bool(_NEGATIVE.search(clause)), "")
            return rw.replace(view, found.start, end, f"{clause} {reason}, {conj} {OFFER}", safe=False)
    before = text[rw.sentence_bounds(view, found.start)[0] : found.start]
    conj = _conj(bool(_NEGATIVE.search(text[found.start : end])), before)
    return rw.append_to_clause(view, found.start, f" {reason}, {conj} {OFFER}", safe=False)


@register
class PolicyWall(Rule):
    """Hiding behind a policy without saying why it exists.

    What it does:
        Flags "it's our policy", "per company policy", "rules are rules" and the like when no reason follows.
        A policy quoted from the customer, a negated one ("we don't need to follow the usual policy here") and one
        followed by its reason ("it's our policy because card data ...") are fine.

    Why it matters:
        The workshop notes: "'It's our policy' = 'There's no hope for you'". Policies keep us safe and manage
        risk, "they exist for a reason", so explain why the policy is in place, and sometimes "breaking them is
        a matter of service".

    Example:
        I'm sorry, but it's our policy not to refund opened items.

    Instead:
        We can't refund opened items because we can't resell them safely, but I can offer an exchange or store
        credit today.
    """

    code = "D001"
    name = "policy-wall"
    step = Step.DONTS
    severity = Severity.ERROR
    weight = 20
    summary = "A policy used as a wall, with no reason given"

    patterns = POLICY
    bad = (
        Example(
            "Sorry, it's our policy. Nothing else I can tell you.", customer="Why can't I return my blender?"
        ),
        Example(
            "Per company policy we do not accept returns after 30 days.", customer="I want to return my shoes"
        ),
        Example("Rules are rules, I'm afraid.", customer="Can you waive the late fee just this once?"),
    )
    good = (
        Example(
            "It's our policy to verify your identity because card data must stay private. Could you DM us the "
            "last four digits of the card?",
            customer="Why do you need my card number?",
        ),
        Example(
            "We don't need to follow the usual policy here: I've refunded the fee for you.",
            customer="Can you waive the late fee just this once?",
        ),
        Example(
            "You were told \"it's our policy\" by the store? I'm sorry, that shouldn't have happened. I've "
            "arranged the return for you.",
            customer='The store said "it\'s our policy" and sent me away',
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        found = book.spans(ctx.reply, "D001") if self.patterns is POLICY else self.patterns.find(ctx.reply)
        for span in found:
            yield self.finding(
                f"“{span.text}” sounds like “there's no hope for you”: say why the policy exists and what you can do.",
                span,
                "Explain the reason behind the policy and lead with what you can do, e.g. “We ask for this because "
                "…, and here's what I can do for you: …”",
                fix=policy_fix(ctx, span),
            )
