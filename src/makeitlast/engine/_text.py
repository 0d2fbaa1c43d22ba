"""Text helpers shared by the detectors: sentences, quotes, tokens, stems.

Everything here works on the original string and returns character offsets into it, so every finding can point
at the exact words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+|(?<=[.!?])(?=[A-Z][a-z])")
# Double quotes of any style; single curly quotes only when they open after a space (an apostrophe never does).
_QUOTE = re.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|(?:(?<=\s)|^)‘[^’\n]{1,400}’|«[^»\n]{1,400}»")
_TOKEN = re.compile(r"[@#]?\w+(?:['’]\w+)*", re.UNICODE)
_HANDLE_OR_URL = re.compile(r"@\w+|https?://\S+|\bwww\.\S+")

#: An agent's sign-off: "^JAY", "-Becky", "*TMT", "~RD", "/GS" (initials or a first name); group 1 is the name.
SIGNATURE = re.compile(
    r"(?:^|\s)[\^*~/]\s?([A-Za-z][\w.]{0,20})|\s[-–]\s?([A-Z][a-z]{0,15})(?=\s*(?:\d/\d)?\s*$)"
)


def signed_by(text: str) -> str | None:
    """The name or initials an agent signed ``text`` with, from its last sign-off ("^JAY" gives "JAY")."""
    found = None
    for m in SIGNATURE.finditer(text):
        found = m.group(1) or m.group(2)
    return found


_stemmer = snowballstemmer.stemmer("english")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence (a clause ended by . ! ? … or a line break)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (the agent quoting the customer, or anyone else)."""
    if '"' not in text and "“" not in text and "‘" not in text and "«" not in text:
        return []
    return [m.span() for m in _QUOTE.finditer(text)]


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens with offsets; handles (``@123``) and URLs are skipped."""
    masked = (
        _HANDLE_OR_URL.sub(lambda m: " " * len(m.group()), text) if ("@" in text or "http" in text) else text
    )
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN.finditer(masked)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-cased word, cached: the same words recur across replies."""
    return str(_stemmer.stemWord(word))


#: Common function words of the other languages seen in the dev data (Spanish, Portuguese, German, French).
_OTHER_LANGUAGE_TEXT = """
    el la los las del con por para una uno que muy pero como esta está gracias hola nos tu te su
    der die das und ist nicht ich mit für bitte danke sind wie
    le les des est pas une avec pour je vous merci bonjour très
    os não obrigado você uma com
"""
OTHER_LANGUAGE_WORDS: frozenset[str] = frozenset(_OTHER_LANGUAGE_TEXT.split())
_ENGLISH_MARKERS = frozenset({"the", "and", "my", "is", "you", "your", "to", "of"})
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
#: Above this share of letters outside ASCII a text is taken for another script (Japanese, Arabic ...).
NON_ASCII_LETTERS = 0.2


def looks_english(text: str) -> bool:
    """A cheap guess, enough to know when English word lists say nothing about a text: False when most of its
    letters are outside ASCII, or when it holds two or more common words of Spanish, Portuguese, German or French
    and no common English one."""
    letters = _LETTER.findall(text)
    if letters and sum(not ch.isascii() for ch in letters) > NON_ASCII_LETTERS * len(letters):
        return False
    words = _WORDS.findall(text.lower())
    return sum(w in OTHER_LANGUAGE_WORDS for w in words) < 2 or any(w in _ENGLISH_MARKERS for w in words)
