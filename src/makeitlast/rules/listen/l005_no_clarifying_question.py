from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Fact, Finding, Severity, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.listen._step import content_words

#: A request for help that does not say what is wrong ("help!", "it's not working", "I have a problem").
VAGUE_REQUEST = Phrases.of(
    [
        r"(please |pls |plz |can (you|someone|anyone) |could (you|someone|anyone) |i need |need )help( me| us)?"
        r"( please| pls| plz)?(?=\s*(?:[.!?]|$))",
        r"help!+",
        r"(not|n't|isn't|doesn't|won't|can't) (work|working|works|load|loading|open|opening)",
        r"(is|it's|its) (broken|messed up|acting up|playing up)",
        r"(a|an|some|having|have|got|had) (problem|problems|issue|issues|trouble)",
        r"something('s| is)? (wrong|off|up)",
        r"fix (this|it)",
        r"what (now|gives)",
    ],
    negation=None,
)

#: The reply answers with a guess: a fix to try, an article, "this should sort it".
GUESS = Phrases.of(
    [
        r"try|restart|reboot|reinstall|re-install|reset|clear|uninstall|log out|sign out|power cycle|unplug",
        r"turn (it |your \w+ )?(off|on)|update (your|the|to)|make sure|check (that|your|if|whether|the)",
        r"(follow|use) (these|the|this|our) (steps|link|article|guide)|steps (here|below)|this (article|guide|link)",
        r"should (fix|help|sort|solve|resolve|do the trick)|here's how|start your",
    ],
    negation=None,
)

#: The reply asks the customer something, or for something (details, a DM, a screenshot).
ASKS = Phrases.of(
    [
        r"dm|d\.m|direct message|private message|pm us|message us|reach (out|us)|contact us|get in touch",
        r"tell us|let us know|let me know|send (us|me)|share|describe|explain|walk us through|more (details|info|"
        r"information)|screenshot|which|what|when|where|how|could you|can you|would you|are you|is it|do you|did you",
    ],
    negation=None,
)

#: A short message: at most this many content words (handles, links and support vocabulary left out).
MAX_CONTENT_WORDS = 3


def _specific(fact: Fact) -> bool:
    """A fact that pins the request down (an order number, a named product); a vague problem does not."""
    if fact.kind == "problem" or fact.kind == "date":
        return False
    if fact.kind == "product":
        return fact.span.text.split()[0].lower() not in {"my", "our", "the", "his", "her", "new", "brand"}
    return True


#: The question a fix adds after the guess: true for any vague request, nothing to fill in.
ASK_MORE = "If that doesn't help, could you tell me a bit more about what's happening?"


@register
class NoClarifyingQuestion(Rule):
    """A vague request gets a guess instead of a question.

    What it does:
        Flags (as advice) a reply to a short, vague request ("help, it's not working", "I have a problem with my
        account") that guesses at a fix ("try restarting", "follow these steps") without asking anything: no
        question, no request for details or a DM. A request that names the problem, or holds facts (an order
        number, an amount), is not vague; a reply that informs rather than guesses is not flagged.

    Why it matters:
        The workshop notes: "Keep asking questions until you're confident and comfortable that you understand what
        they need and know how to respond" and "Don't make assumptions, even if you've heard it all before".

    Example:
        Customer: "help, it's not working". Reply: "Try restarting your phone."

    Instead:
        Sorry about that! What isn't working, and on which device? Then I can point you to the right fix.
    """

    code = "L005"
    name = "no-clarifying-question"
    step = Step.LISTEN
    severity = Severity.ADVICE
    weight = 0
    summary = "A vague request answered with a guess instead of a question"

    bad = (
        Example("Try restarting your phone.", customer="help, it's not working"),
        Example("Reinstall the app and it should be fine.", customer="I have a problem with the app"),
    )
    good = (
        Example(
            "Sorry about that! What isn't working, and on which device?", customer="help, it's not working"
        ),
        Example(
            "Version 4.2 fixes the login crash: update from the App Store and you're set.",
            customer="The app crashes every time I log in since yesterday's update on my iPhone 8",
        ),
        Example("Please DM us the details and we'll take a look.", customer="I have a problem with the app"),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        if ctx.customer is None or ctx.reading is None:
            return
        if ctx.reading.repeat_contact or any(_specific(f) for f in ctx.reading.facts):
            return
        if content_words(ctx.customer) > MAX_CONTENT_WORDS or not VAGUE_REQUEST.first(ctx.customer):
            return
        if ctx.reply.question_sentences or ASKS.first(ctx.reply) or not GUESS.first(ctx.reply):
            return
        yield self.finding(
            "The request is vague and the reply guesses at an answer without asking what they need. “Keep asking "
            "questions until you're confident … that you understand what they need.”",
            None,
            "Ask before you answer, e.g. “Sorry about that! What exactly isn't working, and on which device?”",
            fix=rw.insert_at_end(ctx.reply, ASK_MORE, safe=True),
        )
