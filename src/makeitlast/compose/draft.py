"""The built-in drafter: a reply in the L.A.S.T. order, written from the coach's reading of the customer.

:func:`draft` reads the customer message the way the coach does (:func:`makeitlast.reading.read_customer`: wants,
anger, abuse, repeat contact, bad experience, facts, and which kind of problem it is), then writes:

1. **Listen**: the customer's own problem turned around ("my order hasn't arrived" becomes "your order hasn't
   arrived", the same helper the L rules' suggestions use), or, when their clause does not read well said back, the
   kind of problem named in plain words with what it concerns ("the delay with your order #4471"). A question is
   reflected as a question; a fragment ("I did.") is acknowledged as an update. "Effective listening allows you to
   understand what's needed and show that you care."
2. **Apologize**, once and on behalf of the team, when something went wrong; under the soft apology culture the
   problem is owned without "sorry". No blame, no grovelling. An angry customer hears one more line that takes
   their side ("You had every reason to expect better"); a repeat contact, that they should not have had to chase;
   an abusive one, a calm boundary.
3. **Solve**: the agent's ``offer`` as a concrete step with a realistic, slightly under-promised time ("It can take
   up to 5 business days to show on your statement"), or, without one, a next step the agent controls, fitted to
   what the customer wants, plus the golden question "What can I do to make this right?". The order number is
   asked for only when the problem is about an order and they have not given it.
4. **Thank** them for something specific: their patience when they waited, the details when they gave some,
   flagging it, their loyalty, their kind words.

The sentences are data (:mod:`makeitlast.compose._phrasing`), several wordings each; a random generator seeded by
``seed`` and the message picks among them, so drafts vary across messages and stay reproducible. The result is a
:class:`~makeitlast.compose.model.Draft` carrying the coach's report on it: the coach judges its own drafts the
same way it judges an agent (``benchmarks/bench_draft.py`` runs that over the dev data).

Written here rather than with a text-generation library: the drafts must come from the same reading as the rules
and be checkable by them, offline and at hundreds per second; a template engine would add nothing to ``str.format``.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from makeitlast.compose import _phrasing as P
from makeitlast.compose.model import Draft
from makeitlast.engine import ContextLike, InputError, get_engine, normalize_context
from makeitlast.engine._text import looks_english
from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading, Report, Role, Severity, Step
from makeitlast.reading import extract_facts, is_closing, problem_kinds, read_customer
from makeitlast.rules.listen._reflect import _SWAP, SHOUTING, problem_clauses, reflect, swap_pronouns
from makeitlast.rules.listen._step import CONCEPTS, GENERIC_WORDS

__all__ = ["Situation", "draft", "read_situation"]

Culture = Literal["standard", "soft"]

#: The longest customer message read (longer ones are cut, as a person would skim): the drafter stays fast on a
#: pasted novel and a reply never quotes from page ten.
MAX_CUSTOMER_CHARS = 20_000
#: The longest offer accepted: it is written into the reply as given.
MAX_OFFER_CHARS = 300
#: The longest agent name used in the sign-off.
MAX_AGENT_CHARS = 60

#: Verbs an offer may start with ("refund the second charge"); anything else is read as a thing ("a refund").
_OFFER_VERBS_TEXT = """
    refund reimburse send resend replace reship ship credit waive cancel rebook book reserve call ring phone
    fix repair reset restore reactivate unlock extend add apply give issue arrange escalate upgrade expedite
    deliver collect honour honor change update remove close reopen schedule process return swap exchange
    transfer move reinstate refer compensate cover offer
