from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Step
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
            )
