"""The typed data model shared by every front end (library, CLI, batch, web, practice).

A :class:`Report` is what :func:`makeitlast.check` returns for one reply. Its JSON form (``Report.to_json_dict``)
is *schema 1*, documented in ``docs/output-schema.md``; additions are backwards compatible, a change of meaning
bumps :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Role(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"


class Step(StrEnum):
    LISTEN = "listen"
    APOLOGIZE = "apologize"
    SOLVE = "solve"
    THANK = "thank"
    DONTS = "donts"


#: The four L.A.S.T. steps, in order (``donts`` is a rule family, not a step).
STEPS: tuple[Step, ...] = (Step.LISTEN, Step.APOLOGIZE, Step.SOLVE, Step.THANK)


class Severity(StrEnum):
    ADVICE = "advice"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ADVICE: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Status(StrEnum):
    PRESENT = "present"
    WEAK = "weak"
    MISSING = "missing"


Want = Literal["apology", "explanation", "repair", "refund", "future_credit", "appreciation", "dignity"]
#: The seven remedies customers want (RUBRIC section 1), in a stable order.
WANTS: tuple[Want, ...] = (
    "apology",
    "explanation",
    "repair",
    "refund",
    "future_credit",
    "appreciation",
    "dignity",
)

FactKind = Literal["order_number", "case_number", "amount", "date", "product", "email", "phone", "problem"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """Character offsets ``[start, end)`` into the text they were found in, and the words themselves."""

    start: int
    end: int
    text: str


class Message(_Frozen):
    """One message of a conversation, from the customer or an agent."""

    role: Role
    text: str
    #: Timezone-aware where the source says the zone; readers give UTC when it says none.
    timestamp: datetime | None = None
    author: str | None = None
    #: The source's own id for the message (a tweet id, a Zendesk comment id), when it has one.
    id: str | None = None
    #: An internal note (Zendesk ``public: false``, an Intercom ``note``, a Freshdesk private note): kept in the
    #: conversation, never judged as a customer-facing reply.
    internal: bool = False


class Conversation(_Frozen):
    """Messages in the order they were written, with what the source says of the whole (``meta``: brand, team,
    channel, subject ...)."""

    id: str | None = None
    messages: tuple[Message, ...] = ()
    meta: dict[str, str] = Field(default_factory=dict)


class Fact(_Frozen):
    """Something the customer told us that a reply should reflect back and must not ask for again."""

    kind: FactKind
    span: Span


class CustomerReading(_Frozen):
    """What the coach reads in the customer's message(s) (RUBRIC section 1)."""

    wants: tuple[Want, ...] = ()
    anger: int = Field(0, ge=0, le=3)
    abusive: bool = False
    repeat_contact: bool = False
    bad_experience: bool = False
    facts: tuple[Fact, ...] = ()
    #: Words that decided the signals above, keyed by signal name (``wants.refund``, ``anger`` ...).
    evidence: dict[str, tuple[Span, ...]] = Field(default_factory=dict)


class StepResult(_Frozen):
    status: Status
    applicable: bool = True
    evidence: tuple[Span, ...] = ()


class Fix(_Frozen):
    """A concrete rewrite of the reply: put ``replacement`` where ``span`` is.

    A zero-length ``span`` inserts (a missing apology at the start, a thanks at the end); an empty ``replacement``
    deletes. ``safe`` fixes keep the meaning and need nothing filled in, so ``makeitlast check --fix`` applies them
    without a person reading them; the others hold a placeholder (``…``) or change what the reply says, and are
    only applied with ``--unsafe-fixes``.
    """

    span: Span
    replacement: str
    safe: bool


class Finding(_Frozen):
    code: str
    name: str
    step: Step
    severity: Severity
    message: str
    span: Span | None = None
    suggestion: str | None = None
    #: The suggestion as an edit of the reply, when the rule can write one (``None`` otherwise).
    fix: Fix | None = None


class Report(BaseModel):
    """The coach's verdict on one reply."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    schema_version: int = SCHEMA_VERSION
    score: int = Field(ge=0, le=100)
    steps: dict[Step, StepResult]
    customer: CustomerReading | None = None
    findings: list[Finding] = Field(default_factory=list)
    #: The reply that was judged (kept for highlighting; not part of the JSON output).
    reply: str = Field("", exclude=True)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def max_severity(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)
