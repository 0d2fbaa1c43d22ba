"""The batch form of :func:`makeitlast.check`: many replies, results in input order, on every core.

Work is sent to a process pool in chunks (results come back in input order and memory stays bounded: only a few
chunks are in flight at a time). Each worker builds its engine once. Small inputs skip the pool: starting processes costs more
than judging a few hundred replies.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing as mp
import os
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from makeitlast.engine import ContextLike, Engine, InputError, get_engine
from makeitlast.engine.config import Settings
from makeitlast.model import Report

if TYPE_CHECKING:
    from makeitlast.compose.fix import FixResult

#: What a batch does with each item: judge it, or also rewrite it (``makeitlast check --input ... --fix``).
Task = Literal["check", "fix", "fix-unsafe"]


class Item(BaseModel):
    """One reply to judge: the JSONL/CSV input row (``id``, ``customer``, ``context``, ``reply``)."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    reply: str
    customer: str | None = None
    context: list[Any] = Field(default_factory=list)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v

    @field_validator("context", mode="before")
    @classmethod
    def _no_context(cls, v: Any) -> Any:
        return [] if v is None or v == "" else v


@dataclass(frozen=True)
class BatchError:
    """An input item that could not be judged; the batch goes on."""

    index: int
    id: str | None
    message: str


#: Below this many items the pool is not worth starting.
PARALLEL_THRESHOLD = 2000

_worker_engine: Engine | None = None
_worker_task: Task = "check"


def _init_worker(settings_json: str, task: Task = "check") -> None:
    global _worker_engine, _worker_task
    # get_engine's cache was inherited through fork: the parent's engine, with its compiled expressions
    _worker_engine = get_engine(Settings.model_validate_json(settings_json))
    _worker_task = task


def _judge(
    engine: Engine, index: int, item: Item | Mapping[str, Any], task: Task = "check"
) -> Report | FixResult | BatchError:
    try:
        it = item if isinstance(item, Item) else Item.model_validate(item)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        ident = item.get("id") if isinstance(item, Mapping) else None
        return BatchError(index, None if ident is None else str(ident), f"{where}: {err['msg']}")
    try:
        ctx: list[ContextLike] = list(it.context)
        if task != "check":
            from makeitlast.compose.fix import fix_with

            return fix_with(engine, it.reply, it.customer, ctx, unsafe=task == "fix-unsafe", id=it.id)
        return engine.check(it.reply, it.customer, ctx, id=it.id)
    except InputError as e:
        return BatchError(index, it.id, str(e))


def _judge_chunk(chunk: list[tuple[int, Item | Mapping[str, Any]]]) -> list[Report | FixResult | BatchError]:
    assert _worker_engine is not None
    return [_judge(_worker_engine, i, it, _worker_task) for i, it in chunk]


def _chunks(
    items: Iterable[Item | Mapping[str, Any]], size: int
) -> Iterator[list[tuple[int, Item | Mapping[str, Any]]]]:
    it = iter(enumerate(items))
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def check_batch(
    items: Iterable[Item | Mapping[str, Any]],
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    chunksize: int = 256,
) -> Iterator[Report | BatchError]:
    """Judge many replies; yields one :class:`Report` (or :class:`BatchError`) per item, in input order.

    ``workers``: processes to use (default: every core, ``os.cpu_count()``); 1 judges in this process. With the
    default, inputs shorter than :data:`PARALLEL_THRESHOLD` also run in this process.
    """
    inner = run_batch(items, settings=settings, workers=workers, chunksize=chunksize)
    try:
        for result in inner:
            if not isinstance(result, (Report, BatchError)):  # pragma: no cover - the "check" task gives reports
                raise TypeError(f"unexpected batch result {type(result).__name__}")
            yield result
    finally:
        inner.close()  # an early close() stops the worker processes


def run_batch(
    items: Iterable[Item | Mapping[str, Any]],
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    chunksize: int = 256,
    task: Task = "check",
) -> Generator[Report | FixResult | BatchError, None, None]:
    """:func:`check_batch` for any :data:`Task`: with ``"fix"`` each item gives a
    :class:`~makeitlast.compose.fix.FixResult` (``makeitlast.compose.fix.fix_batch`` is the typed front)."""
    settings = settings or Settings()
    engine = get_engine(settings)  # validates the settings here, before any worker starts
    n = workers if workers is not None else (os.cpu_count() or 1)
    it = iter(items)
    if workers is None:
        head = list(itertools.islice(it, PARALLEL_THRESHOLD))
        if len(head) < PARALLEL_THRESHOLD:
            n = 1
        it = itertools.chain(head, it)
    if n <= 1:
        for i, item in enumerate(it):
            yield _judge(engine, i, item, task)
        return
    # The first chunk is judged here, before the pool forks: the phrase expressions are compiled lazily, the
    # first time a text needs them (about 1.5 s for a typical mix), and forked workers inherit what this process
    # compiled instead of each paying for it again.
    chunks = _chunks(it, chunksize)
    first = next(chunks, None)
    if first is None:
        return
    for i, item in first:
        yield _judge(engine, i, item, task)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(n, initializer=_init_worker, initargs=(settings.cache_key(), task)) as pool:
        # A sliding window of chunks in flight (Pool.imap would read the whole input ahead).
        pending: collections.deque[AsyncResult[list[Report | FixResult | BatchError]]] = collections.deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_judge_chunk, (chunk,)))
            if len(pending) >= 3 * n:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
