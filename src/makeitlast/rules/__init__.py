"""The rules: one file per rule under ``rules/<step>/``, collected by :func:`makeitlast.engine.registry.register`.

Each step package also has a ``_step.py`` whose ``assess`` decides the step's status (present / weak / missing),
whether it applies, and the evidence; the rules of that step turn those results into findings.
"""

from collections.abc import Callable

from makeitlast.engine.context import ReplyContext
from makeitlast.model import Step, StepResult
from makeitlast.rules.apologize._step import assess as _apologize
from makeitlast.rules.listen._step import assess as _listen
from makeitlast.rules.solve._step import assess as _solve
from makeitlast.rules.thank._step import assess as _thank

STEP_ASSESSORS: dict[Step, Callable[[ReplyContext], StepResult]] = {
    Step.LISTEN: _listen,
    Step.APOLOGIZE: _apologize,
    Step.SOLVE: _solve,
    Step.THANK: _thank,
}
