"""Readers that turn helpdesk exports into :class:`~makeitlast.model.Conversation` objects, streamed.

=============  ================================================================================================
format         what it reads
=============  ================================================================================================
``twcs``       Customer Support on Twitter CSV: tweets threaded by their reply links (:mod:`.twcs`)
``zendesk``    Zendesk tickets with their comments and sideloaded users (:mod:`.zendesk`)
``intercom``   Intercom conversations with their conversation parts (:mod:`.intercom`)
``freshdesk``  Freshdesk tickets with their conversations (:mod:`.freshdesk`)
``generic``    JSON Lines or CSV, one message per row, with a column mapping (:mod:`.generic`)
=============  ================================================================================================

Every reader is ``read(path, *, skip_bad=False, on_bad=None, **options) -> Iterator[Conversation]``. A bad
record raises :class:`ExportError` naming the file and line (``export.csv:17: broken timestamp 'yesterday-ish'
in created_at``); with ``skip_bad`` it is passed to ``on_bad`` as a :class:`BadRecord` and the rest of the file is
read. An export with no conversation raises ``ExportError("no conversations in FILE")``.

:func:`read_export` picks the reader by name or, without one, by :func:`detect`, which looks at the start of the
file.
"""

from __future__ import annotations

import csv
import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from makeitlast.conversation.readers import freshdesk, generic, intercom, twcs, zendesk
from makeitlast.conversation.readers._base import BadRecord, ExportError, OnBad, open_binary
from makeitlast.model import Conversation

__all__ = ["EXPECTED", "FORMATS", "BadRecord", "ExportError", "Reader", "detect", "read_export"]

Reader = Callable[..., Iterator[Conversation]]

#: Format name -> its reader.
FORMATS: dict[str, Reader] = {
    "twcs": twcs.read,
    "zendesk": zendesk.read,
    "intercom": intercom.read,
    "freshdesk": freshdesk.read,
    "generic": generic.read,
}

#: What each format looks like (for the error that says none fits).
EXPECTED: dict[str, str] = {
    "twcs": "CSV with the columns " + ", ".join(twcs.COLUMNS),
    "zendesk": (
        'JSON ({"tickets": [...]}, a list or JSON Lines) of tickets (id, requester_id, subject, created_at) '
        "with comments (id, author_id, body, public, created_at) and optionally users (id, name, role)"
    ),
    "intercom": (
        'JSON ({"conversations": [...]}, a list or JSON Lines) of conversations (id, created_at, source with '
        "body and author) with conversation_parts (part_type, body, author with type, created_at)"
    ),
    "freshdesk": (
        'JSON ({"tickets": [...]}, a list or JSON Lines) of tickets (id, requester_id, subject, '
        "description_text, created_at) with conversations (id, body_text, user_id, incoming, private, created_at)"
    ),
    "generic": (
        "JSON Lines or CSV of messages with conversation_id, role, text and optionally author, timestamp "
        "(other field names through a mapping)"
    ),
}

_SNIFF = 1 << 18
_KEY = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"\s*:')
_INTERCOM_TYPE = re.compile(r'"type"\s*:\s*"conversation"')


def _expected() -> str:
    return "; ".join(f"{name}: {what}" for name, what in EXPECTED.items())


def _json_format(text: str) -> str | None:
    keys = set(_KEY.findall(text))
    if "conversation_parts" in keys or _INTERCOM_TYPE.search(text):
        return "intercom"
    if "comments" in keys and keys & {"requester_id", "author_id", "plain_body", "html_body", "public"}:
        return "zendesk"
    if "description_text" in keys or (
        "conversations" in keys and keys & {"incoming", "private", "body_text"}
    ):
        return "freshdesk"
    if {"conversation_id", "role", "text"} <= keys:
        return "generic"
    if "requester_id" in keys:  # tickets without their comments or conversations
        if keys & {"responder_id", "fr_due_by", "fr_escalated"}:
            return "freshdesk"
        if keys & {"submitter_id", "assignee_id", "raw_subject", "via"}:
            return "zendesk"
    return None


def _csv_format(text: str) -> str | None:
    first = text.splitlines()[0] if text else ""
    try:
        header = {h.strip().lower() for h in next(csv.reader([first]))}
    except (csv.Error, StopIteration):
        return None
    if {"tweet_id", "in_response_to_tweet_id"} <= header:
        return "twcs"
    if set(generic.REQUIRED) <= header:
        return "generic"
    return None


def detect(path: str | Path) -> str:
    """The format of an export, from its first bytes: a CSV header with ``tweet_id`` and
    ``in_response_to_tweet_id`` is twcs; JSON with ``conversation_parts`` intercom; tickets with ``comments``
    zendesk; tickets with ``conversations`` or ``description_text`` freshdesk; records with ``conversation_id``,
    ``role`` and ``text`` (JSON or CSV) generic. Raises :class:`ExportError` when nothing fits."""
    name = str(path)
    with open_binary(Path(path), name) as stream:
        head = stream.read(_SNIFF)
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace").lstrip()
    if not text:
        raise ExportError(f"no conversations in {name}: the file is empty")
    found = _json_format(text) if text[0] in "{[" else _csv_format(text)
    if found is None:
        raise ExportError(
            f"cannot tell the format of {name}; give it ({', '.join(FORMATS)}). Expected {_expected()}"
        )
    return found


def _options(name: str, reader: Reader, options: Mapping[str, Any]) -> None:
    allowed = [
        p.name
        for p in inspect.signature(reader).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.name not in ("skip_bad", "on_bad")
    ]
    for key in options:
        if key not in allowed:
            choices = f"its options are {', '.join(allowed)}" if allowed else "it takes no options"
            raise ExportError(f"the {name} reader has no option {key!r}: {choices}")


def read_export(
    path: str | Path,
    format: str | None = None,
    *,
    skip_bad: bool = False,
    on_bad: OnBad | None = None,
    mapping: Mapping[str, str] | None = None,
    **options: Any,
) -> Iterator[Conversation]:
    """The conversations of an export, streamed, read by the ``format`` reader (see :data:`FORMATS`); without a
    format, ``generic`` when a ``mapping`` is given, else what :func:`detect` finds. ``options`` go to the reader
    (``window`` for twcs and generic)."""
    name = format.strip().lower() if format is not None else "generic" if mapping else detect(path)
    reader = FORMATS.get(name)
    if reader is None:
        raise ExportError(f"unknown export format {format!r}; the formats are {_expected()}")
    if mapping:
        if name != "generic":
            raise ExportError(f"a field mapping applies to the generic format only, not {name}")
        options = {**options, "mapping": mapping}
    _options(name, reader, options)
    return reader(path, skip_bad=skip_bad, on_bad=on_bad, **options)
