from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

#: Internal terms and acronyms a customer is not expected to know; each with a plain rewording.
PLAIN: dict[str, str] = {
    "rma": "a return authorisation (the reference that lets you send the item back)",
    "sla": "our promised response time",
    "l1": "our first support team",
    "l2": "our specialist support team",
    "l3": "our engineering team",
    "tier 1": "our first support team",
    "tier 2": "our specialist support team",
    "tier 3": "our engineering team",
    "tier ii": "our specialist support team",
    "tier iii": "our engineering team",
    "provisioning": "setting up your service",
    "provisioned": "set up",
    "backend": "our systems",
    "back-end": "our systems",
    "back end": "our systems",
    "etr": "the estimated time the repair is done",
    "tat": "how long it takes",
    "cpni": "your account security details",
    "pir": "a lost-baggage report",
    "pnr": "your booking reference",
    "irops": "the disruption",
    "ont": "the fibre box in your home",
    "stb": "your TV box",
    "trouble ticket": "a repair request",
    "work order": "a repair request",
    "incident number": "a reference number",
    "sr number": "a reference number",
    "escalation queue": "our specialist team",
    "dispatch": "sending a technician",
    "nfr": "a known issue",
    "wismo": "your delivery question",
    "aht": "how long calls take",
    "csat": "our satisfaction survey",
    "fcr": "sorting it on your first contact",
}

#: The same, as a short gloss that fits in brackets right after the term ("RMA (return authorisation)").
GLOSS: dict[str, str] = {
    "rma": "return authorisation",
    "sla": "our promised response time",
    "l1": "our first support team",
    "l2": "our specialist support team",
    "l3": "our engineering team",
    "tier 1": "our first support team",
    "tier 2": "our specialist support team",
    "tier 3": "our engineering team",
    "tier ii": "our specialist support team",
    "tier iii": "our engineering team",
    "level 1": "our first support team",
    "level 2": "our specialist support team",
    "level 3": "our engineering team",
    "provisioning": "setting up your service",
    "provisioned": "set up",
    "backend": "our systems",
    "back-end": "our systems",
    "back end": "our systems",
    "etr": "estimated time of repair",
    "tat": "turnaround time",
    "cpni": "your account security details",
    "pir": "lost-baggage report",
    "pnr": "booking reference",
    "irops": "flight disruption",
    "ont": "the fibre box in your home",
    "stb": "TV box",
    "trouble ticket": "repair request",
    "work order": "repair request",
    "incident number": "reference number",
    "sr number": "reference number",
    "escalation queue": "our specialist team",
    "dispatch": "sending a technician",
    "nfr": "known issue",
    "wismo": "where's my order",
    "aht": "average call time",
    "csat": "customer satisfaction survey",
    "fcr": "first-contact resolution",
}
_GLOSS_KEYS = sorted(GLOSS, key=len, reverse=True)
_GLOSS_AT = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in _GLOSS_KEYS) + r")s?(?![\w-])", re.I
)


def gloss_fix(view: TextView, found: Span) -> Fix:
    """Explain the term in brackets right after it: the term stays (the customer may meet it again) and gets a
    plain meaning. A team's own term has no known meaning: the brackets hold a blank to fill in."""
    terms = list(_GLOSS_AT.finditer(found.text))
    m = terms[-1] if terms else None  # the last term in the span ("escalated this to tier 2" → "tier 2")
    if m is None:
        return Fix(
            span=rw.span(view.text, found.end, found.end), replacement=f" ({rw.BLANK})", safe=False
        )
    gloss = GLOSS[_SPACES.sub(" ", m.group(1).lower())]
    end = found.start + m.end()
    return Fix(span=rw.span(view.text, end, end), replacement=f" ({gloss})", safe=True)


def split_fix(view: TextView, a: int, b: int) -> Fix | None:
    """Split a long sentence at the clause break nearest its middle (", and", ";", ", but" ...)."""
    text = view.text
    middle = (a + b) // 2
    best: re.Match[str] | None = None
    for m in _SPLIT.finditer(text, a, b):
        if best is None or abs(m.start() - middle) < abs(best.start() - middle):
            best = m
    if best is None:
        return None
    k = best.end()
    while k < b and text[k].isspace():
        k += 1
    if k >= b or not text[k].isalpha():
        return None
    conj = best.group("conj") or ""
    word = conj.capitalize() + " " if conj in ("but", "so") else ""
    rest = text[k].upper() if not word else text[k]
    return Fix(span=rw.span(text, best.start(), k + 1), replacement=f". {word}{rest}", safe=False)


_SPLIT = re.compile(r"\s*(?:;|,\s+(?P<conj>and|but|so)\b|\s[-–—]\s)\s*", re.I)


#: Internal words and phrases (case-insensitive).
JARGON = Phrases.of(
    [
        r"(tier|level) (1|2|3|one|two|three|ii|iii) (support|team|agents?|tech|techs|technicians?|engineers?|"
        r"escalation|queue|specialists?)",
        r"(our|the|a) tier (1|2|3|one|two|three|ii|iii)",
        r"(escalated|escalate|escalating|escalation) (it |this |your \w+ )?to (tier|level|l)\s?(1|2|3|ii|iii)",
        r"provisioning|provisioned",
        r"back-?end (ticket|team|system|systems|issue|request|queue|support|process|error|investigation)",
        r"back end (ticket|team|system|systems|issue|request|queue|support|process|error|investigation)",
        r"trouble ticket",
        r"work order",
        r"sr number|incident number",
        r"escalation queue",
        r"(tech|technician|truck) dispatch|dispatch (a tech|a technician|a truck)",
    ],
    negation=None,
)

