"""Rewrites of flagged words: apply the rules' fixes to a reply and check it again (``makeitlast check --fix``).

Every finding may carry a :class:`~makeitlast.model.Fix`: a span of the reply and the words to put there, marked
``safe`` when it keeps the meaning and needs nothing filled in. :func:`apply_fixes` applies a set of them to a text;
:func:`fix` does it in rounds, judging the text again after each (a rewrite can surface a finding of its own, with a
fix of its own: "you obviously didn't read" → "you didn't read" → "have you had a chance to read ...?"), and never
returns a text with more findings than the reply it was given.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from makeitlast.engine import ContextLike, Engine, Settings, get_engine
from makeitlast.engine.batch import BatchError, Task, run_batch
from makeitlast.model import Finding, Fix, Report, Span

__all__ = ["FixResult", "apply_fixes", "fix", "fix_batch", "fix_with"]


class FixResult(BaseModel):
    """A reply with the fixes applied, and the coach's report before and after."""

    model_config = ConfigDict(frozen=True)

    #: The rewritten reply (the reply itself when nothing was applied).
    text: str
    #: The findings whose fixes were applied, in the order of the rounds (spans point into the text of their
    #: round: the reply for the first).
    applied: tuple[Finding, ...] = ()
    before: Report
    after: Report

    @property
    def changed(self) -> bool:
        return self.text != self.before.reply

    @property
    def suggestions(self) -> list[Finding]:
        """Findings of the rewritten text that still carry a fix: unsafe ones for a person to review (and any safe
        one that lost to an overlapping fix in the last round)."""
        return [f for f in self.after.findings if f.fix is not None]


