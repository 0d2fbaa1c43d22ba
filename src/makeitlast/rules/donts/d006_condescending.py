from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Span, Step
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
            )
