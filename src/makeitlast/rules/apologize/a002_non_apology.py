from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.apologize._step import NON_APOLOGY, may_apologize
from makeitlast.rules.listen._reflect import sorry_line

_WORD = r"(?P<word>sorry|apologi[sz]e|apologies|(?:we|i) (?:do )?regret)"
#: How each apology word says sorry for what happened, and for a thing ("sorry about our driver").
FOR_WHAT: dict[str, tuple[str, str]] = {
    "sorry": ("sorry this happened", "sorry about {x}"),
    "apologize": ("apologize for what happened", "apologize for {x}"),
    "apologise": ("apologise for what happened", "apologise for {x}"),
    "apologies": ("apologies for what happened", "apologies for {x}"),
    "regret": ("regret what happened", "regret {x}"),
}
#: A hedged "any inconvenience (this may have caused)" becomes the inconvenience itself.
HEDGED = rw.table(
    [
        (_WORD + r" (?P<prep>for|about) any (?P<what>inconvenience|frustrations?|trouble|confusion|upset|"
         r"disappointment|issues?|problems?|distress|difficult(y|ies))( (this|that|it|which|we|our \w+))? ?(may|might|"
         r"could|would|possibly) have (caused|created|been caused|experienced)", r"\g<word> \g<prep> the \g<what>",
         True),
        (_WORD + r" (?P<prep>for|about) any (?P<what>inconvenience|frustrations?|trouble|confusion|upset|"
         r"disappointment|issues?|problems?|difficult(y|ies))( caused)?", r"\g<word> \g<prep> the \g<what>", True),
        (r"(?P<word>sorry|apologies) for (any|the) offen[cs]e (taken|caused)", r"\g<word> we upset you", True),
        (r"mistakes were made", "we made a mistake", True),
    ]
)
_FEELINGS = re.compile(_WORD + r" (?:that )?(?:you|u|anyone|some)\b", re.I)
_CONDITIONAL = re.compile(_WORD + r" if (?P<who>\w+)", re.I)
#: What the customer's feelings were about: "upset by our driver" → "our driver".
_CAUSE = re.compile(r"\b(?:by|about|with|at)\s+((?:your|the|our|this|that|my)\b[^,.;:!?]{1,50}?)\s*$", re.I)
#: Only a restatement of the feeling: "that way", "so".
_JUST_THAT = re.compile(
    r"\s*(?:(?:feel|felt|feels|think|thought|believe|perceive|see|saw|took|view|find|found|are|were|'re|got|have been|"
    r"'ve been|may be|might be|was|is)\s+)?(?:it|this|that)?\s*(?:way|so|like (?:that|this))?\s*"
    r"(?:upset|offended|bothered|inconvenienced|frustrated|disappointed|annoyed)?\s*$",
    re.I,
)


def _key(word: str) -> str:
    low = word.lower()
    return "regret" if low.endswith("regret") else low


def real_apology_fix(ctx: ReplyContext, found: Span) -> Fix | None:
    """A real apology for what happened instead of for the customer's feelings or for an "if". It reads as true
    only when something did go wrong for the customer (``bad_experience``); otherwise a person checks it."""
    view = ctx.reply
    text = view.text
    true = ctx.reading is not None and ctx.reading.bad_experience
    hit = rw.lookup(HEDGED, found.text)
    if hit is not None:
        return rw.replace(view, found.start, found.end, hit[0], safe=hit[1])
    end = rw.clause_end(view, found.start)
    clause = text[found.start : end].replace("’", "'")
    m = _CONDITIONAL.match(clause) or _FEELINGS.match(clause)
    if m is None:
        return None
    word = m.group("word")
    head = word[: -len(word.split()[-1])] if " " in word else ""
    general, specific = FOR_WHAT[_key(word.split()[-1])]
    general, specific = head + general, head + specific
    who = m.groupdict().get("who")
    rest = clause[m.end() :]
    if who is not None and who.lower() in ("this", "that", "it", "we", "our", "i", "the", "your", "my"):
        # "sorry if this caused confusion" → "sorry this caused confusion"
        if word.split()[-1].lower() == "sorry":
            return rw.replace(view, found.start, end, f"{word} {who}{rest}", safe=true)
        return rw.replace(view, found.start, end, general, safe=False)
    if who is not None and who.lower() not in ("you", "u", "anyone"):
        return rw.replace(view, found.start, end, general, safe=False)
    cause = _CAUSE.search(rest)
    if cause is not None:
        return rw.replace(view, found.start, end, specific.format(x=cause.group(1)), safe=true)
    if _JUST_THAT.fullmatch(rest):
        return rw.replace(view, found.start, end, general, safe=true)
    return rw.replace(view, found.start, end, general, safe=False)


@register
class NonApology(Rule):
    """A conditional or blame-shifting apology.

    What it does:
        Flags apologies that put the problem on the customer's feelings or make it hypothetical: "sorry you feel
        that way", "I apologize that you think that", "sorry if you were upset", "sorry if this caused confusion",
        "apologies for any inconvenience this may have caused". A plain "sorry for the delay" is fine, and so is a
        quoted or negated one.

    Why it matters:
        The workshop notes ask "What's the impression left on the listener? How does it make them feel?". A
        conditional apology tells the customer the trouble may be in their head; it reads as no apology at all,
        and the customer wants "apologies" first among the remedies.

    Example:
        We're sorry you feel that way. All charges are listed on our website.

    Instead:
        I'm sorry about the surprise on your bill. Here is what each charge is for, and I've refunded the late fee.
    """

    code = "A002"
    name = "non-apology"
    step = Step.APOLOGIZE
    severity = Severity.WARNING
    weight = 5
    summary = "A conditional or blame-shifting apology (“sorry you feel that way”)"

    patterns = NON_APOLOGY
    bad = (
        Example(
            "We're sorry you feel that way. All charges are listed on our website.",
            customer="You charged me twice for the same month!",
        ),
        Example(
            "Apologies for any inconvenience this may have caused. Please DM us your details.",
            customer="The engineer never showed up and I took the day off for it",
        ),
        Example(
            "Sorry if you were upset by our driver. Please send us the trip details.",
            customer="Your driver was rude and yelled at me",
        ),
    )
    good = (
        Example(
            "I'm sorry we charged you twice. I've refunded the duplicate payment today.",
            customer="You charged me twice for the same month!",
        ),
        Example(
            "I'm sorry the engineer didn't show up after you took the day off. I've booked the first slot tomorrow.",
            customer="The engineer never showed up and I took the day off for it",
        ),
        Example(
            "You said “sorry if you were upset” was all the driver offered? I'm sorry, that's not good enough. "
            "I've reported the trip.",
            customer="Your driver was rude and yelled at me, and all he said was sorry if you were upset",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        if self.patterns is NON_APOLOGY and not may_apologize(ctx.reply):
            return
        for span in self.patterns.find(ctx.reply):
            yield self.finding(
                f"“{span.text}” is a conditional or blame-shifting apology: it tells the customer the problem is "
                "their feelings. Apologize for what happened, without “if” or “you feel”.",
                span,
                sorry_line(ctx),
                fix=real_apology_fix(ctx, span),
            )