"""
_OFFER_VERBS = frozenset(_OFFER_VERBS_TEXT.split())
#: The kind of offer, by its words, for a realistic time (``_phrasing.OFFER_WHEN``); first match wins.
_OFFER_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "refund",
        re.compile(r"\b(refund|reimburs|money back|charge ?back|waive|cancel the (fee|charge))", re.I),
    ),
    (
        "replacement",
        re.compile(r"\b(replace|replacement|new one|reship|resend|send (you )?(a|another|the))", re.I),
    ),
    ("credit", re.compile(r"\b(credit|voucher|discount|coupon|points|miles|gift card|promo)", re.I)),
    ("call", re.compile(r"\b(call|ring|phone)\b", re.I)),
    ("booking", re.compile(r"\b(rebook|book|flight|seat|reservation|upgrade)", re.I)),
    ("visit", re.compile(r"\b(technician|engineer|visit|appointment|collect|pick ?up)", re.I)),
)
#: Offer kinds that are done now, and those that start now and land later.
_NOW = {
    "refund": "today",
    "replacement": "today",
    "credit": "now",
    "call": "",
    "booking": "now",
    "visit": "today",
}

#: Problems about something bought or held, where the order number helps.
_ORDER_PROBLEMS = frozenset({"breakage", "money", "delay"})
_ORDER_WORDS = re.compile(r"\b(order|package|parcel|delivery|shipment|purchase|item)s?\b", re.I)
_POSITIVE = re.compile(
    r"\b(love|loved|loving|great|excellent|amazing|awesome|fantastic|brilliant|wonderful|best|happy|cozy|"
    r"delicious|yummy|perfect)\b",
    re.I,
)
_REQUEST = re.compile(
    r"\b(need|want|please|pls|plz|help|can you|could you|would like|how (do|can) i)\b", re.I
)
_GRATEFUL = re.compile(r"\b(thanks|thank (you|u)|thx|ty|cheers)\b", re.I)
_MISSING = re.compile(r"\b(lost|missing|stolen|disappeared|never (arrived|came|showed up))\b", re.I)
#: Where a reflected clause stops: what they want is answered by the solve step, not said back.
_CLAUSE_END = re.compile(
    r",?\s+(?:and|but|so)\s+(?:you|i)\s+(?:want|need|would like|'d like|demand|expect)\b.*$", re.I
)
_RUN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z0-9]|['’.-](?=[A-Za-z0-9]))*\+?|\d+(?:\.\d+)+")
_RUN_MAX_WORDS = 4
_LOYALTY = re.compile(r"\b(loyal|years|since (19|20)\d\d|long[- ]time|lifelong)\b", re.I)
_QUESTION_WORDS = re.compile(
    r"^(how|what|when|where|why|which|who|can|could|do|does|did|is|are|will|would)\b", re.I
)
_HANDLES = re.compile(
    r"(?<![\w.])@\w+|https?://\S+|\bwww\.\S+|[\U0001F000-\U0001FFFF\u2600-\u27BF\ufe0f\u200d]"
)
_SPACES = re.compile(r"\s+")
_SWAPPABLE_TEXT = """
    u ur im dont cant wont didnt isnt doesnt gonna thats its whats theres lol idk tx smh pls plz
"""
_SWAPPABLE = frozenset(_SWAP) | frozenset(_SWAPPABLE_TEXT.split())
_TOPIC_MAX_WORDS = 14
_MODALS = frozenset({"can", "could", "will", "would", "should"})
_ASKERS = frozenset({"i", "we", "you", "u"})


@dataclass(frozen=True)
class Situation:
    """What the drafter read in the customer message (besides the coach's own reading)."""

    reading: CustomerReading
    #: The kinds of problem, in the order the customer raised them (``breakage``, ``delay``, ...).
    problems: tuple[str, ...]
    #: The customer's own problem clause turned around ("your order hasn't arrived"), or None.
    clause: str | None
    #: What it concerns: "your order #4471", "your iPhone 8 Plus", or None.
    thing: str | None
    #: The customer's question, turned around, when they asked one and reported no problem.
    topic: str | None
    #: They gave an order/case number, e-mail or phone (now or earlier): never ask again.
    has_reference: bool
    #: They only thanked or acknowledged ("ok thx").
    closing: bool
    loyal: bool
    #: The message is about an order, a parcel or a purchase (where an order number helps).
    about_order: bool
    #: What the message is about in the customer's own words (the longest run of content words: "the beta code").
    run: str | None
    #: They asked something.
    asks: bool
    #: A statement without a complaint, its first clause turned around ("you pre ordered your game").
    statement: str | None
    #: Not English (the drafter writes English only).
    foreign: bool
    #: They asked for something without a question mark ("I need the update", "please DM me").
    requests: bool
    #: They thanked us.
    grateful: bool
    #: What their kind words are about, in their words ("the burritos", "the sky lounge access"), or None.
    praised: str | None
    #: They said something kind ("excellent service", "love it").
    positive: bool
    #: Something of theirs went missing or was lost (named so, not as damage).
    missing: bool


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _HANDLES.sub(" ", text)).strip()


