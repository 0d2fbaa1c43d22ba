"""Building :class:`~makeitlast.model.Fix` edits: the rules' suggestions as concrete rewrites of the reply.

Each rule keeps its own wording data next to it (a table of phrase → replacement, or templates); the helpers here
do the parts every rule needs: look a flagged phrase up in such a table, fit a replacement into the sentence
(a capital at the start of a sentence, the reply's own apostrophes), delete words without leaving stray commas,
and insert a sentence at the start of a reply (after the @handles and a greeting) or at its end (before a
signature like ``^RM`` or ``-Becky``).

A fix is ``safe`` when it keeps the meaning and needs nothing filled in; a replacement that holds ``…`` always
needs a person, so :func:`replace` marks it unsafe whatever the caller says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from makeitlast.engine.detectors import TextView
from makeitlast.model import Fix, Span

#: What a person fills in.
BLANK = "…"
#: How far around an edit the reply is read (clause ends, the reply's apostrophes): bounds the work per finding, so
#: that a 1 MB reply with thousands of findings stays linear.
NEAR = 400

_OPENERS = "\"'“‘([«*•"
_CLOSERS = "\"'”’)]»"
_ENDS = ".!?…"


@dataclass(frozen=True)
class Rewrite:
    """One row of a rule's wording table: flagged words matching ``pattern`` become ``template``."""

    pattern: re.Pattern[str]
    #: The new words; ``\\1`` / ``\\g<name>`` insert the matched groups (with the reply's own capitals).
    template: str
    safe: bool = True


def table(rows: Iterable[tuple[str, str, bool]]) -> tuple[Rewrite, ...]:
    """Compile ``(pattern, template, safe)`` rows; in patterns a space matches any run of spaces and ``'`` either
    apostrophe, as in the rules' phrase lists."""
    out = []
    for pattern, template, safe in rows:
        source = pattern.replace("'", "['’]").replace(" ", r"\s+")
        out.append(Rewrite(re.compile(source, re.IGNORECASE), template, safe))
    return tuple(out)


def lookup(rows: Iterable[Rewrite], words: str) -> tuple[str, bool, re.Match[str]] | None:
    """The first row whose pattern matches all of ``words``: (replacement, safe, match)."""
    for row in rows:
        m = row.pattern.fullmatch(words.strip())
        if m is not None:
            return m.expand(row.template), row.safe, m
    return None


# -- sentences ----------------------------------------------------------------------------------------------------


def _skip_lead_back(text: str, pos: int) -> tuple[int, bool]:
    """Walk back from ``pos`` over spaces, opening quotes and @handles; (where it stopped, crossed a line break)."""
    i = pos
    newline = False
    while i > 0:
        ch = text[i - 1]
        if ch.isspace() or ch in _OPENERS:
            newline = newline or ch == "\n"
            i -= 1
            continue
        j = i
        while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
            j -= 1
        if j < i and j > 0 and text[j - 1] in "@#" and (j - 1 == 0 or not text[j - 2].isalnum()):
            i = j - 1
            continue
        break
    return i, newline


def at_sentence_start(text: str, pos: int) -> bool:
    """Does a sentence start at ``pos`` (only spaces, quotes and @handles since the last full stop)?"""
    i, newline = _skip_lead_back(text, pos)
    if i == 0 or newline:
        return True
    k = i
    while k > 0 and text[k - 1] in _CLOSERS:
        k -= 1
    return k > 0 and text[k - 1] in _ENDS


def upper_first(words: str) -> str:
    for i, ch in enumerate(words):
        if ch.isalpha():
            return words[:i] + ch.upper() + words[i + 1 :]
        if ch in "@#" or ch.isdigit():
            return words
    return words


def lower_word(words: str) -> str:
    """Lower-case the first word (for words moved inside a sentence), unless it is "I", an acronym or a name we
    cannot tell from a sentence start (a capital inside the word: "iPhone", "McDonald's")."""
    m = re.match(r"\W*([A-Za-z][\w'’]*)", words)
    if m is None:
        return words
    word = m.group(1)
    if word == "I" or word.startswith(("I'", "I’")) or (len(word) > 1 and (word.isupper() or not word[1:].islower())):
        return words
    i = m.start(1)
    return words[:i] + word[0].lower() + words[i + 1 :]


def fit(text: str, start: int, words: str, original: str = "") -> str:
    """``words`` as they should read at ``start`` of ``text``: capitalised at a sentence start (templates are
    written as they read inside a sentence), with curly apostrophes where the original words had them."""
    if not words:
        return words
    if at_sentence_start(text, start):
        words = upper_first(words)
    return apostrophes(text, start, words, original)


