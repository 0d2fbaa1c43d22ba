from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book
from makeitlast.rules.donts._near import FIND_OUT, inside, offered_near

#: Saying you're lost or clueless.
UNCERTAIN = Phrases.of(
    [
        r"(i|we) (have|'ve got|have got|'ve) (absolutely |honestly |really |literally )?no (idea|clue)",
        r"(i|we) (honestly |really |truly )?(don't|do not|dont) have (a|any) clue",
        r"(no|not a) (idea|clue)( why| what| how| where| when| who|,|\.|!|$)",
        r"(i'm|i am|we're|we are) (totally |completely |a bit |a little |so |really |kind of |kinda )?(lost|"
        r"clueless|stumped|baffled|at a loss)",
        r"(i|we) (honestly |really |just |truly )?(don't|do not|dont) know (what|why|how|where|when|who|if|whether|"
        r"either|anything|much)",
        r"(i|we) (honestly |really |just )?(don't|do not|dont) know(\.|!|,|$)",
        r"beats me",
        r"who knows",
        r"your guess is as good as (mine|ours)",
        r"(i'm|i am|we're|we are) (not sure|unsure|uncertain) (what|how) (to do|to tell you|else|to say|to suggest)",
        r"(i|we) (can't|cannot|couldn't|could not) (tell you|say) (why|what|how|when)",
        r"(i|we) (have|'ve) never (seen|heard of) (this|that|anything like)",
        r"(i|we) (currently |just |really |honestly )?(don't|do not|dont) have (any |an |the )?(information|info|"
        r"details|answer|answers|update|updates|news|idea) (on|about|regarding|for|as to) (that|this|it|why|what|"
        r"how|when)",
    ],
    negation=None,
)

#: Not uncertainty: figures of speech ("lost for words") and "who knows" as good wishes.
NOT_UNCERTAIN = Phrases.of(
    [
        r"(lost|at a loss) for words",
        r"(no|not a) (idea|clue) (is|was) (too|ever)",
        r"(you|u) (have|had) no (idea|clue) how",
        r"no idea (is|was) (a bad|too)",
    ],
    negation=None,
    quotes=False,
)


book.register("D008", UNCERTAIN)

_WH = r"(?P<wh>why|what|how|where|when|who|if|whether)"
#: Sounding lost → a commitment to find out. ``{us}`` is "me" or "us", after the reply's own "I" or "we".
FIND_OUT_WORDS = rw.table(
    [
        (r"(?P<who>i|we) (have|'ve got|have got|'ve) (absolutely |honestly |really |literally )?no (idea|clue)",
         "let {us} find out", True),
        (r"(?P<who>i|we) (honestly |really |truly )?(don't|do not|dont) have (a|any) clue", "let {us} find out", True),
        (rf"(no|not a) (idea|clue) {_WH}", r"let {us} find out \g<wh>", True),
        (r"(no|not a) (idea|clue)(?P<p>[,.!]?)", r"let {us} find out\g<p>", True),
        (r"(?P<who>i'm|i am|we're|we are) (totally |completely |a bit |a little |so |really |kind of |kinda )?(lost|"
         r"clueless|stumped|baffled|at a loss)", "let {us} look into this", True),
        (rf"(?P<who>i|we) (honestly |really |just |truly )?(don't|do not|dont) know {_WH}",
         r"let {us} find out \g<wh>", True),
        (r"(?P<who>i|we) (honestly |really |just |truly )?(don't|do not|dont) know (anything|much)",
         "let {us} find out more", True),
        (r"(?P<who>i|we) (honestly |really |just |truly )?(don't|do not|dont) know( either)?(?P<p>[,.!]?)",
         r"let {us} find out\g<p>", True),
        (r"beats me|who knows|your guess is as good as (mine|ours)", "let {us} find out", True),
        (rf"(?P<who>i|we) (can't|cannot|couldn't|could not) (tell you|say) {_WH}", r"let {us} find out \g<wh>", True),
        (r"(?P<who>i|we) (currently |just |really |honestly )?(don't|do not|dont) have (any |an |the )?(information|"
         rf"info|details|answer|answers|update|updates|news|idea) (on|about|regarding|for|as to) {_WH}",
         r"let {us} find out \g<wh>", True),
        (r"(?P<who>i|we) (currently |just |really |honestly )?(don't|do not|dont) have (any |an |the )?(information|"
         r"info|details|answer|answers|update|updates|news|idea) (on|about|regarding|for|as to) (?P<obj>that|this|it)",
         r"let {us} find out more about \g<obj>", True),
    ]
)
#: Said with a plan that needs a person: what to do next, something never seen before.
CHECK_WITH_TEAM = re.compile(
    r"(?P<who>i'm|i am|we're|we are) (not sure|unsure|uncertain) (what|how) .+|(?P<who2>i|we) (have|'ve) never "
    r"(seen|heard of) .+",
    re.I,
)
#: "... on that yet" / "at the moment": gone once we find out.
_NOT_YET = re.compile(r"\s+(?:yet|at the moment|at this (?:time|moment|point)|right now|currently|as yet)\b", re.I)


