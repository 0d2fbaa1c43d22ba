"""Intercom: conversations in the REST API's shape.

A file is ``{"conversations": [...]}`` (the list endpoint's page), a JSON list of conversations, or JSON Lines
with one conversation per line. A conversation:

* ``id`` (required), ``created_at`` (unix seconds), ``title``, ``team_assignee_id``;
* ``source``: the opening message, ``{"type", "id", "subject", "body" (HTML), "author": {"type", "id",
  "name"}}``, timed at the conversation's ``created_at``;
* ``conversation_parts``: ``{"conversation_parts": [part, ...]}`` (a bare list is accepted too), each part
  ``{"id", "part_type": "comment"|"note"|"assignment"|"open"|"close"|..., "body", "author", "created_at"}``.

Author ``admin``, ``bot`` or ``team`` is an agent; ``user``, ``lead`` or ``contact`` is the customer; another
type is a bad record. A ``note`` is internal. Parts without a body (assignments, opens, closes, snoozes) are left
out; bodies are HTML, turned into text. The conversation id is ``intercom-<id>``; ``meta`` has ``source`` and,
where present, ``subject`` (the source's subject, else the title), ``channel`` (the source's type) and ``team``.
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

CONTAINERS = ("conversations",)
_ROLES = {
    "admin": Role.AGENT,
    "bot": Role.AGENT,
    "team": Role.AGENT,
    "user": Role.CUSTOMER,
    "lead": Role.CUSTOMER,
    "contact": Role.CUSTOMER,
}


def read(path: str | Path, *, skip_bad: bool = False, on_bad: OnBad | None = None) -> Iterator[Conversation]:
    """The conversations of an Intercom export, streamed."""
    problems = Problems(skip_bad, on_bad)
    return finish(_read(Path(path), str(path), problems), str(path), problems)


def _read(path: Path, name: str, problems: Problems) -> Iterator[Conversation]:
    for item in JsonSource(path, name, CONTAINERS):
        if isinstance(item, BadRecord):
            problems.report(item)
            continue
        try:
            conversation = _conversation(item.value)
        except RecordProblem as e:
            problems.report(BadRecord(f"{name}:{item.line}", str(e)))
        else:
            yield conversation


def _author(author: object, where: str) -> tuple[Role, str | None]:
    if not isinstance(author, dict):
        raise RecordProblem(f"{where}: no author")
    kind = author.get("type")
    role = _ROLES.get(kind.strip().lower()) if isinstance(kind, str) else None
    if role is None:
        raise RecordProblem(
            f"{where}: unknown author type {kind!r} (expected {', '.join(_ROLES)})"
            if isinstance(kind, str)
            else f"{where}: the author has no type"
        )
    for key in ("name", "email"):
        value = author.get(key)
        if isinstance(value, str) and value.strip():
            return role, value.strip()
    return role, ident(author.get("id"))


def _message(part: Mapping[str, Any], where: str, at: object, *, internal: bool) -> Message | None:
    body = part.get("body")
    if body is None or body == "":
        return None
    if not isinstance(body, str):
        raise RecordProblem(f"{where}: body must be a string, not {type_name(body)}")
    text = html_to_text(body)
    if not text:
        return None
    role, author = _author(part.get("author"), where)
    try:
        timestamp = timestamp_field(at, "created_at")
    except RecordProblem as e:
        raise RecordProblem(f"{where}: {e}") from None
    return Message(
        role=role, text=text, timestamp=timestamp, author=author, id=ident(part.get("id")), internal=internal
    )


def _conversation(record: dict[str, Any]) -> Conversation:
    conversation_id = ident(record.get("id"))
    if conversation_id is None:
        raise RecordProblem(
            f"a conversation without an id (found fields {', '.join(list(record)[:8]) or 'none'})"
        )
    what = f"conversation {conversation_id}"
    messages: list[Message] = []
    source = record.get("source")
    if isinstance(source, dict):
        first = _message(source, f"{what}, source", record.get("created_at"), internal=False)
        if first is not None:
            messages.append(first)
    elif source is not None:
        raise RecordProblem(f"{what}: source must be an object, not {type_name(source)}")
    parts: object = record.get("conversation_parts")
    if isinstance(parts, dict):
        parts = parts.get("conversation_parts")
    if parts is not None and not isinstance(parts, list):
        raise RecordProblem(f"{what}: conversation_parts must be a list, not {type_name(parts)}")
    for n, part in enumerate(parts or (), 1):
        if not isinstance(part, dict):
            raise RecordProblem(f"{what}, part {n}: expected an object, found {type_name(part)}")
        part_type = part.get("part_type")
        internal = isinstance(part_type, str) and part_type.startswith("note")
        where = f"{what}, part {ident(part.get('id')) or n}"
        message = _message(part, where, part.get("created_at"), internal=internal)
        if message is not None:
            messages.append(message)
    if not messages:
        raise RecordProblem(f"{what} has no message with a body")
    return Conversation(
        id=f"intercom-{conversation_id}", messages=sort_messages(messages), meta=_meta(record)
    )


def _meta(record: Mapping[str, Any]) -> dict[str, str]:
    meta = {"source": "intercom"}
    source = record.get("source") if isinstance(record.get("source"), dict) else {}
    assert isinstance(source, dict)
    for subject in (source.get("subject"), record.get("title")):
        if isinstance(subject, str) and (text := html_to_text(subject)):
            meta["subject"] = text
            break
    if isinstance(source.get("type"), str) and source["type"]:
        meta["channel"] = source["type"]
    team = ident(record.get("team_assignee_id"))
    if team is not None:
        meta["team"] = team
    return meta