def apostrophes(text: str, at: int, words: str, original: str = "") -> str:
    """``words`` with the reply's own apostrophes: curly ones where the replaced words, or the reply around
    ``at``, use only those."""
    near = text[max(0, at - NEAR) : at + NEAR]
    if "’" in original or ("'" not in original and "’" in near and "'" not in near):
        return words.replace("'", "’")
    return words


def span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def replace(view: TextView, start: int, end: int, words: str, *, safe: bool) -> Fix:
    """Put ``words`` in place of ``text[start:end]``, fitted to the sentence. A replacement that ends in the
    blank (``…``) takes the full stop after it along, so the sentence does not end in "…."."""
    text = view.text
    if words.endswith(BLANK) and end < len(text) and text[end] == "." and text[end : end + 3] != "...":
        end += 1
    new = fit(text, start, words, text[start:end])
    return Fix(span=span(text, start, end), replacement=new, safe=safe and BLANK not in words)


# -- clauses ------------------------------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:(]|\s[-–—]\s|\.\.+)")


def sentence_bounds(view: TextView, pos: int) -> tuple[int, int]:
    a, b = view.sentence_at(pos)
    if not a <= pos <= b:
        a, b = pos, view.sentence_end(pos)
    return a, b


def content_end(text: str, a: int, b: int) -> int:
    """The end of sentence ``[a, b)`` without its final punctuation and closing quotes."""
    e = b
    while e > a and (text[e - 1] in _ENDS or text[e - 1] in _CLOSERS or text[e - 1].isspace()):
        e -= 1
    return e


def clause_end(view: TextView, pos: int) -> int:
    """Where the clause that goes on at ``pos`` ends: the next comma, semicolon, colon or dash, or the end of the
    sentence (before its final punctuation)."""
    text = view.text
    a, b = sentence_bounds(view, pos)
    end = content_end(text, a, min(b, pos + NEAR))
    m = _CLAUSE_BREAK.search(text, pos, end)
    return m.start() if m is not None else max(pos, end)


def clause_start(view: TextView, pos: int) -> int:
    text = view.text
    a, _b = sentence_bounds(view, pos)
    a = max(a, pos - NEAR)
    start = a
    for m in _CLAUSE_BREAK.finditer(text, a, pos):
        start = m.end()
    while start < pos and text[start].isspace():
        start += 1
    return start


_LEAD = re.compile(r"(?:\s|[@#]\w+|[\"'“‘(\[«*•])*")
#: What is left of a sentence that held nothing else: "Sorry but", "Well,", "Unfortunately".
_FILLER = re.compile(
    r"(?:\W|sorry|but|and|so|well|look|honestly|unfortunately|sadly|i'm afraid|i am afraid|i mean|ok|okay|"
    r"anyway|though|however|then|just)*",
    re.IGNORECASE,
)


def _only(pattern: re.Pattern[str], s: str) -> bool:
    return pattern.fullmatch(s.replace("’", "'")) is not None


_WORD_CHAR = re.compile(r"[^\W_]")


def remaining(text: str, start: int, end: int, replacement: str = "") -> bool:
    """Is anything said outside ``[start, end)`` once it is replaced (handles, spaces and punctuation aside)?
    Stops at the first word found, so it costs little on a long reply."""
    if _WORD_CHAR.search(replacement):
        return True
    return _word_outside_handles(text, 0, start) or _word_outside_handles(text, end, len(text))


def _word_outside_handles(text: str, a: int, b: int) -> bool:
    for m in re.finditer(r"[@#]?[^\W_][\w'’]*", text[a:b] if b - a < 2 * NEAR else text[a : a + 2 * NEAR]):
        if m.group()[0] not in "@#":
            return True
    return b - a >= 2 * NEAR  # a long stretch holds words


