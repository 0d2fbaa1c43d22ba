"""Customer Support on Twitter (TWCS): the Kaggle CSV of customer and brand tweets, rebuilt into threads.

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id``
(``inbound`` ``True`` for the customer, ``created_at`` like ``Tue Oct 31 22:10:47 +0000 2017``,
``response_tweet_id`` possibly several comma-separated ids, ids possibly written as floats: ``3.0``).

A thread is every tweet connected by a reply link (``in_response_to_tweet_id`` or ``response_tweet_id``), in
either direction, whatever order the rows come in. It becomes a :class:`~makeitlast.model.Conversation` with id
``twcs-<smallest tweet id>``, ``meta`` ``{"source": "twcs", "brand": <the first brand author>}`` and its tweets in
time order (ties by tweet id); each message keeps the tweet id as ``id`` and the author id as ``author``. The text
is Twitter's with ``&amp;``, ``&lt;`` and ``&gt;`` decoded.

Memory is bounded: only threads that some row touched within the last ``window`` rows (default 50,000) are kept
(a union-find over their tweet ids); a thread no row has touched for ``window`` rows is emitted. A file whose
thread has tweets farther apart than that gives the thread as several conversations (fragments, each with its
own id); a bigger ``window`` avoids it at the cost of memory. At the end of the file the open threads are
emitted in the order they started.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from makeitlast.conversation.readers._base import (
    DEFAULT_WINDOW,
    BadRecord,
    CsvRow,
    ExportError,
    OnBad,
    Problems,
    RecordProblem,
    Window,
    check_window,
    finish,
    ident,
    iter_csv,
    timestamp_field,
)
from makeitlast.model import Conversation, Message, Role

__all__ = ["COLUMNS", "read"]

COLUMNS = (
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "response_tweet_id",
    "in_response_to_tweet_id",
)
_INBOUND = {"true": True, "1": True, "false": False, "0": False}


def read(
    path: str | Path,
    *,
    skip_bad: bool = False,
    on_bad: OnBad | None = None,
    window: int = DEFAULT_WINDOW,
) -> Iterator[Conversation]:
    """The threads of a TWCS CSV, streamed (see the module documentation for ``window``)."""
    check_window(window)
    problems = Problems(skip_bad, on_bad)
    return finish(_read(Path(path), str(path), window, problems), str(path), problems)


def _check_header(name: str) -> Callable[[list[str]], None]:
    def check(header: list[str]) -> None:
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ExportError(
                f"{name}:1: not a TWCS export: the header has no {', '.join(missing)} "
                f"(expected the columns {', '.join(COLUMNS)})"
            )

    return check


def _sort_key(tweet_id: str) -> tuple[int, int, str]:
    """Tweet ids in number order (ids that are not numbers after them, as text)."""
    return (0, int(tweet_id), "") if tweet_id.isdigit() else (1, 0, tweet_id)


@dataclass
class _Thread:
    first_row: int
    #: Every id of the thread: its tweets and the ids they link to that have not been seen (yet).
    members: list[str]
    messages: list[Message] = field(default_factory=list)


class _Threads:
    """The open threads: a union-find over tweet ids, limited to threads touched within the window."""

    def __init__(self, window: int) -> None:
        self._parent: dict[str, str] = {}
        self._threads: dict[str, _Thread] = {}  # by root id
        self._seen: set[str] = set()  # ids of tweets (not mere links) in open threads
        self._window: Window[str] = Window(window)

    def _find(self, node: str) -> str:
        parent = self._parent
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    def _node(self, node: str, row: int) -> str:
        if node not in self._parent:
            self._parent[node] = node
            self._threads[node] = _Thread(row, [node])
            return node
        return self._find(node)

    def _union(self, a: str, b: str) -> str:
        if a == b:
            return a
        ta, tb = self._threads[a], self._threads[b]
        if len(ta.members) < len(tb.members):
            a, b, ta, tb = b, a, tb, ta
        self._parent[b] = a
        ta.members.extend(tb.members)
        ta.messages.extend(tb.messages)
        ta.first_row = min(ta.first_row, tb.first_row)
        del self._threads[b]
        self._window.forget(b)
        return a

    def add(self, message: Message, links: list[str], row: int) -> None:
        tweet_id = message.id
        assert tweet_id is not None
        if tweet_id in self._seen:
            raise RecordProblem(f"tweet {tweet_id} appears twice")
        root = self._node(tweet_id, row)
        for link in links:
            if link != tweet_id:
                root = self._union(root, self._node(link, row))
        self._threads[root].messages.append(message)
        self._seen.add(tweet_id)
        self._window.touch(root, row)

    def expire(self, row: int) -> Iterator[Conversation]:
        for root in self._window.expired(row):
            yield self._emit(root)

    def flush(self) -> Iterator[Conversation]:
        for root in sorted(self._threads, key=lambda r: self._threads[r].first_row):
            yield self._emit(root)

    def _emit(self, root: str) -> Conversation:
        thread = self._threads.pop(root)
        self._window.forget(root)
        for node in thread.members:
            del self._parent[node]
            self._seen.discard(node)
        messages = sorted(thread.messages, key=lambda m: (m.timestamp, _sort_key(m.id or "")))
        first = min((m.id or "" for m in messages), key=_sort_key)
        meta = {"source": "twcs"}
        brand = next((m.author for m in messages if m.role is Role.AGENT and m.author), None)
        if brand:
            meta["brand"] = brand
        return Conversation(id=f"twcs-{first}", messages=tuple(messages), meta=meta)


def _unescape(text: str) -> str:
    """Twitter's text escapes only these three."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _tweet(row: CsvRow) -> tuple[Message, list[str]]:
    data = row.data
    tweet_id = ident(data["tweet_id"])
    if tweet_id is None:
        raise RecordProblem("empty tweet_id")
    author = data["author_id"].strip()
    if not author:
        raise RecordProblem("empty author_id")
    inbound = _INBOUND.get(data["inbound"].strip().lower())
    if inbound is None:
        raise RecordProblem(f"inbound must be True or False, not {data['inbound']!r}")
    timestamp = timestamp_field(data["created_at"], "created_at", required=True)
    links = [ident(x) for x in data["response_tweet_id"].split(",")]
    links.append(ident(data["in_response_to_tweet_id"]))
    message = Message(
        role=Role.CUSTOMER if inbound else Role.AGENT,
        text=_unescape(data["text"]),
        timestamp=timestamp,
        author=author,
        id=tweet_id,
    )
    return message, [link for link in links if link]


def _read(path: Path, name: str, window: int, problems: Problems) -> Iterator[Conversation]:
    threads = _Threads(window)
    check = _check_header(name)
    for row, item in enumerate(iter_csv(path, name, check)):
        if isinstance(item, BadRecord):
            problems.report(item)
        else:
            try:
                message, links = _tweet(item)
                threads.add(message, links, row)
            except RecordProblem as e:
                problems.report(BadRecord(f"{name}:{item.line}", str(e)))
        yield from threads.expire(row)
    yield from threads.flush()
