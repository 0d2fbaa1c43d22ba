from __future__ import annotations

import pytest

import makeitlast
from makeitlast import ConfigError, InputError, Settings, Status, Step
from makeitlast.engine import Engine, normalize_context
from makeitlast.engine.config import load_settings
from makeitlast.engine.registry import all_rules, get_rule
from makeitlast.model import STEPS, Role

POLICY_REPLY = "Sorry, it's our policy, nothing else I can say."
CUSTOMER = "My order #448812 arrived broken and I want a refund."


def test_report_shape_and_schema() -> None:
    r = makeitlast.check(POLICY_REPLY, customer=CUSTOMER, id="x1")
    data = r.to_json_dict()
    assert data["id"] == "x1" and data["schema_version"] == 1
    assert set(data["steps"]) == {"listen", "apologize", "solve", "thank"}
    for step in data["steps"].values():
        assert step["status"] in {"present", "weak", "missing"}
        assert isinstance(step["applicable"], bool)
    assert set(data["customer"]) >= {"wants", "anger", "abusive", "repeat_contact", "bad_experience", "facts"}
    assert "reply" not in data
    assert 0 <= data["score"] <= 100
    d001 = [f for f in r.findings if f.code == "D001"]
    assert d001 and POLICY_REPLY[d001[0].span.start : d001[0].span.end] == "it's our policy"


def test_empty_reply_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        makeitlast.check("   \n", customer=CUSTOMER)


def test_reply_without_customer_has_customer_rules_not_applicable() -> None:
    r = makeitlast.check("Thanks for your patience, I've refunded the fee today.")
    assert r.customer is None
    assert r.steps[Step.LISTEN].applicable is False
    assert r.steps[Step.APOLOGIZE].applicable is False
    assert not any(f.code in {"L001", "L003", "A001", "S004"} for f in r.findings)


def test_select_and_ignore_by_prefix() -> None:
    only_d = Engine(Settings(select=("D",)))
    assert all(rule.code.startswith("D") for rule in only_d.rules)
    no_d001 = Engine(Settings(ignore=("D001",)))
    assert "D001" not in {rule.code for rule in no_d001.rules}
    assert not any(f.code == "D001" for f in no_d001.check(POLICY_REPLY, CUSTOMER).findings)
    # a longer ignore prefix wins over a shorter select
    mixed = Engine(Settings(select=("D",), ignore=("D00",)))
    assert all(not rule.code.startswith("D00") for rule in mixed.rules)


def test_unknown_rule_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="Z999"):
        Engine(Settings(select=("Z999",)))
    with pytest.raises(ConfigError, match="D999"):
        Engine(Settings(phrases={"D999": ("x",)}))


def test_severity_override_and_team_phrases() -> None:
    eng = Engine(Settings(severity={"D001": "advice"}, phrases={"D001": ("that's how we roll",)}))
    r = eng.check("Sorry, that's how we roll.", CUSTOMER)
    (f,) = [f for f in r.findings if f.code == "D001"]
    assert f.severity == "advice" and f.span is not None and f.span.text == "that's how we roll"


def test_settings_from_pyproject(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(
        '[tool.makeitlast]\nignore = ["D005"]\napology = "soft"\nfail-under = 60\n', encoding="utf-8"
    )
    s = load_settings(cfg)
    assert s.ignore == ("D005",) and s.apology == "soft" and s.fail_under == 60
    bad = tmp_path / "makeitlast.toml"
    bad.write_text('apology = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="apology"):
        load_settings(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("select = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(broken)


def test_context_normalisation() -> None:
    msgs = normalize_context(["first", {"role": "agent", "text": "hi"}])
    assert [m.role for m in msgs] == [Role.CUSTOMER, Role.AGENT]
    with pytest.raises(InputError, match="context\\[0\\]"):
        normalize_context([{"role": "boss", "text": "x"}])
    with pytest.raises(InputError, match="text"):
        normalize_context([{"role": "customer"}])


def test_every_rule_is_registered_once_and_resolvable() -> None:
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes))
    assert get_rule("d001").code == "D001"
    with pytest.raises(KeyError, match="Q123"):
        get_rule("Q123")


def test_steps_always_reported() -> None:
    r = makeitlast.check("ok", customer="hello")
    assert set(r.steps) == set(STEPS)
    assert all(isinstance(s.status, Status) for s in r.steps.values())


def test_huge_reply_is_judged() -> None:
    reply = ("We're sorry about the delay, it's our policy. " * 25_000)[:1_000_000]
    r = makeitlast.check(reply, customer=CUSTOMER)
    assert sum(f.code == "D001" for f in r.findings) > 1000
