"""What surrounds a don't: an alternative, a reason or a commitment offered next to it turns it into a fair answer.

RUBRIC section 3: "A don't in a quoted customer sentence, a negated form, or a reason given right after is not a
finding", and a "can't" with an alternative "in the same or next sentence" is an answer, not a wall ("We can't see
your DM, could you resend it?"). The helpers here look at the sentence of a match and its neighbours.
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.model import Span

#: Something the customer can do or that we will do instead, or the reason behind a refusal.
ALTERNATIVE = Phrases.of(
    [
        # what we can or will do
        r"(we|i)('ll| will| can| could|'d| would|'m| am|'re| are|'ve| have)( also| still| gladly| happily| "
        r"definitely| certainly| absolutely| be)? (happy|glad|able|love|like|pleased|going|suggest|recommend|"
        r"advise|encourage|offer|send|pass|share|forward|look|check|investigate|follow|get|help|assist|arrange|"
        r"book|rebook|refund|credit|replace|fix|escalate|contact|reach|call|email|update|keep|let|make|see|find|"
        r"do|take|provide|give|set|add|note|log|raise|submit|report|issue|waive|review|try|dig|open|put|explore|"
        r"quote|connect|transfer|monitor|work|continue|still|now|already|gone|just|sent|passed|shared|forwarded|"
        r"added|issued|refunded|credited|arranged|booked|escalated|reported|raised|submitted|logged|noted|"
        r"contacted|checked|found|reached|spoken|flagged)",
        r"(we|i) (suggest|recommend|advise|encourage|offer|can|could|will|would)",
        r"(let|allow) (me|us)",
        r"what (we|i) (can|could|will)",
        r"(here's|here is) (what|how)",
        # what the customer can do
        r"(you|u)( still| also| always| now)? (can|could|may|might|'ll|will|should|'d|would|are welcome|'re "
        r"welcome|have the option|'re able|are able)",
        r"feel free",
        r"(please|pls|plz|kindly)",
        r"(could|can|would|will) (you|u)",
        r"(try|trying)",
        r"(dm|pm|direct message|private message|message us|message me)",
        r"(reach|contact|call|email|chat with|visit|see|ask|speak to|speak with|talk to) (us|our|the|a|an|any|"
        r"your|them|here|at|via|on)",
        r"(here|below|above)\s?:",
        r"(link|links|this page|the page|our site|our website|the website|the site|the app|our app|this article|"
        r"the article|the form|this form|our faq|the faq|option|options)",
        r"https?://",
        r"(let|tell) (us|me) know",
        r"(if|when|once) (you|u)",
        r"(instead|alternatively|in the meantime|meanwhile|otherwise|however|rather)",
        r"(an?|another|other|some) (alternative|option|options|way|workaround|solution|route)",
        # a reason
        r"(because|since|as (it|this|that|we|the|your|our|they|there|these|those|he|she|i)|due to|owing to|"
        r"for (your|security|privacy|safety|legal|data|account|the protection|the safety)|in order to|so that|"
        r"to (protect|keep|ensure|make sure|prevent|comply|safeguard)|the reason|privacy|security|confidential|"
        r"(via|over|on|through|here on|in|here in) (twitter|social|social media|this channel|a public|public|"
        r"tweets?|here)|publicly|in public|at (this|the) (time|moment)|at the minute|right now|for now|"
        r"yet|currently|at present|until|unless|already|as (per|of))",
    ],
    negation=None,
    quotes=False,
)

#: Words after a refusal that lead into an alternative ("we can't ..., but ...").
CONNECTOR = Phrases.of(
    [r"(but|however|though|although|instead|alternatively|that said|having said that|what (we|i) can)"],
    negation=None,
    quotes=False,
)

#: A promise to find out, or a question that moves the conversation on.
FIND_OUT = Phrases.of(
    [
        r"(i'll|we'll|i will|we will|let me|let us|i'm going to|we're going to|i can|we can|i'd be happy to|"
        r"we'd be happy to|happy to|i'll be happy to|we'll be happy to|i'm happy to|we're happy to|i'm|we're)"
        r"( gladly| happily| now| also| definitely| certainly)? (find out|check|look|ask|get|investigate|dig|"
        r"reach out|contact|escalate|follow up|see|research|confirm|verify|loop|speak|talk|consult|double check|"
        r"double-check|work|figure|help|sort|learn|pass|share|forward|update)",
        r"(find|finding) out",
        r"(look|looking|checking|check) into",
        r"(could|can|would|will) (you|u)",
        r"(please|pls|plz|kindly)",
        r"(dm|pm|direct message|private message|message us)",
        r"(let|tell) (us|me) know",
        r"https?://",
    ],
    negation=None,
    quotes=False,
)


#: How far around a match the neighbouring sentences are read (bounds the work on a very long reply).
WINDOW = 400


def around(view: TextView, span: Span, before: int = 1, after: int = 1) -> tuple[str, str]:
    """The text before ``span`` (its sentence and ``before`` earlier ones) and after it (its sentence and
    ``after`` later ones), each cut to :data:`WINDOW` characters next to the span."""
    text = view.text
    start, end = view.sentence_at(span.start)
    for _ in range(before):
        if start <= 0:
            break
        start = view.sentence_at(start - 1)[0]
    end = max(end, span.end)
    for _ in range(after):
        nxt = end
        while nxt < len(text) and nxt - end < WINDOW and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text) or text[nxt].isspace():
            break
        end = max(end, view.sentence_at(nxt)[1])
    return text[max(start, span.start - WINDOW) : span.start], text[span.end : min(end, span.end + WINDOW)]


def offered_near(
    view: TextView,
    span: Span,
    phrases: Phrases = ALTERNATIVE,
    *,
    before: int = 1,
    after: int = 1,
    questions: bool = True,
) -> bool:
    """Is an alternative, reason or commitment (``phrases``) offered around ``span``, or, with ``questions``, is
    a question asked after it? A connector ("but", "however") after the span counts as well."""
    pre, post = around(view, span, before, after)
    if questions and "?" in post:
        return True
    post_view = TextView(post)
    if phrases.first(post_view, raw=True) is not None or CONNECTOR.first(post_view, raw=True) is not None:
        return True
    return bool(pre.strip()) and phrases.first(TextView(pre), raw=True) is not None


def inside(span: Span, blockers: list[Span]) -> bool:
    """Does ``span`` overlap one of ``blockers``?"""
    return any(span.start < b.end and b.start < span.end for b in blockers)


def rest_of_sentence(view: TextView, span: Span) -> str:
    """The words after ``span`` up to the end of its sentence (at most :data:`WINDOW` characters)."""
    end = view.sentence_at(span.start)[1]
    return view.text[span.end : min(end, span.end + WINDOW)]
