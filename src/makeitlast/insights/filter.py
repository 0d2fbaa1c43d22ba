"""A finished analysis seen through filters: its figures for one agent, team or date range, and the replies
behind each chart point.

Everything is computed from the analysis folder's ``replies.jsonl`` in one pass, streaming (one conversation in
memory at a time), with the job's own aggregation (:class:`~makeitlast.insights.aggregate.Tally`), so the figures
for a filter are the figures the job computes for the same replies:

- a filter selects replies: by ``agent``, ``team``, and the reply's day (``since`` / ``until``, inclusive, on
  the reply's own clock, as ``by_day``);
- each conversation is cut down to its selected replies, and dropped when none is left (a conversation the agent
  never answered is not theirs); the promises counted are those the selected replies made; the first response
  time counts when the conversation's first reply is selected; messages and recovery are the conversation's own;
- with no filter, the figures are ``summary.json`` itself.

So on a subset of conversations whose replies all match, the filtered figures equal the job's on that subset
(``tests/insights/test_filter.py`` checks this). Analyses written before ``replies.jsonl`` carried the reply text,
its promises and the conversation's figures (``insights.job.reply_rows``) still work: their promises come from
``promises.jsonl``, and the figures that need the conversation (messages, first response, recovery) are listed
under ``missing``.

Speed: every line is read, but only the few fields a filter needs are decoded from it (the rows are written by
``json.dumps`` with its default separators, so ``"agent": `` after ``"conversation_id": `` can only be that key);
a row is decoded whole, into the report fields the figures read, only when the filter selects it. On 300,000
replies (680 MB) on one core: about 2.5 s to read the file and test every row, plus about 60 µs per selected reply
(most of it ``Tally`` itself): one agent in 3 s, a fifth of the replies in 6 s, all of them in 20 s; memory stays
under 50 MB.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from makeitlast.conversation.analyze import ConversationResult, JudgedReply
from makeitlast.conversation.promises import Promise
from makeitlast.insights.aggregate import Tally
from makeitlast.insights.selectors import ReplyContext, Selector
from makeitlast.model import (
    CustomerReading,
    Finding,
    Report,
    Severity,
    Span,
    Status,
    Step,
    StepResult,
    Want,
)

#: Example replies per page, by default and at most.
PAGE = 20
MAX_PAGE = 100
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECODER = json.JSONDecoder()
#: Figures an analysis written before ``reply_rows`` cannot give for a filter.
LEGACY_MISSING = ("messages", "first_response", "recovery")


class FilterError(ValueError):
    """A filter value that cannot be used (the message says why)."""


def _date(name: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise FilterError(f"{name} must be a date, YYYY-MM-DD: got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name} is not a valid date: {value!r}") from None


@dataclass(frozen=True)
class Filters:
    """Which replies to count: all of them by default."""

    agent: str | None = None
    team: str | None = None
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(
        cls,
        agent: str | None = None,
        team: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Filters:
        """Filters from query text (an empty value is no filter); raises :class:`FilterError`."""
        first, last = _date("since", since), _date("until", until)
        if first and last and first > last:
            raise FilterError(f"since ({first}) is after until ({last})")
        return cls(agent or None, team or None, first, last)

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.agent, self.team, self.since, self.until))

    def check(self, options: dict[str, Any]) -> None:
        """Refuse an agent or team the analysis does not have (a typo or a link to another analysis)."""
        if self.agent is not None and self.agent not in options["agent_replies"]:
            raise FilterError(f"no replies by agent {self.agent!r} in this analysis")
        if self.team is not None and self.team not in options["team_replies"]:
            raise FilterError(f"no replies of team {self.team!r} in this analysis")

    def accepts(self, head: _Head) -> bool:
        if self.agent is not None and head.agent != self.agent:
            return False
        if self.team is not None and head.team != self.team:
            return False
        if self.since is not None or self.until is not None:
            if not head.time:
                return False
            day = head.time[:10]
            if self.since is not None and day < self.since.isoformat():
                return False
            if self.until is not None and day > self.until.isoformat():
                return False
        return True

    def to_json(self) -> dict[str, str | None]:
        return {
            "agent": self.agent,
            "team": self.team,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


# --- reading replies.jsonl ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    """The fields of a row a filter and a grouping need, decoded without decoding the whole row."""

    conversation_id: str | None
    agent: str | None
    brand: str | None
    team: str | None
    time: str | None
    #: The conversation's figures (``reply_rows``: on its first reply), or None.
    conversation: dict[str, Any] | None
    #: Decoded by the fast path: the row has the job's layout, so substring tests on it are sound.
    fast: bool


_KEYS = ("agent", "brand", "team", "time")


def _head(line: str) -> _Head:
    start = line.find('"conversation_id": ')
    if start >= 0:
        values: dict[str, Any] = {}
        pos = start
        ok = True
        for key in ("conversation_id", *_KEYS):
            needle = f'"{key}": '
            i = line.find(needle, pos)
            if i < 0:
                ok = False
                break
            values[key], pos = _DECODER.raw_decode(line, i + len(needle))
        if ok:
            conv = None
            i = line.find('"conversation": ', pos)
            if i >= 0:
                conv, _ = _DECODER.raw_decode(line, i + len('"conversation": '))
            return _Head(
                values["conversation_id"],
                values["agent"],
                values["brand"],
                values["team"],
                values["time"],
                conv if isinstance(conv, dict) else None,
                True,
            )
    row = json.loads(line)  # another layout: decode it all
    conv = row.get("conversation")
    return _Head(
        row.get("conversation_id"),
        row.get("agent"),
        row.get("brand"),
        row.get("team"),
        row.get("time"),
        conv if isinstance(conv, dict) else None,
        False,
    )


@dataclass
class _Group:
    """The rows of one conversation (``replies.jsonl`` keeps a conversation's replies together, in order)."""

    heads: list[_Head] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def facts(self) -> dict[str, Any] | None:
        return self.heads[0].conversation if self.heads else None


def _groups(path: Path) -> Iterator[_Group]:
    group = _Group()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            head = _head(line)
            if group.heads and (
                head.conversation is not None  # the first reply of a conversation (reply_rows)
                or head.conversation_id != group.heads[-1].conversation_id
                or (head.conversation_id is None and group.facts is None)  # no id, no marker: on its own
            ):
                yield group
                group = _Group()
            group.heads.append(head)
            group.lines.append(line)
    if group.heads:
        yield group


@functools.lru_cache(maxsize=64)
def _step(status: str, applicable: bool) -> StepResult:
    return StepResult.model_construct(status=Status(status), applicable=applicable, evidence=())


@functools.lru_cache(maxsize=4096)
def _customer(wants: tuple[Want, ...], anger: int) -> CustomerReading:
    return CustomerReading.model_construct(
        wants=wants,
        anger=anger,
        abusive=False,
        repeat_contact=False,
        bad_experience=False,
        facts=(),
        evidence={},
    )


def _report(row: dict[str, Any]) -> Report:
    """The row's report with what the figures and examples read: score, step statuses, the customer's wants and
    anger, the findings and the reply. Built without validation (the job wrote it) and without the evidence: a
    full validation costs three times as much, and the figures do not read it. (Frozen models: the step results
    and readings, a handful of distinct values, are shared.)"""
    steps = {Step(k): _step(v["status"], v.get("applicable", True)) for k, v in row["steps"].items()}
    findings = [
        Finding.model_construct(
            code=f["code"],
            name=f["name"],
            step=Step(f["step"]),
            severity=Severity(f["severity"]),
            message=f["message"],
            span=Span.model_construct(start=sp["start"], end=sp["end"], text=sp["text"])
            if (sp := f.get("span"))
            else None,
            suggestion=f.get("suggestion"),
            fix=None,
        )
        for f in row.get("findings", ())
    ]
    c = row.get("customer")
    return Report.model_construct(
        id=row.get("id"),
        schema_version=row.get("schema_version", 1),
        score=row["score"],
        steps=steps,
        customer=_customer(tuple(c.get("wants", ())), c.get("anger", 0)) if c else None,
        findings=findings,
        reply=row.get("reply") or "",
    )


def _judged(row: dict[str, Any]) -> JudgedReply:
    return JudgedReply(
        conversation_id=row.get("conversation_id"),
        message_id=row.get("message_id"),
        agent=row.get("agent"),
        brand=row.get("brand"),
        team=row.get("team"),
        time=row.get("time"),  # ISO text, parsed by the model
        response_seconds=row.get("response_seconds"),
        customer_text=row.get("customer_text"),
        report=_report(row),
    )


class _Promises:
    """The promises a row made: in the row (``reply_rows``), or for older analyses from ``promises.jsonl``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._legacy: dict[tuple[str | None, str | None], list[Promise]] | None = None

    def of(self, row: dict[str, Any]) -> tuple[Promise, ...]:
        if "promises" in row:
            return tuple(Promise.model_validate(p) for p in row["promises"])
        if self._legacy is None:
            self._legacy = {}
            path = self.folder / "promises.jsonl"
            if path.is_file():
                with path.open(encoding="utf-8") as fh:
                    for line in fh:
                        if line.strip():
                            p = Promise.model_validate_json(line)
                            self._legacy.setdefault((p.conversation_id, p.message_id), []).append(p)
        return tuple(self._legacy.get((row.get("conversation_id"), row.get("message_id")), ()))


def _facts(group: _Group, head: _Head) -> ConversationResult:
    """The conversation's own figures (no replies, no promises) as the job read them."""
    facts = group.facts or {}
    return ConversationResult(
        id=head.conversation_id,
        brand=head.brand,
        team=head.team,
        messages=facts.get("messages") or 0,
        started=facts.get("started"),  # ISO text, parsed by the model
        replies=(),
        first_response_seconds=facts.get("first_response_seconds"),
        anger_first=facts.get("anger_first"),
        anger_last=facts.get("anger_last"),
        promises=(),
    )


def _replies(folder: Path) -> Path:
    path = folder / "replies.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{folder} has no replies.jsonl: not a finished analysis")
    return path