def _overlaps(a: Span, b: Span) -> bool:
    """Do two edits touch the same text? Two insertions at one point do (their order would be a guess); an
    insertion at the edge of a replacement does not."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _valid(fix: Fix, text: str) -> bool:
    s = fix.span
    return 0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text


def _fixable(finding: Finding, text: str, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe) and _valid(finding.fix, text)


def choose(reply: str, findings: Sequence[Finding], *, unsafe: bool = False) -> list[Finding]:
    """The findings whose fixes :func:`apply_fixes` would apply: safe ones first, then by severity, then in report
    order, skipping any fix that overlaps one already chosen. Returned in reply order."""
    candidates = [f for f in findings if _fixable(f, reply, unsafe)]
    ranked = sorted(
        range(len(candidates)),
        key=lambda i: (not _fix(candidates[i]).safe, -candidates[i].severity.rank, i),
    )
    taken: list[tuple[int, int]] = []  # chosen spans, sorted, never overlapping
    by_span: dict[tuple[int, int], Finding] = {}
    for i in ranked:
        span = _fix(candidates[i]).span
        key = (span.start, span.end)
        at = bisect.bisect_left(taken, key)
        near = taken[max(0, at - 2) : at + 2]
        if any(_overlaps(span, Span(start=a, end=b, text="")) for a, b in near) or key in by_span:
            continue
        taken.insert(at, key)
        by_span[key] = candidates[i]
    return [by_span[k] for k in taken]


def _fix(finding: Finding) -> Fix:
    assert finding.fix is not None
    return finding.fix


def apply_fixes(
    reply: str, findings: Sequence[Finding], *, unsafe: bool = False
) -> tuple[str, list[Finding]]:
    """Apply the findings' fixes to ``reply`` (safe ones only, unless ``unsafe``): those that do not overlap, right
    to left so that each span still points at its words. Returns the new text and the findings applied (in reply
    order). A fix whose span no longer matches ``reply`` is skipped."""
    chosen = choose(reply, findings, unsafe=unsafe)
    pieces: list[str] = []
    pos = 0
    for finding in chosen:  # in reply order; building the text left to right is the same as editing right to left
        edit = _fix(finding)
        pieces += [reply[pos : edit.span.start], edit.replacement]
        pos = edit.span.end
    pieces.append(reply[pos:])
    return "".join(pieces), chosen


def _rank(report: Report) -> tuple[int, int, int]:
    """Smaller is better: fewer findings, then less severe ones, then a higher score."""
    return (len(report.findings), sum(f.severity.rank for f in report.findings), -report.score)


def fix_with(
    engine: Engine,
    reply: str,
    customer: str | None = None,
    context: Iterable[ContextLike] = (),
    *,
    unsafe: bool = False,
    rounds: int = 3,
    id: str | None = None,
) -> FixResult:
    """:func:`fix` with a ready engine (the batch workers have one)."""
    ctx = list(context)
    before = engine.check(reply, customer, ctx, id=id)
    text, report = reply, before
    applied: list[Finding] = []
    best = (text, report, len(applied))
    for k in range(max(0, rounds)):
        # unsafe fixes only in the first round: later rounds would build on their blanks
        allow_unsafe = unsafe and k == 0
        new_text, used = apply_fixes(text, report.findings, unsafe=allow_unsafe)
        if not used or new_text == text:
            break
        new_report = _judge(engine, new_text, customer, ctx, id)
        if new_report is None or len(new_report.findings) > len(report.findings):
            # together they made it worse: keep the ones that do not, one at a time
            new_text, new_report, used = _one_by_one(engine, text, report, customer, ctx, id, allow_unsafe)
            if not used or new_report is None:
                break
        text, report = new_text, new_report
        applied.extend(used)
        if _rank(report) < _rank(best[1]):
            best = (text, report, len(applied))
        if not any(_fix(f).safe for f in used):
            break  # rounds go on while something safe applies
    text, report, n = best
    if len(report.findings) >= len(before.findings):
        # a rewrite is only worth sending when it leaves fewer findings than the reply had
        return FixResult(text=reply, applied=(), before=before, after=before)
    return FixResult(text=text, applied=tuple(applied[:n]), before=before, after=report)


def _judge(engine: Engine, text: str, customer: str | None, ctx: list[ContextLike], id: str | None) -> Report | None:
    if not text.strip():
        return None
    return engine.check(text, customer, ctx, id=id)


def _one_by_one(
    engine: Engine,
    text: str,
    report: Report,
    customer: str | None,
    ctx: list[ContextLike],
    id: str | None,
    unsafe: bool,
) -> tuple[str, Report | None, list[Finding]]:
    """Apply the round's fixes one at a time (right to left, so the others' spans stay valid), keeping each that
    does not add findings."""
    kept: list[Finding] = []
    current, current_report = text, report
    for finding in reversed(choose(text, report.findings, unsafe=unsafe)):
        edit = _fix(finding)
        trial = current[: edit.span.start] + edit.replacement + current[edit.span.end :]
        trial_report = _judge(engine, trial, customer, ctx, id)
        if trial_report is not None and len(trial_report.findings) <= len(current_report.findings):
            current, current_report = trial, trial_report
            kept.append(finding)
    kept.reverse()
    return current, current_report, kept


def fix(
    reply: str,
    customer: str | None = None,
    context: Iterable[ContextLike] = (),
    settings: Settings | None = None,
    *,
    unsafe: bool = False,
    rounds: int = 3,
    id: str | None = None,
) -> FixResult:
    """Rewrite ``reply`` with the rules' fixes and judge it again, up to ``rounds`` times while a safe fix applies.

    Safe fixes only, unless ``unsafe`` (unsafe ones then apply in the first round; they hold blanks like "…" or
    change what the reply says, so a person reads the result). The result is the best text seen, and only when it
    has fewer findings than ``reply``; otherwise ``reply`` itself, with nothing applied.
    """
    return fix_with(
        get_engine(settings), reply, customer, context, unsafe=unsafe, rounds=rounds, id=id
    )


def fix_batch(
    items: Iterable[Mapping[str, Any]],
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    unsafe: bool = False,
    chunksize: int = 256,
) -> Iterator[FixResult | BatchError]:
    """:func:`fix` for many replies (the rows of :func:`makeitlast.check_batch`), in input order, on every core;
    an item that cannot be judged gives a :class:`~makeitlast.engine.batch.BatchError`."""
    task: Task = "fix-unsafe" if unsafe else "fix"
    inner = run_batch(items, settings=settings, workers=workers, chunksize=chunksize, task=task)
    try:
        for result in inner:
            if not isinstance(result, (FixResult, BatchError)):  # pragma: no cover - the fix task gives these
                raise TypeError(f"unexpected batch result {type(result).__name__}")
            yield result
    finally:
        inner.close()
