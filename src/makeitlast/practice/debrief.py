"""The debrief after a role-play: what happened, what the coach saw, what to do better.

:func:`build_debrief` turns a played :class:`~makeitlast.practice.simulator.Session` into a :class:`Debrief`:

* the **transcript**, each trainee reply with its findings (code, the flagged words as spans into the reply, the
  suggested wording), the role-play's own coaching (an exception granted twice ...), its L.A.S.T. steps and score;
* the **steps over the session**: each step's status in each reply;
* **what went well** and the **top three to improve**: findings grouped by code, ranked by severity, then what
  angered the customer (the don'ts, an interruption, never asking the golden question when it failed), then how
  often, each with the better wording from its suggestion;
* the **session score**, 0-100::

      turn score    = the coach's score of the reply (RUBRIC section 5), with L004's weight (10) taken off a reply
                      that interrupted the customer
      mean          = the mean of the turn scores (0 when there are none)
      adjustment    = +10 resolved, -15 walked away, -20 escalated, -10 unfinished (the replies ran out first)
      session score = clamp(round(mean + adjustment), 0, 100)

:meth:`Debrief.render` gives it as Rich text; ``model_dump(mode="json")`` as JSON.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from makeitlast.model import STEPS, Finding, Severity, Status, Step, StepResult, Want
from makeitlast.practice.scenario import MOODS, Ending, Mood
from makeitlast.practice.simulator import ANGERING, Event, Turn

if TYPE_CHECKING:
    from rich.console import Group

    from makeitlast.practice.simulator import Session

__all__ = [
    "ENDING_ADJUSTMENT",
    "Debrief",
    "Improvement",
    "StepsRow",
    "TranscriptEntry",
    "build_debrief",
    "session_score",
]

StepMark = Literal["present", "weak", "missing", "n/a"]

#: Points added to the mean turn score for each way the session ended (``None``: the replies ran out first).
ENDING_ADJUSTMENT: dict[Ending | None, int] = {
    "resolved": 10,
    "walked_away": -15,
    "escalated": -20,
    None: -10,
}

_STEP_LABEL = {Step.LISTEN: "Listened", Step.APOLOGIZE: "Apologized", Step.SOLVE: "Gave a concrete step",
               Step.THANK: "Thanked them specifically"}  # fmt: skip
_WANT_LABEL = {"future_credit": "future credit"}


def _want(w: str) -> str:
    return _WANT_LABEL.get(w, w)


def _mark(result: StepResult) -> StepMark:
    return "n/a" if not result.applicable else result.status.value


class TranscriptEntry(BaseModel):
    """One message of the role-play."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["customer", "trainee"]
    text: str
    #: A trainee reply's turn number; for a customer message, the turn it came after (0: the opening).
    turn: int
    #: The customer's mood when they wrote it (customer messages).
    mood: Mood | None = None
    #: What happened on the turn this customer message answers (reveal, restart, resolved ...).
    events: list[Event] = Field(default_factory=list)
    interrupted: bool = False
    findings: list[Finding] = Field(default_factory=list)
    coaching: list[Finding] = Field(default_factory=list)
    steps: dict[Step, StepMark] | None = None
    score: int | None = None


class StepsRow(BaseModel):
    """The L.A.S.T. steps of one reply."""

    turn: int
    listen: StepMark
    apologize: StepMark
    solve: StepMark
    thank: StepMark
    score: int
    #: The customer's mood after the reply.
    mood: Mood


class Improvement(BaseModel):
    """One of the top things to do better: a rule that fired (or the role-play's coaching), with the better
    wording."""

    code: str
    name: str
    severity: Severity
    #: How many times it came up, and in which replies.
    times: int
    turns: list[int]
    #: The flagged words, the first time (when the finding has a span).
    words: str | None = None
    message: str
    suggestion: str | None = None


