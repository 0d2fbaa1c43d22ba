from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.thank._suggest import patient, specific_thanks

#: The thanks word of a boilerplate thanks, kept when the rest is rewritten ("Thank you for contacting us" →
#: "Thank you for your patience"); a bare "TY" or "thx" becomes "thank you".
_HEAD = re.compile(
    r"(?P<head>many thanks|big thanks|huge thanks|thanks|thank (?:you|u|ya)|thankyou|(?P<short>thx|thnx|thks|ty|"
    r"tysm|tyvm|thanx|thanq)|(?P<app>(?:we|i)(?: \w+)? appreciate))\b",
    re.I,
)
#: What the rewritten thanks is for: their patience when they waited (safe), otherwise a person picks it.
FOR_PATIENCE = "for your patience"


def specific_fix(ctx: ReplyContext, found: Span) -> Fix | None:
    m = _HEAD.match(found.text)
    if m is None:
        return None
    if m.group("app"):
        words = f"{m.group('app')} your patience"
    else:
        head = "thank you" if m.group("short") else m.group("head")
        words = f"{head} {FOR_PATIENCE}"
    if patient(ctx):
        return rw.replace(ctx.reply, found.start, found.end, words, safe=True)
    view = ctx.reply
    b = rw.sentence_bounds(view, found.start)[1]
    alone = rw.at_sentence_start(view.text, found.start) and not re.sub(r"[\W_]+", "", view.text[found.end : b])
    if alone:  # the thanks is its own sentence: a specific one takes its place
        return rw.replace(view, found.start, b, specific_thanks(ctx), safe=False)
    return rw.replace(view, found.start, found.end, words, safe=False)


@register
class GenericThanks(Rule):
    """The only thanks is boilerplate.

    What it does:
        Flags a reply whose only thanks is a formula: "thanks for reaching out", "thank you for contacting us",
        "thanks for the tweet", a bare "thanks!" or "TY" sign-off. A thanks for something the customer did or gave
        (their patience, the details, for flagging it, their feedback, their business) is specific.

    Why it matters:
        The workshop notes say "Find something to thank them for!" and list "a 'thank you for your business'"
        among the things customers want. A formula thanks them for nothing in particular; a specific thanks shows
        you noticed what they did.

    Example:
        Thanks for reaching out! Your refund was issued today.

    Instead:
        Thanks for your patience while we checked this. Your refund was issued today.
    """

    code = "T002"
    name = "generic-thanks"
    step = Step.THANK
    severity = Severity.ADVICE
    weight = 0
    summary = "Only boilerplate thanks (“thanks for reaching out”)"

    bad = (
        Example(
            "Thanks for reaching out! Your refund was issued today.",
            customer="Where is my refund? It's been two weeks.",
        ),
        Example(
            "Thank you for contacting us. Please DM us your order number.", customer="My parcel never came"
        ),
        Example(
            "Please restart the router and try again. Thanks!", customer="Internet keeps dropping every hour"
        ),
    )
    good = (
        Example(
            "Thanks for your patience while we checked. Your refund was issued today.",
            customer="Where is my refund? It's been two weeks.",
        ),
        Example(
            "Thanks for reaching out, and thanks for the photo: I've sent a replacement today.",
            customer="My mug arrived cracked, photo attached",
        ),
        Example(
            "We really appreciate the kind words, Sam! See you next time.", customer="Best burrito in town!"
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        result = ctx.steps.get(Step.THANK)
        if result is None or not result.applicable or result.status is not Status.WEAK:
            return
        span = result.evidence[0] if result.evidence else None
        said = f"“{span.text}”" if span else "The thanks"
        yield self.finding(
            f"{said} is a formula. “Find something to thank them for!”: a specific thanks shows you noticed what "
            "they did.",
            span,
            specific_thanks(ctx),
            fix=specific_fix(ctx, span) if span is not None else None,
        )
