"""Reflecting the customer's words back: the concrete wording the L, A and T rules suggest.

"Neutralize a situation by repeating back (paraphrasing) and summarizing what they've said." The helpers here
cut the customer's clause that names the problem (from the reading's ``problem`` facts, or their first sentence)
and turn its pronouns around ("my order hasn't arrived" becomes "your order hasn't arrived"), so that a suggestion
reads like the reply the agent could send.
"""

from __future__ import annotations

import re

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading

#: First person becomes second person; "you" (the brand) becomes "we"/"us".
_SWAP: dict[str, str] = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "ive": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "we": "you",
    "our": "your",
    "ours": "yours",
    "us": "you",
    "we're": "you're",
    "we've": "you've",
    "your": "our",
    "ur": "our",
    "yours": "ours",
    "you're": "we're",
    "youre": "we're",
    "ure": "we're",
    "you've": "we've",
    "you'll": "we'll",
    "y'all": "we",
    "yall": "we",
}
#: After these words "you" is a subject ("did you cancel" → "did we cancel"); elsewhere an object ("called you").
_SUBJECT_BEFORE_TEXT = (
    "did do does will would can could have has are were should why when how and but so because if that since"
)
_SUBJECT_BEFORE = frozenset(_SUBJECT_BEFORE_TEXT.split())
_BE_AFTER_I = {"am": "are", "was": "were"}
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^A-Za-z]+")
_NOISE = re.compile(r"(?<![\w.])[@#]\w+|https?://\S+|\bwww\.\S+|&amp;|[\U0001F000-\U0001FFFF\u2600-\u27BF]")
_INVISIBLE = re.compile(r"[\ufe0f\u200d\u200b]")
_SPACES = re.compile(r"\s+")
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s|\.\.+")
_MAX_WORDS = 14


def swap_pronouns(text: str) -> str:
    """The customer's words as the agent would say them back."""
    out: list[str] = []
    prev = ""
    for m in _WORD.finditer(text):
        tok = m.group()
        low = tok.lower().replace("’", "'")
        if not tok[0].isalpha():
            out.append(tok)
            continue
        if low in ("you", "u"):
            new = "we" if (not prev or prev in _SUBJECT_BEFORE) else "us"
        elif prev in ("i", "i'm") and low in _BE_AFTER_I:
            new = _BE_AFTER_I[low]
        else:
            new = _SWAP.get(low, tok if low != "i" else "you")
        out.append(new)
        prev = low
    return "".join(out)


def _clip(text: str, start: int, end: int, focus: int) -> str:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) > _MAX_WORDS:
        centre = max(0, min(len(words) - _MAX_WORDS, _index_at(words, focus - start) - _MAX_WORDS // 2))
        words = words[centre : centre + _MAX_WORDS]
    if not words:
        return ""
    return text[start + words[0][0] : start + words[-1][1]]


def _index_at(words: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(words):
        if a <= pos < b or pos < a:
            return i
    return len(words) - 1


def _clause_at(view: TextView, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: its sentence, cut at commas, semicolons and dashes."""
    a, b = view.sentence_at(pos)
    for m in _CLAUSE_BREAK.finditer(view.text, a, b):
        if m.end() <= pos:
            a = m.end()
        elif m.start() >= pos:
            b = m.start()
            break
    return a, b


def _clean(text: str) -> str:
    text = _NOISE.sub(" ", _INVISIBLE.sub("", text))
    text = _SPACES.sub(" ", text).strip(" .,!?;:-–—\"'“”")
    return text


def problem_words(ctx: ReplyContext) -> str | None:
    """The customer's own clause about their problem, pronouns turned around, or None when there is no good one."""
    view: TextView | None = ctx.customer
    if view is None:
        return None
    focus = None
    if ctx.reading is not None:
        for fact in ctx.reading.facts:
            if fact.kind == "problem":
                focus = fact.span.start
                break
    if focus is None:
        return None
    a, b = _clause_at(view, focus)
    clause = _clean(_clip(view.text, a, b, focus))
    if len(clause.split()) < 3:
        return None
    return swap_pronouns(clause[0].lower() + clause[1:] if not clause[:2].isupper() else clause)


_SUBJECT_START_TEXT = "your you the it this that there we our they he she"
_SUBJECT_START = frozenset(_SUBJECT_START_TEXT.split())


SHOUTING = re.compile(r"\b[A-Z]{4,}\b")
_MAX_REFLECTED = 12


def reflect(ctx: ReplyContext) -> str | None:
    """The customer's problem as a clause that can follow "I'm sorry" ("that your order hasn't arrived").

    Only a short, plain statement is turned around; a question, a shout, or an accusation aimed at the brand
    ("you lie about ...", which would become "we lie about ...") gives None and the caller falls back to a template.
    """
    words = problem_words(ctx)
    if not words:
        return None
    tokens = words.split()
    first = tokens[0].lower()
    if (
        first not in _SUBJECT_START
        or first == "we"
        or not 3 <= len(tokens) <= _MAX_REFLECTED
        or "?" in words
        or "&" in words
        or len(SHOUTING.findall(words)) > 0
    ):
        return None
    return f"that {words}"


def sorry_line(ctx: ReplyContext) -> str:
    """A real apology naming the customer's problem in their own words."""
    what = reflect(ctx)
    if what:
        return f"I'm sorry {what}. Let's get this sorted for you: …"
    return "I'm sorry about the trouble this has caused you. Let's get this sorted: …"


def points_quoted(ctx: ReplyContext, sentences: list[tuple[int, int]]) -> list[str]:
    """The customer's first two points (``sentences``), in their own words, trimmed to a few words each."""
    view = ctx.customer
    if view is None:
        return []
    parts: list[str] = []
    for a, b in sentences:
        words = _clean(_clip(view.text, a, b, a)).split()
        if len(words) < 3:
            continue
        parts.append(" ".join(words[:9]) + (" …" if len(words) > 9 else ""))
        if len(parts) == 2:
            break
    return parts


def problem_clauses(view: TextView, reading: CustomerReading) -> list[tuple[str, str]]:
    """Every clause of the customer's that reports a problem (one per ``problem`` fact, in order), cleaned and
    clipped, pronouns not yet turned around, with the problem words in it."""
    out: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    for fact in reading.facts:
        if fact.kind != "problem":
            continue
        a, b = _clause_at(view, fact.span.start)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        out.append((_clean(_clip(view.text, a, b, fact.span.start)), fact.span.text))
    return out