_PRAISE_WINDOW = 3


def _praised(customer: str) -> str | None:
    """The thing a kind word is about: the nearest content word after it ("best burritos", "love my new 8"), or
    before it ("the Boorito was delicious"), within a few words; with the words that modify it, up to three."""
    words = [w.strip(".,!?;:()\"'“”") for w in _clean(customer).split()]
    for i, word in enumerate(words):
        if not _POSITIVE.fullmatch(word.lower()):
            continue
        after = range(i + 1, min(len(words), i + 1 + _PRAISE_WINDOW))
        before = range(i - 1, max(-1, i - 1 - _PRAISE_WINDOW), -1)
        for j in (*after, *before):
            w = words[j]
            if (
                w
                and w.isascii()
                and w.isalpha()
                and _content(w.lower())
                and not (w.isupper() and len(w) <= 5)
            ):
                return f"the {w}" if w[0].islower() or j != 0 else f"the {w.lower()}"
    return None


def _content(low: str) -> bool:
    """Is this (lower-case) word one of the customer's content words: not support vocabulary, a pronoun, praise or
    a verb form ("signed", "worked", "looking")?"""
    return (
        len(low) >= 2
        and low.isascii()
        and low not in GENERIC_WORDS
        and low not in _SWAPPABLE
        and not _POSITIVE.fullmatch(low)
        and not low.endswith(("ed", "ing", "ly"))
    )


def _run(customer: str) -> str | None:
    """The longest run of the customer's content words (not handles, links or support vocabulary), up to four:
    usually the thing the message is about ("the beta code", "Lightroom Classic CC", "iOS 11.0.3")."""
    text = _clean(customer)
    if not text.isascii():
        text = text.encode("ascii", "ignore").decode()
    best: list[str] = []
    current: list[str] = []
    last_end = -1
    for m in _RUN_WORD.finditer(text):
        word = m.group().strip("'’.")
        low = word.lower().replace("’", "'")
        gap = text[last_end : m.start()] if last_end >= 0 else " "
        content = _content(low) and not (word.isupper() and len(word) <= 5)  # an acronym is jargon said back
        if content and (not current or gap.strip() == ""):
            current.append(word)
        else:
            current = [word] if content else []
        if len(current) > len(best):
            best = current[:_RUN_MAX_WORDS]
        last_end = m.end()
    if not best or (len(best) == 1 and (len(best[0]) < 5 or best[0][0].isupper())):
        return None
    run = " ".join(best)
    if any(ch.isdigit() for ch in run) or run.isupper():
        return run
    return f"the {run}"


_STATEMENT_BREAK = re.compile(r"[,;:()!]|\s[-–—]\s|\.\.+")
_OWNED = re.compile(r"\b(?:my|our) ([a-z]+)\b", re.I)
#: Words that open a clause and say nothing of it ("Dear Tesco, ...", "And the issue is still not fixed").
_LEAD = re.compile(
    r"^(?:(?:dear|hi|hey|hello|yo|and|but|so|also|plus|then|just|well|ok|okay|now|yet|because|cause|cuz|lol|smh"
    r"|ugh|wow|omg|seriously)\b[\s,!]*)+",
    re.I,
)
_JOINS = re.compile(r"\s(?:and|but|so|because|cause|cuz|when|while)\s", re.I)
#: A clause said back may start with these ("your internet is down", "the issue is still not fixed").
_SAY_BACK_START_TEXT = """
    your you you're you've the it it's this that there no nobody nothing none someone somebody everything our they
    he she
"""
_SAY_BACK_START = frozenset(_SAY_BACK_START_TEXT.split())
#: Where a clause clipped mid-phrase ("... for about") is ended instead: at its last content word.
_DANGLING_TEXT = """
    about for on to the a an of with in at my your our and even so but or is are was were from by as than he she
    they it where when which who that
"""
_DANGLING = frozenset(_DANGLING_TEXT.split())
#: Idioms whose meaning turns over when said after "I'm sorry" ("I've never been treated this badly").
_FLIPS = re.compile(
    r"\b(never|ever)\b.*\b(this|so|such|worse|worst|more|less)\b|^(it|this|that) comes\b", re.I
)


