from __future__ import annotations

import re
from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Fix, Severity, Span, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.donts import _book as book

#: Talking down: telling the customer how to feel, reminding them they were told, implying it's obvious.
CONDESCENDING = Phrases.of(
    [
        r"(please |just |you need to |you should |try to )?calm down",
        r"(just |please )?relax,",
        r"as (i|we) (have |had )?(already|previously|clearly|just) (said|explained|mentioned|stated|told you|"
        r"pointed out|informed you|advised)",
        r"as (i|we) (have |had )?told you",
        r"as (i|we) (have |had )?(already |previously )?(explained|said|mentioned) (before|earlier|previously|"
        r"above|several times|many times|multiple times|twice)",
        r"as (already|previously|clearly) (stated|explained|mentioned|advised|said)",
        r"like (i|we) (already )?(said|told you|explained|mentioned)",
        r"(i've|we've|i have|we have) (already )?(told|explained to|informed) you (this |that )?(before|already|"
        r"twice|several times|many times|multiple times|more than once)",
        r"(for the|this is the) (last|second|third|fourth|hundredth) time",
        r"(i'll|i will|let me|we'll|we will) (explain|say) (it|this|that) (again|one more time|once more|slowly|"
        r"more slowly|simply)",
        r"(you|u) (need|have|must|should) to (understand|realise|realize|appreciate|accept) (that|this|how|why|"
        r"our|we)",
        r"(you|u) (need|have|must) to understand",
        r"(it's|it is|this is|that's|that is) (very |really |quite |pretty |super |actually )(simple|easy|"
        r"straightforward|basic)",
        r"(it's|it is|this is|that's|that is) not (that |so )?(hard|difficult|complicated|rocket science)",
        r"not rocket science",
        r"(as )?(anyone|everyone|everybody) (knows|can see|could see|would know|should know)",
        r"(you|u) (obviously|clearly) (didn't|did not|haven't|have not|don't|do not|can't|cannot|failed|"
        r"misread|missed|forgot|weren't|are not|aren't)",
        r"(obviously|clearly),? (you|u) (didn't|did not|haven't|have not|don't|do not|can't|should|need|must|"
        r"failed|misread|missed|forgot|weren't|aren't)",
        r"(if|had) (you|u) (had )?(read|bothered|paid attention|looked|checked|listened)",
        r"(read|check|look at) (the|our) (instructions|manual|faq|faqs|terms|fine print|small print) "
        r"(first|next time|properly|carefully|again)",
        r"(you|u) should (have|'ve) (known|read|checked|realised|realized|looked)",
        r"(you're|you are|you were) (overreacting|being (dramatic|emotional|hysterical|unreasonable|silly|"
        r"childish))",
        r"(no|there's no) need to (get|be) (so )?(upset|angry|worked up|emotional|dramatic|hysterical|rude)",
        r"(honey|sweetie|sweetheart|dear|darling|hun|hon|sweetpea|buddy|pal|mate)[,.!]? (calm|relax|listen|"
        r"chill|settle|understand|you need|you have|you must)",
        r"(chill|settle) (out|down)",
        r"(did|do|have) (you|u) (even )?(bother|bothered) to",
        r"(did|have) (you|u) even (read|try|tried|check|checked|look|looked)",
    ],
)


book.register("D006", CONDESCENDING)

