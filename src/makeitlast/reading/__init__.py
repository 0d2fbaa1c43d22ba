"""Reading the customer (RUBRIC section 1): wants, anger, abuse, repeat contact, bad experience and facts.

Definitions follow ``docs/annotation.md``. Every signal is decided by phrase data kept in the private modules
beside this one (``_wants``, ``_problems``, ``_anger``, ``_abuse``, ``_repeat``, ``_facts``), all matched in one
pass (a :class:`~makeitlast.engine.detectors.PhraseSet`) on a *masked* view of the message: handles
(``@AmazonHelp``, ``@115712``), links and invisible emoji joiners are blanked out first, offsets unchanged, so they
never count as words or facts.

``CustomerReading.evidence`` holds, per signal (``wants.refund``, ``anger``, ``abusive``, ``repeat_contact``,
``bad_experience``), the spans of the customer's text that decided it. A repeat contact known only from an
earlier message has no span in this one; its evidence is then the current message's repeated want, or empty.
Work is done on ``(start, end)`` pairs; :class:`~makeitlast.model.Span` objects are made once, for the result.
"""

from __future__ import annotations

import re

from makeitlast.engine.detectors import Phrases, PhraseSet, TextView
from makeitlast.model import WANTS, CustomerReading, Fact, FactKind, Span, Want
from makeitlast.reading import _abuse, _anger, _closing, _facts, _problems, _repeat, _wants
from makeitlast.reading._signal import masked

__all__ = ["extract_facts", "problem_kinds", "read_customer"]

Off = tuple[int, int]
Found = dict[str, list[Off]]

#: Wants whose presence on its own means something went wrong for the customer.
_WANTS_OF_A_BAD_EXPERIENCE: tuple[Want, ...] = ("apology", "refund", "dignity")
_PROBLEM_KEYS = tuple(f"problem.{name}" for name in _problems.GROUPS)
_EMPTY: list[Off] = []


def _book() -> tuple[PhraseSet, PhraseSet]:
    members: dict[str, Phrases] = {}
    for want, signal in _wants.WANTS.items():
        for i, cue in enumerate(signal.cues):
            members[f"wants.{want}.{i}"] = cue
        if signal.vetoes is not None:
            members[f"wants.{want}.veto"] = signal.vetoes
    members["opener"] = _wants.QUESTION_OPENER
    members["abusive"] = _abuse.ABUSE
    members["repeat"] = _repeat.REPEAT
    members["repeat.veto"] = _repeat.NOT_A_REPEAT
    for i, (_weight, phrases) in enumerate(_anger.WORDS.groups):
        members[f"anger.{i}"] = phrases
    members["feelings"] = _problems.FEELINGS
    facts = {f"fact.{i}": phrases for i, (_kind, phrases, _caps) in enumerate(_facts.ORDER)}
    facts |= {f"problem.{name}": phrases for name, phrases in _problems.GROUPS.items()}
    facts["not_a_problem"] = _problems.NOT_A_PROBLEM
    return PhraseSet(members | facts), PhraseSet(facts)


#: Every phrase list of the reading, matched in one pass; and the fact lists alone (for earlier messages).
_BOOK, _FACT_BOOK = _book()


# --- helpers ------------------------------------------------------------------------------------------------


def _overlaps(a: Off, b: Off) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _merge(spans: list[Off]) -> list[Off]:
    """Overlapping spans joined into one, in text order (``"hasn't arrived"`` and ``"arrived"`` are one)."""
    if len(spans) < 2:
        return spans
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    out = [spans[0]]
    for a, b in spans[1:]:
        la, lb = out[-1]
        if a < lb:
            if b > lb:
                out[-1] = (la, b)
        else:
            out.append((a, b))
    return out