class Debrief(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario_id: str
    title: str
    industry: str
    customer: str
    seed: int
    ending: Ending | None
    anger_start: int
    anger_end: int
    hidden_wants: list[Want]
    #: The reply that got the customer to say what they want (the golden question), if any.
    revealed_at: int | None = None
    #: Each want met, and the reply that met it.
    met: dict[Want, int] = Field(default_factory=dict)
    transcript: list[TranscriptEntry]
    steps: list[StepsRow]
    went_well: list[str]
    improve: list[Improvement]
    turn_scores: list[int]
    mean_turn_score: float
    ending_adjustment: int
    score: int = Field(ge=0, le=100)

    def render(self, *, ascii: bool = False) -> Group:
        """The debrief as Rich renderables (``Console.print`` it)."""
        return _render(self, ascii=ascii)

    def to_text(self, *, width: int = 100, color: bool = False, ascii: bool = False) -> str:
        """The rendering as a string (plain unless ``color``)."""
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=width,
            color_system="standard" if color else None,
            force_terminal=color,
            highlight=False,
            emoji=False,
        )
        console.print(self.render(ascii=ascii))
        return buffer.getvalue()


def session_score(turn_scores: Sequence[int], ending: Ending | None) -> tuple[float, int, int]:
    """(mean turn score, ending adjustment, session score) by the formula in the module docstring."""
    mean = sum(turn_scores) / len(turn_scores) if turn_scores else 0.0
    adjustment = ENDING_ADJUSTMENT[ending]
    return mean, adjustment, max(0, min(100, round(mean + adjustment)))


# --- building ----------------------------------------------------------------------------------------------


def _transcript(session: Session) -> list[TranscriptEntry]:
    out: list[TranscriptEntry] = []
    mood: Mood = MOODS[session.scenario.starting_anger]
    events: list[Event] = []
    after = 0
    for turn in session.turns:
        out.extend(
            TranscriptEntry(
                role="customer", text=part, turn=after, mood=mood, events=events if i == 0 else []
            )
            for i, part in enumerate(turn.answered)
        )
        out.append(
            TranscriptEntry(
                role="trainee",
                text=turn.reply,
                turn=turn.index,
                interrupted=turn.interrupted,
                findings=list(turn.report.findings),
                coaching=list(turn.coaching),
                steps={s: _mark(turn.report.steps[s]) for s in STEPS},
                score=turn.report.score,
            )
        )
        mood, events, after = turn.mood, list(turn.events), turn.index
    tail = (
        session.pending_parts()
        if not session.ended
        else (session.turns[-1].messages if session.turns else [])
    )
    if not session.turns:
        tail = session.opening_parts()
    out.extend(
        TranscriptEntry(role="customer", text=part, turn=after, mood=mood, events=events if i == 0 else [])
        for i, part in enumerate(tail)
    )
    return out


def _went_well(session: Session, turns: list[Turn]) -> list[str]:
    sc = session.scenario
    n = len(turns)
    out: list[str] = []
    if not n:
        return out
    if session.ending == "resolved":
        out.append(f"Resolved: {sc.persona.name} left satisfied after {n} repl{'y' if n == 1 else 'ies'}.")
    if not any(t.interrupted for t in turns):
        out.append("You let them finish: no reply interrupted the customer.")
    for step in STEPS:
        present = [t for t in turns if t.report.steps[step].status is Status.PRESENT]
        if present and len(present) * 2 >= n:
            evidence = next(
                (t.report.steps[step].evidence[0].text for t in present if t.report.steps[step].evidence),
                None,
            )
            quote = f" (“{_clip(evidence)}”)" if evidence else ""
            out.append(f"{_STEP_LABEL[step]} in {len(present)} of {n} replies{quote}.")
    if session.revealed:
        at = next((t.index for t in turns if "reveal" in t.events), None)
        out.append(f"Asked the golden question (reply {at}) and learned what they wanted.")
    if session.met:
        met = ", ".join(f"{_want(w)} (reply {i})" for w, i in session.met.items())
        out.append(f"Offered what they wanted: {met}.")
    if sc.exception is not None and session.exception_state == "refused":
        out.append("Granted the exception once, then refused it the second time with the reason.")
    if sc.needs_boundary and session.boundary_set:
        out.append("Set a calm boundary and kept helping.")
    if not any(f.step is Step.DONTS for t in turns for f in t.report.findings):
        out.append("No don'ts in any reply.")
    if session.anger < sc.starting_anger:
        out.append(f"The customer went from {MOODS[sc.starting_anger]} to {MOODS[session.anger]}.")
    return out


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _improve(session: Session, turns: list[Turn]) -> list[Improvement]:
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for t in turns:
        for f in (*t.coaching, *t.report.findings):
            groups.setdefault(f.code, []).append((t.index, f))
    if (
        turns
        and not session.revealed
        and session.ending != "resolved"
        and not any(t.golden_question for t in turns)
    ):
        from makeitlast.engine.registry import get_rule

        rule = get_rule("S003")
        groups.setdefault("S003", []).insert(
            0,
            (
                0,
                Finding(
                    code=rule.code,
                    name=rule.name,
                    step=rule.step,
                    severity=Severity.WARNING,
                    message="You never asked the golden question, so the customer never told you what would make it "
                    "right. “You can't know how to make it right until they tell you.”",
                    suggestion="Ask it once you've listened and apologized: “What can I do to make this right?”",
                ),
            ),
        )
    ranked = sorted(
        groups.items(),
        key=lambda kv: (
            -max(f.severity.rank for _i, f in kv[1]),
            # what angered the customer (the don'ts, an interruption) and the session's own lesson come first
            -(kv[0] in ANGERING or kv[0] == "L004" or kv[1][0][0] == 0),
            -len(kv[1]),
            min(i for i, _f in kv[1]),
            kv[0],
        ),
    )
    out: list[Improvement] = []
    for code, items in ranked[:3]:
        first = items[0][1]
        words = next((f.span.text for _i, f in items if f.span is not None), None)
        suggestion = next((f.suggestion for _i, f in items if f.suggestion), None)
        out.append(
            Improvement(
                code=code,
                name=first.name,
                severity=max((f.severity for _i, f in items), key=lambda s: s.rank),
                times=len(items),
                turns=sorted({i for i, _f in items if i}),
                words=words,
                message=first.message,
                suggestion=suggestion,
            )
        )
    return out


