"""Every rule runs on its own ``bad`` and ``good`` examples: a rule without examples or docs fails here."""

from __future__ import annotations

import inspect
from datetime import datetime
from pathlib import Path

import pytest

import makeitlast
from makeitlast.conversation.analyze import analyze
from makeitlast.engine.registry import DOC_SECTIONS, Example, Rule, all_rules
from makeitlast.model import Conversation, Message, Role

RULES = all_rules()


def _cases(kind: str) -> list[tuple[type[Rule], int, Example]]:
    return [(r, i, ex) for r in RULES for i, ex in enumerate(getattr(r, kind))]


def _codes(ex: Example) -> list[str]:
    if ex.conversation:
        conv = Conversation(
            id="example",
            messages=tuple(
                Message(role=Role(role), timestamp=datetime.fromisoformat(at), text=text, id=str(i))
                for i, (role, at, text) in enumerate(ex.conversation)
            ),
        )
        last = analyze(conv).replies[-1]
        assert last.report.reply == ex.reply, "a conversation example's reply names its last agent message"
        return [f.code for f in last.report.findings]
    report = makeitlast.check(ex.reply, customer=ex.customer, context=list(ex.context))
    return [f.code for f in report.findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_and_has_examples(rule: type[Rule]) -> None:
    docs = rule.docs()
    for section in DOC_SECTIONS:
        assert docs.get(section), f"{rule.code} docstring lacks a '{section}:' section"
    assert (
        "notes" in docs["Why it matters"].lower()
        or "“" in docs["Why it matters"]
        or '"' in docs["Why it matters"]
    ), f"{rule.code}: 'Why it matters' should cite the workshop notes"
    assert rule.bad, f"{rule.code} has no bad examples"
    assert rule.good, f"{rule.code} has no good examples"
    assert rule.summary, f"{rule.code} has no summary"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_file_layout(rule: type[Rule]) -> None:
    path = Path(inspect.getfile(rule))
    assert path.parent.name == rule.step.value, f"{rule.code} lives in rules/{path.parent.name}"
    assert path.stem == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"


@pytest.mark.parametrize(
    ("rule", "i", "ex"),
    _cases("bad"),
    ids=lambda v: getattr(v, "code", str(v)) if not isinstance(v, Example) else "",
)
def test_bad_example_is_flagged(rule: type[Rule], i: int, ex: Example) -> None:
    assert rule.code in _codes(ex), f"{rule.code} missed its bad example #{i}: {ex.reply!r}"


@pytest.mark.parametrize(
    ("rule", "i", "ex"),
    _cases("good"),
    ids=lambda v: getattr(v, "code", str(v)) if not isinstance(v, Example) else "",
)
def test_good_example_is_clean(rule: type[Rule], i: int, ex: Example) -> None:
    assert rule.code not in _codes(ex), f"{rule.code} fired on its good example #{i}: {ex.reply!r}"