def _say_back(segment: str) -> str | None:
    """The customer's words as the agent says them back ("my internet is down" gives "your internet is down",
    a bare "internet is down" too), or None when they would not read well: under 3 or over 12 words, a question,
    a shout, not English, or an accusation said back as the agent's own ("you lie" gives "we lie")."""
    segment = _LEAD.sub("", segment).strip(" ,.!-–—\"'“”")
    if "?" in segment or not segment.isascii() or SHOUTING.search(segment) or len(segment.split()) > 12:
        return None
    tokens = segment.split()
    while tokens and tokens[-1].lower() in _DANGLING:
        tokens.pop()
    if len(tokens) < 3:
        return None
    segment = " ".join(tokens)
    said = swap_pronouns(segment[0].lower() + segment[1:] if not segment[:2].isupper() else segment)
    first = said.split()[0].lower()
    if first in CONCEPTS:
        return f"your {said}"
    if first not in _SAY_BACK_START or re.match(r"we\b|we'", said, re.I) or _FLIPS.search(said):
        return None
    return said


def _statement(view: TextView) -> str | None:
    """The customer's first sentence said back, when it is a plain statement of something of theirs."""
    for a, b in view.sentences:
        sentence = _clean(view.text[a:b]).rstrip(" .!")
        if not sentence:
            continue
        if "?" in sentence:
            return None
        first = _STATEMENT_BREAK.split(sentence)[0]
        if not any(_content(w.lower()) for w in first.split()):
            return None  # "I just did.", "This is what it looks like": nothing of theirs to say back
        return _say_back(first)
    return None


def _names_a_thing(run: str) -> bool:
    """Is this run of the customer's words a plain noun phrase ending in a known thing ("the new interface")?"""
    words = run.split()
    return all(w.isalpha() for w in words) and words[-1].lower() in CONCEPTS


def _problem_clause(view: TextView, reading: CustomerReading) -> str | None:
    """The first clause reporting the customer's problem that reads well said back (:func:`_say_back`); never
    an abusive customer's words."""
    if reading.abusive:
        return None
    for clause, words in problem_clauses(view, reading):
        said = _say_back(next((part for part in _JOINS.split(clause) if words in part), clause))
        if said is not None:
            return said
    return None


def _thing(view: TextView, reading: CustomerReading) -> str | None:
    """What the problem concerns, in words that can follow "the delay with": the order number wherever it is,
    otherwise a product or a thing of theirs ("my router") in the same sentence as the first problem words."""
    problem = next((f.span for f in reading.facts if f.kind == "problem"), None)
    for fact in reading.facts:
        if fact.kind == "order_number":
            ident = fact.span.text
            digits = any(ch.isdigit() for ch in ident[:3]) or ident.startswith("#")
            return f"your order {ident}" if digits else ident
    if problem is None:
        return None
    a, b = view.sentence_at(problem.start)
    for fact in reading.facts:
        if fact.kind == "product" and a <= fact.span.start < b:
            product = fact.span.text
            low = product.lower()
            if low.startswith(("my ", "our ")):
                return swap_pronouns(product)
            return product if low.startswith(("the ", "your ")) else f"your {product}"
    for m in _OWNED.finditer(view.text, a, b):
        word = m.group(1).lower()
        if word in CONCEPTS:
            return f"your {word}"
    return None


def _topic(view: TextView) -> str | None:
    """The customer's first question, said back ("how to track a parcel") or None."""
    for a, b in view.sentences:
        sentence = _clean(view.text[a:b])
        if not sentence.endswith("?"):
            continue
        words = sentence.rstrip("?!. ").split()
        if not words or not _QUESTION_WORDS.match(words[0]) or len(words) < 3 or not sentence.isascii():
            continue
        if len(words) > _TOPIC_MAX_WORDS:
            return None
        head = words[0].lower()
        if head in _MODALS and len(words) > 2 and words[1].lower() in _ASKERS:
            # "can I change my address" -> "whether you can change your address"
            subject = swap_pronouns(words[1].lower())
            return f"whether {subject} {head} {swap_pronouns(' '.join(words[2:]))}"
        if (
            head == "how"
            and len(words) > 3
            and words[1].lower() in ("do", "can")
            and words[2].lower() in _ASKERS
        ):
            return f"how to {swap_pronouns(' '.join(words[3:]))}"
        return None
    return None


