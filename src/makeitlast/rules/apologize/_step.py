"""How the apologize step is judged for a reply (status, applicability, evidence).

* **present**: a real apology ("I'm sorry", "we apologise for the delay", "our apologies", "we regret the trouble").
* **weak**: only a non-apology: conditional or blame-shifting ("sorry you feel that way", "sorry if you were upset",
  "apologies for any inconvenience this may have caused").
* **missing**: no apology at all. Empathy without an apology ("that's frustrating") is missing.

Not apologies: a negated one ("no need to apologize", "I'm not sorry"), a quoted one (the agent quoting the
customer), "sorry?" meaning *pardon?*, and "sorry" as an adjective ("in a sorry state").

The step applies when the customer reports a bad experience (``reading.bad_experience``). Under the soft apology
culture setting (``apology = "soft"``) it does not apply (the requirement is softened), but the status still says
what the reply contains. The phrase lists here are shared with the A rules.
"""

from __future__ import annotations

from functools import lru_cache

from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView, outside
from makeitlast.model import Span, Status, StepResult

#: A real apology.
APOLOGY = Phrases.of(
    [
        r"sorry",
        r"sry",
        r"apologi[sz](e|es|ing)",
        r"apolog(y|ies)",
        r"(we|i) (do |sincerely |truly |deeply |really |greatly )?regret (the|any|all|that|this|your|our|having|"
        r"not|how|what|to hear|to learn|to see|causing|the fact)",
        r"my bad",
        r"(please )?forgive (us|me)",
        r"(pardon|excuse) (the|our|my) (delay|wait|inconvenience|confusion|mix-?up|error|mistake|trouble|oversight)",
        # brands answer in the customer's language: Spanish, Portuguese, French, German, Italian
        r"lo (siento|sentimos)|lamentamos|lamento|disculp(a|e|en|as|amos|ad)|perd[oó]n(ame|anos|a)?|desculp(a|e|em)",
        r"d[ée]sol[ée]e?s?|(nous nous|je m'|je m[ée]) excus(ons|e)|excusez-(nous|moi)",
        r"entschuldig(e|en|ung|t)|tut (uns|mir) (sehr )?leid",
        r"(ci|mi) dispiace|scus(a|ate|aci|ami)",
    ]
)

#: Apologies that read as negated but are emphatic ("I can't apologize enough").
EMPHATIC_APOLOGY = Phrases.of(
    [
        r"(can't|cannot|can not|couldn't|could not) (apologi[sz]e|say sorry) enough",
        r"(can't|cannot|can not|couldn't|could not) be (any )?(more sorry|sorrier)",
    ],
    negation=None,
)

#: Conditional or blame-shifting "apologies": sorry for the customer's feelings, sorry *if*, hedged inconvenience.
_APOLOGY_WORD = r"(sorry|apologi[sz]e|apologies|(we|i) (do )?regret)"
NON_APOLOGY = Phrases.of(
    [
        _APOLOGY_WORD
        + r" (that )?(you|u|anyone|some) (feel|felt|feels|think|thought|believe|perceive|see it|saw it|"
        r"took (it|this|that)|view (it|this|that)|find (it|this|that)|found (it|this|that)|"
        r"(are|were|'re|got|have been|'ve been|may be|might be) (upset|offended|bothered))",
        _APOLOGY_WORD + r" if (you|u|this|that|it|we|anyone|there|any|our|i|your|the|something)",
        _APOLOGY_WORD + r" (for|about) any (inconvenience|frustration|trouble|confusion|upset|disappointment|"
        r"issues?|problems?|distress)( (this|that|it|which|we|our \w+))? ?(may|might|could|would|possibly) have "
        r"(caused|created|been caused|experienced)",
        # "apologies for any inconvenience": sorry for whatever there may have been, not for what happened
        _APOLOGY_WORD
        + r" (for|about) any (inconvenience|frustrations?|trouble|confusion|upset|disappointment|issues?|"
        r"problems?|difficult(y|ies))( caused)?",
        r"(sorry|apologies) for (any|the) offen[cs]e (taken|caused)",
        r"(lamentamos|lamento|sentimos|disculpa(d|e)?) (cualquier|toda|las posibles) (molestia|inconveniente|confusi[oó]n)s?",
        r"mistakes were made",
    ],
)

