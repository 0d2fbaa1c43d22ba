"""The two small building blocks of the reading: a masked view of a tweet, and a want's cues with their vetoes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from makeitlast.engine.detectors import Phrases, TextView

# Handles (``@AmazonHelp``, ``@115712``; not the ``@`` of an e-mail address, checked in ``_blank``), links, the
# invisible characters emoji sequences carry (``I️`` is an ``I`` plus a variation selector in many iPhone tweets), and
# the ``#`` of a hashtag, so that "#frustrated" reads as "frustrated" ("#12345" keeps it: an order number).
_NOISE = re.compile(r"@\w+|https?://\S+|www\.\S+|[\ufe0f\u200d\u200b]|#(?=[^\W\d_])")
_NOISE_HINT = re.compile(r"[@h\ufe0f\u200d\u200bw#]")
_EMAIL_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-")


def masked(view: TextView) -> TextView:
    """The same text with handles, links and invisible characters blanked out, offsets unchanged.

    Every detector of the reading runs on this view, so a handle is never an order number and a link never
    holds a "fix". Offsets found on it are offsets into the original text.
    """
    text = view.text
    if _NOISE_HINT.search(text) is None:
        return view

    def _blank(m: re.Match[str]) -> str:
        if m.group()[0] == "@" and m.start() and text[m.start() - 1] in _EMAIL_BEFORE:
            return m.group()  # the domain of an e-mail address
        return " " * (m.end() - m.start())

    out = _NOISE.sub(_blank, text)
    return view if out == text else TextView(out)


@dataclass(frozen=True)
class Signal:
    """Phrase lists that raise one signal, and veto phrases that cancel any match they overlap.

    The vetoes are how negation is handled where a plain "negation before the phrase" test would be wrong:
    "I still haven't received my refund" wants a refund (the negation belongs to "received"), but
    "I don't need a refund" does not, so the refund cues ignore negation and the veto lists the negated wishes.
    """

    cues: tuple[Phrases, ...]
    vetoes: Phrases | None = None