def read_situation(
    customer: str, context: Sequence[ContextLike] | None = None, settings: Settings | None = None
) -> Situation:
    """Read ``customer`` (and the earlier customer messages in ``context``) for drafting."""
    view = TextView(customer)
    earlier = tuple(
        TextView(m.text) for m in normalize_context(context) if m.role is Role.CUSTOMER and m.text.strip()
    )
    reading = read_customer(view, earlier)
    ctx = ReplyContext(
        reply=TextView(" "), customer=view, earlier=earlier, reading=reading, settings=settings or Settings()
    )
    reflected = reflect(ctx) if not reading.abusive else None
    clause = reflected[len("that ") :] if reflected else None
    if clause is None and reading.bad_experience:
        clause = _problem_clause(view, reading)
    if clause and _FLIPS.search(clause):
        clause = None
    if clause:
        clause = _CLAUSE_END.sub("", clause).rstrip(" ,") or None
    known = tuple(reading.facts) + tuple(f for v in earlier for f in extract_facts(v))
    return Situation(
        reading=reading,
        problems=tuple(kind for kind, _span in problem_kinds(view)),
        clause=clause,
        thing=_thing(view, reading),
        topic=None if reading.bad_experience else _topic(view),
        has_reference=any(f.kind in ("order_number", "case_number", "email", "phone") for f in known),
        closing=is_closing(view),
        loyal=bool(_LOYALTY.search(customer)),
        about_order=bool(_ORDER_WORDS.search(customer)),
        run=_run(customer),
        statement=None if reading.abusive else _statement(view),
        foreign=not looks_english(_clean(customer)),
        asks="?" in _clean(customer),
        requests=bool(_REQUEST.search(customer)),
        positive=bool(_POSITIVE.search(customer)),
        grateful=bool(_GRATEFUL.search(customer)),
        praised=_praised(customer),
        missing=bool(_MISSING.search(customer)),
    )


