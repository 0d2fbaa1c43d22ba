"""How the thank step is judged for a reply (status, applicability, evidence).

* **present**: a specific thanks, for something the customer did or gave: their patience, the details, for letting us
  know or flagging it, the feedback, for confirming, their business or loyalty, the kind words, for bearing with us
  ("thanks for ...", "we appreciate your patience", "grateful for your loyalty").
* **weak**: boilerplate only: "thanks for reaching out", "thanks for contacting us", "thanks for the tweet", a bare
  "thanks!" or "thank you", "TY", "thanks in advance", "we appreciate it".
* **missing**: no thanks at all.

Not thanks: "no thanks", "thanks to the update, ..." (a cause, not gratitude), "thank goodness", "no need to thank
us", a quoted "thanks", and requests like "we'd appreciate it if you could ...".

The step always applies: "every culture appreciates 'thank you'". The phrase lists here are shared with the T rules.
"""

from __future__ import annotations

from functools import lru_cache

from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView, outside
from makeitlast.model import Span, Status, StepResult

_THANKS = (
    r"(thanks|thank (you|u|ya|yall|y'all|everyone|you all|u all)|thankyou|thanx|thanq|thx|thnx|thks|tysm|tyvm|ty|"
    r"many thanks|big thanks|huge thanks|special thanks)"
)
_ADV = r"(,? (so|very|so very|ever so) much|,? a (lot|bunch|ton|million|heap)|,? (again|kindly|tons|loads|heaps))?"
# "we appreciate", "I really appreciate" (but not "we'd appreciate it if you could ...", a request).
_APPRECIATE = (
    r"((we|i|we all|we do|i do|we really|i really|we truly|i truly|we greatly|we sincerely|i sincerely|we always|"
    r"we definitely|we certainly|we very much|i very much|we so|i so|we genuinely|we totally|we do really) "
    r"appreciate|(?<!'d\s)(?<!would\s)(?<!could\s)(?<!should\s)(?<!might\s)(?<!really\s)(?<!will\s)appreciate)"
)
#: What a thanks is *for*, when it is only boilerplate: the contact itself, or nothing in particular.
_BOILERPLATE = (
    r"(reaching( out| back)?( to us)?|contacting( us)?|getting in touch( with us)?|being in touch|keeping in touch|"
    r"writing( in| to us)?|tweeting( us| at us)?|messaging( us)?|dm'?ing( us)?|asking|following( us)?\b(?! up)|"
    r"mentioning( us)?|tagging( us)?|dropping (us )?a line|connecting( with us)?|"
    r"in advance|the (tweets?|mention|tag|message|dm|question|query|inquiry|enquiry|email|e-mail|reply|response|"
    r"note|post|follow)|your (tweets?|message|dm|question|query|inquiry|enquiry|email|e-mail|"
    r"reply|response|time|note|post|interest|request)|"
    r"(this|that|it|all)(?=\s*(?:[.!?,;:)\-~^*]|$)))\b"
)

#: Any thanks at all (boilerplate or specific).
THANKS = Phrases.of(
    [
        _THANKS,
        _APPRECIATE + r" (it|that|this|you|your|the|all|those|these|everything|hearing|being|how|any)",
        r"(much|greatly|really|truly|very much|always|so|hugely|massively) appreciated",
        r"(is|are) (much |greatly |really |truly |very much |always |so )?appreciated",
        r"(a )?(big |huge )?shout ?-?out to (you|u|y'all|yall) for",
        r"(we|i)('re| are|'m| am)( so| very| truly| really| always)? (grateful|thankful)",
    ],
    negation=0,
)

#: A specific thanks: for something the customer did or gave (anything but the boilerplate above).
SPECIFIC_THANKS = Phrases.of(
    [
        _THANKS
        + r"( to (you|u|you all|everyone|all of you))?"
        + r"(,? (?!for\b)\w+,?)?"  # a name: "thank you, Sam, for ..."
        + _ADV
        + r",? (for|4) (?!"
        + _BOILERPLATE
        + r")\w+",
        _APPRECIATE
        + r" (you |your |the |all (of )?(your |the )?|those |these |this |that )?(for )?(?!"
        + _BOILERPLATE
        + r"|it\b|you\b)\w+",
        r"(a )?(big |huge )?shout ?-?out to (you|u|y'all|yall) for \w+",
        r"(your|the) (?!"
        + _BOILERPLATE
        + r")\w+( \w+)? (is|are|was|has been) (much |greatly |really |truly |very much "
        r"|always |so )?appreciated",
    ],
    negation=0,
)

