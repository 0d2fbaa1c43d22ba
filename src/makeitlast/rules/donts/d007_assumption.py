from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Span, Step
from makeitlast.rules.donts import _book as book
from makeitlast.rules.donts._near import inside, rest_of_sentence

#: Guessing what the customer did, knows or meant, and saying it as fact.
ASSUMPTION = Phrases.of(
    [
        r"(you|u) must (have|'ve)",
        r"(you|u) (probably|likely|must|obviously|clearly) (didn't|did not|haven't|have not|forgot|missed|deleted|"
        r"entered|typed|clicked|pressed|used|changed|ordered|selected|chose|put|gave|misread|misunderstood|"
        r"confused|mixed|signed up|agreed|accepted|opted|turned|set|dropped|broke|damaged|lost)",
        r"(you|u) (probably|likely) (just )?(need|have|want|don't|do not|didn't|did|are|were|aren't|weren't)",
        r"(i|we) (just )?(assume|presume|suppose) (that )?(you|u|your)",
        r"(i'm|i am|we're|we are) (sure|certain|positive|confident) (that )?(you|u)('ve| have| did| didn't| did "
        r"not| forgot| just| must| probably| haven't| have not| already| understand| can understand| can "
        r"appreciate| know| realise| realize| misread| missed| clicked| entered)",
        r"(i'm|i am|we're|we are) (guessing|betting|assuming|presuming) (that )?(you|u|your)",
        r"(i|we) (bet|guess) (that )?(you|u) (didn't|did not|haven't|forgot|just|probably|must)",
        r"presumably (you|u|your)",
        r"(this|that|it) (is|was|'s) (probably|likely|surely) (your|user|operator) (fault|error|mistake)",
        r"(user|operator) error",
        r"(you|u) (didn't|did not) (read|follow|check|look at) (the|our) (instructions|manual|terms|guide|email|"
        r"confirmation|faq)",
    ],
)

#: Empathy said as a guess ("you must have been so frustrated"), which is not an assumption about what they did.
EMPATHY = Phrases.of(
    [
        r"(you|u) must (have|'ve) (been|felt|had) (a |so |very |really |quite |such |an )?(frustrat|annoy|"
        r"disappoint|upset|worr|stress|scar|concern|confus|long|tough|rough|difficult|hard|awful|terrible|"
        r"horrible|inconvenien|worrying|exhaust|tir|anxious|nervous|angry|sad|shock|surpris|great|amazing|"
        r"wonderful|fun|blast|excit|thrill|proud|happy|delight|lovely|nice|good|busy|hectic)\w*",
        r"(you|u) must (have|'ve) (been )?(through|gone through) (a lot|so much)",
        r"(i'm|i am|we're|we are) sure (that )?(you|u)('ll| will| would| are| were|'re)",
    ],
    negation=None,
    quotes=False,
)


book.register("D007", ASSUMPTION)


@register
class Assumption(Rule):
    """Assuming what the customer did or knows.

    What it does:
        Flags "you must have", "you probably didn't", "I assume you", "I'm sure you forgot", "user error" and the
        like: a guess about the customer said as a fact. Empathy ("you must have been so frustrated"), good wishes
        ("I'm sure you'll love it") and an assumption put as a question to confirm ("I assume you mean iOS 11,
        right?") are fine.

    Why it matters:
        The workshop notes: "Don't make assumptions, even if you've heard it all before", and, in the action plan,
        "Don't make assumptions, and if you do, don't act based on them". Keep asking questions until you're
        confident you understand.

    Example:
        You must have entered the wrong address when you ordered.

    Instead:
        Could you check the delivery address on the order? If it's wrong, I'll redirect the parcel for you.
    """

    code = "D007"
    name = "assumption"
    step = Step.DONTS
    severity = Severity.WARNING
    weight = 10
    summary = "Assumes what the customer did or knows (“you must have”, “you probably didn't”)"

    patterns = ASSUMPTION
    bad = (
        Example(
            "You must have entered the wrong address when you ordered.",
            customer="My parcel went to the wrong house",
        ),
        Example(
            "You probably didn't restart the app after the update. Try that.",
            customer="The app still crashes after the update",
        ),
        Example(
            "I'm sure you forgot to cancel before the trial ended.",
            customer="Why was I charged for a subscription?",
        ),
    )
    good = (
        Example(
            "Could you check the delivery address on the order? If it's wrong, I'll redirect the parcel for you.",
            customer="My parcel went to the wrong house",
        ),
        Example(
            "You must have been so frustrated. Could you try restarting the app after the update?",
            customer="The app still crashes after the update",
        ),
        Example(
            "I assume you mean the iOS app, right? Which version are you on?",
            customer="The app keeps logging me out",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is ASSUMPTION:
            return book.spans(ctx.reply, "D007")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        found = self._found(ctx)
        if not found:
            return
        empathy = EMPATHY.find(ctx.reply)
        for span in found:
            if inside(span, empathy) or "?" in rest_of_sentence(ctx.reply, span):
                continue
            yield self.finding(
                f"“{span.text}” assumes what the customer did or knows. “Don't make assumptions, even if you've "
                "heard it all before.”",
                span,
                f"Ask instead of “{span.text}”: “Could you check … for me?” or “Just to confirm, did you …?”",
            )
