"""Running a role-play: scripted (all replies given up front, for the CLI, tests and trainers' checks) or
interactive in a terminal.

Both return a :class:`SessionResult`: the scenario, the seed, how it ended, every turn (reply, coach's report,
mood, the customer's answer) and the :class:`~makeitlast.practice.debrief.Debrief`. It is plain data:
``result.model_dump(mode="json")`` is what a store of trainees' sessions keeps, and
``SessionResult.model_validate(data)`` reads it back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from makeitlast.engine.config import Settings
from makeitlast.practice.debrief import Debrief, TranscriptEntry, build_debrief
from makeitlast.practice.scenario import Ending, Scenario, find_scenario
from makeitlast.practice.simulator import Session, Turn

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["ReplyLike", "ScriptError", "SessionResult", "play", "result_of", "run_scripted"]

#: A scripted reply: its text, or ``{"text": ..., "interrupt": true, "seen": 1}`` (``seen``: how many of the
#: customer's parts had arrived when it was sent; default 1).
ReplyLike = str | Mapping[str, Any]

_STILL_TYPING = "(customer is still typing… press Enter to wait, or type a reply) "
_PROMPT = "you> "
_QUIT = frozenset({"/quit", "/q", "/exit"})


class ScriptError(ValueError):
    """A scripted reply that cannot be played (wrong shape, an interruption with nothing to interrupt)."""


class SessionResult(BaseModel):
    """A played role-play."""

    model_config = ConfigDict(extra="forbid")

    scenario_id: str
    title: str
    seed: int
    ending: Ending | None
    score: int = Field(ge=0, le=100)
    turns: list[Turn]
    debrief: Debrief
    #: Scripted replies left over when the session ended before they were used.
    unused_replies: int = 0

    @property
    def transcript(self) -> list[TranscriptEntry]:
        return self.debrief.transcript

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def result_of(session: Session, *, unused_replies: int = 0) -> SessionResult:
    """The result of a session, finished or not."""
    debrief = build_debrief(session)
    return SessionResult(
        scenario_id=session.scenario.id,
        title=session.scenario.title,
        seed=session.seed,
        ending=session.ending,
        score=debrief.score,
        turns=list(session.turns),
        debrief=debrief,
        unused_replies=unused_replies,
    )


def _parse_reply(i: int, item: ReplyLike) -> tuple[str, bool, int | None]:
    text: object
    interrupt: object
    seen: object
    if isinstance(item, str):
        text, interrupt, seen = item, False, None
    elif isinstance(item, Mapping):
        unknown = set(item) - {"text", "interrupt", "seen"}
        if unknown:
            keys = ", ".join(sorted(map(str, unknown)))
            raise ScriptError(f"replies[{i}]: unknown key(s) {keys} (use text, interrupt, seen)")
        text = item.get("text")
        interrupt = item.get("interrupt", False)
        seen = item.get("seen")
        if not isinstance(interrupt, bool):
            raise ScriptError(f"replies[{i}]: interrupt must be true or false")
        if seen is not None and (not isinstance(seen, int) or isinstance(seen, bool) or seen < 1):
            raise ScriptError(f"replies[{i}]: seen must be a whole number of parts, 1 or more")
    else:
        raise ScriptError(f"replies[{i}]: expected a string or an object with text (and interrupt)")
    if not isinstance(text, str) or not text.strip():
        raise ScriptError(f"replies[{i}]: the reply text is empty")
    return text, interrupt, seen


def run_scripted(
    scenario: str | Path | Scenario,
    replies: Sequence[ReplyLike],
    seed: int = 0,
    *,
    scenarios_dir: str | Path | None = None,
    settings: Settings | None = None,
) -> SessionResult:
    """Play ``scenario`` (an id, a ``.toml`` path or a :class:`Scenario`) with the trainee's ``replies`` in order,
    until the session ends or the replies run out."""
    sc = scenario if isinstance(scenario, Scenario) else find_scenario(scenario, scenarios_dir)
    parsed = [_parse_reply(i, r) for i, r in enumerate(replies)]
    session = Session(sc, seed, settings=settings)
    used = 0
    for i, (text, interrupt, seen) in enumerate(parsed):
        if session.ended:
            break
        try:
            session.reply(text, interrupted=interrupt, seen_parts=seen)
        except ValueError as e:
            raise ScriptError(f"replies[{i}]: {e}") from None
        used += 1
    return result_of(session, unused_replies=len(parsed) - used)


# --- the terminal app --------------------------------------------------------------------------------------


def _say(console: Console, name: str, text: str) -> None:
    from rich.text import Text

    line = Text()
    line.append(f"{name}: ", style="bold magenta")
    line.append(text)
    console.print(line)


def _briefing(console: Console, sc: Scenario) -> None:
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    body.append(sc.situation.summary + "\n")
    for fact in sc.situation.facts:
        body.append(f"  - {fact}\n", style="dim")
    body.append(f"\n{sc.persona.name}: {sc.persona.style}\n", style="italic")
    body.append(
        "\nAnswer as you would at work. The customer types in parts: let them finish. Type /quit to stop; the "
        "debrief follows.",
        style="dim",
    )
    console.print(Panel(body, title=f"{sc.title} ({sc.industry})", title_align="left"))


def play(
    scenario: Scenario,
    seed: int = 0,
    input_fn: Callable[[str], str] = input,
    output: Console | None = None,
    typing_delay: float = 0.8,
    *,
    settings: Settings | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SessionResult:
    """Play ``scenario`` in a terminal: the customer "types" each message in parts (``typing_delay`` seconds
    apart); between parts the trainee may press Enter to wait, or type a reply, which interrupts. Then turns until
    an ending (or ``/quit``, or end of input), then the debrief is printed. Returns the result."""
    from rich.console import Console
    from rich.text import Text

    console = output or Console(highlight=False)
    session = Session(scenario, seed, settings=settings)
    _briefing(console, scenario)
    name = scenario.persona.name.split()[0]
    quit_ = False
    while not session.ended and not quit_:
        parts = session.pending_parts()
        sent: tuple[str, int] | None = None
        for i, part in enumerate(parts):
            if typing_delay > 0:
                sleep(typing_delay)
            _say(console, name, part)
            if i < len(parts) - 1:
                try:
                    early = input_fn(_STILL_TYPING)
                except EOFError:
                    quit_ = True
                    break
                if early.strip().lower() in _QUIT:
                    quit_ = True
                    break
                if early.strip():
                    sent = (early.strip(), i + 1)
                    break
        if quit_:
            break
        if sent is not None:
            text, seen = sent
            turn = session.reply(text, interrupted=True, seen_parts=seen)
        else:
            text = ""
            while not text:
                try:
                    text = input_fn(_PROMPT).strip()
                except EOFError:
                    quit_ = True
                    break
            if quit_ or text.lower() in _QUIT:
                break
            turn = session.reply(text)
        if turn.anger != turn.anger_before:
            console.print(
                Text(f"({name} went from {_mood(turn.anger_before)} to {turn.mood})", style="dim italic")
            )
        if turn.ended:
            for part in turn.messages:
                if typing_delay > 0:
                    sleep(typing_delay)
                _say(console, name, part)
    result = result_of(session)
    console.print()
    console.print(result.debrief.render())
    return result


def _mood(anger: int) -> str:
    from makeitlast.practice.scenario import MOODS

    return MOODS[anger]
