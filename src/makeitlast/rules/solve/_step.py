"""How the solve step is judged for a reply (status, applicability, evidence)."""

from __future__ import annotations

from makeitlast.engine.context import ReplyContext
from makeitlast.model import Status, StepResult


def assess(ctx: ReplyContext) -> StepResult:
    return StepResult(status=Status.MISSING, applicable=ctx.has_customer)
