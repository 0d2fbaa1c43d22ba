"""Zendesk Support: tickets (the Tickets API's shape) with their comments (the Ticket Comments API's shape).

A file is ``{"tickets": [ticket, ...]}`` (also ``{"results": [...]}`` from the Search API), a JSON list of
tickets, or JSON Lines with one ticket per line (or one page ``{"tickets": [...], "users": [...]}`` per line).
A record is a ticket carrying its comments under ``"comments"``, or ``{"ticket": {...}, "comments": [...]}``
as the two API calls return them.

* ticket: ``id`` (required), ``requester_id``, ``subject``, ``created_at``, ``group_id``, ``brand_id``, ``tags``,
  ``via`` ...; a ticket without comments gives its ``description`` as the customer's one message.
* comment: ``id``, ``author_id``, ``body`` (else ``plain_body``, else ``html_body`` as text), ``public``,
  ``created_at``. Comments without text (attachments only) are left out.
* sideloaded ``users`` (``[{id, name, role: end-user|agent|admin}]``, in the file's top-level object, on the
  JSON Lines page or in the record) give authors' names and roles.

Role: the requester, or a user whose role is ``end-user``, is the customer; anyone else is an agent.
``public: false`` is an internal note. The conversation id is ``zendesk-<ticket id>``; ``meta`` has ``source``
and, where present, ``subject``, ``brand``, ``group``, ``channel`` (``via.channel``) and ``tags``.

A ``{"tickets": [...]}`` document is read twice (first for the ``users`` that may follow the tickets), a record at
a time both times.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


def read(path: str | Path, *, skip_bad: bool = False, on_bad: OnBad | None = None) -> Iterator[Conversation]:
    """The tickets of a Zendesk export as conversations, streamed."""
    problems = Problems(skip_bad, on_bad)
    return finish(_read(Path(path), str(path), problems), str(path), problems)


_User = tuple[str | None, str | None]  # name, role


def _users(value: object) -> dict[str, _User]:
    out: dict[str, _User] = {}
    if isinstance(value, list):
        for user in value:
            if isinstance(user, dict) and (uid := ident(user.get("id"))) is not None:
                name = user.get("name")
                role = user.get("role")
                out[uid] = (
                    name if isinstance(name, str) and name.strip() else None,
                    role.strip().lower() if isinstance(role, str) else None,
                )
    return out


def _read(path: Path, name: str, problems: Problems) -> Iterator[Conversation]:
    source = JsonSource(path, name, CONTAINERS)
    document_users = _users(source.first_value_fields().get("users"))
    for item in source:
        if isinstance(item, BadRecord):
            problems.report(item)
            continue
        try:
            conversation = _ticket(item.value, item.context, document_users)
        except RecordProblem as e:
            problems.report(BadRecord(f"{name}:{item.line}", str(e)))
        else:
            yield conversation


def _text(comment: Mapping[str, Any]) -> str:
    for key in ("body", "plain_body"):
        value = comment.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    html = comment.get("html_body")
    return html_to_text(html) if isinstance(html, str) else ""


def _ticket(
    record: dict[str, Any], context: Mapping[str, Any], document_users: dict[str, _User]
) -> Conversation:
    ticket = record.get("ticket") if isinstance(record.get("ticket"), dict) else record
    assert isinstance(ticket, dict)
    ticket_id = ident(ticket.get("id"))
    if ticket_id is None:
        raise RecordProblem(f"a ticket without an id (found fields {', '.join(list(ticket)[:8]) or 'none'})")
    what = f"ticket {ticket_id}"
    users = {**document_users, **_users(context.get("users")), **_users(record.get("users"))}
    if record is not ticket:
        users.update(_users(ticket.get("users")))
    requester = ident(ticket.get("requester_id"))
    comments = record.get("comments", ticket.get("comments"))
    messages: list[Message] = []
    if comments is None or comments == []:
        description = ticket.get("description")
        if isinstance(description, str) and description.strip():
            try:
                at = timestamp_field(ticket.get("created_at"), "created_at")
            except RecordProblem as e:
                raise RecordProblem(f"{what}: {e}") from None
            author = users.get(requester or "", (None, None))[0] or requester
            messages.append(
                Message(role=Role.CUSTOMER, text=description.strip(), timestamp=at, author=author)
            )
    elif not isinstance(comments, list):
        raise RecordProblem(f"{what}: comments must be a list, not {type_name(comments)}")
    else:
        for n, comment in enumerate(comments, 1):
            if not isinstance(comment, dict):
                raise RecordProblem(f"{what}, comment {n}: expected an object, found {type_name(comment)}")
            comment_id = ident(comment.get("id"))
            where = f"{what}, comment {comment_id or n}"
            text = _text(comment)
            if not text:
                continue
            try:
                at = timestamp_field(comment.get("created_at"), "created_at")
            except RecordProblem as e:
                raise RecordProblem(f"{where}: {e}") from None
            author_id = ident(comment.get("author_id"))
            name, role = users.get(author_id or "", (None, None))
            customer = (author_id is not None and author_id == requester) or role == "end-user"
            public = comment.get("public", True)
            messages.append(
                Message(
                    role=Role.CUSTOMER if customer else Role.AGENT,
                    text=text,
                    timestamp=at,
                    author=name or author_id,
                    id=comment_id,
                    internal=public is False,
                )
            )
    if not messages:
        raise RecordProblem(f"{what} has no comments with text")
    return Conversation(id=f"zendesk-{ticket_id}", messages=sort_messages(messages), meta=_meta(ticket))


def _meta(ticket: Mapping[str, Any]) -> dict[str, str]:
    meta = {"source": "zendesk"}
    subject = ticket.get("subject") or ticket.get("raw_subject")
    if isinstance(subject, str) and subject.strip():
        meta["subject"] = subject.strip()
    for key, field in (("brand", "brand_id"), ("group", "group_id")):
        value = ident(ticket.get(field))
        if value is not None:
            meta[key] = value
    via = ticket.get("via")
    if isinstance(via, dict) and isinstance(via.get("channel"), str):
        meta["channel"] = via["channel"]
    tags = ticket.get("tags")
    if isinstance(tags, list) and (words := [t for t in tags if isinstance(t, str) and t]):
        meta["tags"] = " ".join(words)
    return meta
