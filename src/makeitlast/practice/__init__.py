"""Role-play practice against simulated difficult customers (RUBRIC section 6: "Preparation; roleplay; skill
practice").

* :mod:`~makeitlast.practice.scenario`: scenarios as TOML data (``scenarios/*.toml``; the format is in
  ``docs/practice.md``), validated with clear errors.
* :mod:`~makeitlast.practice.simulator`: :class:`Session`, the simulated customer whose mood follows the coach's
  report on each reply.
* :mod:`~makeitlast.practice.debrief`: the debrief (transcript with findings, steps per turn, what went well, the
  top three to improve, the session score), as JSON or Rich text.
* :mod:`~makeitlast.practice.run`: :func:`run_scripted` (replies given up front) and :func:`play` (the terminal
  app); both return a :class:`SessionResult`, serialisable with ``model_dump(mode="json")``.
* :mod:`~makeitlast.practice.history`: :func:`save_session` stores a played session for a trainee,
  :func:`progress` reads their sessions back with the progress over them (score trend, endings, the don'ts that
  became rarer).

The names below are imported when first used, so that importing a sibling module (``makeitlast.practice.plan``)
does not load the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from makeitlast.practice.debrief import Debrief, build_debrief
    from makeitlast.practice.history import Progress, SessionRecord, progress, save_session
    from makeitlast.practice.run import ScriptError, SessionResult, play, result_of, run_scripted
    from makeitlast.practice.scenario import (
        Scenario,
        ScenarioError,
        UnknownScenario,
        builtin_scenarios,
        find_scenario,
        load_scenario,
        load_scenarios,
    )
    from makeitlast.practice.simulator import Session, SessionOver, Turn

_WHERE = {
    "Debrief": "debrief",
    "build_debrief": "debrief",
    "Progress": "history",
    "SessionRecord": "history",
    "progress": "history",
    "save_session": "history",
    "ScriptError": "run",
    "SessionResult": "run",
    "play": "run",
    "result_of": "run",
    "run_scripted": "run",
    "Scenario": "scenario",
    "ScenarioError": "scenario",
    "UnknownScenario": "scenario",
    "builtin_scenarios": "scenario",
    "find_scenario": "scenario",
    "load_scenario": "scenario",
    "load_scenarios": "scenario",
    "Session": "simulator",
    "SessionOver": "simulator",
    "Turn": "simulator",
}

__all__ = [
    "Debrief",
    "Progress",
    "Scenario",
    "ScenarioError",
    "ScriptError",
    "Session",
    "SessionOver",
    "SessionRecord",
    "SessionResult",
    "Turn",
    "UnknownScenario",
    "build_debrief",
    "builtin_scenarios",
    "find_scenario",
    "load_scenario",
    "load_scenarios",
    "play",
    "progress",
    "result_of",
    "run_scripted",
    "save_session",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'makeitlast.practice' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"makeitlast.practice.{module}"), name)
    globals()[name] = value
    return value
