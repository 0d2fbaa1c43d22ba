"""Scenarios as data: the built-in ones load, and a broken file is reported with its name and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from makeitlast.engine.detectors import TextView
from makeitlast.practice.scenario import (
    ScenarioError,
    UnknownScenario,
    builtin_scenarios,
    find_scenario,
    load_scenario,
    load_scenarios,
    offer_phrases,
)

BUILTIN = Path(__file__).parents[2] / "src" / "makeitlast" / "practice" / "scenarios"
AIRLINE = (BUILTIN / "airline-lost-bag.toml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_scenarios_cover_the_brief() -> None:
    scenarios = builtin_scenarios()
    assert len(scenarios) >= 12
    assert len({s.industry for s in scenarios.values()}) >= 10
    for sid in (
        "airline-lost-bag",
        "bank-double-charge",
        "late-delivery",
        "restaurant-rude-staff",
        "broken-product",
        "subscription-wont-cancel",
        "repeat-contact-unanswered",
        "abusive-energy-bill",
        "retail-return-exception",
    ):
        assert sid in scenarios
    assert scenarios["abusive-energy-bill"].needs_boundary
    assert scenarios["retail-return-exception"].exception is not None
    for sc in scenarios.values():
        assert set(sc.resolution.wants) <= set(sc.hidden_wants)
        assert sc.source is not None and sc.source.endswith(f"{sc.id}.toml")
        for mood in ("calm", "annoyed", "angry", "raging"):
            assert sc.mood_lines(mood)


def test_a_trainers_folder_and_a_single_file(tmp_path: Path) -> None:
    write(tmp_path, AIRLINE.replace('id = "airline-lost-bag"', 'id = "my-bag"'), "bag.toml")
    scenarios = load_scenarios(tmp_path)
    assert list(scenarios) == ["my-bag"]
    assert find_scenario("my-bag", tmp_path).title == scenarios["my-bag"].title
    assert find_scenario(str(tmp_path / "bag.toml")).id == "my-bag"


def test_unknown_id_lists_the_available_ones() -> None:
    with pytest.raises(UnknownScenario) as e:
        find_scenario("no-such-thing")
    assert "no-such-thing" in str(e.value) and "airline-lost-bag" in str(e.value)
    assert "pharmacy-wrong-dose" in e.value.available


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'id = "x"\ntitle = "unterminated\n')
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    assert e.value.path == path
    assert str(e.value).startswith(f"{path}: not valid TOML")


def test_an_unknown_want_names_the_file_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        AIRLINE.replace(
            'hidden_wants = ["repair", "future_credit", "apology"]', 'hidden_wants = ["repair", "hugs"]'
        ),
    )
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    assert e.value.field == "hidden_wants.1"
    message = str(e.value)
    assert str(path) in message and "hidden_wants.1" in message and "'hugs'" in message
    assert "apology, explanation, repair, refund, future_credit, appreciation, dignity" in message


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("starting_anger = 2", "starting_anger = 5"), "starting_anger", "less than or equal to 3"),
        (('title = "The suitcase', 'titel = "The suitcase'), "titel", "unknown field"),
        (('id = "airline-lost-bag"', 'id = "Airline Bag"'), "id", "lower-case"),
        (
            ('wants = ["repair", "future_credit"]', 'wants = ["repair", "refund"]'),
            "resolution.wants.1",
            "hidden_wants",
        ),
        (('repair = ["deliver*"', 'fix = ["deliver*"'), "resolution.offers.fix", "unknown want"),
        (('avoid = ["L003"]', 'avoid = ["X999"]'), "resolution.avoid", "not a rule code"),
        (("raging_times = 2", 'raging_times = "often"'), "walk_away.raging_times", "integer"),
        (("calm = [", 'calm = [\n  "",'), "lines.calm", "empty"),
    ],
)
def test_validation_errors_name_the_field(
    tmp_path: Path, change: tuple[str, str], field: str, words: str
) -> None:
    old, new = change
    assert old in AIRLINE
    path = write(tmp_path, AIRLINE.replace(old, new, 1))
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    assert e.value.field == field, str(e.value)
    assert str(path) in str(e.value) and words in str(e.value)


def test_cross_field_rules(tmp_path: Path) -> None:
    # a want that needs offers phrases and has none
    text = AIRLINE.replace('future_credit = ["reimburse*"', 'explanation = ["reimburse*"')
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    assert e.value.field == "resolution.offers.future_credit"
    # an exception needs the ask-again lines
    text = AIRLINE + '\n[exception]\nwant = "repair"\nreason = "because."\n'
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    assert e.value.field == "events.ask_exception_again"
    # a boundary needs its line
    text = AIRLINE.replace("max_turns = 8", "max_turns = 8\nneeds_boundary = true")
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    assert e.value.field == "events.boundary"


def test_duplicate_ids_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no scenario files"):
        load_scenarios(tmp_path)
    write(tmp_path, AIRLINE, "a.toml")
    write(tmp_path, AIRLINE, "b.toml")
    with pytest.raises(ScenarioError) as e:
        load_scenarios(tmp_path)
    assert e.value.field == "id" and "a.toml" in str(e.value) and "b.toml" in str(e.value)
    with pytest.raises(ScenarioError, match="not a folder"):
        load_scenarios(tmp_path / "missing")


def test_offers_phrases() -> None:
    refund = offer_phrases(("refund*", "cover *", "money back"))
    assert refund.first(TextView("I've refunded the fee.")) is not None
    assert refund.first(TextView("We'll cover your costs.")) is not None
    assert refund.first(TextView("We can't refund opened items.")) is None
    assert refund.first(TextView('You said "I want my money back".')) is None
    assert offer_phrases(("don't worry",)).first(TextView("Don’t worry about it.")) is not None