#: Not an apology at all: "sorry?" meaning *pardon?*, and "sorry" as an adjective.
NOT_APOLOGY = Phrases.of(
    [
        r"sorry\s*\?+",
        r"sorry, (what|come again|say again|pardon)\s*\?",
        r"(a|the|this|that|such a|in a) sorry (state|excuse|sight|lot|affair|situation)",
        r"feel sorry for (your|him|her|them|yourself)",
    ],
    negation=None,
)


#: Every apology phrase above holds one of these (lower case): a reply without any needs no regex pass.
APOLOGY_HINTS: tuple[str, ...] = (
    "sorr",
    "sry",
    "apolog",
    "regret",
    "my bad",
    "forgiv",
    "pardon",
    "excuse",
    "mistakes",
    # the other languages of APOLOGY
    "lament",
    "sient",
    "sentimos",
    "disculp",
    "perd",
    "desculp",
    "désol",
    "desol",
    "excus",
    "entschuldig",
    "leid",
    "dispiace",
    "scus",
)


def _lower(view: TextView) -> str:
    return view.lower if view.lower is not None else view.text.lower()


def may_apologize(view: TextView) -> bool:
    """Cheap pre-check: could ``view`` hold an apology or a non-apology at all?"""
    low = _lower(view)
    return any(h in low for h in APOLOGY_HINTS)


@lru_cache(maxsize=64)
def _extended(phrases: Phrases, extra: tuple[str, ...]) -> Phrases:
    return phrases.extended(extra)


def team_phrases(settings: Settings) -> tuple[Phrases, Phrases]:
    """The apology and non-apology lists with a team's own phrases (``[tool.makeitlast.phrases]`` A001, A002)."""
    return (
        _extended(APOLOGY, tuple(settings.phrases.get("A001", ()))),
        _extended(NON_APOLOGY, tuple(settings.phrases.get("A002", ()))),
    )


def real_apologies(
    view: TextView, apology: Phrases = APOLOGY, non_apology: Phrases = NON_APOLOGY
) -> list[Span]:
    """Every real apology in ``view`` (not negated, quoted, conditional, or a *pardon?*)."""
    if apology is APOLOGY and non_apology is NON_APOLOGY and not may_apologize(view):
        return []
    found = apology.find(view)
    if found:
        blockers = non_apology.find(view) + NOT_APOLOGY.find(view)
        found = outside(found, blockers)
    low = _lower(view)
    if "enough" in low or "sorrier" in low:
        found = found + EMPHATIC_APOLOGY.find(view)
        found.sort(key=lambda s: s.start)
    return found


def non_apologies(view: TextView, non_apology: Phrases = NON_APOLOGY) -> list[Span]:
    """Conditional or blame-shifting apologies ("sorry you feel that way", "sorry if ...")."""
    if non_apology is NON_APOLOGY and not may_apologize(view):
        return []
    return non_apology.find(view)


def assess(ctx: ReplyContext) -> StepResult:
    apology, non_apology = team_phrases(ctx.settings)
    real = real_apologies(ctx.reply, apology, non_apology)
    applicable = bool(ctx.reading and ctx.reading.bad_experience) and ctx.settings.apology != "soft"
    if real:
        return StepResult(status=Status.PRESENT, applicable=applicable, evidence=tuple(real))
    weak = non_apologies(ctx.reply, non_apology)
    if weak:
        return StepResult(status=Status.WEAK, applicable=applicable, evidence=tuple(weak))
    return StepResult(status=Status.MISSING, applicable=applicable)
