from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

_WHO = (
    r"(they|he|she|the (\w+ )?(warehouse|courier|driver|drivers|store|shop|branch|staff|team|department|dept|"
    r"agent|agents|rep|reps|representative|advisor|colleague|colleagues|crew|cashier|manager|technician|tech|"
    r"engineer|installer|guy|lady|person|people|folks|kitchen|cook|cooks|pilot|attendant|packers?|night shift|"
    r"day shift|office|call cent(er|re)|system)|our (\w+ )?(warehouse|courier|driver|drivers|store|staff|team|"
    r"department|agent|agents|rep|reps|colleague|colleagues|crew|cashier|manager|technician|engineer|kitchen|"
    r"packers?|call cent(er|re))|(my|our|your) previous (agent|rep|advisor|colleague)|whoever|the (agent|rep|"
    r"person|advisor|representative|colleague) (you|u) (spoke|talked|chatted|dealt) (to|with))"
)

#: Making a colleague, another team or "them" the bad guy.
BLAME = Phrases.of(
    [
        _WHO + r" (really |totally |completely |clearly |obviously |must have |must've |probably |just )?"
        r"(messed up|screwed up|screwed it up|messed it up|dropped the ball|botched|fumbled|blew it|goofed|"
        r"got it wrong|gave you (the )?(wrong|incorrect|bad|false) (info|information|advice|details)|"
        r"misinformed you|made (a|the) (mistake|mess|error)|made a mess|didn't do (their|his|her) job|"
        r"don't know what (they're|he's|she's) doing|didn't know what (they were|he was|she was) doing|"
        r"should have known better|should never have|shouldn't have|should not have|is useless|are useless|"
        r"was useless|were useless|is incompetent|are incompetent|was wrong|were wrong|was lazy|were lazy|"
        r"is lazy|are lazy|always (mess|screw)|keep (messing|screwing))",
        r"(it's|it is|it was|that's|that is|that was|this is|this was) (all |entirely |totally |completely )?"
        r"(their|his|her|the (\w+ )?(warehouse|courier|driver|store|team|department|agent|staff)'s) fault",
        r"(blame|blaming) (it on )?(the|our|them|him|her|my colleague|my colleagues|the other)",
        r"(not|isn't|is not|wasn't|was not) (my|our) fault",
        r"(not|isn't|is not) my (department|job|problem to fix|responsibility|call)",
        r"(that's|that is|it's|it is) (on|down to) (them|the (\w+ )?(warehouse|courier|team|store|department|"
        r"driver|staff))",
        r"(those|these) (idiots|guys|people) (in|at|from)",
        r"(take|taking) it up with (them|the (\w+ )?(warehouse|team|store|department))",
    ],
)


book.register("D003", BLAME)

_ADVERB = r"(?:really |totally |completely |clearly |obviously |must have |must've |probably |just )?"
#: What the blamed colleague did → the same said by "we", for the team (a verb that takes an object is handled in
#: :func:`owned_fix`: "messed up your order" → "made a mistake with your order").
OWNED = rw.table(
    [
        (rf".+? {_ADVERB}(messed up|screwed up|screwed it up|messed it up|botched it|fumbled it|blew it|goofed|"
         r"dropped the ball|got it wrong|was wrong|were wrong)", "we got this wrong", True),
        (rf".+? {_ADVERB}made (a|the) (mistake|mess|error)|.+? {_ADVERB}made a mess", "we made a mistake", True),
        (rf".+? {_ADVERB}(gave you (the )?(wrong|incorrect|bad|false) (info|information|advice|details))", r"we \1",
         True),
        (rf".+? {_ADVERB}(misinformed you)", r"we \1", True),
        (rf".+? {_ADVERB}(should have known better|should never have|shouldn't have|should not have)", r"we \1",
         True),
        (rf".+? {_ADVERB}(didn't do (their|his|her) job|don't know what (they're|he's|she's) doing|didn't know what "
         r"(they were|he was|she was) doing|is useless|are useless|was useless|were useless|is incompetent|are "
         r"incompetent|was lazy|were lazy|is lazy|are lazy)", "we let you down", True),
        (r"(it's|it is|that's|that is|this is) (all |entirely |totally |completely )?(their|his|her|.+?'s?) fault", "that's our mistake",
         True),
        (r"(it was|that was|this was) (all |entirely |totally |completely )?(their|his|her|.+?'s?) fault", "that was our mistake", True),
        (r"(it's|it is|that's|that is) (on|down to) .+", "that's on us", True),
        (r"(those|these) (idiots|guys|people) (in|at|from)", r"our colleagues \3", True),
    ]
)
#: A verb that takes what went wrong as its object ("messed up your order").
_TRANSITIVE = re.compile(rf".+? {_ADVERB}(?:messed up|screwed up|botched|fumbled)", re.I)
_OBJECT = re.compile(
    r"\s+((?:your|the|this|that|my|our|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+|it|this|that|them)"
    r"(?=\s*(?:[.,;:!?)]|$|\s(?:and|but|so|when|because|by|on|yesterday|today|again|last|this)\b))",
    re.I,
)
FAULT = re.compile(r"(?:not|isn't|is not|wasn't|was not) (?:my|our) fault", re.I)
DEPARTMENT = re.compile(r"(?:not|isn't|is not) my (?:department|job|problem to fix|responsibility|call)", re.I)
HAND_ON = "let me get this to the right team for you"


