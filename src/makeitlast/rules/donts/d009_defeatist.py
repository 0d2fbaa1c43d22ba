from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book
from makeitlast.rules.donts._near import offered_near

#: Giving up: nothing can be done, it's impossible, it's out of our hands.
DEFEATIST = Phrases.of(
    [
        r"(there's|there is|there isn't|there is not|there's really|there is really|there's just|there's "
        r"honestly)( really| just| honestly| simply)? (nothing|not much|not a lot|little|no more|nothing more|"
        r"nothing else) (that )?(we|i|anyone|anybody|one|you) (can|could|are able to|am able to) (do|offer|say)",
        r"(there's|there is) (nothing|not much|little) (to be done|that can be done|more to be done|to do)",
        r"(nothing|not much|not a lot|little)( more| else)? (that )?(we|i) (can|could|are able to|am able to) "
        r"(do|offer)",
        r"(we|i) (can't|cannot|can not|couldn't|could not|are unable to|am unable to) do (anything|anything "
        r"more|anything else|much|any more|nothing)( about| for| to)?",
        r"(it's|it is|that's|that is|this is)( just| simply| really| absolutely| totally| completely)? "
        r"impossible",
        r"(it's|it is|that's|that is|this is|it was|that was|this was|it's all|that's all)( completely| totally| "
        r"entirely| simply| just| really)? (out of|beyond|outside) (our|my|anyone's) (hands|control|power)",
        r"(our|my) hands are tied",
        r"(there's|there is) no (way|chance|hope|solution|fix|point)( for us| at all)?( to| that| we| i|\.|,|!|$)",
        r"(it|this|that) (can't|cannot|can not|won't|will not) be (done|fixed|helped|changed|resolved|solved|"
        r"undone|recovered|reversed)",
        r"(we're|we are|i'm|i am) (powerless|helpless)",
        r"(it's|it is|that's|that is) (a )?(lost cause|hopeless)",
        r"(we|i) (give up|gave up)",
    ],
    negation=2,
)


book.register("D009", DEFEATIST)

#: What a person fills in after the rewrite: what can be done.
CAN_DO = "here's what I can do: …"
#: "There's nothing we can do" is replaced by what we can do; other defeats ("it's out of our hands") stay, as the
#: honest reason, and lead on to it.
NOTHING = re.compile(
    r"(there's|there is|there isn't|there is not)( really| just| honestly| simply)* (nothing|not much|not a lot|little|"
    r"no more|nothing more|nothing else) .+|(nothing|not much|not a lot|little)( more| else)? (that )?(we|i) .+|"
    r"(we|i) (can't|cannot|can not|couldn't|could not|are unable to|am unable to) do .+",
    re.I,
)


def can_do_fix(view: TextView, found: Span) -> Fix:
    if NOTHING.fullmatch(found.text.replace("’", "'")):
        start = rw.without_gloom(view, found.start)
        return rw.replace(view, start, rw.clause_end(view, found.end), CAN_DO, safe=False)
    return rw.append_to_clause(view, found.start, f", but {CAN_DO}", safe=False)


@register
class Defeatist(Rule):
    """Giving up on the problem.

    What it does:
        Flags "there's nothing we can do", "it's impossible", "out of our hands", "our hands are tied", "it can't
        be fixed" when no alternative, reason or next step comes with it ("the weather is out of our control, but
        I've rebooked you on the first flight tomorrow" is fine).

    Why it matters:
        The workshop notes: "Assume the problem can be solved", and "Since it won't go away or fix itself and you
        can't run from it, what can you do to improve the situation and make it bearable?". Defeat is contagious:
        the customer hears "there's no hope for you".

    Example:
        Unfortunately there's nothing we can do, it's out of our hands.

    Instead:
        The delay is down to the weather, but I've moved you to the first flight tomorrow and added a meal
        voucher.
    """

    code = "D009"
    name = "defeatist"
    step = Step.DONTS
    severity = Severity.WARNING
    weight = 10
    summary = "Gives up (“there's nothing we can do”, “it's out of our hands”)"

    patterns = DEFEATIST
    bad = (
        Example(
            "Unfortunately there's nothing we can do.",
            customer="My flight was cancelled and I'll miss my sister's wedding",
        ),
        Example("Sorry, it's out of our hands.", customer="My parcel is stuck at customs"),
        Example("That's impossible, sorry.", customer="Can I get my old username back?"),
    )
    good = (
        Example(
            "The cancellation was due to the storm, but I've rebooked you on the 7am flight so you'll make the "
            "wedding.",
            customer="My flight was cancelled and I'll miss my sister's wedding",
        ),
        Example(
            "Customs checks are out of our hands, but I'll chase them today and update you by 5pm.",
            customer="My parcel is stuck at customs",
        ),
        Example(
            "Nothing is impossible! Please DM us your old username and we'll check if it's free.",
            customer="Can I get my old username back?",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is DEFEATIST:
            return book.spans(ctx.reply, "D009")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        for span in self._found(ctx):
            if offered_near(ctx.reply, span, before=0):
                continue
            yield self.finding(
                f"“{span.text}” gives up on the customer. “Assume the problem can be solved.”",
                span,
                f"Replace “{span.text}” with what you can do: “Here's what I can do: …” (e.g. “I can't stop the "
                "delay, but I've rebooked you on the first flight tomorrow.”)",
                fix=can_do_fix(ctx.reply, span),
            )