def _us(m: re.Match[str]) -> str:
    who = (m.groupdict().get("who") or m.groupdict().get("who2") or "i").lower()
    return "us" if who.startswith("we") else "me"


def find_out_fix(view: TextView, found: Span) -> Fix | None:
    text = view.text
    hit = rw.lookup(FIND_OUT_WORDS, found.text)
    if hit is not None:
        words, safe, m = hit
        end = found.end
        yet = _NOT_YET.match(text, end)
        if yet is not None:
            end = yet.end()
        start = rw.without_gloom(view, found.start)
        return rw.replace(view, start, end, words.format(us=_us(m)), safe=safe)
    team = CHECK_WITH_TEAM.match(text, found.start, rw.clause_end(view, found.end))
    if team is not None and team.end() >= found.end:
        return rw.replace(view, found.start, team.end(), f"let {_us(team)} check with the team", safe=False)
    return None


@register
class Uncertain(Rule):
    """Sounding lost, with no commitment to find out.

    What it does:
        Flags "I have no idea", "no clue", "I'm lost", "I don't know why", "beats me" when the reply does not, in
        the same or the next sentence, commit to finding out or move things on ("I'm not sure why that happened,
        but I'll check with the billing team and get back to you today" is fine).

    Why it matters:
        The workshop notes: "Don't panic! (Confidence! They don't need to know that you're lost or unsure)", and
        "Use 'stumped under pressure to get answers' situations as learning opportunities". Uncertainty with a
        plan sounds like care; uncertainty alone sounds like nobody can help.

    Example:
        I have no idea why that happened.

    Instead:
        That shouldn't have happened. Let me check with the billing team and I'll get back to you by 3pm.
    """

    code = "D008"
    name = "uncertain"
    step = Step.DONTS
    severity = Severity.WARNING
    weight = 10
    summary = "Sounds lost (“I have no idea”) with no commitment to find out"

    patterns = UNCERTAIN
    bad = (
        Example("I have no idea why that happened.", customer="Why was I charged twice this month?"),
        Example("Honestly, no clue. Sorry!", customer="When will the new model be in stores?"),
        Example(
            "I'm lost, this has never happened before.", customer="My card got rejected at checkout again"
        ),
    )
    good = (
        Example(
            "I don't know why that happened yet, but I'll check with the billing team and get back to you by 3pm.",
            customer="Why was I charged twice this month?",
        ),
        Example(
            "We don't have a date yet. Let me find out and update you tomorrow.",
            customer="When will the new model be in stores?",
        ),
        Example(
            "I'm lost for words, thank you for the lovely message!",
            customer="Your team saved my holiday, thank you so much!",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is UNCERTAIN:
            return book.spans(ctx.reply, "D008")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        found = self._found(ctx)
        if not found:
            return
        blockers = NOT_UNCERTAIN.find(ctx.reply)
        for span in found:
            if inside(span, blockers) or offered_near(ctx.reply, span, FIND_OUT, before=0):
                continue
            yield self.finding(
                f"“{span.text}” tells the customer you're lost. “Don't panic! (Confidence! They don't need to know "
                "that you're lost or unsure)”",
                span,
                f"Replace “{span.text}” with a commitment to find out: “Let me check with the team and I'll get "
                "back to you by 3pm.”",
                fix=find_out_fix(ctx.reply, span),
            )
