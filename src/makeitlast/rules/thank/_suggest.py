"""The specific thanks the T rules suggest, chosen from what the customer did."""

from __future__ import annotations

from makeitlast.engine.context import ReplyContext

#: The thanks a fix may add without a person reading it: generic, and true only when the customer waited or wrote
#: again (``repeat_contact``). Any other thanks is the suggestion below, for a person to check.
PATIENCE = "Thank you for your patience."


def patient(ctx: ReplyContext) -> bool:
    """Did the customer wait or write again (so thanking them for their patience is true)?"""
    return ctx.reading is not None and ctx.reading.repeat_contact


def specific_thanks(ctx: ReplyContext) -> str:
    """A thanks for something this customer actually did or gave."""
    reading = ctx.reading
    if reading is None:
        return "Thank you for your patience while we sort this out."
    if reading.repeat_contact or reading.anger >= 2:
        return "Thank you for your patience, and for sticking with us while we put this right."
    if any(f.kind != "problem" for f in reading.facts):
        return "Thanks for sending the details, that lets me check this straight away."
    if reading.bad_experience:
        return "Thanks for letting us know about this, it helps us fix it for you and for others."
    if "appreciation" in reading.wants or not reading.wants:
        return "Thank you for the kind words and for being a loyal customer."
    return "Thanks for letting us know, and for your patience while we look at this."
