"""The main phrase lists of the solve step, the S rules and the don'ts, matched in one pass per reply.

Each list is registered once, at import, under a key (``"D002"``, ``"solve.next_step"`` ...). The first lookup
for a reply matches every registered list in one :class:`~makeitlast.engine.detectors.PhraseSet` pass over its
words and keeps the result for that reply's :class:`TextView`; the step and the rules then read their own
list's spans from it. A team's extended list (``[tool.makeitlast.phrases]``) is matched on its own by the rule.
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases, PhraseSet, TextView
from makeitlast.model import Span

_LISTS: dict[str, Phrases] = {}
_state: dict[str, PhraseSet | None] = {"set": None}
#: The last reply matched and its spans per key (one entry: a reply is judged by all rules in a row).
_last: list[tuple[TextView, dict[str, list[Span]]]] = []


def register(key: str, phrases: Phrases) -> Phrases:
    """Add a list to the book (at import time); returns it unchanged."""
    if _LISTS.get(key) is not phrases:
        _LISTS[key] = phrases
        _state["set"] = None
    return phrases


def _book() -> PhraseSet:
    book = _state["set"]
    if book is None:
        book = _state["set"] = PhraseSet(_LISTS)
    return book


def spans(view: TextView, key: str) -> list[Span]:
    """The counting matches (not quoted, negated or excused) of list ``key`` in ``view``."""
    last = _last[0] if _last else None
    if last is None or last[0] is not view:
        last = (view, _book().find(view))
        _last[:] = [last]
    return last[1].get(key, [])
