"""The insights job: exports in, ``replies.jsonl``, ``summary.json`` and ``report.html`` out.

Conversations stream from the readers in chunks; each chunk is judged (``conversation.analyze``) into its JSON
rows and a :class:`~makeitlast.insights.aggregate.Tally`. Chunks run in this process, in a pool of forked
processes (every core by default), or on a Dask cluster (``scheduler``); a bounded window of chunks is in flight,
so memory does not grow with the input, and results are written in input order, so every way of running gives
the same files.

Each ``replies.jsonl`` row also carries the reply's text, the promises it made and (on a conversation's first
reply) the conversation's own figures (:func:`reply_rows`), so the dashboard can count them again for an agent, a
team or some days (``insights.filter``).

Outputs are written next to their final names and renamed into place at the end: an interrupted or failed job
leaves the previous report in ``out`` as it was.
"""

from __future__ import annotations

import collections
import itertools
import json
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from makeitlast.conversation.analyze import Analyzer, ConversationResult
from makeitlast.conversation.readers import BadRecord, read_export
from makeitlast.conversation.turns import turns
from makeitlast.engine.config import Settings
from makeitlast.insights.aggregate import Tally
from makeitlast.model import Conversation

#: Conversations per unit of work.
CHUNK = 64
#: Below this many conversations in the first chunks, the job stays in one process.
_IN_FLIGHT_PER_WORKER = 3


@dataclass
class JobResult:
    """What a job produced (paths) and its figures."""

    out: Path
    summary: dict[str, Any]
    bad: list[BadRecord] = field(default_factory=list)


# --- the unit of work (runs in a worker) --------------------------------------------------------------------

_analyzers: dict[str, Analyzer] = {}


def _analyzer(settings_key: str) -> Analyzer:
    a = _analyzers.get(settings_key)
    if a is None:
        a = _analyzers[settings_key] = Analyzer(Settings.model_validate_json(settings_key))
    return a


Result = tuple[list[str], list[str], Tally]


def analyze_chunk(settings_key: str, chunk: Sequence[Conversation], now: datetime | None = None) -> Result:
    """Judge a chunk of conversations: their ``replies.jsonl`` and ``promises.jsonl`` lines and their tally."""
    analyzer = _analyzer(settings_key)
    lines: list[str] = []
    promises: list[str] = []
    tally = Tally()
    for conv in chunk:
        result = analyzer.analyze(conv, now)
        tally.add(result)
        lines.extend(json.dumps(row, ensure_ascii=False) for row in reply_rows(conv, result))
        promises.extend(p.model_dump_json() for p in result.promises)
    return lines, promises, tally


def reply_rows(conv: Conversation, result: ConversationResult) -> Iterator[dict[str, Any]]:
    """The ``replies.jsonl`` rows of one conversation: :meth:`JudgedReply.to_row` plus what the dashboard's
    filters and drill-down re-aggregate from (``insights.filter``): the reply's text (``reply``), the promises
    it made (``promises``, as in ``promises.jsonl``) and, on the conversation's first reply, the conversation's
    own figures (``conversation``)."""
    # the judged replies are the turns with text, in order (``Analyzer.analyze``); promises come from the same
    # messages (``ledger``), so each one belongs to the reply at its message index
    judged = [t.index for t in turns(conv) if t.reply.text.strip()]
    made: dict[int, list[dict[str, Any]]] = collections.defaultdict(list)
    for p in result.promises:
        made[p.message_index].append(p.model_dump(mode="json"))
    for i, (index, reply) in enumerate(zip(judged, result.replies, strict=True)):
        row = reply.to_row()
        row["reply"] = reply.report.reply
        row["promises"] = made.get(index, [])
        if i == 0:
            row["conversation"] = {
                "messages": result.messages,
                "started": result.started.isoformat() if result.started else None,
                "first_response_seconds": result.first_response_seconds,
                "anger_first": result.anger_first,
                "anger_last": result.anger_last,
            }
        yield row


# --- running ------------------------------------------------------------------------------------------------


def conversations(
    paths: Iterable[str | Path],
    *,
    format: str | None = None,
    skip_bad: bool = False,
    on_bad: Callable[[BadRecord], None] | None = None,
    mapping: dict[str, str] | None = None,
) -> Iterator[Conversation]:
    for path in paths:
        yield from read_export(path, format, skip_bad=skip_bad, on_bad=on_bad, mapping=mapping)