#: The boilerplate thanks in full ("thanks for reaching out"), for evidence.
BOILERPLATE_THANKS = Phrases.of(
    [
        _THANKS + _ADV + r" (for|4) " + _BOILERPLATE,
        _THANKS + _ADV + r" in advance",
        _APPRECIATE + r" (you |your )?" + _BOILERPLATE,
    ],
    negation=0,
)

#: Gratitude too strong for the negation rule ("we can't thank you enough").
EMPHATIC_THANKS = Phrases.of(
    [r"(can't|cannot|can not|couldn't|could not) thank (you|u) enough"],
    negation=None,
)

#: Not thanks: "thanks to" as a cause, "thank goodness", "no need to thank", "thanks for nothing".
NOT_THANKS = Phrases.of(
    [
        r"(no )?thanks to (?!(you|u|all|everyone|everybody|each|every|our (customers|fans|community|team))\b)\w+",
        r"thank (god|goodness|heavens|the lord|the stars)",
        r"(thanks|thank you) for nothing",
        r"(no|don't|do not|never) (need|have) to (say )?thank",
        r"no need (for|to say) (thanks|thank)",
        r"(thanks|thank you),? but no (thanks|thank you)",
        r"no,? thanks( though)?,? (i|we)('m| am|'ll| will| don't| do not)",
        # empathy, not gratitude: "we appreciate how frustrating this is"
        r"appreciate how",
        r"appreciate that (this|it|the|that|these|things|you('re| are| must| may| might)|it's|this is)",
        r"appreciate (your|the) (frustration|concerns?|situation|inconvenience|difficult\w*|position)",
    ],
    quotes=False,
    negation=None,
)


#: Every thanks phrase above holds one of these (lower case): a reply without any needs no regex pass.
THANKS_HINTS: tuple[str, ...] = (
    "thank",
    "shout",
    "thx",
    "thnx",
    "thks",
    "thanx",
    "thanq",
    "ty",
    "apprecia",
    "grateful",
)


def may_thank(view: TextView) -> bool:
    """Cheap pre-check: could ``view`` hold a thanks at all?"""
    low = view.lower if view.lower is not None else view.text.lower()
    return any(h in low for h in THANKS_HINTS)


@lru_cache(maxsize=64)
def _extended(phrases: Phrases, extra: tuple[str, ...]) -> Phrases:
    return phrases.extended(extra)


def team_thanks(settings: Settings) -> Phrases:
    """The specific-thanks list with a team's own phrases (``[tool.makeitlast.phrases] T001 = [...]``)."""
    return _extended(SPECIFIC_THANKS, tuple(settings.phrases.get("T001", ())))


def thanks(view: TextView, specific_thanks: Phrases = SPECIFIC_THANKS) -> tuple[list[Span], list[Span]]:
    """(specific thanks, every thanks) found in ``view``."""
    team = specific_thanks is not SPECIFIC_THANKS
    if not team and not may_thank(view):
        return [], []
    every = THANKS.find(view)
    emphatic = EMPHATIC_THANKS.find(view) if "enough" in (view.lower or view.text.lower()) else []
    if not every and not emphatic and not team:
        return [], []
    blockers = NOT_THANKS.find(view, raw=True)
    every = outside(every, blockers)
    specific = outside(specific_thanks.find(view), blockers) + emphatic
    if not specific:
        # widen "thanks" to "thanks for reaching out" where the formula is spelled out
        formula = BOILERPLATE_THANKS.find(view)
        every = [next((f for f in formula if f.start <= s.start < f.end), s) for s in every]
    return specific, sorted(every + emphatic, key=lambda s: s.start)


def assess(ctx: ReplyContext) -> StepResult:
    specific, every = thanks(ctx.reply, team_thanks(ctx.settings))
    # thanks are always expected, except in answer to the customer's own closing thanks ("You're welcome!")
    applicable = not ctx.closing
    if specific:
        return StepResult(status=Status.PRESENT, applicable=applicable, evidence=tuple(specific))
    if every:
        return StepResult(status=Status.WEAK, applicable=applicable, evidence=tuple(every))
    return StepResult(status=Status.MISSING, applicable=applicable)
