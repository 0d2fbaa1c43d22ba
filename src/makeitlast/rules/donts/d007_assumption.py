from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
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

#: The words that state the guess, dropped when it becomes a question ("I'm sure you forgot" → "could it be that
#: you forgot ...?"); ``must have`` turns the next word from participle to past ("must have forgotten" → "forgot").
GUESS_HEAD = re.compile(
    r"(?:(?:i|we) (?:just )?(?:assume|presume|suppose)|(?:i'm|i am|we're|we are) (?:sure|certain|positive|confident|"
    r"guessing|betting|assuming|presuming)|(?:i|we) (?:bet|guess)|presumably),? (?:that )?"
    r"|(?<=you )(?:probably|likely|obviously|clearly|must) (?:just )?(?!have\b|'ve\b)"
    r"|(?<=u )(?:probably|likely|obviously|clearly|must) (?:just )?(?!have\b|'ve\b)",
    re.I,
)
MUST_HAVE = re.compile(r"((?:you|u) )must (?:have|'ve) ", re.I)
#: Participles that differ from the past tense.
PAST: dict[str, str] = {
    "been": "were",
    "forgotten": "forgot",
    "given": "gave",
    "taken": "took",
    "seen": "saw",
    "done": "did",
    "gone": "went",
    "chosen": "chose",
    "written": "wrote",
    "gotten": "got",
    "broken": "broke",
    "mistaken": "mistook",
    "driven": "drove",
    "spoken": "spoke",
    "ridden": "rode",
    "eaten": "ate",
    "fallen": "fell",
    "thrown": "threw",
    "hidden": "hid",
    "begun": "began",
    "drunk": "drank",
    "shown": "showed",
}
QUESTION = "could it be that "
#: A guess that blames the customer outright: replaced by a question about what happened (a person checks it).
BLAME = re.compile(r".*(?:user|operator|your) (?:fault|error|mistake)", re.I)
ASK_STEPS = "Could you walk me through the steps you took?"
NOT_READ = re.compile(r"(?:you|u) (?:didn't|did not) (read|follow|check|look at) (.+)", re.I)


def question_fix(view: TextView, found: Span) -> Fix | None:
    """The guess asked as a question: "You must have entered the wrong address." → "Could it be that you entered
    the wrong address?". Safe when the guess is the whole sentence; with more after it, a person reads it."""
    text = view.text
    words = found.text.replace("’", "'")
    if BLAME.fullmatch(words):
        return rw.replace_sentence(view, found.start, ASK_STEPS, safe=False)
    a, b = rw.sentence_bounds(view, found.start)
    stop = rw.clause_end(view, found.end)
    clause = text[found.start : stop].replace("’", "'")
    not_read = NOT_READ.match(clause)
    if not_read is not None:
        asked = f"have you had a chance to {not_read.group(1)} {not_read.group(2)}"
    else:
        must = MUST_HAVE.match(clause)
        if must is not None:
            verb = re.match(r"(\w+)", clause[must.end() :])
            rest = clause[must.end() :]
            if verb is not None:
                rest = PAST.get(verb.group(1).lower(), verb.group(1)) + rest[verb.end() :]
            body = must.group(1) + rest
        else:
            body = GUESS_HEAD.sub("", clause, count=1)
        lead = re.match(r"(you|u|your)\b", body, re.I)
        if lead is None:
            return None
        asked = QUESTION + lead.group(1).lower() + body[lead.end() :]
    if "’" in text[found.start : stop]:
        asked = asked.replace("'", "’")
    end = rw.content_end(text, a, b)
    after = text[stop:end]
    if not after.strip():
        close = end
        while close < b and text[close] in ".!":
            close += 1
        return rw.replace(view, found.start, close, asked + "?", safe=True)
    more = re.sub(r"^[\s,;:–—-]*(?:(?:so|and|but|then)\b\s*)?", "", after)
    if not more:
        return None
    return rw.replace(view, found.start, end, f"{asked}? {rw.upper_first(more)}", safe=False)


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
                fix=question_fix(ctx.reply, span),
            )
