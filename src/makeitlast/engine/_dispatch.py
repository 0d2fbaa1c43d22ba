r"""Fast matching for :class:`~makeitlast.engine.detectors.Phrases`: the same spans, far fewer regex steps.

A phrase list of a hundred alternatives scanned with one regular expression costs Python's engine a try of
every alternative at every position of the text. Instead, each pattern's possible *first words* are worked out
once from its parsed form ("(?:can't|cannot) load" starts with ``can``, ``cant`` or ``cannot``; a pattern starting
with a digit is listed under :data:`DIGIT`, one starting with a symbol under the symbol), and a text is matched
only where one of those words stands, with only the patterns that can start there (:class:`Plan`, one list, using
the words of ``TextView.word_positions``). Patterns whose first word cannot be listed (``\w+``, a letter class)
are scanned as before, behind a cheap check that a string every match must contain occurs in the text.

:class:`Index` serves many lists at once (``PhraseSet``): one pass over the text's words, apostrophes kept
("don't"), a very common word read together with the word after it ("the discount", not every "the"), and at each
such place one match that tries every list in its own lookahead group.

Everything works on the lower-cased text and lower-cased patterns. The result is exactly the list of
``(start, end)`` that ``finditer`` over the list's one expression gives: leftmost, non-overlapping, and where two
patterns match at the same place, the one the expression would take. Expressions are compiled when first needed.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import os
import pickle
import re
import tempfile
import weakref
from functools import cache
from pathlib import Path
from typing import Any

# The standard library's own regular-expression parser (no type stubs: used as Any).
_sre: Any = importlib.import_module("re._constants")
_sre_parse: Any = importlib.import_module("re._parser")

#: Words (a ``#`` or ``@`` may lead) and single symbols, as the index lists them; apostrophes end a word.
_TOKEN = re.compile(r"[#@]?\w+|[^\w\s]")
#: The same with apostrophes joining words ("don't"), as :class:`Index` reads texts.
_JOINED = re.compile(r"[#@]?\w+(?:['’]\w+)*|[^\w\s]")
#: The key under which words starting with a digit are also listed (patterns starting with ``\d``).
DIGIT = "\\d"
_DIGITS = frozenset("0123456789")
_MAX_WORDS = 400
_MAX_CLASS = 40
_MAX_STEPS = 20000


class _TooMany(Exception):
    pass


@cache
def _parsed(source: str) -> Any:
    """A pattern parsed once (the walker and the gate only read it)."""
    return _sre_parse.parse(source)


def word_positions(lower: str) -> dict[str, list[int]]:
    """Start offsets of the words and symbols of a lower-cased text, keyed by the word (a word starting with a
    digit also under :data:`DIGIT`)."""
    out: dict[str, list[int]] = {}
    get = out.get
    for m in _TOKEN.finditer(lower):
        w = m.group()
        a = m.start()
        found = get(w)
        if found is None:
            out[w] = [a]
        else:
            found.append(a)
        if w[0] in _DIGITS or (w[0] == "#" and len(w) > 1 and w[1] in _DIGITS):
            out.setdefault(DIGIT, []).append(a)
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _class_chars(av: Any) -> set[str] | None:
    """The characters of a character class made of literals and small ranges (None: categories, negation)."""
    chars: set[str] = set()
    for o, a in av:
        if o is _sre.LITERAL:
            chars.add(chr(a))
        elif o is _sre.RANGE and a[1] - a[0] < 64:
            chars.update(chr(c) for c in range(a[0], a[1] + 1))
        elif o is _sre.CATEGORY and a is _sre.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return chars


def _digits_only(av: Any) -> bool:
    chars = _class_chars(av)
    return bool(chars) and all(c in "0123456789" for c in chars)  # type: ignore[union-attr]


def _spaces(item: Any) -> bool:
    """A single character class of whitespace only."""
    return (
        len(item) == 1
        and item[0][0] is _sre.IN
        and all(o is _sre.CATEGORY and a is _sre.CATEGORY_SPACE for o, a in item[0][1])
    )


def _apostrophe(item: Any) -> bool:
    """A single apostrophe (straight, curly or either)."""
    if len(item) != 1:
        return False
    op, av = item[0]
    if op is _sre.LITERAL:
        return chr(av) in "'’"
    return op is _sre.IN and _class_chars(av) in ({"'"}, {"’"}, {"'", "’"})


def _boundary(item: Any) -> bool:
    """A single character class that can only match spaces or symbols: the end of a word."""
    if len(item) != 1:
        return False
    op, av = item[0]
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op is not _sre.IN:
        return False
    return all(
        (o is _sre.CATEGORY and a is _sre.CATEGORY_SPACE) or (o is _sre.LITERAL and not _is_word_char(chr(a)))
        for o, a in av
    )


class _Walker:
    """Enumerates the first words a parsed pattern can start with (``walk`` is False: not listable).

    With ``stop`` words, a first word that is one of them is followed by its second word ("the discount",
    "i want"): a scan for such pairs tries far fewer patterns than one for "the" or "i".
    """

    def __init__(
        self, stop: frozenset[str] = frozenset(), joined: bool = False, limit: int = _MAX_WORDS
    ) -> None:
        self.words: set[str] = set()
        self.steps = 0
        self.stop = stop
        self.joined = joined  # an apostrophe joins a word ("don't") instead of ending it
        self.limit = limit

    def fail(self, prefix: str, first: str) -> bool:
        """The words cannot be listed from here on; a word starting with a digit is still listed (:data:`DIGIT`),
        and after a stop word the stop word alone is."""
        if first:
            return self.emit(first)
        return bool(prefix) and prefix[0] in "0123456789" and self.emit(DIGIT)

    def emit(self, word: str) -> bool:
        if not word:
            return False
        self.words.add(word)
        if len(self.words) > self.limit:
            raise _TooMany
        return True

    def end(self, prefix: str, first: str, items: Any, i: int, cont: Any, space: bool) -> bool:
        """A word ended (before ``items[i]``): list it, or go on to the word after a stop word and a space."""
        if first:
            return self.emit(f"{first} {prefix}" if prefix else first)
        if space and prefix in self.stop:
            return self.walk(items, i, cont, "", prefix)
        return self.emit(prefix)

    def walk(self, items: Any, i: int, cont: Any, prefix: str, first: str = "") -> bool:
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise _TooMany
        while i < len(items):
            op, av = items[i]
            if op is _sre.LITERAL:
                ch = chr(av)
                if ch in "0123456789" and (not prefix or prefix == "#"):
                    return self.emit(first or DIGIT)  # every word starting with a digit is listed there
                if (
                    _is_word_char(ch)
                    or (not prefix and ch in "#@")
                    or (prefix and self.joined and ch in "'’")
                ):
                    prefix += "'" if ch == "’" else ch
                    i += 1
                    continue
                if not prefix:
                    return self.emit(first) if first else not ch.isspace() and self.emit(ch)  # a symbol
                return self.end(prefix, first, items, i + 1, cont, ch == " ")
            if op is _sre.IN:
                if prefix and _boundary([(op, av)]) and not (self.joined and _class_chars(av) == {"'", "’"}):
                    return self.end(prefix, first, items, i + 1, cont, _spaces([(op, av)]))
                if (not prefix or prefix == "#") and _digits_only(av):
                    return self.emit(first or DIGIT)
                chars = _class_chars(av)
                if chars is None or len(chars) > _MAX_CLASS:
                    return self.fail(prefix, first)
                return all(
                    self.walk([(_sre.LITERAL, ord(c))], 0, (items, i + 1, cont), prefix, first)
                    for c in sorted(chars)
                )
            if op is _sre.BRANCH:
                return all(self.walk(alt, 0, (items, i + 1, cont), prefix, first) for alt in av[1])
            if op is _sre.SUBPATTERN:
                return self.walk(av[3], 0, (items, i + 1, cont), prefix, first)
            if op is _sre.ATOMIC_GROUP:
                return self.walk(av, 0, (items, i + 1, cont), prefix, first)
            if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
                lo, hi, item = av
                if prefix and _boundary(item) and not (self.joined and _apostrophe(item)):
                    if lo == 0:
                        if not self.walk(items, i + 1, cont, prefix, first):
                            return self.fail(prefix, first)
                        return self.emit(first or prefix) if first else self.emit(prefix)
                    return self.end(prefix, first, items, i + 1, cont, _spaces(item))
                if (
                    (not prefix or prefix == "#")
                    and lo >= 1
                    and len(item) == 1
                    and item[0][0] is _sre.IN
                    and _digits_only(item[0][1])
                ):
                    return self.emit(first or DIGIT)
                if (lo, hi) == (0, 1):
                    return self.walk(items, i + 1, cont, prefix, first) and self.walk(
                        item, 0, (items, i + 1, cont), prefix, first
                    )
                if (lo, hi) == (1, 1):
                    return self.walk(item, 0, (items, i + 1, cont), prefix, first)
                return self.fail(prefix, first)
            if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
                i += 1
                continue
            return self.fail(prefix, first)
        if cont is not None:
            return self.walk(cont[0], cont[1], cont[2], prefix, first)
        if first:
            return self.emit(f"{first} {prefix}" if prefix else first)
        return self.emit(prefix)


class _DiskMemo:
    """A memo of the pattern analyses below, kept between runs in the user's cache directory.

    Working out first words means parsing every pattern with Python's regex parser: about a second for the
    project's phrase lists, paid at every start of ``makeitlast check``. The analysis is a pure function of the
    pattern text and of this module, so its results are stored keyed by both (``$XDG_CACHE_HOME/makeitlast`` or
    ``~/.cache/makeitlast``; ``MAKEITLAST_NO_CACHE=1`` turns it off). A missing, unreadable or unwritable cache only
    costs the start-up time; it never changes a result.
    """

    def __init__(self) -> None:
        self.data: dict[tuple[Any, ...], Any] | None = None
        self.dirty = False
        self.path: Path | None = None

    def _load(self) -> dict[tuple[Any, ...], Any]:
        if self.data is not None:
            return self.data
        self.data = {}
        if os.environ.get("MAKEITLAST_NO_CACHE"):
            return self.data
        try:
            digest = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:16]
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "makeitlast"
            self.path = base / f"dispatch-{digest}.pickle"
            if self.path.is_file():
                loaded = pickle.loads(self.path.read_bytes())
                if isinstance(loaded, dict):
                    self.data = loaded
        except Exception:  # a broken cache is a cold cache
            self.data = {}
        atexit.register(self.save)
        return self.data

    def get(self, key: tuple[Any, ...], compute: Any) -> Any:
        data = self._load()
        if key in data:
            return data[key]
        value = data[key] = compute()
        self.dirty = True
        return value

    def save(self) -> None:
        if not self.dirty or self.path is None or self.data is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(self.data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            self.dirty = False
        except Exception:  # read-only home, full disk: run without a cache
            pass


_MEMO = _DiskMemo()


def first_words(
    source: str, stop: frozenset[str] = frozenset(), joined: bool = False, limit: int = _MAX_WORDS
) -> frozenset[str] | None:
    """The words a match of ``source`` (lower-cased) must start with, or None when they cannot be listed.

    Memoised on disk (see :class:`_DiskMemo`).
    """
    return _MEMO.get(  # type: ignore[no-any-return]
        ("first_words", source, stop, joined, limit), lambda: _first_words(source, stop, joined, limit)
    )


def _first_words(
    source: str, stop: frozenset[str] = frozenset(), joined: bool = False, limit: int = _MAX_WORDS
) -> frozenset[str] | None:
    """The words a match of ``source`` (lower-cased) must start with, or None when they cannot be listed.

    With ``stop`` words, a stop word is listed with the word after it ("the discount") where that can be listed;
    ``joined``: apostrophes belong to words ("don't" rather than "don").
    """
    walker = _Walker(stop, joined, limit)
    try:
        ok = walker.walk(_parsed(source), 0, None, "")
    except (_TooMany, re.error, RecursionError):
        return None
    return frozenset(walker.words) if ok and walker.words else None


def _required(items: Any) -> frozenset[str] | None:
    """Literal strings one of which every match of the parsed pattern contains (None: no such set)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if not found:
            return
        if best is None or (min(map(len, found)), -len(found)) > (min(map(len, best)), -len(best)):
            best = found

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is _sre.SUBPATTERN:
            consider(_required(av[3]))
        elif op is _sre.ATOMIC_GROUP:
            consider(_required(av))
        elif op is _sre.ASSERT:  # what a positive lookaround needs is in the text too
            consider(_required(av[1]))
        elif op is _sre.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(b is not None for b in branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
        elif op is _sre.IN and (chars := _class_chars(av)) is not None:
            consider(frozenset(chars))
    if run:
        consider(frozenset(["".join(run)]))
    return best


_GATE_MAX_STRINGS = 48


def gate(source: str) -> tuple[str, ...] | None:
    """Memoised on disk (see :class:`_DiskMemo`)."""
    return _MEMO.get(("gate", source), lambda: _gate(source))  # type: ignore[no-any-return]


def _gate(source: str) -> tuple[str, ...] | None:
    """Strings of which the lower-cased text must hold one for ``source`` to match anywhere (None: no gate)."""
    try:
        required = _required(_parsed(source))
    except (re.error, RecursionError):
        return None
    if not required or len(required) > _GATE_MAX_STRINGS:
        return None
    return tuple(sorted(required, key=len))


class Plan:
    """A phrase list split for matching: listed first words -> the patterns starting so; the rest, scanned.

    The regular expression for each group of patterns is compiled the first time a text needs it.
    """

    __slots__ = ("_compiled", "_rest", "_rest_source", "by_word", "lowered", "rest_gate", "wrap")

    def __init__(self, lowered: list[str], wrap: Any) -> None:
        """``lowered``: the lower-cased, transformed patterns; ``wrap``: joins patterns into one source."""
        self.lowered = lowered
        self.wrap = wrap
        groups: dict[str, list[int]] = {}
        rest: list[str] = []
        for i, p in enumerate(lowered):
            words = first_words(wrap([p]))
            if words is None:
                rest.append(p)
                continue
            for w in words:
                groups.setdefault(w, []).append(i)
        self.by_word: dict[str, tuple[int, ...]] = {w: tuple(idx) for w, idx in groups.items()}
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._rest_source = wrap(rest) if rest else None
        self._rest: re.Pattern[str] | None = None
        self.rest_gate = gate(self._rest_source) if self._rest_source else None

    @property
    def has_rest(self) -> bool:
        return self._rest_source is not None

    @property
    def rest(self) -> re.Pattern[str] | None:
        """The scanned patterns as one expression, compiled the first time a text needs it."""
        if self._rest is None and self._rest_source is not None:
            self._rest = re.compile(self._rest_source)
        return self._rest

    def regex(self, idx: tuple[int, ...]) -> re.Pattern[str]:
        rx = self._compiled.get(idx)
        if rx is None:
            rx = self._compiled[idx] = re.compile(self.wrap([self.lowered[i] for i in idx]))
        return rx

    def spans(self, lower: str, words: dict[str, list[int]]) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        by_word = self.by_word
        for w in by_word.keys() & words.keys():
            rx = self.regex(by_word[w])
            for pos in words[w]:
                m = rx.match(lower, pos)
                if m is not None:
                    found.append(m.span())
        return self.settle(lower, found)

    def settle(self, lower: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Add the scanned patterns' matches and keep what ``finditer`` would: leftmost, non-overlapping."""
        rest = self.rest
        if rest is not None and (self.rest_gate is None or any(g in lower for g in self.rest_gate)):
            found.extend((m.start(), m.end()) for m in rest.finditer(lower) if m.end() > m.start())
        if len(found) < 2:
            return found
        found.sort()
        out: list[tuple[int, int]] = []
        end = -1
        for k, (a, b) in enumerate(found):
            if a < end or (k and found[k - 1][0] == a):
                continue
            if k + 1 < len(found) and found[k + 1][0] == a and found[k + 1][1] != b:
                # two patterns match here: the one the whole list's expression would pick (the first listed)
                m = self.full().match(lower, a)
                if m is None:
                    continue
                b = m.end()
            out.append((a, b))
            end = b
        return out

    def full(self) -> re.Pattern[str]:
        """All the patterns as one expression (compiled when first needed, to settle a tie)."""
        rx = self._compiled.get(())
        if rx is None:
            rx = self._compiled[()] = re.compile(self.wrap(self.lowered))
        return rx


def _trie(words: list[str]) -> str:
    """One alternation for many words, sharing prefixes ("fix|fixed|fixing" -> "fix(?:ed|ing|)"); an apostrophe
    matches both ' and ’."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        alts = [
            ("['’]" if ch == "'" else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if "" in node:
            if not alts:
                return ""
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(root)


#: Words too common to start a scan on their own: patterns starting with one are listed with the word after it.
_STOP_WORDS = """a an the i me my mine we us our you u your it its is are was were be been being am do does did don can
could will would should have has had not no to of in on at for with and or but so this that these those there they he
she his her him them what just get got still all any some if as by from up out about i'm i've i'd i'll it's don't
can't that's you're didn't doesn't isn't won't wasn't haven't hasn't aren't what's there's we've we're they're
couldn't wouldn't shouldn't let's"""
STOP = frozenset(_STOP_WORDS.split())
_PAIRS_LIMIT = 1500


def _ancestors(key: str) -> list[str]:
    """The shorter keys a key's text also starts with: "don't know" -> "don't" -> "don"."""
    out: list[str] = []
    while True:
        if " " in key:
            key = key.rsplit(" ", 1)[0]
        elif "'" in key[1:]:
            key = key.split("'", 1)[0]
        else:
            return out
        out.append(key)


#: Every index made in this process, so that :func:`compile_all` can reach them.
_INDEXES: weakref.WeakSet[Index] = weakref.WeakSet()


def compile_all() -> int:
    """Compile every phrase index's matches now (about 1,600 expressions, 2 s): for long-running processes."""
    return sum(index.compile_all() for index in list(_INDEXES))


class Index:
    """Several plans merged: one scan finds the listed words (whole, with apostrophes, and stop words with the
    word after them) of every phrase list; one match at each such place tries every list that can start there,
    each in its own lookahead group. The match for a key is compiled the first time a text needs it."""

    __slots__ = ("__weakref__", "_built", "combos", "plans", "scanned", "seconds")

    def __init__(self, plans: dict[str, Plan]) -> None:
        self.plans = plans
        memo_key = ("index", tuple((n, tuple(p.wrap([x]) for x in p.lowered)) for n, p in plans.items()))
        self.combos, self.seconds = _MEMO.get(memo_key, lambda: self._analyse(plans))
        self._built: dict[
            tuple[tuple[str, tuple[int, ...]], ...], tuple[re.Pattern[str], tuple[tuple[str, int], ...]]
        ] = {}
        self.scanned = [name for name, plan in plans.items() if plan.has_rest]
        _INDEXES.add(self)

    def compile_all(self) -> int:
        """Compile the match of every key now (a server does this at start-up: compiling on first use costs a few
        ms per new word, which shows as latency spikes under load). Returns how many were compiled."""
        todo = set(self.combos.values()) - self._built.keys()
        for key in todo:
            self._combo(key)
        return len(todo)

    @staticmethod
    def _analyse(
        plans: dict[str, Plan],
    ) -> tuple[dict[str, tuple[tuple[str, tuple[int, ...]], ...]], dict[str, set[str]]]:
        """Which lists can start at each listed word (memoised on disk: a pure function of the patterns)."""
        keyed: dict[str, dict[str, list[int]]] = {}
        for name, plan in plans.items():
            for i, p in enumerate(plan.lowered):
                source = plan.wrap([p])
                words = first_words(source, STOP, True, _PAIRS_LIMIT) or first_words(
                    source, frozenset(), True
                )
                if words is None and first_words(source) is not None:
                    raise AssertionError(f"listable pattern not keyed: {p!r}")  # the rest scan would miss it
                for w in words or ():
                    keyed.setdefault(w, {}).setdefault(name, []).append(i)
        combos: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {}
        for w, members in keyed.items():
            merged = {n: set(idx) for n, idx in members.items()}
            for a in _ancestors(w):
                for n, idx in keyed.get(a, {}).items():
                    merged.setdefault(n, set()).update(idx)
            combos[w] = tuple(sorted((n, tuple(sorted(idx))) for n, idx in merged.items()))
        #: For each stop word, the words that follow it in a listed pair.
        seconds: dict[str, set[str]] = {}
        for w in keyed:
            if " " in w:
                first, second = w.split(" ", 1)
                seconds.setdefault(first, set()).add(second)
        return combos, seconds

    def _combo(
        self, key: tuple[tuple[str, tuple[int, ...]], ...]
    ) -> tuple[re.Pattern[str], tuple[tuple[str, int], ...]]:
        built = self._built.get(key)
        if built is None:
            plans = self.plans
            source = "".join(
                f"(?:(?=(?P<m{j}>{plans[n].wrap([plans[n].lowered[i] for i in idx])}))|)"
                for j, (n, idx) in enumerate(key)
            )
            combo = re.compile(source)
            built = self._built[key] = (
                combo,
                tuple((n, combo.groupindex[f"m{j}"]) for j, (n, _i) in enumerate(key)),
            )
        return built

    def spans(self, lower: str) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        combos = self.combos
        seconds = self.seconds
        text = lower.replace("’", "'") if "’" in lower else lower  # same offsets
        matches = list(_JOINED.finditer(text))
        tokens = [m.group() for m in matches]
        last = len(tokens) - 1
        # only the tokens that can start something: keys, stop words with pairs, numbers, contractions
        for i in [
            i
            for i, w in enumerate(tokens)
            if w in combos or w in seconds or w[0] in _DIGITS or "'" in w or w[0] == "#"
        ]:
            w = tokens[i]
            if w[0] in _DIGITS or (w[0] == "#" and len(w) > 1 and w[1] in _DIGITS):
                key = DIGIT
                if key not in combos:
                    continue
            else:
                key = w
                after = seconds.get(w)
                if after is not None and i < last:
                    # a stop word: the key is the pair with the next word, when there is one for it
                    nxt = tokens[i + 1]
                    for second in (nxt, nxt.split("'", 1)[0]) if "'" in nxt else (nxt,):
                        if second in after and text[matches[i].end() : matches[i + 1].start()].isspace():
                            key = f"{w} {second}"
                            break
                while key not in combos:  # "phone's" is read as "phone"
                    if "'" not in key[1:]:
                        break
                    key = key.split("'", 1)[0]
                if key not in combos:
                    continue
            combo, groups = self._combo(combos[key])
            hit = combo.match(lower, matches[i].start())
            if hit is None or hit.lastindex is None:  # no phrase list matched here (most words)
                continue
            regs = hit.regs
            for name, g in groups:
                a, b = regs[g]
                if b > a:
                    found.setdefault(name, []).append((a, b))
        plans = self.plans
        for name in self.scanned:
            if name not in found:
                found[name] = []
        return {
            name: settled for name, spans in found.items() if (settled := plans[name].settle(lower, spans))
        }
