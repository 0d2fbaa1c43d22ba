"""The concrete next step the S rules suggest, chosen from what the customer wants and already told us."""

from __future__ import annotations

from makeitlast.engine.context import ReplyContext


def _has_reference(ctx: ReplyContext) -> bool:
    """Did the customer already give an order/case number, e-mail or phone (no need to ask again)?"""
    return any(f.kind in ("order_number", "case_number", "email", "phone") for f in ctx.known_facts)


def next_step(ctx: ReplyContext) -> str:
    """A reply sentence that gives the customer something concrete, fitted to their want."""
    reading = ctx.reading
    wants = set(reading.wants) if reading is not None else set()
    known = _has_reference(ctx)
    if "refund" in wants:
        return (
            "I've started the refund for that order; it shows on your card within 3-5 business days."
            if known
            else "DM us your order number and I'll start the refund today; it shows within 3-5 business days."
        )
    if "future_credit" in wants:
        return "I've added a credit to your account for the trouble; you'll see it on your next bill."
    if "repair" in wants:
        return (
            "I've asked the team to fix this and I'll update you here by tomorrow noon."
            if known
            else "DM us your account email and I'll get this fixed; I'll update you by tomorrow noon."
        )
    if "explanation" in wants:
        return "Here's what happened: … and here's what we're doing about it: …"
    if reading is not None and reading.bad_experience:
        return "What can I do to make this right? DM us the details and I'll take it from there today."
    return "Here's what you can do next: … (a link, a step to try, or what we'll do and by when)."