def owned_fix(view: TextView, found: Span) -> Fix | None:
    """The same facts said for the team ("we got this wrong"); a denial of fault simply goes."""
    text = view.text
    words = found.text.replace("’", "'")
    if _TRANSITIVE.fullmatch(words):
        obj = _OBJECT.match(text, found.end)
        if obj is not None:
            return rw.replace(view, found.start, obj.end(), f"we made a mistake with {obj.group(1)}", safe=True)
    if FAULT.fullmatch(words):
        start = rw.subject_start(view, found.start)
        rest = text[found.end : rw.clause_end(view, found.end)]
        if rest.strip():  # "it's not my fault that the parcel is late" → "I'm sorry that the parcel is late"
            return rw.replace(view, start, found.end, "I'm sorry", safe=False)
        return rw.delete(view, start, found.end)
    if DEPARTMENT.fullmatch(words):
        return rw.replace(view, rw.subject_start(view, found.start), found.end, HAND_ON, safe=False)
    hit = rw.lookup(OWNED, found.text.replace("’", "'"))
    if hit is not None:
        return rw.replace(view, found.start, found.end, hit[0], safe=hit[1])
    if re.match(r"(blame|blaming|take|taking)\b", words, re.I):
        start = rw.request_start(view, found.start)
        return rw.replace(view, start, rw.clause_end(view, found.end), "I'll take this up for you", safe=False)
    return None


@register
class BlamesTeam(Rule):
    """Making a colleague or another team the bad guy.

    What it does:
        Flags "they messed up", "the warehouse screwed up", "the agent you spoke to gave you the wrong information",
        "it's the courier's fault", "not my fault", "not my department". Saying what went wrong in the first person
        plural ("we sent the wrong size") is fine, and so is a quoted or negated form.

    Why it matters:
        The workshop notes: "Don't break up the unity of the team by making 'they'/'them' (one of your associates)
        the bad guy", and "Apologizing for a mistake doesn't have to mean that you're taking personal
        responsibility; it's about covering for the team and making customer feel valued".

    Example:
        The warehouse messed up your order, not my fault.

    Instead:
        We sent the wrong size, and I'm sorry. I've arranged the right one for delivery tomorrow.
    """

    code = "D003"
    name = "blames-team"
    step = Step.DONTS
    severity = Severity.ERROR
    weight = 20
    summary = "Blames a colleague, another team or “them” (“they messed up”, “not my fault”)"

    patterns = BLAME
    bad = (
        Example(
            "The warehouse messed up your order. I'll send the right one tomorrow.",
            customer="You sent me the wrong size",
        ),
        Example(
            "The agent you spoke to gave you the wrong information. The fee does apply.",
            customer="I was told there was no fee to change my flight",
        ),
        Example("Sorry, that's not my department.", customer="Who do I talk to about my bill?"),
    )
    good = (
        Example(
            "We sent the wrong size, and I'm sorry. I'll send the right one tomorrow.",
            customer="You sent me the wrong size",
        ),
        Example(
            "I'm sorry you were told there was no fee; that was our mistake, so I've waived it.",
            customer="I was told there was no fee to change my flight",
        ),
        Example(
            "Happy to help with your bill! Please DM us your account number and I'll take a look.",
            customer="Who do I talk to about my bill?",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is BLAME:
            return book.spans(ctx.reply, "D003")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        for span in self._found(ctx):
            yield self.finding(
                f"“{span.text}” makes a colleague or another team the bad guy. “Don't break up the unity of the "
                "team by making 'they'/'them' … the bad guy.”",
                span,
                f"Replace “{span.text}” with “we” and own it for the team: “We got this wrong, and I'm sorry. "
                "Here's what I'm doing to fix it: …”",
                fix=owned_fix(ctx.reply, span),
            )
