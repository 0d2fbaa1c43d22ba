"""Every rule's rewrites on its own ``bad`` examples: well-formed edits, and safe ones that make the finding go away."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast.compose.fix import apply_fixes
from makeitlast.engine.registry import Example, Rule, all_rules
from makeitlast.model import Finding

RULES = [r for r in all_rules() if r.scope == "reply"]
#: Rules judged on a whole conversation have nothing to rewrite in a reply.
NO_FIX = {r.code for r in all_rules() if r.scope == "conversation"}


def _cases() -> list[tuple[type[Rule], int, Example]]:
    return [(r, i, ex) for r in RULES for i, ex in enumerate(r.bad)]


def _ids(v: object) -> str:
    return getattr(v, "code", "") if not isinstance(v, (Example, int)) else (str(v) if isinstance(v, int) else "")


def _own(ex: Example, code: str, reply: str | None = None) -> list[Finding]:
    report = makeitlast.check(ex.reply if reply is None else reply, customer=ex.customer, context=list(ex.context))
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize(("rule", "i", "ex"), _cases(), ids=_ids)
def test_fixes_are_well_formed(rule: type[Rule], i: int, ex: Example) -> None:
    for finding in _own(ex, rule.code):
        fix = finding.fix
        if fix is None:
            continue
        assert 0 <= fix.span.start <= fix.span.end <= len(ex.reply)
        assert ex.reply[fix.span.start : fix.span.end] == fix.span.text, f"{rule.code} #{i}: stale span"
        assert fix.replacement != fix.span.text, f"{rule.code} #{i}: a fix that changes nothing"
        if "…" in fix.replacement:
            assert not fix.safe, f"{rule.code} #{i}: a fix with a blank to fill in cannot be safe"
        new = ex.reply[: fix.span.start] + fix.replacement + ex.reply[fix.span.end :]
        for bad in ("  ", " ,", " .", ",.", "..", ", ,"):
            if bad not in ex.reply:
                assert bad not in new, f"{rule.code} #{i}: {bad!r} in {new!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in NO_FIX], ids=lambda r: r.code)
def test_every_rule_rewrites_some_bad_example(rule: type[Rule]) -> None:
    fixes = [f.fix for ex in rule.bad for f in _own(ex, rule.code) if f.fix is not None]
    assert fixes, f"{rule.code} gives no rewrite for any of its bad examples"


@pytest.mark.parametrize(("rule", "i", "ex"), _cases(), ids=_ids)
def test_safe_fix_makes_the_rule_stop_firing(rule: type[Rule], i: int, ex: Example) -> None:
    own = _own(ex, rule.code)
    safe = [f for f in own if f.fix is not None and f.fix.safe]
    if not safe:
        pytest.skip(f"{rule.code} #{i} has no safe fix")
    fixed, applied = apply_fixes(ex.reply, safe)
    assert applied, "the safe fixes do not overlap each other"
    after = _own(ex, rule.code, fixed)
    if len(applied) == len(own):
        assert not after, f"{rule.code} still fires on its fixed bad example #{i}: {fixed!r}"
    else:  # some of its findings had only unsafe fixes (or none): those may stay
        assert len(after) < len(own), f"{rule.code} #{i}: {fixed!r}"


@pytest.mark.parametrize(("rule", "i", "ex"), _cases(), ids=_ids)
def test_fixing_a_bad_example_never_adds_findings(rule: type[Rule], i: int, ex: Example) -> None:
    from makeitlast.compose.fix import fix

    for unsafe in (False, True):
        result = fix(ex.reply, ex.customer, list(ex.context), unsafe=unsafe)
        assert len(result.after.findings) <= len(result.before.findings)
        if result.changed:
            assert len(result.after.findings) < len(result.before.findings)
            assert result.applied
        else:
            assert not result.applied and result.after == result.before
