"""Scripted runs and the terminal app."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from practice_paths import GOOD
from rich.console import Console

from makeitlast.practice import ScriptError, UnknownScenario, find_scenario, play, run_scripted

BUILTIN = Path(__file__).parents[2] / "src" / "makeitlast" / "practice" / "scenarios"


def test_run_scripted_by_path_and_with_objects() -> None:
    replies: list[str | dict[str, object]] = [
        {"text": "Please DM us your tag number.", "interrupt": True},
        {"text": GOOD["airline-lost-bag"][0]},
        GOOD["airline-lost-bag"][1],
    ]
    result = run_scripted(BUILTIN / "airline-lost-bag.toml", replies)
    assert result.turns[0].interrupted and "restart" in result.turns[0].events
    assert result.ending == "resolved"


def test_run_scripted_errors() -> None:
    with pytest.raises(UnknownScenario):
        run_scripted("nope", ["Hi"])
    with pytest.raises(ScriptError, match=r"replies\[1\]: the reply text is empty"):
        run_scripted("airline-lost-bag", ["Hi", "  "])
    with pytest.raises(ScriptError, match=r"replies\[0\]: unknown key"):
        run_scripted("airline-lost-bag", [{"txt": "Hi"}])
    with pytest.raises(ScriptError, match=r"replies\[0\]: interrupt must be"):
        run_scripted("airline-lost-bag", [{"text": "Hi", "interrupt": "yes"}])
    with pytest.raises(ScriptError, match=r"replies\[1\]: nothing to interrupt"):
        run_scripted("airline-lost-bag", [GOOD["airline-lost-bag"][0], {"text": "Hi", "interrupt": True}])


def inputs(answers: Iterable[str]) -> tuple[Callable[[str], str], list[str]]:
    it = iter(answers)
    prompts: list[str] = []

    def fn(prompt: str) -> str:
        prompts.append(prompt)
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return fn, prompts


def test_play_in_the_terminal_with_an_interruption() -> None:
    sc = find_scenario("airline-lost-bag")
    # wait, interrupt after the second part; then let the restarted story (4 parts) finish
    fn, prompts = inputs(["", "Sorry, what's the tag?", "", "", "", *GOOD[sc.id]])
    buffer = io.StringIO()
    slept: list[float] = []
    result = play(sc, 0, fn, Console(file=buffer, width=120), 0.5, sleep=slept.append)
    out = buffer.getvalue()
    # waited once, then typed over the second part: an interruption after two parts
    assert prompts[0].startswith("(customer is still typing") and prompts[1].startswith(
        "(customer is still typing"
    )
    first = result.turns[0]
    assert first.interrupted and len(first.answered) == 2
    assert result.ending == "resolved"
    assert "Dana:" in out and "Top three to improve" in out and sc.title in out
    assert slept and all(s == 0.5 for s in slept)


def test_play_quits_and_still_debriefs() -> None:
    fn, _ = inputs(["", "", "/quit"])
    buffer = io.StringIO()
    result = play(find_scenario("airline-lost-bag"), 0, fn, Console(file=buffer, width=100), 0)
    assert result.ending is None and not result.turns
    assert "unfinished" in buffer.getvalue()
    fn, _ = inputs([])  # end of input at the first prompt
    assert play(find_scenario("late-delivery"), 0, fn, Console(file=io.StringIO()), 0).turns == []


def test_the_package_exports_lazily() -> None:
    import makeitlast.practice as practice

    assert sorted(practice.__all__) == sorted(practice._WHERE)
    assert practice.run_scripted is run_scripted
    with pytest.raises(AttributeError):
        _ = practice.nothing_here
