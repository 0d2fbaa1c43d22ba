from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.apologize._step import may_apologize

#: Self-abasement and grovelling: the agent runs the team or themselves down instead of fixing the problem.
GROVELLING = Phrases.of(
    [
        r"(i|we) (humbly )?beg (for )?(your )?(forgiveness|pardon|mercy)",
        r"(i|we) (beg|implore) you,? (to )?(please )?forgive",
        r"please,? please,? forgive",
        r"(i|we)('m| am|'re| are) (so |truly |deeply |utterly |completely |totally )?(ashamed|mortified|disgraced)",
        r"(i|we) (do not|don't) deserve (you|your|a customer|customers)",
        r"(i|we)('m| am|'re| are) (the worst|so useless|useless|pathetic|hopeless|a disgrace|an embarrassment|"
        r"not worthy|unworthy|terrible people|idiots|so stupid|stupid)",
        r"(a )?(thousand|million|hundred|gazillion) apologies",
        r"(sorry,? ){2,}sorry",
        r"so so+ (so )?sorry",
        r"(i|we) (grovel|bow down)",
        r"on (my|our) (hands and )?knees",
        r"(i|we)('ll| will) do anything,? (at all )?(to|you ask)",
        r"(we|i) can never (make (this|it) up|be forgiven)",
        r"(we|i) failed you (completely|utterly|miserably|totally)",
        r"(we|i) (feel|are|am|'m|'re) (so |truly )?(worthless|pathetic)",
    ]
)

#: Every grovelling phrase holds one of these (lower case); the others need no regex pass.
GROVEL_HINTS: tuple[str, ...] = (
    "beg",
    "implore",
    "forgive",
    "asham",
    "mortif",
    "disgrac",
    "deserve",
    "worst",
    "useless",
    "pathetic",
    "hopeless",
    "embarrass",
    "worthy",
    "terrible",
    "idiot",
    "stupid",
    "apolog",
    "sorry",
    "grovel",
    "bow down",
    "knees",
    "anything",
    "never",
    "failed",
    "worthless",
)


def may_grovel(view: TextView) -> bool:
    low = view.lower if view.lower is not None else view.text.lower()
    return any(h in low for h in GROVEL_HINTS)


#: Apologies beyond this many in one reply read as grovelling.
MAX_APOLOGIES = 2


#: Grovelling phrases with a plain form ("a thousand apologies" → "my apologies").
PLAIN_APOLOGY = rw.table(
    [
        (r"(a )?(thousand|million|hundred|gazillion) apologies", "my apologies", True),
        (r"(sorry,? ){2,}sorry", "sorry", True),
        (r"so so+ (so )?sorry", "so sorry", True),
    ]
)
#: Words that may stand around an apology without saying anything else: a clause of only these goes with it.
_APOLOGY_ONLY = re.compile(
    r"(?:\W|\b(?:i|i'm|i am|we|we're|we are|we do|i do|so|very|really|truly|deeply|sincerely|terribly|extremely|"
    r"once|again|more|please|accept|our|my|sorry|apologi[sz]e|apologies|apology|for|about|this|that|it|the|any|all|"
    r"of|inconvenience|trouble|delay|wait|confusion|hassle|frustration|mix-up|mixup|error|mistake|issue|problem|"
    r"experience|caused|and|also|again|too|like|you|your|us|don't|do not|deserve|customers?|ashamed|humbly|beg|"
    r"forgiveness|pardon|mercy|forgive|mortified|disgraced|useless|pathetic|hopeless|a|disgrace|embarrassment|"
    r"worthy|unworthy|terrible|people|idiots|stupid|worst)\b)*",
    re.I,
)


def _clause(view: TextView, pos: int) -> tuple[int, int]:
    return rw.clause_start(view, pos), rw.clause_end(view, pos)


#: More apologies than this in one reply get no automatic edit.
MAX_EDITED = 12