DROP = "<drop>"
RECAP = "<recap>"
#: Talking down → neutral words. ``<drop>``: the words go (with their comma, or their sentence); ``<recap>``: "to
#: recap" where they open the sentence, nothing elsewhere.
NEUTRAL = rw.table(
    [
        (r"(please |just |you need to |you should |try to )?(calm|chill|settle) (down|out)",
         "I understand how frustrating this is", True),
        (r"(just |please )?relax,", DROP, True),
        (r"as (i|we) (have |had )?(already|previously|clearly|just) (said|explained|mentioned|stated|told you|pointed "
         r"out|informed you|advised)", RECAP, True),
        (r"as (i|we) (have |had )?told you", RECAP, True),
        (r"as (i|we) (have |had )?(already |previously )?(explained|said|mentioned) (before|earlier|previously|above|"
         r"several times|many times|multiple times|twice)", RECAP, True),
        (r"as (already|previously|clearly) (stated|explained|mentioned|advised|said)", RECAP, True),
        (r"like (i|we) (already )?(said|told you|explained|mentioned)", RECAP, True),
        (r"(i've|we've|i have|we have) (already )?(told|explained to|informed) you .+", RECAP, True),
        (r"(for the|this is the) (last|second|third|fourth|hundredth) time", DROP, True),
        (r"(i'll|i will|let me|we'll|we will) (explain|say) (it|this|that) (again|one more time|once more|slowly|more "
         r"slowly|simply)", "here's a quick recap", True),
        (r"(you|u) (need|have|must|should) to (understand|realise|realize|appreciate|accept) (that|this)", DROP, True),
        (r"(you|u) (need|have|must|should) to (understand|realise|realize|appreciate|accept) (?P<w>how|why)",
         r"here's \g<w>", True),
        (r"(you|u) (need|have|must|should) to (understand|realise|realize|appreciate|accept) (?P<w>our|we)", r"\g<w>",
         True),
        (r"(you|u) (need|have|must) to understand", "please bear in mind", True),
        (r"(it's|it is|this is|that's|that is) (very |really |quite |pretty |super |actually )(simple|easy|"
         r"straightforward|basic)", DROP, True),
        (r"(it's|it is|this is|that's|that is) not (that |so )?(hard|difficult|complicated|rocket science)", DROP,
         True),
        (r"not rocket science", DROP, True),
        (r"(as )?(anyone|everyone|everybody) (knows|can see|could see|would know|should know)", DROP, True),
        (r"(?P<you>you|u) (obviously|clearly) (?P<v>.+)", r"\g<you> \g<v>", True),
        (r"(obviously|clearly),? (?P<you>you|u) (?P<v>.+)", r"\g<you> \g<v>", True),
        (r"(you're|you are|you were) (overreacting|being (dramatic|emotional|hysterical|unreasonable|silly|"
         r"childish))", "I understand why you're upset", True),
        (r"(no|there's no) need to (get|be) (so )?(upset|angry|worked up|emotional|dramatic|hysterical|rude)",
         "I understand why you're upset", True),
        (r"(honey|sweetie|sweetheart|dear|darling|hun|hon|sweetpea|buddy|pal|mate)[,.!]? (?P<w>\w+)", r"\g<w>",
         True),
        (r"(did|do|have) (you|u) (even )?(bother|bothered) to", "could you", True),
        (r"(did|have) (you|u) even (?P<v>read|try|check|look)(ed)?", r"have you had a chance to \g<v>", True),
        (r"(did|have) (you|u) even tried", "have you had a chance to try", True),
        (r"(read|check|look at) (?P<w>the|our) (?P<what>instructions|manual|faq|faqs|terms|fine print|small print) "
         r"(first|next time|properly|carefully|again)", r"you'll find the details in \g<w> \g<what>", False),
        (r"(you|u) should (have|'ve) (known|read|checked|realised|realized|looked)", "it's easy to miss", False),
        (r"(if|had) (you|u) (had )?(read|bothered|paid attention|looked|checked|listened)", DROP, False),
    ]
)
#: Where a neutral sentence stands in for a whole condescending one ("Please calm down.").
_CALM = re.compile(r"(please |just |you need to |you should |try to )?(calm|chill|settle) (down|out)", re.I)


