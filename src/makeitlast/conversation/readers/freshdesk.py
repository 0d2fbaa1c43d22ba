"""Freshdesk: tickets with their conversations (``GET /api/v2/tickets/{id}?include=conversations``).

A file is ``{"tickets": [...]}`` (also ``{"results": [...]}`` from the search API), a JSON list of tickets, or
JSON Lines with one ticket per line. A ticket:

* ``id`` (required), ``requester_id``, ``subject``, ``description_text`` (else ``description`` as HTML),
  ``created_at``, ``responder_id``, ``group_id``, ``source``, ``tags``, optionally ``requester: {name}``
  (``include=requester``);
* ``conversations``: ``[{id, body_text (else body as HTML), user_id, incoming, private, created_at}]``.

The description is the first message, from the customer, at the ticket's ``created_at``; the conversations follow
in time order. A conversation is the customer's when ``incoming`` is true or ``user_id`` is the requester's, an
agent's otherwise; ``private`` is an internal note. Entries without text are left out. The conversation id is
``freshdesk-<ticket id>``; ``meta`` has ``source`` and, where present, ``subject``, ``group``, ``channel`` (the
ticket's ``source`` code by name) and ``tags``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from makeitlast.conversation.readers._base import (
    BadRecord,
    JsonSource,
    OnBad,
    Problems,
    RecordProblem,
    finish,
    html_to_text,
    ident,
    sort_messages,
    timestamp_field,
    type_name,
)
from makeitlast.model import Conversation, Message, Role

__all__ = ["read"]

CONTAINERS = ("tickets", "results")
#: The ticket's ``source`` codes (Freshdesk API v2).
_CHANNELS = {1: "email", 2: "portal", 3: "phone", 7: "chat", 9: "feedback widget", 10: "outbound email"}


def read(path: str | Path, *, skip_bad: bool = False, on_bad: OnBad | None = None) -> Iterator[Conversation]:
    """The tickets of a Freshdesk export as conversations, streamed."""
    problems = Problems(skip_bad, on_bad)
    return finish(_read(Path(path), str(path), problems), str(path), problems)


def _read(path: Path, name: str, problems: Problems) -> Iterator[Conversation]:
    for item in JsonSource(path, name, CONTAINERS):
        if isinstance(item, BadRecord):
            problems.report(item)
            continue
        try:
            conversation = _ticket(item.value)
        except RecordProblem as e:
            problems.report(BadRecord(f"{name}:{item.line}", str(e)))
        else:
            yield conversation


def _text(record: Mapping[str, Any], plain: str, html: str) -> str:
    value = record.get(plain)
    if isinstance(value, str) and value.strip():
        return value.strip()
    value = record.get(html)
    return html_to_text(value) if isinstance(value, str) else ""


def _timestamp(value: object, where: str) -> datetime | None:
    try:
        return timestamp_field(value, "created_at")
    except RecordProblem as e:
        raise RecordProblem(f"{where}: {e}") from None


def _ticket(ticket: dict[str, Any]) -> Conversation:
    ticket_id = ident(ticket.get("id"))
    if ticket_id is None:
        raise RecordProblem(f"a ticket without an id (found fields {', '.join(list(ticket)[:8]) or 'none'})")
    what = f"ticket {ticket_id}"
    requester = ident(ticket.get("requester_id"))
    requester_name = None
    if isinstance(ticket.get("requester"), dict):
        found = ticket["requester"].get("name")
        requester_name = found.strip() if isinstance(found, str) and found.strip() else None
    first: list[Message] = []
    description = _text(ticket, "description_text", "description")
    if description:
        first.append(
            Message(
                role=Role.CUSTOMER,
                text=description,
                timestamp=_timestamp(ticket.get("created_at"), what),
                author=requester_name or requester,
            )
        )
    entries = ticket.get("conversations")
    if entries is not None and not isinstance(entries, list):
        raise RecordProblem(f"{what}: conversations must be a list, not {type_name(entries)}")
    rest: list[Message] = []
    for n, entry in enumerate(entries or (), 1):
        if not isinstance(entry, dict):
            raise RecordProblem(f"{what}, conversation {n}: expected an object, found {type_name(entry)}")
        entry_id = ident(entry.get("id"))
        where = f"{what}, conversation {entry_id or n}"
        text = _text(entry, "body_text", "body")
        if not text:
            continue
        user = ident(entry.get("user_id"))
        customer = entry.get("incoming") is True or (user is not None and user == requester)
        rest.append(
            Message(
                role=Role.CUSTOMER if customer else Role.AGENT,
                text=text,
                timestamp=_timestamp(entry.get("created_at"), where),
                author=requester_name if customer and user == requester and requester_name else user,
                id=entry_id,
                internal=entry.get("private") is True,
            )
        )
    if not first and not rest:
        raise RecordProblem(f"{what} has no description and no conversation with text")
    return Conversation(
        id=f"freshdesk-{ticket_id}", messages=(*first, *sort_messages(rest)), meta=_meta(ticket)
    )


def _meta(ticket: Mapping[str, Any]) -> dict[str, str]:
    meta = {"source": "freshdesk"}
    subject = ticket.get("subject")
    if isinstance(subject, str) and subject.strip():
        meta["subject"] = subject.strip()
    group = ident(ticket.get("group_id"))
    if group is not None:
        meta["group"] = group
    channel = ticket.get("source")
    if isinstance(channel, int) and channel in _CHANNELS:
        meta["channel"] = _CHANNELS[channel]
    tags = ticket.get("tags")
    if isinstance(tags, list) and (words := [t for t in tags if isinstance(t, str) and t]):
        meta["tags"] = " ".join(words)
    return meta