def delete(view: TextView, start: int, end: int, *, safe: bool = True) -> Fix | None:
    """Remove ``text[start:end]`` and tidy up: a whole sentence goes with its space, a sentence opener
    ("It is what it is, delays happen") with its comma (and the next word gets the capital), an aside with the
    comma before it. None when nothing of the reply would be left."""
    text = view.text
    a, b = sentence_bounds(view, start)
    lead = _only(_LEAD, text[a:start])
    tail = text[end:b]
    whole = lead and re.fullmatch(r"[\s,;:.!?…\-–—)\"'”’]*", tail) is not None
    if not whole:
        # what would be left of the sentence: if only filler ("Sorry but"), the sentence goes (an apology in it
        # stays, as a plain one)
        left = text[a:start] + text[end:b]
        if len(left) < 2 * NEAR and _only(_FILLER, re.sub(r"[@#]\w+", "", left)):
            first = _skip_handles(text, a)
            if re.search(r"sorry", left, re.IGNORECASE):
                stop = content_end(text, a, b)
                return Fix(span=span(text, first, stop), replacement="Sorry about this", safe=safe)
            start, whole = first, True
    if whole:
        nxt = b
        while nxt < len(text) and text[nxt] in " \t":
            nxt += 1
        if nxt >= len(text) or text[nxt] == "\n":
            p = start
            while p > 0 and text[p - 1] in " \t":
                p -= 1
            fix_start, fix_end = p, b
            if p > 0 and text[p - 1] == "\n" and nxt >= len(text):
                fix_start = p - 1
        else:
            fix_start, fix_end = start, nxt
        if not remaining(text, fix_start, fix_end):
            return None
        return Fix(span=span(text, fix_start, fix_end), replacement="", safe=safe)
    if lead:
        m = re.match(r"[\s,;:–—-]*(?:(?:and|so)\b[\s,]*)?", text[end:], re.IGNORECASE)
        k = end + (m.end() if m else 0)
        if k < len(text) and text[k].isalpha() and text[k].islower():
            return Fix(span=span(text, start, k + 1), replacement=text[k].upper(), safe=safe)
        return Fix(span=span(text, start, k), replacement="", safe=safe)
    before = text[a:start]
    comma = re.search(r",\s*$", before)
    if comma is not None:
        c = a + comma.start()
        after = re.match(r"\s*,", text[end:])
        if after is not None:
            return Fix(span=span(text, c, end + after.end()), replacement="", safe=safe)
        if re.match(r"\s*(?:[.!?…;:]|$)", text[end:]):
            return Fix(span=span(text, c, end), replacement="", safe=safe)
    if end < len(text) and text[end] == " ":
        return Fix(span=span(text, start, end + 1), replacement="", safe=safe)
    if start > 0 and text[start - 1] == " ":
        return Fix(span=span(text, start - 1, end), replacement="", safe=safe)
    return Fix(span=span(text, start, end), replacement="", safe=safe)


def _skip_handles(text: str, pos: int) -> int:
    m = _LEAD.match(text, pos)
    return m.end() if m else pos


def replace_sentence(view: TextView, pos: int, sentence: str, *, safe: bool) -> Fix:
    """Put ``sentence`` (with its own final punctuation) in place of the sentence holding ``pos``."""
    text = view.text
    a, b = sentence_bounds(view, pos)
    a = _skip_handles(text, a)
    return replace(view, a, max(a, b), sentence, safe=safe)


# -- insertions ---------------------------------------------------------------------------------------------------

_GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|howdy|greetings|dear|good (?:morning|afternoon|evening|day))"
    r"(?:,?\s+(?:there|all|everyone|again|folks|friend|[A-Z][\w'’-]*)){0,2}\s*([!.,]+|\n)\s*",
    re.IGNORECASE,
)
_THANKS_OPENER = re.compile(r"(?:thanks|thank you|thx|ty)\b[^.!?\n]{0,50}[!.]+\s+", re.IGNORECASE)
#: A sign-off: "^RM", "-Becky", "- Callum", "*KevinM", "~AT", "/KB" (and a link after it).
_SIGNATURE = re.compile(
    r"(?:^|\s)(?:[\^*~/]\s?[A-Z][A-Za-z]{0,14}\d?|[-–—~]\s?[A-Z][A-Za-z]{0,14}(?:\s[A-Z]\.?)?)"
    r"(?:\s+https?://\S+)?\s*$"
)
_URL_END = re.compile(r"https?://\S+$|www\.\S+$")


def start_point(view: TextView, *, after_opener: bool = True) -> tuple[int, bool]:
    """Where a sentence goes at the start of the reply: after the @handles, a greeting ("Hi Sam!") and, with
    ``after_opener``, a short thanks opener ("Thanks for reaching out!"); and whether the greeting ended with a
    comma (the next word then starts a new sentence and needs its capital)."""
    text = view.text
    p = _skip_handles(text, 0)
    comma = False
    g = _GREETING.match(text, p)
    if g is not None:
        p = g.end()
        comma = "," in g.group(1)
    if after_opener and not comma:
        t = _THANKS_OPENER.match(text, p)
        if t is not None:
            p = t.end()
    return p, comma


def insert_at_start(view: TextView, sentence: str, *, safe: bool, after_opener: bool = True) -> Fix:
    """Insert ``sentence`` at the start of the reply (a zero-length span; when the reply goes on in lower case,
    "Hi Sam, please ...", the next word starts a new sentence and gets its capital, so the span covers that
    letter)."""
    text = view.text
    p, comma = start_point(view, after_opener=after_opener)
    safe = safe and BLANK not in sentence
    sentence = apostrophes(text, p, sentence)
    if p < len(text) and text[p].isalpha() and text[p].islower() and (comma or not text[p:].startswith(("i ", "i'"))):
        return Fix(span=span(text, p, p + 1), replacement=f"{sentence} {text[p].upper()}", safe=safe)
    if p >= len(text):
        sep = "" if not text or text[-1].isspace() else " "
        return Fix(span=span(text, p, p), replacement=sep + sentence, safe=safe)
    return Fix(span=span(text, p, p), replacement=sentence + " ", safe=safe)