class _Spans:
    """Makes each :class:`Span` of the result once (evidence and facts often share them)."""

    def __init__(self, view: TextView) -> None:
        self.view = view
        self.made: dict[Off, Span] = {}

    def __call__(self, spans: list[Off]) -> tuple[Span, ...]:
        out = []
        for ab in spans:
            s = self.made.get(ab)
            if s is None:
                s = self.made[ab] = self.view.span(*ab)
            out.append(s)
        return tuple(out)


def _resolve(found: Found) -> Found:
    """Drop the problem spans that ``NOT_A_PROBLEM`` overlaps ("we solved the problem", "I won't use you again")."""
    resolved = found.get("not_a_problem")
    if resolved:
        for key in _PROBLEM_KEYS:
            if spans := found.get(key):
                kept = [s for s in spans if not any(_overlaps(s, r) for r in resolved)]
                if kept:
                    found[key] = kept
                else:
                    del found[key]
    return found


def _problem_spans(found: Found) -> list[Off]:
    return [s for key in _PROBLEM_KEYS for s in found.get(key, _EMPTY)]


# --- facts --------------------------------------------------------------------------------------------------


def _identifier(text: str, ab: Off) -> Off | None:
    """The identifier at the end of a labelled match ("order #123-456" -> "#123-456"), if long enough: a label with
    a ``#`` ("order #4471") marks an identifier of four characters too."""
    m = _facts.ID_TAIL.search(text, ab[0], ab[1])
    if m is None:
        return None
    ident = m.group()
    if len(ident.lstrip("#")) < _facts.MIN_ID_LENGTH - (1 if ident.startswith("#") else 0):
        return None
    return (m.start(), ab[1])


def _valid(kind: FactKind, text: str, capitals: bool) -> bool:
    if capitals and text.upper() != text:
        return False
    if kind == "phone":
        lo, hi = _facts.PHONE_DIGITS
        return lo <= sum(c.isdigit() for c in text) <= hi
    if kind == "date" and text.count("/") == 1 and text.replace("/", "").isdigit():
        a, b = (int(x) for x in text.split("/"))
        return not (a <= b <= _facts.THREAD_COUNTER_MAX)
    return True


def _facts_of(view: TextView, found: Found) -> list[tuple[FactKind, Off]]:
    text = view.text
    taken: list[Off] = []
    facts: list[tuple[FactKind, Off]] = []
    for i, (kind, _phrases, capitals) in enumerate(_facts.ORDER):
        for ab in found.get(f"fact.{i}", _EMPTY):
            if kind in ("order_number", "case_number") and not capitals:
                trimmed = _identifier(text, ab)
                if trimmed is None:
                    continue
                ab = trimmed
            if not _valid(kind, text[ab[0] : ab[1]], capitals) or any(_overlaps(ab, t) for t in taken):
                continue
            taken.append(ab)
            facts.append((kind, ab))
    facts.extend(("problem", ab) for ab in _merge(_problem_spans(found)))
    facts.sort(key=lambda kab: kab[1])
    return facts


def _make_facts(facts: list[tuple[FactKind, Off]], spans: _Spans) -> tuple[Fact, ...]:
    return tuple(Fact(kind=kind, span=spans([ab])[0]) for kind, ab in facts)


def extract_facts(view: TextView) -> tuple[Fact, ...]:
    """What the customer told us that a reply should reflect back and must not ask for again."""
    m = masked(view)
    return _make_facts(_facts_of(view, _resolve(_FACT_BOOK.offsets(m))), _Spans(view))


# --- wants --------------------------------------------------------------------------------------------------


def _questions(m: TextView, openers: list[Off]) -> list[Off]:
    """Sentences that ask something: a question of a few words, or one that opens like a question."""
    out: list[Off] = []
    text = m.text
    asks = "?" in text
    if not openers and not asks:
        return out
    for a, b in m.sentences:
        sentence = text[a:b]
        start = a + len(sentence) - len(sentence.lstrip())
        if openers:
            out.extend(s for s in openers if s[0] == start)
        if asks and "?" in sentence:
            n = sum(1 for w in sentence.split() if any(c.isalnum() for c in w))
            if n < _wants.QUESTION_MIN_WORDS:
                continue
            stripped = sentence.strip()
            if n <= 5 and _wants.RHETORICAL.first(TextView(stripped)) is not None:
                continue
            out.append((start, start + len(stripped)))
    return out