def base_summary(folder: str | Path) -> dict[str, Any]:
    """The analysis's ``summary.json``."""
    data: dict[str, Any] = json.loads((Path(folder) / "summary.json").read_text(encoding="utf-8"))
    return data


# --- the figures --------------------------------------------------------------------------------------------


def summary(folder: str | Path, filters: Filters | None = None) -> dict[str, Any]:
    """The figures of ``summary.json`` for the replies ``filters`` selects (the rules are in the module
    docstring). Raises FileNotFoundError when ``folder`` is not a finished analysis."""
    folder = Path(folder)
    filters = filters or Filters()
    path = _replies(folder)
    base = base_summary(folder)
    if not filters.active:
        return base
    tally = Tally()
    promises = _Promises(folder)
    missing = False
    for group in _groups(path):
        picked = [i for i, head in enumerate(group.heads) if filters.accepts(head)]
        if not picked:
            continue
        rows = [json.loads(group.lines[i]) for i in picked]
        conv = _facts(group, group.heads[picked[0]])
        missing = missing or group.facts is None
        tally.add(
            conv.model_copy(
                update={
                    "replies": tuple(_judged(row) for row in rows),
                    "promises": tuple(p for row in rows for p in promises.of(row)),
                    # the first response is the first reply's: counted when that reply is selected
                    "first_response_seconds": conv.first_response_seconds if picked[0] == 0 else None,
                }
            )
        )
    out = tally.summary()
    out["inputs"] = base.get("inputs", [])
    out["skipped_records"] = base.get("skipped_records", [])
    if missing:
        out["missing"] = list(LEGACY_MISSING)
    return out