def build_debrief(session: Session) -> Debrief:
    """The debrief of a session (finished or not)."""
    sc = session.scenario
    turns = session.turns
    scores = [t.report.score for t in turns]
    mean, adjustment, total = session_score(scores, session.ending)
    return Debrief(
        scenario_id=sc.id,
        title=sc.title,
        industry=sc.industry,
        customer=sc.persona.name,
        seed=session.seed,
        ending=session.ending,
        anger_start=sc.starting_anger,
        anger_end=session.anger,
        hidden_wants=list(sc.hidden_wants),
        revealed_at=next((t.index for t in turns if "reveal" in t.events), None),
        met=dict(session.met),
        transcript=_transcript(session),
        steps=[
            StepsRow(
                turn=t.index,
                listen=_mark(t.report.steps[Step.LISTEN]),
                apologize=_mark(t.report.steps[Step.APOLOGIZE]),
                solve=_mark(t.report.steps[Step.SOLVE]),
                thank=_mark(t.report.steps[Step.THANK]),
                score=t.report.score,
                mood=t.mood,
            )
            for t in turns
        ],
        went_well=_went_well(session, turns),
        improve=_improve(session, turns),
        turn_scores=scores,
        mean_turn_score=round(mean, 1),
        ending_adjustment=adjustment,
        score=total,
    )


# --- rendering ---------------------------------------------------------------------------------------------

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.ADVICE: "cyan"}
_MARK_STYLE: dict[StepMark, str] = {"present": "green", "weak": "yellow", "missing": "red", "n/a": "dim"}
_MOOD_STYLE: dict[Mood, str] = {"calm": "green", "annoyed": "yellow", "angry": "red", "raging": "bold red"}
_ENDING_TEXT: dict[Ending | None, tuple[str, str]] = {
    "resolved": ("resolved", "bold green"),
    "escalated": ("escalated", "bold red"),
    "walked_away": ("walked away", "bold red"),
    None: ("unfinished", "yellow"),
}


def _symbols(ascii: bool) -> dict[str, str]:
    if ascii:
        return {
            "present": "+",
            "weak": "~",
            "missing": "-",
            "n/a": "n/a",
            "try": "->",
            "bullet": "*",
            "q": '"',
        }
    return {"present": "●", "weak": "◐", "missing": "○", "n/a": "n/a", "try": "↳", "bullet": "•", "q": "“"}