def keep_first_fix(view: TextView, apologies: list[Span]) -> Fix | None:
    """Keep the first apology and drop the others, each with its clause (or sentence), as one edit of the text
    between them. Safe when the dropped clauses said nothing but the apology."""
    if len(apologies) > MAX_EDITED:
        return None  # a wall of apologies needs rewriting by a person, not one edit per apology
    text = view.text
    first = _clause(view, apologies[0].start)
    first_sentence = rw.sentence_bounds(view, apologies[0].start)
    targets: list[tuple[int, int, bool]] = []
    for s in apologies[1:]:
        sa, sb = rw.sentence_bounds(view, s.start)
        if (sa, sb) != first_sentence and _APOLOGY_ONLY.fullmatch(text[sa:sb].replace("’", "'")):
            a, b, alone = sa, sb, True  # a sentence of nothing but apologies goes whole
        else:
            a, b = _clause(view, s.start)
            alone = _APOLOGY_ONLY.fullmatch(text[a:b].replace("’", "'")) is not None
            if not alone:
                a, b = s.start, s.end
        if first[0] <= a <= first[1] or (targets and a < targets[-1][1]):
            continue  # the first apology's own clause, or one already dropped
        targets.append((a, b, alone))
    new = text
    safe = True
    for a, b, alone in reversed(targets):  # right to left: offsets on the left stay valid
        fix = rw.delete(TextView(new), a, b, safe=alone)
        if fix is None:
            continue
        safe = safe and fix.safe
        new = new[: fix.span.start] + fix.replacement + new[fix.span.end :]
    if new == text:
        return None
    head = 0
    while head < min(len(text), len(new)) and text[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(text), len(new)) - head and text[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Fix(span=rw.span(text, head, len(text) - tail), replacement=new[head : len(new) - tail], safe=safe)


def grovel_fix(view: TextView, found: Span, has_apology: bool) -> Fix | None:
    hit = rw.lookup(PLAIN_APOLOGY, found.text)
    if hit is not None:
        return rw.replace(view, found.start, found.end, hit[0], safe=hit[1])
    text = view.text
    a, b = rw.sentence_bounds(view, found.start)
    sentence = text[a:b].replace("’", "'")
    plain = GROVELLING.find(TextView(sentence))
    left = sentence
    for g in reversed(plain):
        left = left[: g.start] + left[g.end :]
    safe = _APOLOGY_ONLY.fullmatch(re.sub(r"[@#]\w+", "", left)) is not None
    if has_apology:
        fix = rw.delete(view, a, b, safe=safe)
        if fix is not None:
            return fix
    return rw.replace_sentence(view, found.start, "I'm sorry about this.", safe=safe)


@register
class OverApology(Rule):
    """Grovelling: apologizing again and again, or running yourself down.

    What it does:
        Flags a reply with more than two apologies, or with self-abasement ("we are so ashamed", "we don't deserve
        you", "a thousand apologies", "sorry sorry sorry", "I'm begging for your forgiveness"). One or two ordinary
        apologies, even in a long reply, are fine.

    Why it matters:
        The workshop notes: "This is our house", and "I'm especially not going to grovel for a customer". Apologize
        once, sincerely, then solve; the notes also say "Confidence! They don't need to know that you're lost or
        unsure". Grovelling puts the customer in charge of your feelings instead of getting them a fix.

    Example:
        I'm so sorry! We are so ashamed. Sorry again, we really apologize for this.

    Instead:
        I'm sorry your order was late. I've refunded the delivery fee and your package arrives tomorrow by noon.
    """

    code = "A003"
    name = "over-apology"
    step = Step.APOLOGIZE
    severity = Severity.WARNING
    weight = 10
    summary = "Repeated apologies or self-abasement (grovelling)"

    patterns = GROVELLING
    bad = (
        Example(
            "I'm so sorry! Sorry again, we really apologize for this. Your order ships tomorrow.",
            customer="My order is a week late",
        ),
        Example(
            "We are so ashamed and we don't deserve customers like you. Your refund is on its way.",
            customer="You charged me twice",
        ),
        Example(
            "A thousand apologies! I've rebooked you on the 6pm flight.", customer="My flight was cancelled"
        ),
    )
    good = (
        Example(
            "I'm sorry your order is late. It ships tomorrow and I've refunded the delivery fee.",
            customer="My order is a week late",
        ),
        Example(
            "Sorry to hear about the double charge. I've refunded the second payment today; it shows in 3-5 days. "
            "Once again, apologies for the hassle, and thanks for flagging it.",
            customer="You charged me twice",
        ),
        Example(
            "There's no need to be ashamed of asking! I've rebooked you on the 6pm flight.",
            customer="Sorry, silly question, but can I change my flight?",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        team = self.patterns is not GROVELLING
        if not team and not may_apologize(ctx.reply) and not may_grovel(ctx.reply):
            return
        suggestion = "Apologize once, sincerely, then solve: “I'm sorry about this. Here's what I've done: …”"
        grovel = self.patterns.find(ctx.reply) if team or may_grovel(ctx.reply) else []
        if grovel:
            span = grovel[0]
            result = ctx.steps.get(Step.APOLOGIZE)
            others = [
                e
                for e in (result.evidence if result and result.status is Status.PRESENT else ())
                if not rw.sentence_bounds(ctx.reply, e.start)[0] <= span.start < rw.sentence_bounds(ctx.reply, e.start)[1]
            ]
            yield self.finding(
                f"“{span.text}” is grovelling. “This is our house”: apologize once, sincerely, then solve.",
                span,
                suggestion,
                fix=grovel_fix(ctx.reply, span, bool(others)),
            )
            return
        result = ctx.steps.get(Step.APOLOGIZE)
        apologies = list(result.evidence) if result and result.status is Status.PRESENT else []
        if len(apologies) > MAX_APOLOGIES:
            span = apologies[MAX_APOLOGIES]
            yield self.finding(
                f"{len(apologies)} apologies in one reply reads as grovelling. “This is our house”: apologize once, "
                "sincerely, then solve.",
                span,
                suggestion,
                fix=keep_first_fix(ctx.reply, apologies),
            )
