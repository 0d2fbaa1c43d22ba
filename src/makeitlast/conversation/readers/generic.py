"""A generic export: one message per JSON Lines line (or JSON list entry, or ``{"messages": [...]}``) or CSV row.

Fields: ``conversation_id``, ``role`` and ``text`` (required); ``author``, ``timestamp`` (ISO 8601 or unix
seconds), ``id`` (the message's own id) and ``internal`` (true/false, yes/no, 1/0) optional. ``mapping`` names
the export's own fields for ours (``{"conversation_id": "ticket", "text": "body"}``); CSV column names are
matched whatever their case.

Roles: ``customer``, ``user``, ``end-user``, ``requester``, ``client`` are the customer; ``agent``, ``admin``,
``staff``, ``support``, ``operator`` are an agent (any case); anything else is a bad record naming the value. An
empty text is a bad record too.

The rows of a conversation need not be next to each other, but are usually close: a conversation is emitted once
no row has touched it for ``window`` rows (default 50,000), so memory stays bounded. A conversation whose rows lie
farther apart than that comes out as several conversations with the same id (fragments); at the end of
the file the open conversations come out in the order they started. Messages are sorted by
timestamp (a stable sort, so rows of the same second keep the file's order), or kept in the file's order when
some have no timestamp. The file is CSV if its name ends in ``.csv`` or it does not start with ``{`` or ``[``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from makeitlast.conversation.readers._base import (
    DEFAULT_WINDOW,
    BadRecord,
    CsvRow,
    ExportError,
    JsonSource,
    OnBad,
    Problems,
    RecordProblem,
    Window,
    check_window,
    finish,
    ident,
    iter_csv,
    open_binary,
    sort_messages,
    timestamp_field,
    type_name,
)
from makeitlast.model import Conversation, Message, Role

__all__ = ["FIELDS", "REQUIRED", "ROLES", "read"]

REQUIRED = ("conversation_id", "role", "text")
FIELDS = (*REQUIRED, "author", "timestamp", "id", "internal")
CONTAINERS = ("messages",)
ROLES: dict[str, Role] = {
    **dict.fromkeys(("customer", "user", "end-user", "requester", "client"), Role.CUSTOMER),
    **dict.fromkeys(("agent", "admin", "staff", "support", "operator"), Role.AGENT),
}
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False, "": False}


def read(
    path: str | Path,
    *,
    skip_bad: bool = False,
    on_bad: OnBad | None = None,
    mapping: Mapping[str, str] | None = None,
    window: int = DEFAULT_WINDOW,
) -> Iterator[Conversation]:
    """The conversations of a generic message export, streamed (see the module documentation)."""
    check_window(window)
    names = _names(mapping)
    problems = Problems(skip_bad, on_bad)
    return finish(_read(Path(path), str(path), names, window, problems), str(path), problems)


def _names(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Our field -> the export's name for it."""
    names = {f: f for f in FIELDS}
    for ours, theirs in (mapping or {}).items():
        if ours not in names:
            raise ExportError(f"unknown field {ours!r} in the mapping: the fields are {', '.join(FIELDS)}")
        if not isinstance(theirs, str) or not theirs.strip():
            raise ExportError(f"the mapping for {ours!r} must name a field of the export, not {theirs!r}")
        names[ours] = theirs.strip()
    return names


def _is_csv(path: Path, name: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return True
    if suffix in (".jsonl", ".json", ".ndjson", ".jsonlines"):
        return False
    with open_binary(path, name) as stream:
        head = stream.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    return not head.startswith((b"{", b"[")) and bool(head)


def _csv_getter(data: dict[str, str], names: dict[str, str]) -> Callable[[str], Any]:
    return lambda f: data.get(names[f].lower())


def _json_getter(data: dict[str, Any], names: dict[str, str]) -> Callable[[str], Any]:
    return lambda f: data.get(names[f])


def _records(
    path: Path, name: str, names: dict[str, str]
) -> Iterator[tuple[int, Callable[[str], Any]] | BadRecord]:
    """(line, field getter) for each record, or a bad record."""
    if _is_csv(path, name):

        def check(header: list[str]) -> None:
            missing = [names[f] for f in REQUIRED if names[f].lower() not in header]
            if missing:
                expected = ", ".join(names[f] for f in FIELDS)
                raise ExportError(
                    f"{name}:1: the header has no {', '.join(missing)} column "
                    f"(expected {expected}; map other names with a mapping, e.g. text=body)"
                )

        for row in iter_csv(path, name, check):
            if isinstance(row, CsvRow):
                yield row.line, _csv_getter(row.data, names)
            else:
                yield row
    else:
        for item in JsonSource(path, name, CONTAINERS):
            if isinstance(item, BadRecord):
                yield item
            else:
                yield item.line, _json_getter(item.value, names)


def _text_value(value: object, column: str) -> str | None:
    if value is None or isinstance(value, str):
        return value.strip() if isinstance(value, str) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RecordProblem(f"{column} must be a string, not {type_name(value)}")
    return ident(value)


def _message(get: Callable[[str], Any], names: dict[str, str]) -> tuple[str, Message]:
    conversation_id = _text_value(get("conversation_id"), names["conversation_id"])
    if not conversation_id:
        raise RecordProblem(f"missing {names['conversation_id']}")
    raw_role = get("role")
    if raw_role is None or raw_role == "":
        raise RecordProblem(f"missing {names['role']}")
    role = ROLES.get(str(raw_role).strip().lower().replace("_", "-").replace(" ", "-"))
    if role is None:
        raise RecordProblem(
            f"unknown role {raw_role!r} in {names['role']}: use customer (or user, end-user, requester, client) "
            "or agent (or admin, staff, support, operator)"
        )
    text = get("text")
    if text is None:
        raise RecordProblem(f"missing {names['text']}")
    if not isinstance(text, str):
        raise RecordProblem(f"{names['text']} must be a string, not {type_name(text)}")
    if not text.strip():
        raise RecordProblem(f"empty {names['text']}")
    internal = get("internal")
    if not isinstance(internal, bool):
        flag = _BOOLEANS.get(str(internal).strip().lower()) if internal is not None else False
        if flag is None:
            raise RecordProblem(f"{names['internal']} must be true or false, not {internal!r}")
        internal = flag
    message = Message(
        role=role,
        text=text.strip(),
        timestamp=timestamp_field(get("timestamp"), names["timestamp"]),
        author=_text_value(get("author"), names["author"]) or None,
        id=_text_value(get("id"), names["id"]) or None,
        internal=internal,
    )
    return conversation_id, message


@dataclass
class _Open:
    messages: list[Message] = field(default_factory=list)


def _conversation(conversation_id: str, group: _Open) -> Conversation:
    return Conversation(
        id=conversation_id, messages=sort_messages(group.messages), meta={"source": "generic"}
    )


def _read(
    path: Path, name: str, names: dict[str, str], window: int, problems: Problems
) -> Iterator[Conversation]:
    open_: dict[str, _Open] = {}  # in the order they started
    touched: Window[str] = Window(window)
    for row, item in enumerate(_records(path, name, names)):
        if isinstance(item, BadRecord):
            problems.report(item)
        else:
            line, get = item
            try:
                conversation_id, message = _message(get, names)
            except RecordProblem as e:
                problems.report(BadRecord(f"{name}:{line}", str(e)))
            else:
                open_.setdefault(conversation_id, _Open()).messages.append(message)
                touched.touch(conversation_id, row)
        for conversation_id in touched.expired(row):
            yield _conversation(conversation_id, open_.pop(conversation_id))
    for conversation_id, group in open_.items():
        yield _conversation(conversation_id, group)
