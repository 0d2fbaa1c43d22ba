"""What is behind each point of an insights chart: a :class:`Selector` (a kind and a key) names a set of replies.

One vocabulary for both ends of the drill-down: the charts (``insights.report``) tag every bar and point with its
selector, and the examples query (``insights.filter.examples``) returns the replies a selector matches. A
selector written in a URL (``kind=step&key=listen:missing``) is parsed and checked by :meth:`Selector.parse`.

Kinds and keys (the replies they name):

- ``step`` ``listen:missing`` (step ``:`` present / weak / missing / n/a): where the step had that status
- ``finding`` a rule code (``D001``): with that finding
- ``score`` a bin of ``score_histogram`` (``40-49``, ``90-100``): scored in the bin
- ``agent``, ``brand``, ``team`` a name: of that agent, brand or team
- ``day`` ``2026-11-03``: written that day (on the reply's own clock, as ``by_day``)
- ``want`` ``refund``, ``refund:met``, ``refund:unmet``: to a customer who wanted it (and got it, or did not)
- ``promise`` ``kept``, ``early``, ``open``, ``broken``: that made a promise in that state (``early``: kept
  before the time promised)
- ``reply_time`` a time bin (``< 5 min``): answering within that time
- ``first_response`` a time bin: the first replies of conversations first answered within that time
- ``recovery`` ``recovered``, ``not_recovered``: in conversations whose upset customer ended calmer, or did not
- ``conversation`` an id: every judged reply of the conversation
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from makeitlast.conversation.analyze import JudgedReply
from makeitlast.conversation.promises import Promise
from makeitlast.insights.aggregate import TIME_BINS, _time_bin, want_met
from makeitlast.model import STEPS, WANTS, Step

Kind = Literal[
    "step",
    "finding",
    "score",
    "agent",
    "brand",
    "team",
    "day",
    "want",
    "promise",
    "reply_time",
    "first_response",
    "recovery",
    "conversation",
]
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES = ("present", "weak", "missing", "n/a")
#: The labels of ``score_histogram`` (the same bins as :class:`~makeitlast.insights.aggregate.Tally`).
SCORE_BINS: tuple[str, ...] = tuple(f"{b * 10}-{b * 10 + 9 if b < 9 else 100}" for b in range(10))
PROMISE_STATES = ("kept", "early", "open", "broken")
RECOVERY = ("recovered", "not_recovered")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ReplyContext:
    """What a selector may need beyond the reply: where it stands in its conversation."""

    #: The first judged reply of its conversation.
    first: bool = False
    #: The conversation's first response time, when known (``conversations.first_response_seconds``).
    first_response_seconds: float | None = None
    #: The conversation's recovery (None: the customer was not upset, or it is not known).
    recovered: bool | None = None
    #: The promises the reply made.
    promises: tuple[Promise, ...] = ()


class SelectorError(ValueError):
    """A kind or key that names no set of replies (the message says what is expected)."""


@dataclass(frozen=True)
class Selector:
    """A set of replies behind a chart's bar or point."""

    kind: Kind
    key: str

    @classmethod
    def parse(cls, kind: str | None, key: str | None) -> Selector:
        """A selector from untrusted text, checked: raises :class:`SelectorError` with what is expected."""
        if not kind:
            raise SelectorError(f"missing kind: one of {', '.join(KINDS)}")
        if kind not in KINDS:
            raise SelectorError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
        if key is None or key == "":
            raise SelectorError(f"missing key for kind {kind!r}")
        sel = cls(kind, key)  # type: ignore[arg-type]  # checked against KINDS above
        sel.check()
        return sel

    def check(self) -> None:
        kind, key = self.kind, self.key
        if kind == "step":
            step, _, status = key.partition(":")
            if step not in {s.value for s in STEPS} or status not in STATUSES:
                raise SelectorError(
                    f"bad step key {key!r}: STEP:STATUS with STEP one of {', '.join(s.value for s in STEPS)} "
                    f"and STATUS one of {', '.join(STATUSES)}"
                )
        elif kind == "finding":
            from makeitlast.engine.registry import get_rule

            try:
                get_rule(key)
            except KeyError:
                raise SelectorError(f"unknown rule code {key!r}") from None
        elif kind == "score":
            if key not in SCORE_BINS:
                raise SelectorError(f"bad score bin {key!r}: one of {', '.join(SCORE_BINS)}")
        elif kind == "day":
            if not _DAY.match(key):
                raise SelectorError(f"bad day {key!r}: YYYY-MM-DD")
        elif kind == "want":
            want, _, met = key.partition(":")
            if want not in WANTS or met not in ("", "met", "unmet"):
                raise SelectorError(
                    f"bad want key {key!r}: WANT, WANT:met or WANT:unmet with WANT one of {', '.join(WANTS)}"
                )
        elif kind == "promise":
            if key not in PROMISE_STATES:
                raise SelectorError(f"bad promise state {key!r}: one of {', '.join(PROMISE_STATES)}")
        elif kind in ("reply_time", "first_response"):
            if key not in {name for name, _ in TIME_BINS}:
                raise SelectorError(f"bad time bin {key!r}: one of {', '.join(n for n, _ in TIME_BINS)}")
        elif kind == "recovery" and key not in RECOVERY:
            raise SelectorError(f"bad recovery key {key!r}: one of {', '.join(RECOVERY)}")

    @property
    def label(self) -> str:
        """A short description for a page: "listen: missing", "agent Dana", "wanted a refund and got it"."""
        kind, key = self.kind, self.key
        if kind == "step":
            step, _, status = key.partition(":")
            return f"{step}: {status}"
        if kind == "finding":
            from makeitlast.engine.registry import get_rule

            return f"{key} {get_rule(key).name}"
        if kind == "score":
            return f"score {key}"
        if kind == "want":
            want, _, met = key.partition(":")
            return {
                "": f"wanted {want}",
                "met": f"wanted {want} and got it",
                "unmet": f"wanted {want}, did not get it",
            }[met]
        if kind == "promise":
            return "promises kept early" if key == "early" else f"promises {key}"
        if kind == "reply_time":
            return f"replies within {key}"
        if kind == "first_response":
            return f"first responses within {key}"
        if kind == "recovery":
            return (
                "upset customers who ended calmer"
                if key == "recovered"
                else "upset customers who did not calm down"
            )
        return f"{kind} {key}"

    def matches(self, reply: JudgedReply, ctx: ReplyContext) -> bool:
        """Is ``reply`` one of the replies behind the point? (Counted as ``Tally`` counts them.)"""
        kind, key, r = self.kind, self.key, reply.report
        if kind == "step":
            step, _, status = key.partition(":")
            res = r.steps.get(Step(step))
            return res is not None and ("n/a" if not res.applicable else res.status.value) == status
        if kind == "finding":
            return any(f.code == key for f in r.findings)
        if kind == "score":
            return SCORE_BINS[min(r.score // 10, 9)] == key
        if kind == "agent":
            return reply.agent == key
        if kind == "brand":
            return reply.brand == key
        if kind == "team":
            return reply.team == key
        if kind == "day":
            return reply.time is not None and reply.time.date().isoformat() == key
        if kind == "want":
            want, _, met = key.partition(":")
            if r.customer is None or want not in r.customer.wants:
                return False
            return not met or want_met(want, reply) == (met == "met")
        if kind == "promise":
            if key == "early":
                return any(p.early for p in ctx.promises)
            return any(p.state == key for p in ctx.promises)
        if kind == "reply_time":
            return reply.response_seconds is not None and _time_bin(reply.response_seconds) == key
        if kind == "first_response":
            seconds = ctx.first_response_seconds
            return ctx.first and seconds is not None and _time_bin(seconds) == key
        if kind == "recovery":
            return ctx.recovered is not None and ctx.recovered == (key == "recovered")
        return reply.conversation_id == key  # conversation

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "key": self.key}

    # constructors the charts use (one per kind of point)

    @classmethod
    def step(cls, step: str, status: str) -> Selector:
        return cls("step", f"{step}:{status}")

    @classmethod
    def want(cls, want: str, met: Literal["", "met", "unmet"] = "") -> Selector:
        return cls("want", f"{want}:{met}" if met else want)