def _render(d: Debrief, *, ascii: bool) -> Group:
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    sym = _symbols(ascii)
    q_open, q_close = (sym["q"], sym["q"]) if ascii else ("“", "”")
    parts: list[object] = []
    ending, ending_style = _ENDING_TEXT[d.ending]
    head = Text()
    head.append(d.title, style="bold")
    head.append(f"  ({d.industry}, customer: {d.customer}, seed {d.seed})", style="dim")
    parts.append(head)
    line = Text("Ending: ")
    line.append(ending, style=ending_style)
    line.append(f"   mood {MOODS[d.anger_start]} -> {MOODS[d.anger_end]}", style="dim")
    parts.append(line)

    parts.append(Rule("Transcript", style="dim", characters="-" if ascii else "─"))
    for entry in d.transcript:
        if entry.role == "customer":
            t = Text()
            t.append(f"{d.customer}: ", style="bold magenta")
            t.append(entry.text)
            if entry.mood:
                t.append(f"  [{entry.mood}]", style=_MOOD_STYLE[entry.mood])
            parts.append(t)
            continue
        t = Text()
        t.append(f"You ({entry.turn}){' [interrupted]' if entry.interrupted else ''}: ", style="bold cyan")
        offset = len(t)
        t.append(entry.text)
        for f in entry.findings:
            if f.span is not None:
                t.stylize(
                    f"underline {_SEVERITY_STYLE[f.severity]}", offset + f.span.start, offset + f.span.end
                )
        parts.append(t)
        for f in (*entry.coaching, *entry.findings):
            ft = Text("    ")
            ft.append(f.code, style=f"bold {_SEVERITY_STYLE[f.severity]}")
            ft.append(f" {f.severity.value} {f.name}", style=_SEVERITY_STYLE[f.severity])
            if f.span is not None:
                ft.append(f"  {q_open}{f.span.text}{q_close}", style="bold")
            parts.append(ft)
            if f.suggestion:
                parts.append(Text(f"      {sym['try']} {f.suggestion}", style="green"))
        if entry.steps is not None:
            meter = Text("    ")
            for step in STEPS:
                mark = entry.steps[step]
                meter.append(f"{step.value[0].upper()} ", style="bold")
                meter.append(f"{sym[mark]}  ", style=_MARK_STYLE[mark])
            meter.append(f"score {entry.score}", style="bold")
            parts.append(meter)

    parts.append(Rule("L.A.S.T. over the session", style="dim", characters="-" if ascii else "─"))
    table = Table(show_edge=False, header_style="bold", box=None, pad_edge=False)
    for column in ("reply", "Listen", "Apologize", "Solve", "Thank", "score", "mood after"):
        table.add_column(column, justify="right" if column in ("reply", "score") else "left")
    for row in d.steps:
        cells = [
            Text(f"{sym[m]} {m}", style=_MARK_STYLE[m])
            for m in (row.listen, row.apologize, row.solve, row.thank)
        ]
        table.add_row(str(row.turn), *cells, str(row.score), Text(row.mood, style=_MOOD_STYLE[row.mood]))
    parts.append(table if d.steps else Text("No replies.", style="dim"))

    parts.append(Rule("What went well", style="dim", characters="-" if ascii else "─"))
    if d.went_well:
        parts.extend(Text(f"{sym['bullet']} {w}", style="green") for w in d.went_well)
    else:
        parts.append(Text("Not much yet: start with listening and a sincere apology.", style="dim"))

    parts.append(Rule("Top three to improve", style="dim", characters="-" if ascii else "─"))
    if not d.improve:
        parts.append(Text("Nothing to improve: well done.", style="green"))
    for n, imp in enumerate(d.improve, 1):
        t = Text(f"{n}. ")
        t.append(f"{imp.code} {imp.name}", style=f"bold {_SEVERITY_STYLE[imp.severity]}")
        where = (
            f"replies {', '.join(map(str, imp.turns))}"
            if len(imp.turns) > 1
            else (f"reply {imp.turns[0]}" if imp.turns else "the session")
        )
        t.append(f"  ({imp.times}x, {where})", style="dim")
        parts.append(t)
        if imp.words:
            parts.append(Text(f"   you wrote: {q_open}{imp.words}{q_close}"))
        parts.append(Text(f"   {imp.message}"))
        if imp.suggestion:
            parts.append(Text(f"   {sym['try']} better: {imp.suggestion}", style="green"))

    parts.append(Rule("Score", style="dim", characters="-" if ascii else "─"))
    score = Text()
    score.append(f"{d.score}/100", style="bold")
    scores = ", ".join(map(str, d.turn_scores)) or "none"
    score.append(
        f"  = mean of reply scores ({scores}) {d.mean_turn_score:g} {d.ending_adjustment:+d} for {ending}",
        style="dim",
    )
    parts.append(score)
    return Group(*parts)  # type: ignore[arg-type]