# --- writing ----------------------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, situation: Situation, rng: random.Random, culture: Culture) -> None:
        self.s = situation
        self.r = situation.reading
        self.rng = rng
        self.soft = culture == "soft"
        #: The listen line already thanks (a statement reflected as "Thanks for telling me about ...").
        self.thanked = False
        #: The listen line already commits to a next step (a follow-up: "I'm pulling up your case notes now").
        self.stepped = False

    def pick(self, options: Sequence[str], **fields: str) -> str:
        return self.rng.choice(options).format(**fields)

    def problem(self, s: Situation) -> str | None:
        """A plain name for the first kind of problem the customer raised, with what it concerns when known."""
        for kind in s.problems:
            if kind == "breakage" and s.missing:
                return f"{s.thing} going missing" if s.thing else "the missing item"
            if kind not in P.PROBLEM_NAMES:
                continue
            delivered = s.thing is not None and any(w in s.thing.lower() for w in P.DELIVERED)
            if s.thing and (kind != "breakage" or delivered):
                return self.pick(P.PROBLEM_NAMES[kind], thing=s.thing)
            return self.pick(P.PROBLEM_NAMES_BARE[kind])
        return None

    def listen(self) -> list[str]:
        s, r = self.s, self.r
        if s.closing:
            return []
        if r.bad_experience:
            if r.abusive:
                s = replace(s, clause=None, run=None)  # their insults are not said back
            if s.clause:
                return [self.pick(P.SOFT_CLAUSE if self.soft else P.SORRY_CLAUSE, clause=s.clause)]
            problem = self.problem(s)
            bare = problem is not None and s.thing is None
            if problem and not bare:
                return [self.pick(P.SOFT_PROBLEM if self.soft else P.SORRY_PROBLEM, problem=problem)]
            if s.statement:
                return [self.pick(P.SOFT_CLAUSE if self.soft else P.SORRY_CLAUSE, clause=s.statement)]
            if problem:
                return [self.pick(P.SOFT_PROBLEM if self.soft else P.SORRY_PROBLEM, problem=problem)]
            if s.run and _names_a_thing(s.run):
                return [self.pick(P.SOFT_RUN if self.soft else P.SORRY_RUN, run=s.run)]
            return [self.pick(P.SOFT_GENERIC if self.soft else P.SORRY_GENERIC)]
        if s.topic:
            return [self.pick(P.ASKING_CLAUSE, topic=s.topic)]
        if s.run and s.asks:
            return [self.pick(P.ASKING_RUN, run=s.run)]
        praise = "appreciation" in r.wants or s.positive
        if s.statement:
            self.thanked = not praise
            return [self.pick(P.PRAISE_CLAUSE if praise else P.TELLING_CLAUSE, clause=s.statement)]
        if praise and s.praised:
            self.thanked = True
            return [self.pick(P.PRAISE_RUN, run=s.praised)]
        if s.run and not any(ch.isdigit() for ch in s.run):
            self.thanked = True
            return [self.pick(P.PRAISE_RUN if praise else P.TELLING_RUN, run=s.run)]
        if praise:
            return [self.pick(P.PRAISE_GENERIC)]
        self.thanked = True
        self.stepped = True
        return [self.pick(P.FOLLOW_UP), self.pick(P.FOLLOW_UP_STEP)]

    def empathy(self) -> list[str]:
        r = self.r
        if r.abusive:
            return [self.pick(P.BOUNDARY)]
        if not r.bad_experience:
            return []
        if "treatment" in self.s.problems:
            return [self.pick(P.DIGNITY_ACK)]
        if r.repeat_contact:
            return [self.pick(P.REPEAT_ACK)]
        if r.anger >= 2:
            return [self.pick(P.ANGER_ACK)]
        return []

    def solve(self, offer: str | None) -> list[str]:
        s, r = self.s, self.r
        if offer:
            kind = next((k for k, pattern in _OFFER_KINDS if pattern.search(offer)), "other")
            first = offer.split()[0].lower().strip(",.")
            bank = P.OFFER_VERB if first in _OFFER_VERBS else P.OFFER_NOUN
            step = self.pick(bank, offer=offer.rstrip(" .!"), now=_NOW.get(kind, "today"))
            return [step.replace(" .", "."), self.pick(P.OFFER_WHEN[kind])]
        if (
            self.stepped
            or s.closing
            or not (r.bad_experience or r.wants or s.asks or s.requests or r.repeat_contact)
        ):
            return []
        if r.bad_experience or r.repeat_contact:
            want = next(
                (w for w in ("refund", "repair", "explanation", "future_credit", "dignity") if w in r.wants),
                "other",
            )
        elif s.asks or s.requests or "explanation" in r.wants:
            want = "question"
        else:
            want = next((w for w in ("refund", "repair", "future_credit") if w in r.wants), "question")
        out: list[str] = []
        if not s.has_reference and s.about_order and set(s.problems) & _ORDER_PROBLEMS:
            out.append(self.pick(P.ASK_ORDER))
        out.append(self.pick(P.NEXT_STEP[want]))
        if r.bad_experience:
            out.append(self.pick(P.GOLDEN))
        return out

    def thank(self) -> str | None:
        s, r = self.s, self.r
        if self.thanked:
            return None
        if s.closing:
            return self.pick(P.CLOSING)
        if not r.bad_experience and ("appreciation" in r.wants or s.positive):
            return self.pick(P.THANKS["praise"])
        if not r.bad_experience and s.grateful:
            return self.pick(P.THANKS["update"])
        if s.loyal:
            return self.pick(P.THANKS["loyalty"])
        if r.repeat_contact or {"waiting", "delay"} & set(s.problems):
            return self.pick(P.THANKS["patience"])
        if not r.bad_experience and (s.topic or s.asks):
            return self.pick(P.THANKS["question"])
        if any(f.kind in ("order_number", "case_number") for f in r.facts):
            return self.pick(P.THANKS["reference"])
        if any(f.kind != "problem" for f in r.facts):
            return self.pick(P.THANKS["details"])
        if r.bad_experience:
            return self.pick(P.THANKS["flagging"])
        return self.pick(P.THANKS["feedback"])

    def write(self, offer: str | None, agent: str | None) -> str:
        """The draft. ``self.plain`` (a retry) leaves the customer's own words out: their clause or words led the
        coach to a finding (an accusation said back, an acronym), so the draft names the problem in its own words."""
        r = self.r
        if self.s.foreign:
            text = self.pick(P.OTHER_LANGUAGE)
            if r.bad_experience and not self.soft:
                text = f"{P.OTHER_LANGUAGE_SORRY} {text}"
            return text + (f"\n– {agent}" if agent else "")
        lines = self.listen()
        lines += self.empathy()
        lines += self.solve(offer)
        thank = self.thank()
        if thank:
            lines.append(thank)
        if r.anger <= 1 and not r.abusive and self.rng.random() < 0.5:
            first = lines[0]
            if not re.match(r"I\b|I'", first):
                first = first[0].lower() + first[1:]
            lines[0] = f"{self.pick(P.GREETINGS)} {first}"
        text = " ".join(lines)
        if agent:
            text += f"\n– {agent}"
        return text


