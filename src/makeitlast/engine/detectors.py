"""The small, closed set of detectors every rule is built from.

Rules keep their phrase lists as data beside them and hand them to one of these:

* :class:`Phrases`: phrase existence, compiled once into one regular expression, that skips matches inside quotes
  (the agent quoting the customer), after a negation ("no need to apologize"), and, when asked, matches followed by
  a reason or an alternative ("it's our policy *because* ...", "we can't ..., *but* we can ...").
* :class:`Overlap`: the reply's content words that echo the customer's own (stemmed, with a small concept map so
  "delay" echoes "late").
* :class:`Lexicon`: weighted phrase groups summed into a level (the customer's anger, for instance).
* :class:`PhraseSet`: several named :class:`Phrases` matched in one pass over a text, each with its own result
  (the customer reading matches all its lists so).

Pattern syntax is a regular expression with two conveniences so that lists stay readable: a space matches any run
of whitespace (an optional space, ``" ?"``, any run or none: "log ?in") and an apostrophe matches both ``'`` and
``’``. Patterns are matched case-insensitively on whole words.

Matching is done on the lower-cased text and only where a pattern's first word stands (``_dispatch``); the spans
are exactly those of the one case-insensitive expression (``Phrases._regex``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from makeitlast.engine import _dispatch, _text
from makeitlast.model import Span


class TextView:
    """A text with its sentence, quote and token structure computed once and shared by all detectors."""

    __slots__ = ("__dict__", "text")

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lower(self) -> str | None:
        """The text lower-cased, or None when lower-casing would move offsets (a few non-ASCII letters)."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    @cached_property
    def word_positions(self) -> dict[str, list[int]]:
        """Where each (lower-cased) word starts: the index :class:`Phrases` matching starts from."""
        return _dispatch.word_positions(self.lower or "")

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return _text.sentence_spans(self.text)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return _text.quote_spans(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _b in self.sentences]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [a for a, _b in self.quotes]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (bisect: linear overall even on a 1 MB reply)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i < 0 or not self.sentences:
            return (0, len(self.text))
        return self.sentences[i]

    def quoted(self, pos: int) -> bool:
        if not self.quotes:
            return False
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        return _text.tokens(self.text)

    @cached_property
    def stems(self) -> list[tuple[str, int, int]]:
        return [(_text.stem(w), a, b) for w, a, b in self.tokens]

    @cached_property
    def question_sentences(self) -> list[tuple[int, int]]:
        """Sentences that ask something: they end with (or contain) a question mark."""
        return [(a, b) for a, b in self.sentences if "?" in self.text[a:b]]

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def sentence_end(self, pos: int) -> int:
        return self.sentence_at(pos)[1]


def _source(patterns: Iterable[str]) -> str | None:
    parts = []
    for p in patterns:
        p = p.strip()
        if not p:
            continue
        p = p.replace("'", "['’]").replace(" ?", r"\s*").replace(" ", r"\s+")
        parts.append(f"(?:{p})")
    if not parts:
        return None
    return r"(?<![\w@#])(?:" + "|".join(parts) + r")(?!\w)"


