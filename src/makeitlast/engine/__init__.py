"""The engine: one reply in, one :class:`~makeitlast.model.Report` out. Every front end calls :func:`check`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from makeitlast.engine.config import ConfigError, Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import TextView
from makeitlast.engine.registry import Rule, all_rules, known_prefix
from makeitlast.engine.scoring import score
from makeitlast.model import STEPS, Finding, Message, Report, Role, Step, StepResult

__all__ = ["ConfigError", "Engine", "InputError", "Settings", "check", "get_engine", "normalize_context"]


class InputError(ValueError):
    """Input the engine cannot judge (an empty reply, a context entry of the wrong shape)."""


ContextLike = Message | str | Mapping[str, Any]


def normalize_context(context: Iterable[ContextLike] | None) -> tuple[Message, ...]:
    """Earlier messages as :class:`Message`: plain strings are taken as customer messages."""
    out: list[Message] = []
    for i, item in enumerate(context or ()):
        if isinstance(item, Message):
            out.append(item)
        elif isinstance(item, str):
            out.append(Message(role=Role.CUSTOMER, text=item))
        elif isinstance(item, Mapping):
            role = str(item.get("role", "customer")).lower()
            if role not in ("customer", "agent"):
                raise InputError(f"context[{i}]: role must be 'customer' or 'agent', not {role!r}")
            text = item.get("text")
            if not isinstance(text, str):
                raise InputError(f"context[{i}]: needs a 'text' string")
            out.append(Message(role=Role(role), text=text, author=item.get("author")))
        else:
            raise InputError(f"context[{i}]: expected a string or an object with role and text")
    return tuple(out)


class Engine:
    """Rules compiled once for a set of :class:`Settings`; thread-safe and reusable."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        for prefix in (*(self.settings.select or ()), *self.settings.ignore, *self.settings.severity):
            if not known_prefix(prefix):
                raise ConfigError(f"unknown rule code or prefix {prefix!r}; `makeitlast rules` lists them")
        for code in self.settings.phrases:
            if not known_prefix(code):
                raise ConfigError(f"phrases for unknown rule code {code!r}")
        self.rules: list[Rule] = [
            cls(self.settings) for cls in all_rules() if self.settings.selects(cls.code)
        ]
        self.weights = {r.code: r.weight for r in self.rules}
        from makeitlast.rules import STEP_ASSESSORS

        self._assessors = STEP_ASSESSORS

    def warm(self) -> int:
        """Build everything the engine compiles lazily (the rules' phrase expressions, every word's match), for a
        process that will judge many replies and must not pause on the first ones: the web server calls this at
        start-up. Returns how many expressions were compiled. The CLI does not: it would cost ~2 s of start-up."""
        from makeitlast.engine import _dispatch

        self.check("Sorry about the wait, I've sent the refund. Thanks!", "Where is my refund for order 123?")
        return _dispatch.compile_all()

    def check(
        self,
        reply: str,
        customer: str | None = None,
        context: Iterable[ContextLike] | None = None,
        *,
        id: str | None = None,
    ) -> Report:
        from makeitlast.reading import extract_facts, is_closing, read_customer

        if not isinstance(reply, str) or not reply.strip():
            raise InputError("the reply is empty: give the text of the agent's reply")
        earlier_msgs = normalize_context(context)
        earlier = tuple(TextView(m.text) for m in earlier_msgs if m.role is Role.CUSTOMER and m.text.strip())
        cust = TextView(customer) if customer and customer.strip() else None
        reading = read_customer(cust, earlier) if cust is not None else None
        ctx = ReplyContext(
            reply=TextView(reply),
            customer=cust,
            earlier=earlier,
            reading=reading,
            settings=self.settings,
            earlier_facts=tuple(f for v in earlier for f in extract_facts(v)),
            closing=cust is not None and is_closing(cust),
        )
        for step in STEPS:
            ctx.steps[step] = self._assessors[step](ctx)
        findings: list[Finding] = []
        for rule in self.rules:
            findings.extend(rule.check(ctx))
        findings.sort(key=lambda f: (f.span.start if f.span else -1, f.code))
        steps: dict[Step, StepResult] = dict(ctx.steps)
        return Report(
            id=id,
            score=score(steps, findings, self.weights),
            steps=steps,
            customer=reading,
            findings=findings,
            reply=reply,
        )


@lru_cache(maxsize=16)
def _engine_for(key: str) -> Engine:
    return Engine(Settings.model_validate_json(key))


def get_engine(settings: Settings | None = None) -> Engine:
    """A cached engine for these settings (building one compiles every rule's patterns)."""
    return _engine_for((settings or Settings()).cache_key())


def check(
    reply: str,
    customer: str | None = None,
    context: Sequence[ContextLike] | None = None,
    *,
    settings: Settings | None = None,
    id: str | None = None,
) -> Report:
    """Judge one agent reply against the customer message it answers (and earlier messages, if any)."""
    return get_engine(settings).check(reply, customer, context, id=id)
