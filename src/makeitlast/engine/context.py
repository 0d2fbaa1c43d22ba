"""What a rule sees: the reply, the customer's message(s), the customer reading and the four step results."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from makeitlast.engine.config import Settings
from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading, Fact, Step, StepResult


@dataclass
class ReplyContext:
    reply: TextView
    #: The customer message(s) this reply answers (None when the reply is judged on its own).
    customer: TextView | None
    #: Earlier customer messages of the conversation, oldest first.
    earlier: tuple[TextView, ...]
    reading: CustomerReading | None
    settings: Settings
    steps: dict[Step, StepResult] = field(default_factory=dict)
    #: Facts from earlier customer messages (a reply must not ask again for these either).
    earlier_facts: tuple[Fact, ...] = ()
    #: The customer only thanks or acknowledges ("ok thx"): nothing to reflect back or thank them for again.
    closing: bool = False

    @property
    def has_customer(self) -> bool:
        return self.customer is not None and self.reading is not None

    @cached_property
    def known_facts(self) -> tuple[Fact, ...]:
        mine = self.reading.facts if self.reading else ()
        return tuple(mine) + tuple(self.earlier_facts)
