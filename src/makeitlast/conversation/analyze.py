"""Whole conversations judged: every agent reply against what the customer said before it, plus the
conversation-level checks of RUBRIC section 4 (response times, recovery, the promise ledger, L004).

``analyze`` is the one entry point the insights job, the web app and the follow-ups list share. It calls the same
engine as ``makeitlast check`` for each reply (:class:`~makeitlast.engine.Engine`), so a reply scores the same
here as on the command line given the same customer text and context.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from makeitlast.conversation.promises import Promise, ledger
from makeitlast.conversation.turns import Turn, turns
from makeitlast.engine import Engine, _text, get_engine
from makeitlast.engine.config import Settings
from makeitlast.engine.detectors import TextView
from makeitlast.engine.registry import ConversationRule, all_rules
from makeitlast.engine.scoring import score
from makeitlast.model import Conversation, Finding, Report, Role
from makeitlast.reading import read_customer


class JudgedReply(BaseModel):
    """One agent reply with its report and where it stands (schema 1 report plus the conversation fields)."""

    model_config = ConfigDict(frozen=True)

    conversation_id: str | None
    message_id: str | None
    agent: str | None
    brand: str | None
    team: str | None
    time: datetime | None
    #: Seconds from the first customer message the reply answers to the reply ("FedEx fast").
    response_seconds: float | None
    #: The customer messages the reply answers, joined (None when the agent wrote first).
    customer_text: str | None = None
    report: Report

    def to_row(self) -> dict[str, Any]:
        """The flat JSON row of ``replies.jsonl``: the schema-1 object with the conversation fields."""
        row = self.report.to_json_dict()
        row.update(
            conversation_id=self.conversation_id,
            message_id=self.message_id,
            agent=self.agent,
            brand=self.brand,
            team=self.team,
            time=self.time.isoformat() if self.time else None,
            response_seconds=self.response_seconds,
            customer_text=self.customer_text,
        )
        return row


class ConversationResult(BaseModel):
    """What ``analyze`` finds in one conversation."""

    model_config = ConfigDict(frozen=True)

    id: str | None
    brand: str | None
    team: str | None
    messages: int
    started: datetime | None
    replies: tuple[JudgedReply, ...]
    #: Seconds from the first customer message to the first agent reply.
    first_response_seconds: float | None
    #: Anger (0-3) of the first and last customer message; ``recovered`` when the last is calmer.
    anger_first: int | None
    anger_last: int | None
    promises: tuple[Promise, ...]

    @property
    def recovered(self) -> bool | None:
        """True when the customer ended calmer than they began; None when they never were upset or said one
        thing only."""
        if self.anger_first is None or self.anger_last is None or self.anger_first == 0:
            return None
        return self.anger_last < self.anger_first


def _seconds(a: datetime | None, b: datetime | None) -> float | None:
    if a is None or b is None:
        return None
    return max(0.0, (b - a).total_seconds())


class Analyzer:
    """The engine and the conversation-scope rules for one set of settings (build once, reuse)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.engine: Engine = get_engine(self.settings)
        self.turn_rules: list[ConversationRule] = [
            cls(self.settings)
            for cls in all_rules()
            if issubclass(cls, ConversationRule) and self.settings.selects(cls.code)
        ]

    def _judge(self, conv: Conversation, turn: Turn) -> JudgedReply:
        reply = turn.reply
        context: list[Any] = list(turn.context)
        report = self.engine.check(reply.text, turn.customer_text, context, id=reply.id)
        extra: list[Finding] = [f for rule in self.turn_rules for f in rule.check_turn(turn)]
        if extra:
            findings = sorted(
                [*report.findings, *extra], key=lambda f: (f.span.start if f.span else -1, f.code)
            )
            report = report.model_copy(
                update={"findings": findings, "score": score(report.steps, findings, self.engine.weights)}
            )
        first = turn.customer_messages[0].timestamp if turn.block else None
        agent = reply.author
        if agent is not None and agent == conv.meta.get("brand"):
            # a brand account (TWCS): the agent is who signed the reply ("^JAY" -> "VerizonSupport ^JAY")
            signed = _text.signed_by(reply.text)
            agent = f"{agent} ^{signed}" if signed else agent
        return JudgedReply(
            conversation_id=conv.id,
            message_id=reply.id,
            agent=agent,
            brand=conv.meta.get("brand"),
            team=conv.meta.get("team") or conv.meta.get("group"),
            time=reply.timestamp,
            response_seconds=_seconds(first, reply.timestamp),
            customer_text=turn.customer_text,
            report=report,
        )

    def analyze(self, conv: Conversation, now: datetime | None = None) -> ConversationResult:
        """Judge every public agent reply of ``conv`` and read the conversation as a whole."""
        replies = tuple(self._judge(conv, t) for t in turns(conv) if t.reply.text.strip())
        public = [m for m in conv.messages if not m.internal]
        customer = [m for m in public if m.role is Role.CUSTOMER and m.text.strip()]
        first_customer = customer[0].timestamp if customer else None
        first_agent = next((m.timestamp for m in public if m.role is Role.AGENT), None)
        anger_first = anger_last = None
        if customer:
            anger_first = read_customer(TextView(customer[0].text)).anger
            anger_last = read_customer(TextView(customer[-1].text)).anger if len(customer) > 1 else None
        stamps = [m.timestamp for m in conv.messages if m.timestamp is not None]
        return ConversationResult(
            id=conv.id,
            brand=conv.meta.get("brand"),
            team=conv.meta.get("team") or conv.meta.get("group"),
            messages=len(conv.messages),
            started=min(stamps) if stamps else None,
            replies=replies,
            first_response_seconds=(
                _seconds(first_customer, first_agent)
                if first_customer and first_agent and first_agent >= first_customer
                else None
            ),
            anger_first=anger_first,
            anger_last=anger_last,
            promises=tuple(ledger(conv, now)),
        )


def analyze(
    conversation: Conversation, settings: Settings | None = None, now: datetime | None = None
) -> ConversationResult:
    """Judge one conversation (see :class:`Analyzer` to judge many with the same settings)."""
    return Analyzer(settings).analyze(conversation, now)


def analyze_all(
    conversations: Iterable[Conversation], settings: Settings | None = None
) -> Iterable[ConversationResult]:
    analyzer = Analyzer(settings)
    return (analyzer.analyze(c) for c in conversations)