def options(folder: str | Path) -> dict[str, Any]:
    """The filter values the analysis has: ``agents`` and ``teams`` (sorted, with their reply counts in
    ``agent_replies`` / ``team_replies``) and the first and last day with a reply (``since``, ``until``)."""
    agents: Counter[str] = Counter()
    teams: Counter[str] = Counter()
    first: str | None = None
    last: str | None = None
    for group in _groups(_replies(Path(folder))):
        for head in group.heads:
            if head.agent:
                agents[head.agent] += 1
            if head.team:
                teams[head.team] += 1
            if head.time:
                day = head.time[:10]
                first = day if first is None or day < first else first
                last = day if last is None or day > last else last
    return {
        "agents": sorted(agents, key=lambda a: (a.casefold(), a)),
        "teams": sorted(teams, key=lambda t: (t.casefold(), t)),
        "agent_replies": dict(agents),
        "team_replies": dict(teams),
        "since": first,
        "until": last,
    }


# --- the replies behind a point -------------------------------------------------------------------------------


def _may_match(selector: Selector, line: str) -> bool:
    """False when the row (in the job's layout) cannot match: it lacks text every matching row contains. Skips
    decoding most rows for a rare finding or promise state."""
    if selector.kind == "finding":
        return f'"code": {json.dumps(selector.key)}' in line
    if selector.kind == "promise" and '"promises": ' in line:  # older rows keep their promises elsewhere
        return (
            '"early": true' if selector.key == "early" else f'"state": {json.dumps(selector.key)}'
        ) in line
    return True