#: The coach's bar for a draft: this score or more, and no finding of warning or error severity.
BAR = 90
#: How far the drafter goes from the customer's words when a draft misses the bar: first their clause and their
#: words, then only the plain name of the problem, then nothing of theirs but their facts, then how it felt.
_PLAIN_LEVELS = (0, 1, 2, 3)


def _plain(situation: Situation, level: int) -> Situation:
    if level == 0:
        return situation
    if level == 1:
        return replace(situation, clause=None, statement=None, topic=None)
    if level == 2:
        return replace(situation, clause=None, statement=None, topic=None, run=None)
    # last: no named problem either, only "It sounds like this has been really disappointing" (a paraphrase of
    # how it felt, when neither their words nor a name for the problem reflect it)
    return replace(situation, clause=None, statement=None, topic=None, run=None, problems=())


def _passes(report: Report) -> bool:
    return report.score >= BAR and not any(f.severity.rank >= Severity.WARNING.rank for f in report.findings)


def _seed(customer: str, seed: int) -> int:
    return zlib.crc32(customer.encode("utf-8", "surrogatepass")) ^ (seed * 0x9E3779B1 & 0xFFFFFFFF)


def draft(
    customer: str,
    *,
    offer: str | None = None,
    agent: str | None = None,
    culture: Culture | None = None,
    context: Sequence[ContextLike] | None = None,
    settings: Settings | None = None,
    seed: int = 0,
) -> Draft:
    """A reply to ``customer`` in the L.A.S.T. order, with the coach's report on it.

    ``offer``: what the agent can do ("a full refund", "send a replacement"), written in as a concrete step with a
    realistic time; without it the draft commits to a next step and asks the golden question. ``agent``: a name to
    sign with. ``culture``: ``"soft"`` where apologizing reads as weakness (default: the settings' ``apology``).
    ``context``: earlier messages of the conversation (facts given there are not asked for again). ``seed``: picks
    among equivalent wordings; the same inputs and seed give the same draft.
    """
    if not isinstance(customer, str) or not customer.strip():
        raise InputError("the customer message is empty: give the text the reply should answer")
    customer = customer[:MAX_CUSTOMER_CHARS]
    if offer is not None:
        offer = " ".join(offer.split())
        if len(offer) > MAX_OFFER_CHARS:
            raise InputError(
                f"the offer is {len(offer):,} characters: keep it to one step ({MAX_OFFER_CHARS} at most)"
            )
        offer = offer or None
    if agent is not None:
        agent = " ".join(agent.split())[:MAX_AGENT_CHARS] or None
    settings = settings or Settings()
    if culture is not None and culture not in ("standard", "soft"):
        raise InputError(f"unknown culture {culture!r}: 'standard' or 'soft'")
    culture = culture or settings.apology
    if culture != settings.apology:
        settings = settings.with_overrides(apology=culture)
    situation = read_situation(customer, context, settings)
    engine = get_engine(settings)
    best: tuple[tuple[bool, int], str, Report] | None = None
    for level in _PLAIN_LEVELS:
        writer = _Writer(_plain(situation, level), random.Random(_seed(customer, seed)), culture)
        text = writer.write(offer, agent)
        report = engine.check(text, customer, context)
        if _passes(report):
            return Draft(text=text, report=report, source="builtin")
        key = (not any(f.step is Step.DONTS for f in report.findings), report.score)
        if best is None or key > best[0]:
            best = (key, text, report)
    assert best is not None
    return Draft(text=best[1], report=best[2], source="builtin")