#: Acronyms, matched in any case and kept only in capitals (so "tat" or "ont" as words are left alone).
ACRONYMS = Phrases.of(
    [r"(rma|sla|l1|l2|l3|etr|tat|cpni|pir|pnr|irops|ont|stb|nfr|wismo|aht|csat|fcr)s?"], negation=None
)

#: A sentence at least this long reads as hard (tweets are short; a 40-word sentence is a wall).
LONG_SENTENCE_WORDS = 40
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SPACES = re.compile(r"\s+")


def _explained(text: str, span: Span) -> bool:
    """Is the term explained in parentheses right after it, or is it the parenthesised short form itself?"""
    after = text[span.end : span.end + 3].lstrip()
    before = text[max(0, span.start - 2) : span.start].rstrip()
    return after.startswith("(") or before.endswith("(")


def _team_terms(terms: tuple[str, ...]) -> Phrases:
    return Phrases.of([" ".join(re.escape(w) for w in t.split()) for t in terms if t.strip()], negation=None)


book.register("D005", JARGON)
book.register("D005.acronyms", ACRONYMS)


@register
class Jargon(Rule):
    """Unexplained acronyms and internal terms, and sentences too long to follow.

    What it does:
        Flags internal words a customer can't be expected to know: acronyms like RMA, SLA, L2, ETR, PNR, and terms
        like "escalated to tier 2", "provisioning", "backend ticket", "trouble ticket", plus the team's own list
        (``jargon = [...]`` in the configuration). A term explained in parentheses right after it ("RMA (return
        authorisation)") or given as the short form of words just said ("return authorisation (RMA)") is fine.
        A sentence of 40 words or more is flagged as hard to follow.

    Why it matters:
        The workshop notes: "Use simple language/ avoid jargon". Jargon makes the customer feel outside the
        conversation, and a wall of words hides the next step.

    Example:
        I've escalated this to tier 2 and raised an RMA; provisioning will follow.

    Instead:
        I've passed this to our specialist team and set up your return; your new box will be set up once it
        arrives.
    """

    code = "D005"
    name = "jargon"
    step = Step.DONTS
    severity = Severity.ADVICE
    weight = 5
    summary = "Unexplained acronyms, internal terms or very long sentences"

    patterns = JARGON
    bad = (
        Example(
            "I've escalated this to tier 2 and they'll be in touch.",
            customer="My internet has been down since Monday",
        ),
        Example(
            "Please DM us and we'll raise an RMA for the headset.",
            customer="My headset stopped charging",
        ),
        Example(
            "Your order is still in provisioning, we'll update you tomorrow.",
            customer="When will my new line be active?",
        ),
    )
    good = (
        Example(
            "I've passed this to our specialist team and they'll be in touch by tomorrow.",
            customer="My internet has been down since Monday",
        ),
        Example(
            "Please DM us and we'll set up an RMA (return authorisation) so you can send the headset back free.",
            customer="My headset stopped charging",
        ),
        Example(
            "Your new line is being set up and will be active by 5pm tomorrow.",
            customer="When will my new line be active?",
        ),
    )

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.team = _team_terms(settings.jargon)

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is JARGON:
            return book.spans(ctx.reply, "D005")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        text = ctx.reply.text
        found = self._found(ctx) + self.team.find(ctx.reply)
        found += [s for s in book.spans(ctx.reply, "D005.acronyms") if _capitals(s.text)]
        seen: list[Span] = []
        for span in sorted(found, key=lambda s: s.start):
            if _explained(text, span) or any(s.start < span.end and span.start < s.end for s in seen):
                continue
            seen.append(span)
            plain = _plain(span.text)
            yield self.finding(
                f"“{span.text}” is internal jargon the customer may not know. “Use simple language/ avoid jargon.”",
                span,
                f"Say it plainly: “{plain}”, or explain it in brackets right after it."
                if plain
                else f"Say it plainly, or explain “{span.text}” in brackets right after it.",
                fix=gloss_fix(ctx.reply, span),
            )
        yield from self._long_sentences(ctx.reply)

    def _long_sentences(self, view: TextView) -> Iterator[Finding]:
        for a, b in view.sentences:
            if b - a < LONG_SENTENCE_WORDS * 3:
                continue
            if len(_WORD.findall(view.text, a, b)) >= LONG_SENTENCE_WORDS:
                yield self.finding(
                    "This sentence is too long to follow at a glance. “Use simple language/ avoid jargon.”",
                    view.span(a, b),
                    "Split it into short sentences of one idea each, and put the next step first.",
                    fix=split_fix(view, a, b),
                )


def _capitals(term: str) -> bool:
    """An acronym only in capitals ("RMA", "L2", "RMAs"); "tat" or "ont" are words."""
    return (term[:-1] if term.endswith("s") else term).isupper()


def _plain(term: str) -> str | None:
    key = _SPACES.sub(" ", term.lower())
    if term.isupper():
        key = key.rstrip("s")
    for k, v in PLAIN.items():
        if key == k or key.startswith(k + " ") or key.endswith(" " + k) or f"to {k}" in key:
            return v
    return None