def _chunks(convs: Iterable[Conversation], size: int) -> Iterator[list[Conversation]]:
    it = iter(convs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _local(
    key: str, chunks: Iterator[list[Conversation]], workers: int, now: datetime | None
) -> Iterator[Result]:
    first = next(chunks, None)
    if first is None:
        return
    # judged here first: the phrase expressions compile once in this process and forked workers inherit them
    yield analyze_chunk(key, first, now)
    if workers <= 1:
        for chunk in chunks:
            yield analyze_chunk(key, chunk, now)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers) as pool:
        pending: collections.deque[Any] = collections.deque()
        for chunk in chunks:
            pending.append(pool.apply_async(analyze_chunk, (key, chunk, now)))
            if len(pending) >= _IN_FLIGHT_PER_WORKER * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _dask(
    key: str, chunks: Iterator[list[Conversation]], scheduler: str | Any, now: datetime | None
) -> Iterator[Result]:
    """The same chunks on a Dask cluster: ``scheduler`` is an address (``tcp://host:8786``), a ``Client``, or
    ``"local"`` for a ``LocalCluster`` on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("the Dask scheduler needs `pip install 'makeitlast[dask]'`") from e
    own: list[Any] = []
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
        own += [client, cluster]
    else:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
        own.append(client)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: collections.deque[Any] = collections.deque()
        for chunk in chunks:
            pending.append(client.submit(analyze_chunk, key, chunk, now, pure=False))
            if len(pending) >= _IN_FLIGHT_PER_WORKER * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for thing in own:
            thing.close()


def run(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    settings: Settings | None = None,
    format: str | None = None,
    skip_bad: bool = False,
    on_bad: Callable[[BadRecord], None] | None = None,
    mapping: dict[str, str] | None = None,
    workers: int | None = None,
    scheduler: str | Any | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK,
    html: bool = True,
) -> JobResult:
    """Judge every conversation of ``paths`` and write the report files into ``out``.

    ``progress(conversations, replies)`` is called after each chunk. Raises
    :class:`~makeitlast.conversation.readers.ExportError` on a bad record unless ``skip_bad``.
    """
    settings = settings or Settings()
    key = settings.cache_key()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    bad: list[BadRecord] = []

    def _bad(record: BadRecord) -> None:
        bad.append(record)
        if on_bad is not None:
            on_bad(record)

    chunks = _chunks(
        conversations(paths, format=format, skip_bad=skip_bad, on_bad=_bad, mapping=mapping), chunk
    )
    if scheduler is not None:
        results = _dask(key, chunks, scheduler, now)
    else:
        results = _local(key, chunks, workers if workers is not None else (os.cpu_count() or 1), now)
    tally = Tally()
    rows_tmp = out / ".replies.jsonl.part"
    promises_tmp = out / ".promises.jsonl.part"
    try:
        with rows_tmp.open("w", encoding="utf-8") as fh, promises_tmp.open("w", encoding="utf-8") as ph:
            for lines, promise_lines, part in results:
                for line in lines:
                    fh.write(line)
                    fh.write("\n")
                for line in promise_lines:
                    ph.write(line)
                    ph.write("\n")
                tally.merge(part)
                if progress is not None:
                    progress(tally.conversations, tally.replies)
        if tally.conversations == 0:
            from makeitlast.conversation.readers import ExportError

            names = ", ".join(str(p) for p in paths)
            raise ExportError(f"no conversations in {names}")
        summary = tally.summary()
        summary["inputs"] = [str(p) for p in paths]
        summary["skipped_records"] = [{"where": b.where, "message": b.message} for b in bad]
        parts = {"replies.jsonl": rows_tmp, "promises.jsonl": promises_tmp}
        parts["summary.json"] = _part(
            out, "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        )
        if html:
            from makeitlast.insights.report import render

            parts["report.html"] = _part(out, "report.html", render(summary))
        for name, tmp in parts.items():  # all written: now put them in place together
            os.replace(tmp, out / name)
    finally:
        for tmp in out.glob(".*.part"):
            tmp.unlink()
    return JobResult(out=out, summary=summary, bad=bad)


def _part(out: Path, name: str, text: str) -> Path:
    tmp = out / f".{name}.part"
    tmp.write_text(text, encoding="utf-8")
    return tmp