@lru_cache(maxsize=1024)
def _compile(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    source = _source(patterns)
    return re.compile(source, re.IGNORECASE) if source is not None else None


# Matching a lower-cased pattern case-sensitively against the lower-cased text (``TextView.lower``, computed once
# per text) finds the same spans several times faster than re.IGNORECASE. Patterns whose meaning depends on case
# (scoped or inline flags, character escapes) keep the case-insensitive form only.
_CASE_DEPENDENT = re.compile(r"\(\?[a-zA-Z]*[-)]|\\[xuUN0-7]")


_ESCAPE_OR_RUN = re.compile(r"\\.|[^\\]+", re.DOTALL)


def _lowered(pattern: str) -> str:
    """The pattern lower-cased, except its escapes (\\D, \\W, \\S, \\B ... keep their case)."""
    return _ESCAPE_OR_RUN.sub(lambda m: m.group() if m.group()[0] == "\\" else m.group().lower(), pattern)


def _lower_plan(patterns: Iterable[str]) -> _dispatch.Plan | None:
    """The patterns lower-cased and split for fast matching (None when their meaning depends on case)."""
    source = _source(patterns)
    if source is None or _CASE_DEPENDENT.search(source):
        return None
    lowered = [_lowered(p.strip()) for p in patterns if p.strip()]
    return _dispatch.Plan(lowered, lambda ps: _source(ps) or "")


# A negation cue followed by at most ``n`` words and then the match, all in one clause.
_NEGATION_CUE = r"(?:\b(?:not|never|no|without|nobody|nothing|hardly|neither|nor)\b|n['’]t\b)"


def _negation_re(words: int) -> re.Pattern[str]:
    return re.compile(_NEGATION_CUE + r"(?:[\s\-]+[\w'’]+){0," + str(words) + r"}[\s\-]*$", re.IGNORECASE)


_NEGATION_BY_WINDOW = {n: _negation_re(n) for n in range(0, 6)}
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\bbut\b|\bhowever\b", re.IGNORECASE)


@dataclass(frozen=True)
class Phrases:
    """Phrase existence with quote, negation and reason/alternative awareness.

    ``unless_after``: another :class:`Phrases`; a match followed within ``window`` characters by one of its phrases
    is dropped (a reason after a policy, an alternative after a "can't"). ``negation``: the number of words allowed
    between a negation cue and the match (``None`` turns negation handling off, for phrases that are negative
    themselves, like "we can't").
    """

    patterns: tuple[str, ...]
    quotes: bool = True
    negation: int | None = 3
    unless_after: Phrases | None = None
    window: int = 140
    _plan: _dispatch.Plan | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_plan", _lower_plan(self.patterns))

    @property
    def _regex(self) -> re.Pattern[str] | None:
        """The whole list as one case-insensitive expression (compiled when first needed)."""
        return _compile(tuple(self.patterns))

    @classmethod
    def of(cls, patterns: Sequence[str], **options: object) -> Phrases:
        return cls(tuple(patterns), **options)  # type: ignore[arg-type]

    def extended(self, extra: Sequence[str]) -> Phrases:
        """The same detector with a team's own phrases added (from configuration)."""
        if not extra:
            return self
        return Phrases(
            self.patterns + tuple(extra),
            quotes=self.quotes,
            negation=self.negation,
            unless_after=self.unless_after,
            window=self.window,
        )

    def _negated(self, view: TextView, start: int) -> bool:
        if self.negation is None:
            return False
        sent_start = view.sentence_at(start)[0]
        prefix = view.text[max(sent_start, start - 60) : start]
        breaks = list(_CLAUSE_BREAK.finditer(prefix))
        if breaks:
            prefix = prefix[breaks[-1].end() :]
        return bool(_NEGATION_BY_WINDOW[min(self.negation, 5)].search(prefix))

    def _excused(self, view: TextView, end: int) -> bool:
        if self.unless_after is None:
            return False
        tail = view.text[end : end + self.window]
        return self.unless_after.first(TextView(tail), raw=True) is not None

    def find(self, view: TextView, *, raw: bool = False) -> list[Span]:
        """Every match that counts: not quoted, not negated, not excused (unless ``raw``)."""
        if self._regex is None:
            return []
        low = view.lower
        if self._plan is not None and low is not None:
            matches = self._plan.spans(low, view.word_positions)
        else:
            matches = [m.span() for m in self._regex.finditer(view.text)]
        return self._keep(view, matches, raw)

    def _keep(self, view: TextView, matches: list[tuple[int, int]], raw: bool) -> list[Span]:
        return [view.span(a, b) for a, b in (matches if raw else self._counting(view, matches))]

    def _counting(self, view: TextView, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The matches that count: not quoted, not negated, not excused."""
        return [
            (a, b)
            for a, b in matches
            if not (self.quotes and view.quoted(a))
            and not self._negated(view, a)
            and not self._excused(view, b)
        ]

    def first(self, view: TextView, *, raw: bool = False) -> Span | None:
        found = self.find(view, raw=raw)
        return found[0] if found else None

    def __bool__(self) -> bool:
        return any(p.strip() for p in self.patterns)


class PhraseSet:
    """Several named :class:`Phrases` matched in one pass over the text's words.

    ``find`` gives, per name, exactly what that member's own ``find`` gives (members with no match are left
    out); it is only faster when many lists are matched against the same text, as in reading a customer.
    """

    def __init__(self, members: Mapping[str, Phrases]) -> None:
        self.members = dict(members)
        self._index = _dispatch.Index({n: p._plan for n, p in self.members.items() if p._plan is not None})
        self._others = [n for n, p in self.members.items() if p._plan is None and p]

    def find(self, view: TextView) -> dict[str, list[Span]]:
        return {n: [view.span(a, b) for a, b in found] for n, found in self.offsets(view).items()}

    def offsets(self, view: TextView) -> dict[str, list[tuple[int, int]]]:
        """Like :meth:`find`, as ``(start, end)`` pairs (no :class:`Span` objects made)."""
        low = view.lower
        out: dict[str, list[tuple[int, int]]] = {}
        if low is None:
            for n, p in self.members.items():
                if found := p.find(view):
                    out[n] = [(s.start, s.end) for s in found]
            return out
        for name, matches in self._index.spans(low).items():
            if kept := self.members[name]._counting(view, matches):
                out[name] = kept
        for name in self._others:
            if found := self.members[name].find(view):
                out[name] = [(s.start, s.end) for s in found]
        return out


def outside(spans: Sequence[Span], blockers: Sequence[Span], *, start_only: bool = False) -> list[Span]:
    """The ``spans`` that overlap none of ``blockers`` (with ``start_only``: that start inside none of them).

    The blockers are merged into disjoint, sorted intervals and searched by bisection: O((n + m) log m) for n
    spans and m blockers, which keeps a long reply with many matches linear in practice.
    """
    if not blockers:
        return list(spans)
    merged: list[list[int]] = []
    for b in sorted(blockers, key=lambda b: b.start):
        if merged and b.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b.end)
        else:
            merged.append([b.start, b.end])
    starts = [m[0] for m in merged]
    out = []
    for s in spans:
        if start_only:
            k = bisect_right(starts, s.start) - 1
            hit = k >= 0 and s.start < merged[k][1]
        else:
            k = bisect_left(starts, s.end) - 1  # the last interval starting before the span ends
            hit = k >= 0 and merged[k][1] > s.start
        if not hit:
            out.append(s)
    return out


@dataclass(frozen=True)
class Overlap:
    """Content words of a reply that echo the customer's message.

    ``ignore`` holds words too generic to count as listening ("help", "issue", "please"); ``concepts`` maps
    words to a shared concept so that near-synonyms echo each other ("late" and "delay").
    """

    ignore: frozenset[str]
    concepts: Mapping[str, str] = field(default_factory=dict)
    min_length: int = 3

    @cached_property
    def _ignore_stems(self) -> frozenset[str]:
        return frozenset(_text.stem(w) for w in self.ignore)

    @cached_property
    def _concept_stems(self) -> dict[str, str]:
        return {_text.stem(w): c for w, c in self.concepts.items()}

    def keys(self, view: TextView) -> set[str]:
        """The customer's content keys (stems, or concepts where one is known)."""
        return {k for k, _a, _b in self._keyed(view)}

    def _keyed(self, view: TextView) -> list[tuple[str, int, int]]:
        out = []
        for s, a, b in view.stems:
            if len(s) < self.min_length or s in self._ignore_stems or s.isdigit():
                continue
            out.append((self._concept_stems.get(s, s), a, b))
        return out

    def find(self, reply: TextView, customer_keys: set[str]) -> list[Span]:
        if not customer_keys:
            return []
        return [
            reply.span(a, b) for k, a, b in self._keyed(reply) if k in customer_keys and not reply.quoted(a)
        ]


@dataclass(frozen=True)
class Lexicon:
    """Weighted phrase groups: ``score`` adds the weight of every group that matches."""

    groups: tuple[tuple[float, Phrases], ...]

    @classmethod
    def of(cls, groups: Mapping[float, Sequence[str]], **options: object) -> Lexicon:
        return cls(tuple((w, Phrases.of(p, **options)) for w, p in groups.items()))

    def score(self, view: TextView) -> tuple[float, list[Span]]:
        total = 0.0
        evidence: list[Span] = []
        for weight, phrases in self.groups:
            found = phrases.find(view)
            if found:
                total += weight
                evidence.extend(found)
        return total, evidence
