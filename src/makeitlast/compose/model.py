"""What the composers return."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from makeitlast.model import Report


class Draft(BaseModel):
    """A reply written for a customer message, with the coach's report on it."""

    model_config = ConfigDict(frozen=True)

    text: str
    #: The coach's judgement of ``text`` against the customer message (the same engine as ``makeitlast check``).
    report: Report
    #: Who wrote it: the built-in drafter, or an LLM whose output passed the coach.
    source: Literal["builtin", "llm"] = "builtin"
    #: Why the LLM's output was not used, when the built-in drafter stepped in ("timed out", "scored 62 < 90").
    note: str | None = None
