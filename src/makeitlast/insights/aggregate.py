"""The figures of an insights report, gathered as conversations stream by.

:class:`Tally` holds only counts, fixed-bin histograms and a bounded set of examples, so memory stays flat however
large the export, and two tallies merge exactly (``merge``): a job split over processes or a Dask cluster adds up
to the same figures as one process. Examples are kept by a deterministic key (a hash of the conversation and
message ids), the ``EXAMPLES`` smallest per problem, for the same reason.

``summary()`` turns a tally into the JSON document written as ``summary.json`` (documented in
``docs/insights.md``).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from makeitlast.conversation.analyze import ConversationResult, JudgedReply
from makeitlast.model import STEPS, WANTS, Status

#: Example replies kept for each top problem.
EXAMPLES = 3
#: Response-time bins (upper bounds in seconds; the last bin is open).
TIME_BINS: tuple[tuple[str, float], ...] = (
    ("< 5 min", 300),
    ("5-15 min", 900),
    ("15-60 min", 3600),
    ("1-4 h", 4 * 3600),
    ("4-24 h", 24 * 3600),
    ("> 24 h", float("inf")),
)
#: A want is met when the reply does this (the remedy gap compares what was wanted with what was given).
_SOLVED_BY_STEP = {"apology": "apologize", "appreciation": "thank"}
_INDIGNITY = frozenset({"D003", "D006", "D010", "D011"})
SUMMARY_VERSION = 1


def _time_bin(seconds: float) -> str:
    for name, upper in TIME_BINS:
        if seconds < upper:
            return name
    return TIME_BINS[-1][0]


def want_met(want: str, reply: JudgedReply) -> bool:
    """Did the reply give the customer what they wanted (RUBRIC section 1's remedies)?"""
    r = reply.report
    codes = {f.code for f in r.findings}
    if want in _SOLVED_BY_STEP:
        return r.steps[_SOLVED_BY_STEP[want]].status is Status.PRESENT  # type: ignore[index]
    if want == "dignity":
        return not codes & _INDIGNITY and r.steps["listen"].status is Status.PRESENT  # type: ignore[index]
    return "S004" not in codes and r.steps["solve"].status is Status.PRESENT  # type: ignore[index]


def _key(*parts: str | None) -> str:
    return hashlib.blake2b("\x1f".join(p or "" for p in parts).encode(), digest_size=8).hexdigest()


@dataclass
class _Group:
    """Replies of one agent, brand, team or day."""

    replies: int = 0
    score_sum: int = 0
    present: Counter[str] = field(default_factory=Counter)
    applicable: Counter[str] = field(default_factory=Counter)
    donts: int = 0

    def add(self, reply: JudgedReply) -> None:
        r = reply.report
        self.replies += 1
        self.score_sum += r.score
        for step in STEPS:
            res = r.steps[step]
            if res.applicable:
                self.applicable[step.value] += 1
                if res.status is Status.PRESENT:
                    self.present[step.value] += 1
        self.donts += sum(1 for f in r.findings if f.code.startswith("D"))

    def merge(self, other: _Group) -> None:
        self.replies += other.replies
        self.score_sum += other.score_sum
        self.present.update(other.present)
        self.applicable.update(other.applicable)
        self.donts += other.donts

    def to_json(self) -> dict[str, Any]:
        return {
            "replies": self.replies,
            "mean_score": round(self.score_sum / self.replies, 1) if self.replies else None,
            "coverage": {
                s.value: round(self.present[s.value] / self.applicable[s.value], 3)
                if self.applicable[s.value]
                else None
                for s in STEPS
            },
            "donts_per_100": round(100 * self.donts / self.replies, 1) if self.replies else None,
        }


@dataclass
class Tally:
    """Counts of everything the report shows (mergeable, bounded)."""

    conversations: int = 0
    messages: int = 0
    replies: int = 0
    score_sum: int = 0
    score_bins: Counter[int] = field(default_factory=Counter)
    step_status: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    findings: Counter[str] = field(default_factory=Counter)
    wanted: Counter[str] = field(default_factory=Counter)
    met: Counter[str] = field(default_factory=Counter)
    promises: Counter[str] = field(default_factory=Counter)
    early: int = 0
    first_response: Counter[str] = field(default_factory=Counter)
    reply_time: Counter[str] = field(default_factory=Counter)
    first_response_sum: float = 0.0
    first_response_n: int = 0
    upset: int = 0
    recovered: int = 0
    by_agent: dict[str, _Group] = field(default_factory=lambda: defaultdict(_Group))
    by_brand: dict[str, _Group] = field(default_factory=lambda: defaultdict(_Group))
    by_team: dict[str, _Group] = field(default_factory=lambda: defaultdict(_Group))
    by_day: dict[str, _Group] = field(default_factory=lambda: defaultdict(_Group))
    #: code -> [(key, example)], the EXAMPLES smallest keys
    examples: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))

    # --- adding ---------------------------------------------------------------------------------------------

    def add(self, conv: ConversationResult) -> None:
        self.conversations += 1
        self.messages += conv.messages
        for reply in conv.replies:
            self._add_reply(reply)
        for p in conv.promises:
            self.promises[p.state] += 1
            self.early += bool(p.early)
        if conv.first_response_seconds is not None:
            self.first_response[_time_bin(conv.first_response_seconds)] += 1
            self.first_response_sum += conv.first_response_seconds
            self.first_response_n += 1
        if conv.recovered is not None:
            self.upset += 1
            self.recovered += conv.recovered

    def _add_reply(self, reply: JudgedReply) -> None:
        r = reply.report
        self.replies += 1
        self.score_sum += r.score
        self.score_bins[min(r.score // 10, 9)] += 1
        for step in STEPS:
            res = r.steps[step]
            self.step_status[step.value]["n/a" if not res.applicable else res.status.value] += 1
        for f in r.findings:
            self.findings[f.code] += 1
        for code in {f.code for f in r.findings}:
            self._example(code, reply)
        if r.customer:
            for want in r.customer.wants:
                self.wanted[want] += 1
                self.met[want] += want_met(want, reply)
        if reply.response_seconds is not None:
            self.reply_time[_time_bin(reply.response_seconds)] += 1
        if reply.agent:
            self.by_agent[reply.agent].add(reply)
        if reply.brand:
            self.by_brand[reply.brand].add(reply)
        if reply.team:
            self.by_team[reply.team].add(reply)
        if reply.time:
            self.by_day[reply.time.date().isoformat()].add(reply)

    def _example(self, code: str, reply: JudgedReply) -> None:
        key = _key(reply.conversation_id, reply.message_id, code)
        kept = self.examples[code]
        if len(kept) >= EXAMPLES and key >= kept[-1][0]:
            return
        found = [f for f in reply.report.findings if f.code == code]
        example = {
            "conversation_id": reply.conversation_id,
            "message_id": reply.message_id,
            "agent": reply.agent,
            "brand": reply.brand,
            "reply": reply.report.reply,
            "spans": [[f.span.start, f.span.end] for f in found if f.span],
            "message": found[0].message,
            "suggestion": found[0].suggestion,
            "customer": reply.customer_text,
        }
        kept.append((key, example))
        kept.sort(key=lambda kv: kv[0])
        del kept[EXAMPLES:]

    # --- merging --------------------------------------------------------------------------------------------

    def merge(self, other: Tally) -> Tally:
        for name in (
            "conversations",
            "messages",
            "replies",
            "early",
            "first_response_n",
            "upset",
            "recovered",
            "score_sum",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.first_response_sum += other.first_response_sum
        for name in ("score_bins", "findings", "wanted", "met", "promises", "first_response", "reply_time"):
            getattr(self, name).update(getattr(other, name))
        for step, counts in other.step_status.items():
            self.step_status[step].update(counts)
        for name in ("by_agent", "by_brand", "by_team", "by_day"):
            mine = getattr(self, name)
            for k, g in getattr(other, name).items():
                mine[k].merge(g)
        for code, kept in other.examples.items():
            both = {k: v for k, v in [*self.examples[code], *kept]}
            self.examples[code] = sorted(both.items(), key=lambda kv: kv[0])[:EXAMPLES]
        return self

    # --- the summary ----------------------------------------------------------------------------------------

    def summary(self, *, top_groups: int = 50) -> dict[str, Any]:
        from makeitlast.engine.registry import get_rule

        def groups(d: dict[str, _Group]) -> dict[str, Any]:
            ranked = sorted(d.items(), key=lambda kv: (-kv[1].replies, kv[0]))[:top_groups]
            return {k: g.to_json() for k, g in ranked}

        findings = []
        for code, n in sorted(self.findings.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = get_rule(code)
            findings.append(
                {
                    "code": code,
                    "name": rule.name,
                    "step": rule.step.value,
                    "severity": rule.severity.value,
                    "count": n,
                    "per_100_replies": round(100 * n / self.replies, 1) if self.replies else 0.0,
                    "examples": [ex for _k, ex in self.examples.get(code, [])],
                }
            )
        steps = {}
        for step in STEPS:
            c = self.step_status.get(step.value, Counter())
            applicable = sum(v for k, v in c.items() if k != "n/a")
            steps[step.value] = {
                **{k: c.get(k, 0) for k in ("present", "weak", "missing", "n/a")},
                "coverage": round(c.get("present", 0) / applicable, 3) if applicable else None,
            }
        return {
            "summary_version": SUMMARY_VERSION,
            "conversations": self.conversations,
            "messages": self.messages,
            "replies": self.replies,
            "mean_score": round(self.score_sum / self.replies, 1) if self.replies else None,
            "score_histogram": {
                f"{b * 10}-{b * 10 + 9 if b < 9 else 100}": self.score_bins.get(b, 0) for b in range(10)
            },
            "steps": steps,
            "findings": findings,
            "remedy_gap": {
                w: {"wanted": self.wanted.get(w, 0), "met": self.met.get(w, 0)}
                for w in WANTS
                if self.wanted.get(w)
            },
            "promises": {
                **{s: self.promises.get(s, 0) for s in ("kept", "broken", "open")},
                "early": self.early,
            },
            "first_response": {
                "histogram": {name: self.first_response.get(name, 0) for name, _ in TIME_BINS},
                "mean_seconds": round(self.first_response_sum / self.first_response_n, 1)
                if self.first_response_n
                else None,
            },
            "reply_time": {name: self.reply_time.get(name, 0) for name, _ in TIME_BINS},
            "recovery": {
                "upset_at_start": self.upset,
                "recovered": self.recovered,
                "rate": round(self.recovered / self.upset, 3) if self.upset else None,
            },
            "by_agent": groups(self.by_agent),
            "by_brand": groups(self.by_brand),
            "by_team": groups(self.by_team),
            "by_day": {k: g.to_json() for k, g in sorted(self.by_day.items())},
        }