def neutral_fix(view: TextView, found: Span) -> Fix | None:
    """Neutral words for the condescending ones (see :data:`NEUTRAL`)."""
    hit = rw.lookup(NEUTRAL, found.text)
    if hit is None:
        return None
    words, safe, _m = hit
    text = view.text
    if _CALM.fullmatch(found.text.replace("’", "'")):
        after = re.match(r"\s+and\s+", text[found.end :])
        if after is not None:  # "please calm down and send us the order number" → "please send us ..."
            if found.text.lower().startswith("please"):
                return rw.replace(view, found.start, found.end + after.end(), "please ", safe=safe)
            return rw.delete(view, found.start, found.end + after.end() - 1, safe=safe)
        return rw.replace(view, found.start, found.end, words, safe=safe)
    if words == RECAP:
        said = text[found.end : rw.clause_end(view, found.end)]
        said = re.sub(r"\b(already|before|again|now|though|earlier|too)\b", "", said, flags=re.I).strip()
        sep = re.match(r"\s*[,:]", text[found.end :])
        if (said or sep is not None) and rw.at_sentence_start(text, found.start):
            stop = found.end + (sep.end() if sep else 0)
            return rw.replace(view, found.start, stop, "to recap,", safe=safe)
        words = DROP
    if words == DROP:
        tail = re.match(r"(?:\s+(?:already|before|again|now|earlier|too))*", text[found.end :], re.I)
        return rw.delete(view, found.start, found.end + (tail.end() if tail else 0), safe=safe)
    return rw.replace(view, found.start, found.end, words, safe=safe)


@register
class Condescending(Rule):
    """Talking down to the customer.

    What it does:
        Flags "calm down", "as I already explained", "you need to understand", "it's very simple", "obviously you
        didn't", "if you had read", "you should have known" and the like. A quoted or negated form is fine.

    Why it matters:
        The workshop notes: "The line between understanding and condescending is very thin", and "Having a
        difference of opinion is okay, but handle it with mutual respect". Talking down turns a problem into an
        insult; an angry customer only gets angrier.

    Example:
        Calm down. As I already explained, it's very simple: you need to understand the fee applies.

    Instead:
        I hear you, and I'm sorry this has been confusing. The fee applies because the change was made within 24
        hours of departure; here's what I can do: …
    """

    code = "D006"
    name = "condescending"
    step = Step.DONTS
    severity = Severity.ERROR
    weight = 20
    summary = "Talks down to the customer (“calm down”, “as I already explained”)"

    patterns = CONDESCENDING
    bad = (
        Example(
            "Please calm down. We will look into it.", customer="THIS IS THE THIRD TIME MY ORDER IS LATE!!!"
        ),
        Example(
            "As I already explained, the fee applies to all changes.",
            customer="Why am I paying a fee to change my flight??",
        ),
        Example(
            "It's really simple, you just need to restart the router.",
            customer="My wifi keeps dropping",
        ),
    )
    good = (
        Example(
            "I'm sorry it's late again, that's not okay. I've upgraded it to next-day delivery at no cost.",
            customer="THIS IS THE THIRD TIME MY ORDER IS LATE!!!",
        ),
        Example(
            "The fee applies to changes made within 24 hours of departure because the seat can't be resold. I've "
            "waived it this time.",
            customer="Why am I paying a fee to change my flight??",
        ),
        Example(
            "Sorry about the drop-outs! Could you try restarting the router? If that doesn't help, DM us and "
            "we'll run a line test.",
            customer="My wifi keeps dropping",
        ),
    )

    def _found(self, ctx: ReplyContext) -> list[Span]:
        if self.patterns is CONDESCENDING:
            return book.spans(ctx.reply, "D006")
        return self.patterns.find(ctx.reply)

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        for span in self._found(ctx):
            yield self.finding(
                f"“{span.text}” talks down to the customer. “The line between understanding and condescending is "
                "very thin.”",
                span,
                f"Drop “{span.text}” and use neutral wording: state the facts and the next step, e.g. “To recap: "
                "… Here's what I'll do next: …”",
                fix=neutral_fix(ctx.reply, span),
            )
