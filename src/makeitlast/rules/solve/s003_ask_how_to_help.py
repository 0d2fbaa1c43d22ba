from __future__ import annotations

from collections.abc import Iterator

from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases
from makeitlast.engine.registry import Example, Rule, register
from makeitlast.model import Finding, Severity, Status, Step
from makeitlast.rules import _rewrite as rw
from makeitlast.rules.solve._step import small_talk

#: The golden question, added at the end of the reply: true whenever the want is unclear, nothing to fill in.
GOLDEN_QUESTION = "What can I do to make this right?"

#: The reply asks the customer what they need or invites them to tell more (besides any question sentence).
ASKS = Phrases.of(
    [
        r"(what|how) (can|could|may|should|would) (we|i) (do|help|assist|make|fix|put)",
        r"(what|how) (would|do) you (like|want|prefer|suggest|need)",
        r"(tell|let|show|give) (us|me) (know )?(more|a bit|a little|what|how|about|the details|details|which|"
        r"where|when|who|why|your|exactly)",
        r"(dm|pm|message|send|share|give|provide|drop|shoot) (us|me)?\s?(with )?(the |more |some |a few |any |"
        r"further |additional |all the |your )?(details|detail|info|information|specifics|context|a dm|a pm|"
        r"a message|a direct message|a note)",
        r"(dm|pm|message|direct message|private message) (us|me)",
        r"(more|further|additional|some) (details|detail|info|information|specifics|context) (about|on|regarding|"
        r"so|please|here|via|in|would)",
        r"(we'd|we would|i'd|i would) (like|love) to (hear|know|learn|understand|get) (more|what|how|about|the "
        r"details|details)",
        r"(walk|talk) (us|me) through",
        r"(help|fill) (us|me) in",
        r"make (this|it|things) right",
        r"(let|tell) (us|me) know (if|what|how) (there's|there is|we|i) (anything|something|can|could)",
    ],
    negation=2,
)


@register
class AskHowToHelp(Rule):
    """The customer is upset but their want is unclear, and the reply does not ask.

    What it does:
        Flags a reply to a customer who reports a bad experience or is angry without saying what they want (no
        refund, fix, apology or answer asked for) when the reply neither asks a question nor invites them to tell
        more, and gives nothing concrete either. "What can I do to make this right?" is the question to ask.

    Why it matters:
        The workshop notes: "'What can I do to make this right?' = the golden question", and "You can't know how
        to make it right until they tell you, so ask how you can help them!". Guessing, or answering with sympathy
        alone, leaves the real want untouched.

    Example:
        We're sorry to hear about your experience.

    Instead:
        We're sorry the staff at the gate treated you that way. What can I do to make this right?
    """

    code = "S003"
    name = "ask-how-to-help"
    step = Step.SOLVE
    severity = Severity.ADVICE
    weight = 0
    summary = "The customer's want is unclear and the reply does not ask"

    patterns = ASKS
    bad = (
        Example(
            "We're sorry to hear about your experience.",
            customer="Worst experience ever with you guys, never flying with you again",
        ),
        Example(
            "That is disappointing to hear.",
            customer="So disappointed with the service at your Leeds store today",
        ),
    )
    good = (
        Example(
            "We're sorry to hear about your experience. What can we do to make this right?",
            customer="Worst experience ever with you guys, never flying with you again",
        ),
        Example(
            "That is disappointing to hear. Could you tell us more about what happened at the store?",
            customer="So disappointed with the service at your Leeds store today",
        ),
        Example(
            "Sorry about that! Please DM us the details so we can follow up.",
            customer="So disappointed with the service at your Leeds store today",
        ),
    )

    def check(self, ctx: ReplyContext) -> Iterator[Finding]:
        reading = ctx.reading
        if reading is None or reading.wants or not (reading.bad_experience or reading.anger >= 1):
            return
        if reading.anger < 2 and small_talk(ctx):
            return  # praise or banter with a grumble in it ("thanks for making up for a bad flight!")
        result = ctx.steps.get(Step.SOLVE)
        if result is not None and result.status is Status.PRESENT:
            return
        if ctx.reply.question_sentences or self.patterns.first(ctx.reply) is not None:
            return
        yield self.finding(
            "The customer is unhappy but hasn't said what would fix it, and the reply doesn't ask. “You can't know "
            "how to make it right until they tell you, so ask how you can help them!”",
            None,
            "Ask the golden question: “What can I do to make this right?”",
            fix=rw.insert_at_end(ctx.reply, GOLDEN_QUESTION, safe=True),
        )