def _want_keys() -> tuple[dict[str, Want], dict[str, Want]]:
    """Which phrase lists raise which want (cues, and problems implying it), and which veto it."""
    raising: dict[str, Want] = {}
    vetoing: dict[str, Want] = {}
    for want, signal in _wants.WANTS.items():
        raising.update({f"wants.{want}.{i}": want for i in range(len(signal.cues))})
        raising.update({f"problem.{group}": want for group in _wants.IMPLIED.get(want, ())})
        if signal.vetoes is not None:
            vetoing[f"wants.{want}.veto"] = want
    return raising, vetoing


_RAISING, _VETOING = _want_keys()


def _wants_of(m: TextView, found: Found) -> dict[Want, list[Off]]:
    raised: dict[Want, list[Off]] = {}
    for key, spans in found.items():
        if (want := _RAISING.get(key)) is not None:
            raised.setdefault(want, []).extend(spans)
    if questions := _questions(m, found.get("opener", _EMPTY)):
        raised.setdefault("explanation", []).extend(questions)
    for key, want in _VETOING.items():
        if want in raised and (vetoes := found.get(key)):
            kept = [s for s in raised[want] if not any(_overlaps(s, v) for v in vetoes)]
            if kept:
                raised[want] = kept
            else:
                del raised[want]
    return {want: raised[want] for want in WANTS if want in raised}


# --- anger --------------------------------------------------------------------------------------------------


def _surface(text: str) -> tuple[float, list[Off]]:
    """Shouting and !!!/??? runs, as anger points with the words that showed them (``_anger`` documents them)."""
    points = 0.0
    evidence: list[Off] = []
    if text.lower() != text:
        shouted = [w.span() for w in _anger.CAPS.finditer(text) if w.group() not in _anger.NOT_SHOUTING]
        if len(shouted) >= _anger.SHOUT_MIN_WORDS:
            letters = len(_anger.LETTER.findall(text))
            capitals = len(_anger.CAPITAL.findall(text))
            points += _anger.SHOUT_ALL if capitals >= _anger.SHOUT_SHARE * letters else _anger.SHOUT_SOME
        elif len(shouted) >= _anger.SHOUT_SOME_WORDS:
            points += _anger.SHOUT_SOME
        if points:
            evidence.extend(shouted)
    if "!!" in text or "??" in text or "?!" in text or "!?" in text:
        runs = [r.span() for r in _anger.PUNCT.finditer(text)]
        evidence.extend(runs)
        points += _anger.PUNCT_LONG if max(b - a for a, b in runs) >= 3 else _anger.PUNCT_RUN
    return points, evidence


def _anger_words(found: Found) -> tuple[float, list[Off]]:
    total = 0.0
    evidence: list[Off] = []
    for i, (weight, _phrases) in enumerate(_anger.WORDS.groups):
        if spans := found.get(f"anger.{i}"):
            total += weight
            evidence.extend(spans)
    return total, evidence


# --- the reading --------------------------------------------------------------------------------------------


def _repeat_of(m: TextView, found: Found) -> list[Off]:
    repeat = found.get("repeat", _EMPTY)
    if repeat and (vetoes := found.get("repeat.veto")):
        repeat = [s for s in repeat if not any(_overlaps(s, v) for v in vetoes)]
    if not repeat and len(m.text) <= _repeat.SHORT_ANSWER_MAX:
        short = m.text.strip()
        if short and _repeat.SHORT_ANSWER.first(TextView(short)) is not None:
            lead = m.text.index(short)
            return [(lead, lead + len(short))]
    return repeat