def end_point(text: str) -> int:
    """Where the reply's body ends: before trailing spaces and a signature."""
    tail_from = max(0, len(text) - 120)
    m = _SIGNATURE.search(text, tail_from)
    p = m.start() if m is not None and m.start() > 0 else len(text)
    while p > 0 and text[p - 1].isspace():
        p -= 1
    return p


def insert_at_end(view: TextView, sentence: str, *, safe: bool) -> Fix:
    """Insert ``sentence`` at the end of the reply's body (before a signature), after a full stop if the last
    sentence has none (on a new line after a link)."""
    text = view.text
    p = end_point(text)
    safe = safe and BLANK not in sentence
    sentence = apostrophes(text, p, sentence)
    body = text[:p]
    if not body.strip():
        return Fix(span=span(text, p, p), replacement=sentence + (" " if p < len(text) else ""), safe=safe)
    last = body[-1]
    if _URL_END.search(body[-200:]):
        sep = "\n"  # a full stop would join the link; a line break ends the sentence without touching it
    elif last.isalnum() and not re.search(r"[@#]\w+$", body[-200:]):
        sep = ". "
    else:
        sep = " "
    return Fix(span=span(text, p, p), replacement=sep + sentence, safe=safe)


#: A tail that only softens a refusal (", I'm afraid", ", sorry"), dropped when the refusal is rewritten.
SOFTENER = re.compile(r"\s*,?\s*(?:i['’]m afraid|i am afraid|sorry|unfortunately)(?=\s*(?:[.!?]|$))", re.IGNORECASE)


#: Gloom that opens a clause ("Sadly, ..."), dropped when the clause is rewritten into what we can do.
_GLOOM = re.compile(r"(?:unfortunately|sadly|i['’]m afraid|i am afraid|regrettably)[\s,]*$", re.IGNORECASE)


def without_gloom(view: TextView, start: int) -> int:
    """Where a rewrite starting at ``start`` should start to drop the gloom that opens its clause."""
    text = view.text
    c = clause_start(view, start)
    m = _GLOOM.search(text, c, start)
    if m is not None and m.end() == start and not text[c : m.start()].strip():
        return m.start()
    return start


def append_to_clause(view: TextView, start: int, addition: str, *, safe: bool) -> Fix:
    """Keep ``text[start:clause end]`` and add ``addition`` after it (", but here's what I can do: …"); a
    softener after the clause (", sorry") goes."""
    text = view.text
    end = clause_end(view, start)
    soft = SOFTENER.match(text, end)
    stop = soft.end() if soft is not None else end
    return replace(view, start, stop, text[start:end] + addition, safe=safe)


#: Words that turn what follows into an instruction to the customer ("you'll need to", "please").
_REQUEST = re.compile(
    r"(?:you(?:['’]ll| will)?\s+(?:need|have)\s+to|you(?:['’]d| would)?\s+(?:should|can|could|may|"
    r"might)(?:\s+(?:want|wish|like)\s+to)?|you\s+(?:may|might)\s+(?:want|wish)\s+to|please|pls|kindly|"
    r"(?:i['’]d|we['’]d|i|we)\s+(?:recommend|suggest|advise|encourage)(?:\s+that)?(?:\s+you)?(?:\s+to)?|"
    r"(?:it['’]s|it is)\s+best\s+to|try\s+to|your\s+best\s+bet\s+is\s+to|the\s+best\s+(?:way|option)\s+is\s+to)"
    r"(?:\s+(?:just|please|also|directly|first))?\s+$",
    re.IGNORECASE,
)


def request_start(view: TextView, start: int) -> int:
    """Where the instruction leading to ``start`` begins ("you'll need to contact ..." → at "you'll")."""
    text = view.text
    c = clause_start(view, start)
    m = _REQUEST.search(text, c, start)
    return m.start() if m is not None and m.end() == start else start


def subject_start(view: TextView, start: int) -> int:
    """Take a "that's" / "it is" just before ``start`` along ("that's not my department")."""
    text = view.text
    c = clause_start(view, start)
    m = re.search(r"(?:(?:that|it|this)(?:['’]s|\s+is|\s+was)|that|it|this)\s+$", text[c:start], re.IGNORECASE)
    return c + m.start() if m is not None else start
