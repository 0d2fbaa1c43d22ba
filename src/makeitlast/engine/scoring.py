"""The L.A.S.T. score of one reply, 0-100 (RUBRIC section 5). The same function serves every interface.

Formula::

    credit(present) = 1.0, credit(weak) = 0.5, credit(missing) = 0.0
    base    = 100 * sum(credit(step) for the applicable steps) / number of applicable steps
              (each of the four steps is worth 25 points; a step that does not apply, such as an apology for a
              plain question, is left out and its 25 points are shared among the others; with no applicable
              step at all, base = 100)
    penalty = sum(rule.weight for each finding)   # the don'ts and the other "doing it wrong" rules
    score   = clamp(round(base - penalty), 0, 100)

Rules that only say a step is missing or weak (L001, A001, S001, T001, T002) weigh 0: the step's share already
dropped. The don'ts weigh 20 (error), 10 (warning) or 5 (advice) each; ``makeitlast rules`` shows every weight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from makeitlast.model import STEPS, Finding, Status, Step, StepResult

CREDIT: dict[Status, float] = {Status.PRESENT: 1.0, Status.WEAK: 0.5, Status.MISSING: 0.0}


def score(steps: Mapping[Step, StepResult], findings: Iterable[Finding], weights: Mapping[str, int]) -> int:
    applicable = [steps[s] for s in STEPS if s in steps and steps[s].applicable]
    base = 100.0 if not applicable else 100.0 * sum(CREDIT[r.status] for r in applicable) / len(applicable)
    penalty = sum(weights.get(f.code, 0) for f in findings)
    return max(0, min(100, round(base - penalty)))