def _earlier_says(view: TextView) -> tuple[bool, set[Want]]:
    """What an earlier message tells: did it say it was a repeat, and what did it ask for."""
    m = masked(view)
    found = _resolve(_BOOK.offsets(m))
    return bool(_repeat_of(m, found)), set(_wants_of(m, found))


def read_customer(view: TextView, earlier: tuple[TextView, ...] = ()) -> CustomerReading:
    """Read one customer message (with the customer's earlier messages of the conversation, oldest first)."""
    m = masked(view)
    found = _resolve(_BOOK.offsets(m))
    wants = _wants_of(m, found)

    abuse = found.get("abusive", _EMPTY)
    repeat = _repeat_of(m, found)
    repeated = bool(repeat)
    if not repeated:
        for e in earlier:
            said, asked = _earlier_says(e)
            again = [s for w in asked & wants.keys() for s in wants[w]]
            if said or again:
                repeated = True
                repeat = again
                break

    bad_spans = _problem_spans(found)
    for w in _WANTS_OF_A_BAD_EXPERIENCE:
        bad_spans.extend(wants.get(w, _EMPTY))
    words, anger_spans = _anger_words(found)
    if not bad_spans:
        bad_spans = list(found.get("feelings", _EMPTY))
    if not bad_spans and (words >= _anger.BAD_WORDS or abuse):
        bad_spans = [*anger_spans, *abuse]
    bad = bool(bad_spans)

    total = words + (_anger.BASE_COMPLAINT if bad else 0.0)
    if bad or words:
        points, cues = _surface(m.text)
        total += points
        anger_spans.extend(cues)
    anger = 3 if abuse else sum(1 for threshold in _anger.LEVELS if total >= threshold)
    if bad and anger == 0:
        anger = 1
    if anger and not anger_spans:
        anger_spans = bad_spans

    spans = _Spans(view)
    evidence: dict[str, tuple[Span, ...]] = {}
    for want in WANTS:
        if want in wants:
            evidence[f"wants.{want}"] = spans(_merge(wants[want]))
    if anger:
        evidence["anger"] = spans(_merge(anger_spans))
    if abuse:
        evidence["abusive"] = spans(abuse)
    if repeated:
        evidence["repeat_contact"] = spans(_merge(repeat))
    if bad:
        evidence["bad_experience"] = spans(_merge(bad_spans))

    return CustomerReading(
        wants=tuple(w for w in WANTS if w in wants),
        anger=anger,
        abusive=bool(abuse),
        repeat_contact=repeated,
        bad_experience=bad,
        facts=_make_facts(_facts_of(view, found), spans),
        evidence=evidence,
    )


_NOT_TEXT = re.compile(r"[^\w\s',.!]+")


def is_closing(view: TextView) -> bool:
    """Does the customer only thank or acknowledge (``_closing``)? Handles, links and emoji are not read."""
    if len(view.text) > 4 * _closing.CLOSING_MAX:
        return False
    bare = " ".join(_NOT_TEXT.sub(" ", masked(view).text).split())
    bare = " ".join(w for w in bare.split() if not w.startswith("@"))
    return (
        0 < len(bare) <= _closing.CLOSING_MAX and _closing.CLOSING.first(TextView(bare.lower())) is not None
    )


def problem_kinds(view: TextView) -> tuple[tuple[str, Span], ...]:
    """What went wrong, by kind (the ``_problems`` groups: ``failure``, ``breakage``, ``money``, ``treatment``,
    ``delay``, ``waiting``, ``trouble``), each with the first words that say so, in the order they appear.

    The drafter uses it to choose how to name a problem when the customer's own clause cannot be reflected."""
    m = masked(view)
    found = _resolve(_FACT_BOOK.offsets(m))
    spans = _Spans(view)
    kinds = [(name, found[key][0]) for name, key in zip(_problems.GROUPS, _PROBLEM_KEYS, strict=False) if found.get(key)]
    kinds.sort(key=lambda kv: kv[1][0])
    return tuple((name, spans([off])[0]) for name, off in kinds)
