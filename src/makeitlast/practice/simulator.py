"""The simulated customer: a :class:`Session` plays one :class:`~makeitlast.practice.scenario.Scenario`.

Every trainee reply is judged by the coach (:meth:`makeitlast.engine.Engine.check`, against the customer's messages
so far), and the coach's :class:`~makeitlast.model.Report` drives the customer's mood, following the workshop notes:

* **Let them finish.** A reply sent before the customer's message has fully arrived (``interrupted=True``) makes
  them start over, angrier (+1): their answer is the ``restart`` line and the opening again. The coach's L004
  (interrupted) is added to that reply's findings and its score.
* **Angrier** (+1 each, at most +2 a reply): the don'ts that make an angry person angrier: D001 policy wall,
  D002 "we can't", D003 blaming a colleague, D006 condescension, D007 an assumption, D009 defeatism, D010
  dismissiveness, D011 arguing, D012 retaliating or grovelling at abuse (:data:`ANGERING`).
* **Calmer**: each of the four steps *present* in the reply is a point: listened (reflects their problem), a
  sincere apology, a concrete next step, specific thanks. One or two points: -1; three or four: -2, but only -1
  in a reply that also has an angering don't (it spoils the good parts). Offering one of the wants the
  resolution needs: -1 more.
* **An abusive customer** (``needs_boundary``) is calmed by nothing, and takes nothing offered, until a reply sets
  a calm boundary (D012's boundary phrases, "I'll ask that we keep this respectful", with no D012 finding): -1,
  and their ``boundary`` line. Each reply without one gets D012 coaching.
* **The golden question** ("What can I do to make this right?", asked in a sentence with a question mark;
  detected with the patterns of S003's ask-how-to-help list that recognise the notes' question, :data:`GOLDEN`)
  in a reply without an angering don't reveals what they want (their ``reveal`` line). Asked together with a
  don't, they don't open up.
* **A want is met** when a reply offers it: its ``offers`` phrases (not negated, not quoted: "we can't refund"
  offers nothing) for repair, refund, future credit, and explanation when given; built-in checks otherwise:
  apology, the coach's apologize step present; appreciation, specific thanks (thank present); dignity, listen
  present; explanation, a reason given (D001's reason phrases: "because", "so that", "due to" ...). A reply with
  an angering don't meets nothing, and one with a scenario's ``avoid`` code neither (with coaching saying so).
  Wants can be met before they are revealed (a lucky guess).
* **Resolved** when the required wants are met (``resolution.require``: all or any, over the session), the
  exception and boundary conditions hold, and the reply that completes it is clean (no angering don't, no
  ``avoid`` code, not an interruption) and leaves them at most angry (anger <= 2).
* **The policy exception** (``[exception]``): meeting its want the first time grants it, and the customer asks for
  it again (``ask_exception_again``), and keeps asking until a reply refuses *with the reason*: it does not grant
  again (an offers phrase, unless the reply also refuses: a negated offer or D002's "can't" phrases, as in "I
  refunded the coat, but I can't refund the boots"), the coach's D001 (policy wall) does not fire, and a reason is
  given (D001's reason phrases). Granting again lets them take advantage (D012 coaching); refusing without a
  reason gets D001 coaching.
* **Endings**: ``resolved``; ``escalated`` (or ``walked_away``, per ``walk_away.raging_ending``) when a reply
  pushes them to raging for the ``walk_away.raging_times``-th time; ``walked_away`` after
  ``walk_away.stalled_turns`` replies in a row without progress (no calmer, nothing revealed, met, granted,
  refused or set), or when ``max_turns`` replies have gone by.
* **Their answer**: the ``resolved``/``escalate``/``walk_away`` line at an ending; after an interruption the
  ``restart`` line and the opening again; otherwise the ``boundary`` line when one was set, then the
  ``reveal`` line, or the exception asked again, or a line of their new mood (never a calm one right after a
  reply that angered them), followed by a ``remind`` line when they have said what they want and it is not met.

The customer's lines are picked among each line's alternatives by a :class:`random.Random` seeded with the
scenario id and the seed (never the same alternative twice in a row when there are several): the same seed
gives the same session.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from makeitlast.engine import Engine, get_engine
from makeitlast.engine.config import Settings
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.engine.scoring import score as score_of
from makeitlast.model import Finding, Message, Report, Role, Status, Step, Want
from makeitlast.practice.scenario import MOODS, Ending, Lines, Mood, Scenario, offer_phrases

__all__ = [
    "ANGERING",
    "GOLDEN",
    "Event",
    "MoodChange",
    "Session",
    "SessionOver",
    "Turn",
    "asks_golden_question",
]

Event = Literal[
    "restart",
    "reveal",
    "remind",
    "want_met",
    "exception_granted",
    "ask_exception_again",
    "exception_granted_again",
    "exception_refused",
    "boundary_set",
    "resolved",
    "walk_away",
    "escalate",
]

#: The don'ts that make an angry customer angrier, with how the debrief names them.
ANGERING: dict[str, str] = {
    "D001": "a policy wall",
    "D002": "telling them what you can't do",
    "D003": "blaming a colleague",
    "D006": "a condescending line",
    "D007": "an assumption",
    "D009": "a defeatist line",
    "D010": "a dismissive line",
    "D011": "arguing with them",
    "D012": "no calm boundary",
}
#: Most a single reply can raise the anger by.
MAX_RAISE = 2

_CALMING: dict[Step, str] = {
    Step.LISTEN: "you listened",
    Step.APOLOGIZE: "a sincere apology",
    Step.SOLVE: "a concrete next step",
    Step.THANK: "specific thanks",
}

#: The notes' golden question and close variants; :data:`GOLDEN` keeps the S003 patterns that recognise them.
GOLDEN_EXAMPLES: tuple[str, ...] = (
    "What can I do to make this right?",
    "What can we do to make it right for you?",
    "How can I make this right?",
    "What would make this right for you?",
    "What would you like me to do?",
    "How can we put this right?",
)


def _golden() -> Phrases:
    from makeitlast.rules.solve.s003_ask_how_to_help import ASKS

    views = [TextView(s) for s in GOLDEN_EXAMPLES]
    kept = [p for p in ASKS.patterns if any(Phrases.of([p]).first(v, raw=True) for v in views)]
    return Phrases.of(kept, negation=ASKS.negation)


#: The golden question: the patterns of the S003 ask-how-to-help list that match :data:`GOLDEN_EXAMPLES`.
GOLDEN = _golden()


def asks_golden_question(reply: str) -> bool:
    """Does the reply ask the golden question (in a sentence that asks: it has a question mark)?"""
    view = TextView(reply)
    questions = view.question_sentences
    return any(any(a <= s.start < b for a, b in questions) for s in GOLDEN.find(view))


def _reasons() -> Phrases:
    from makeitlast.rules.donts.d001_policy_wall import REASONS

    return REASONS


def gives_reason(reply: str) -> bool:
    """Does the reply say why (D001's reason phrases: "because", "so that", "to protect" ...)?"""
    return _reasons().first(TextView(reply)) is not None


def _cant() -> Phrases:
    from makeitlast.rules.donts.d002_cant_do import CANT

    return CANT


def _boundary() -> Phrases:
    from makeitlast.rules.donts.d012_no_boundary import BOUNDARY

    return BOUNDARY


class SessionOver(RuntimeError):
    """A reply was given after the session ended."""


class MoodChange(BaseModel):
    """One thing that moved the customer's anger, and by how much (+ angrier, - calmer)."""

    model_config = ConfigDict(frozen=True)

    cause: str
    delta: int


class Turn(BaseModel):
    """One exchange: the trainee's reply, the coach's report on it, and the customer's answer."""

    model_config = ConfigDict(extra="forbid")

    #: 1-based.
    index: int
    reply: str
    #: The reply was sent before the customer's message had fully arrived.
    interrupted: bool = False
    #: The customer message parts the reply answered (all of them, unless it interrupted).
    answered: list[str]
    #: The coach's report (L004 added when the reply interrupted).
    report: Report
    #: Coaching from the role-play itself (not in the report's score): granting the exception twice, refusing
    #: it without a reason, a want offered while an ``avoid`` rule fired.
    coaching: list[Finding] = Field(default_factory=list)
    anger_before: int = Field(ge=0, le=3)
    anger: int = Field(ge=0, le=3)
    mood: Mood
    changes: list[MoodChange] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    #: Wants this reply met.
    met: list[Want] = Field(default_factory=list)
    golden_question: bool = False
    #: The customer's answer, in the parts they send (the last message when the session ended).
    messages: list[str]
    ending: Ending | None = None
    ended: bool = False

    @property
    def score(self) -> int:
        return self.report.score


def _label(want: str) -> str:
    return want.replace("_", " ")


def _finding(code: str, message: str, suggestion: str) -> Finding:
    from makeitlast.engine.registry import get_rule

    rule = get_rule(code)
    return Finding(
        code=rule.code,
        name=rule.name,
        step=rule.step,
        severity=rule.severity,
        message=message,
        suggestion=suggestion,
    )


class Session:
    """One role-play of ``scenario``; deterministic for a given ``seed``."""

    def __init__(self, scenario: Scenario, seed: int = 0, *, settings: Settings | None = None) -> None:
        self.scenario = scenario
        self.seed = seed
        self._rng = random.Random(f"{scenario.id}/{seed}")
        self._engine: Engine = get_engine(settings)
        self._last_line: dict[Lines, str] = {}
        self.anger = scenario.starting_anger
        self.revealed = False
        self.met: dict[Want, int] = {}
        self.exception_state: Literal["none", "granted", "refused"] = "none"
        self.boundary_set = False
        self.raging_hits = 0
        self.stalled = 0
        self.turns: list[Turn] = []
        #: The conversation as the coach sees it: customer parts that arrived and the trainee's replies.
        self.history: list[Message] = []
        self._pending: list[str] = list(scenario.opening)
        self.ending: Ending | None = None

    # -- what the trainee sees ------------------------------------------------------------------------------------

    def opening_parts(self) -> list[str]:
        """The customer's first message, in the parts that arrive one after another."""
        return list(self.scenario.opening)

    def pending_parts(self) -> list[str]:
        """The customer message the next reply answers (the opening, a restart, or their last answer)."""
        return list(self._pending)

    @property
    def mood(self) -> Mood:
        return MOODS[self.anger]

    @property
    def ended(self) -> bool:
        return self.ending is not None

    # -- a reply --------------------------------------------------------------------------------------------------

    def reply(self, text: str, *, interrupted: bool = False, seen_parts: int | None = None) -> Turn:
        """The customer's answer to the trainee's reply ``text``.

        ``interrupted``: the reply was sent while the customer was still typing, after ``seen_parts`` of the
        pending message's parts had arrived (default 1); there must be more than one part to interrupt.
        """
        if self.ending is not None:
            raise SessionOver(f"the session has ended ({self.ending}); start a new one")
        pending = self._pending
        if interrupted:
            if len(pending) < 2:
                raise ValueError("nothing to interrupt: the customer's message has arrived in full")
            seen = 1 if seen_parts is None else seen_parts
            if not 1 <= seen < len(pending):
                raise ValueError(f"seen_parts must be from 1 to {len(pending) - 1} for an interruption")
        else:
            seen = len(pending)
        answered = pending[:seen]
        report = self._engine.check(text, "\n".join(answered), list(self.history))
        self.history.extend(Message(role=Role.CUSTOMER, text=p) for p in answered)
        self.history.append(Message(role=Role.AGENT, text=text))
        if interrupted:
            report = self._with_interruption(report, seen, len(pending))

        turn = self._judge(text, report, answered, interrupted)
        self.turns.append(turn)
        self._pending = list(turn.messages) if not turn.ended else []
        if turn.ended:
            self.history.extend(Message(role=Role.CUSTOMER, text=p) for p in turn.messages)
        return turn

    def _with_interruption(self, report: Report, seen: int, parts: int) -> Report:
        from makeitlast.engine.registry import get_rule

        rule = get_rule("L004")
        finding = _finding(
            "L004",
            f"You answered after {seen} of the customer's {parts} messages, while they were still typing. "
            "“Let them finish! When you interrupt an angry person, all they'll do is start over!”",
            "Wait until they have finished (the last message, a pause, a question to you), then answer everything "
            "at once.",
        )
        findings = [finding, *report.findings]
        weights = {**self._engine.weights, rule.code: rule.weight}
        return report.model_copy(
            update={"findings": findings, "score": score_of(report.steps, findings, weights)}
        )

    def _judge(self, text: str, report: Report, answered: list[str], interrupted: bool) -> Turn:
        sc = self.scenario
        codes = {f.code for f in report.findings}
        angering = [code for code in ANGERING if code in codes]
        avoided = [code for code in sc.resolution.avoid if code in codes]
        clean = not angering and not interrupted
        events: list[Event] = []
        changes: list[MoodChange] = []
        coaching: list[Finding] = []
        met_now: list[Want] = []
        progress = False
        before = self.anger

        # angrier
        raised = 0
        if interrupted:
            changes.append(MoodChange(cause="you interrupted: they start over", delta=1))
            raised += 1
        for code in angering:
            if raised >= MAX_RAISE:
                break
            changes.append(MoodChange(cause=f"{ANGERING[code]} ({code})", delta=1))
            raised += 1

        # the boundary an abusive customer needs
        boundary_now = False
        if (
            sc.needs_boundary
            and not self.boundary_set
            and not interrupted
            and "D012" not in codes
            and _boundary().first(TextView(text)) is not None
        ):
            self.boundary_set = boundary_now = True
            events.append("boundary_set")
            changes.append(MoodChange(cause="a calm boundary", delta=-1))
            progress = True

        # calmer
        golden = asks_golden_question(text)
        if not interrupted:
            points = [
                _CALMING[step]
                for step in (Step.LISTEN, Step.APOLOGIZE, Step.SOLVE, Step.THANK)
                if report.steps[step].status is Status.PRESENT
            ]
            drop = 0 if not points else 1 if len(points) <= 2 else 2
            cause = ", ".join(points)
            if drop and "A002" in codes:
                # "Sorry for any inconvenience" is heard as "sorry you feel that way": whatever else the reply
                # does, it does not soothe (the notes: apologize for what happened, not for their feelings)
                changes.append(MoodChange(cause=f"{cause}, but a non-apology (A002): it doesn't land", delta=0))
            elif drop and sc.needs_boundary and not self.boundary_set:
                changes.append(MoodChange(cause=f"{cause}, but no boundary: they keep pushing", delta=0))
            elif drop and angering and drop > 1:
                changes.append(MoodChange(cause=f"{cause}, spoiled by the don'ts", delta=-1))
            elif drop:
                changes.append(MoodChange(cause=cause, delta=-drop))

            # the golden question
            if golden and not self.revealed and clean:
                self.revealed = True
                events.append("reveal")
                progress = True
            # wants (an abusive customer takes nothing until the boundary is set)
            if clean and not (sc.needs_boundary and not self.boundary_set):
                offered = [w for w in sc.hidden_wants if w not in self.met and self._offers(w, text, report)]
                if offered and avoided:
                    names = ", ".join(f"{c} {self._rule_name(c)}" for c in avoided)
                    wants = ", ".join(_label(w) for w in offered)
                    coaching.append(
                        _finding(
                            avoided[0],
                            f"You offered {wants}, but with {names}: the customer doesn't take it yet.",
                            "Offer it again without that (see that finding's suggestion).",
                        )
                    )
                    offered = []
                for want in offered:
                    if sc.exception is not None and want == sc.exception.want:
                        self.exception_state = "granted"
                        events.append("exception_granted")
                    self.met[want] = len(self.turns) + 1
                    met_now.append(want)
                if met_now:
                    events.append("want_met")
                    progress = True
                    if needed := [w for w in met_now if w in sc.resolution.wants]:
                        changes.append(
                            MoodChange(
                                cause="you offered what they want: " + ", ".join(map(_label, needed)),
                                delta=-1,
                            )
                        )
            # the exception, asked again
            if sc.exception is not None and self.exception_state == "granted" and not met_now:
                progress |= self._exception_again(text, report, codes, coaching, events)

        if sc.needs_boundary and not self.boundary_set and not interrupted and "D012" not in codes:
            coaching.append(
                _finding(
                    "D012",
                    "The customer is insulting you and the reply sets no boundary, so they keep pushing: nothing "
                    "calms them and they take nothing you offer. “Set boundaries, stand firm, be assertive.”",
                    "Set a calm boundary and keep helping: “I want to help you with this, and I'll ask that we keep "
                    "it respectful. Here's what I can do: …”",
                )
            )

        delta = sum(c.delta for c in changes)
        after = max(0, min(3, before + delta))
        if after < before:
            progress = True
        if raised and after == 3:
            self.raging_hits += 1
        self.stalled = 0 if progress else self.stalled + 1
        self.anger = after

        ending = self._ending(clean and not avoided, after)
        if ending is None and golden and not self.revealed and angering and not interrupted:
            coaching.append(
                _finding(
                    angering[0],
                    f"You asked the golden question, but with {ANGERING[angering[0]]}: the customer doesn't open "
                    "up.",
                    "Ask it on its own, after listening and apologizing: “What can I do to make this right?”",
                )
            )
        messages = self._answer(ending, interrupted, events, met_now, boundary_now, raised > 0)
        if ending is not None:
            self.ending = ending
        return Turn(
            index=len(self.turns) + 1,
            reply=text,
            interrupted=interrupted,
            answered=answered,
            report=report,
            coaching=coaching,
            anger_before=before,
            anger=after,
            mood=MOODS[after],
            changes=changes,
            events=events,
            met=met_now,
            golden_question=golden,
            messages=messages,
            ending=ending,
            ended=ending is not None,
        )

    def _exception_again(
        self, text: str, report: Report, codes: set[str], coaching: list[Finding], events: list[Event]
    ) -> bool:
        """The reply to the customer asking for the exception again: refused with the reason, or not."""
        exc = self.scenario.exception
        assert exc is not None
        grant = offer_phrases(self.scenario.resolution.offers[exc.want])
        view = TextView(text)
        granted = grant.find(view)
        # "I refunded the coat as a one-off, but I can't refund the boots": a refusal that mentions the first grant
        refuses = len(grant.find(view, raw=True)) > len(granted) or _cant().first(view, raw=True) is not None
        if granted and not refuses:
            events.append("exception_granted_again")
            coaching.append(
                _finding(
                    "D012",
                    "You granted the exception a second time. “Maybe make an allowance once, but explain why the "
                    "policy's in place”, and “don't let customers take advantage of you”.",
                    f"Refuse this time, and say why: “I can't do that again, because {exc.reason} Here's what "
                    "I can do: …”",
                )
            )
            return False
        if "D001" in codes:
            return False  # the policy wall is already a finding of its own
        if gives_reason(text):
            self.exception_state = "refused"
            events.append("exception_refused")
            return True
        coaching.append(
            _finding(
                "D001",
                "You didn't grant the exception again, but you didn't say why the policy exists either.",
                f"Give the reason with the no: “… because {exc.reason}”",
            )
        )
        return False

    def _rule_name(self, code: str) -> str:
        from makeitlast.engine.registry import get_rule

        return get_rule(code).name

    # -- wants ----------------------------------------------------------------------------------------------------

    def _offers(self, want: Want, text: str, report: Report) -> bool:
        """Does the reply offer ``want`` (the scenario's phrases, or the built-in check)?"""
        phrases = self.scenario.resolution.offers.get(want)
        if phrases:
            return offer_phrases(phrases).first(TextView(text)) is not None
        steps = report.steps
        if want == "apology":
            return steps[Step.APOLOGIZE].status is Status.PRESENT
        if want == "appreciation":
            return steps[Step.THANK].status is Status.PRESENT
        if want == "dignity":
            return steps[Step.LISTEN].status is Status.PRESENT
        if want == "explanation":
            return gives_reason(text)
        return False  # repair, refund and future_credit always have offers (the scenario checks it)

    def _wants_done(self) -> bool:
        res = self.scenario.resolution
        done = [w in self.met for w in res.wants]
        return all(done) if res.require == "all" else any(done)

    # -- endings and answers --------------------------------------------------------------------------------------

    def _ending(self, clean: bool, anger: int) -> Ending | None:
        sc = self.scenario
        if (
            clean
            and anger <= 2
            and self._wants_done()
            and (sc.exception is None or self.exception_state == "refused")
            and (not sc.needs_boundary or self.boundary_set)
        ):
            return "resolved"
        if self.raging_hits >= sc.walk_away.raging_times:
            return sc.walk_away.raging_ending
        if self.stalled >= sc.walk_away.stalled_turns or len(self.turns) + 1 >= sc.max_turns:
            return "walked_away"
        return None

    def _pick(self, lines: Lines) -> str:
        options = [line for line in lines if line != self._last_line.get(lines)] or list(lines)
        line = self._rng.choice(options)
        self._last_line[lines] = line
        return line

    def _answer(
        self,
        ending: Ending | None,
        interrupted: bool,
        events: list[Event],
        met_now: Sequence[Want],
        boundary_now: bool,
        raised: bool,
    ) -> list[str]:
        ev = self.scenario.events
        if ending == "resolved":
            events.append("resolved")
            return [self._pick(ev.resolved)]
        if ending == "escalated":
            events.append("escalate")
            return [self._pick(ev.escalate)]
        if ending == "walked_away":
            events.append("walk_away")
            return [self._pick(ev.walk_away)]
        if interrupted:
            events.insert(0, "restart")
            return [self._pick(ev.restart), *self.scenario.opening]
        out: list[str] = []
        if boundary_now and ev.boundary is not None:
            out.append(self._pick(ev.boundary))
        # a reply that angered them is never answered with a calm line
        mood = MOODS[max(self.anger, 1)] if raised else self.mood
        if self.exception_state == "granted":  # granted once: they ask again until refused with the reason
            assert ev.ask_exception_again is not None
            if raised:
                out.append(self._pick(self.scenario.mood_lines(mood)))
            events.append("ask_exception_again")
            out.append(self._pick(ev.ask_exception_again))
            return out
        if "reveal" in events:
            out.append(self._pick(ev.reveal))
            return out
        out.append(self._pick(self.scenario.mood_lines(mood)))
        if self.revealed and not met_now and ev.remind is not None and not self._wants_done():
            events.append("remind")
            out.append(self._pick(ev.remind))
        return out