def _by_head(selector: Selector, head: _Head) -> bool | None:
    """The answer from the row's head alone, when it is enough."""
    kind, key = selector.kind, selector.key
    if kind == "agent":
        return head.agent == key
    if kind == "brand":
        return head.brand == key
    if kind == "team":
        return head.team == key
    if kind == "conversation":
        return head.conversation_id == key
    if kind == "day":
        return head.time is not None and head.time[:10] == key
    return None


def example(row: dict[str, Any], reply: JudgedReply, promises: tuple[Promise, ...]) -> dict[str, Any]:
    """One reply as the dashboard shows it."""
    r = reply.report
    return {
        "conversation_id": reply.conversation_id,
        "message_id": reply.message_id,
        "agent": reply.agent,
        "brand": reply.brand,
        "team": reply.team,
        "time": row.get("time"),
        "score": r.score,
        "customer": reply.customer_text,
        "reply": row.get("reply"),  # None: an analysis written before the reply text was kept
        "steps": {s.value: ("n/a" if not res.applicable else res.status.value) for s, res in r.steps.items()},
        "findings": [
            {
                "code": f.code,
                "name": f.name,
                "severity": f.severity.value,
                "message": f.message,
                "suggestion": f.suggestion,
                "span": [f.span.start, f.span.end] if f.span else None,
            }
            for f in r.findings
        ],
        "promises": [
            {"text": p.text, "state": p.state, "early": p.early, "due": p.due_text} for p in promises
        ],
    }


def examples(
    folder: str | Path,
    selector: Selector,
    filters: Filters | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE,
) -> dict[str, Any]:
    """The replies behind a chart point (``selector``) among those ``filters`` selects, in file order:
    ``limit`` of them from ``offset``, and ``next_offset`` (None on the last page)."""
    if offset < 0:
        raise FilterError(f"offset must be 0 or more: got {offset}")
    if not 1 <= limit <= MAX_PAGE:
        raise FilterError(f"limit must be from 1 to {MAX_PAGE}: got {limit}")
    folder = Path(folder)
    filters = filters or Filters()
    promises = _Promises(folder)
    items: list[dict[str, Any]] = []
    seen = 0
    for group in _groups(_replies(folder)):
        conv: ConversationResult | None = None
        for i, (head, line) in enumerate(zip(group.heads, group.lines, strict=True)):
            if not filters.accepts(head):
                continue
            if head.fast and (_by_head(selector, head) is False or not _may_match(selector, line)):
                continue
            row = json.loads(line)
            reply = _judged(row)
            made = promises.of(row)
            if selector.kind in ("first_response", "recovery"):
                conv = conv or _facts(group, head)
            ctx = ReplyContext(
                first=i == 0,
                first_response_seconds=conv.first_response_seconds if conv else None,
                recovered=conv.recovered if conv else None,
                promises=made,
            )
            if not selector.matches(reply, ctx):
                continue
            if seen >= offset + limit:  # one more than the page: there is a next page
                return {**_page(selector, filters, offset, limit, items), "next_offset": offset + limit}
            if seen >= offset:
                items.append(example(row, reply, made))
            seen += 1
    return {**_page(selector, filters, offset, limit, items), "next_offset": None}


def _page(
    selector: Selector, filters: Filters, offset: int, limit: int, items: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "selector": {**selector.to_json(), "label": selector.label},
        "filters": filters.to_json(),
        "offset": offset,
        "limit": limit,
        "items": items,
    }
