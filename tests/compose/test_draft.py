"""The built-in drafter: L.A.S.T. order, judged by the coach, reproducible, and the reviewed drafts unchanged."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import makeitlast
from makeitlast.compose import _phrasing as P
from makeitlast.compose.draft import BAR, draft, read_situation
from makeitlast.engine import InputError
from makeitlast.model import Severity, Status, Step

REVIEWED = Path(__file__).resolve().parent.parent / "fixtures" / "drafts" / "reviewed.jsonl"
CASES = [json.loads(line) for line in REVIEWED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _serious(report: makeitlast.Report) -> list[str]:
    return [f.code for f in report.findings if f.severity.rank >= Severity.WARNING.rank]


@pytest.mark.parametrize("case", CASES, ids=[c["customer"][:40] for c in CASES])
def test_reviewed_drafts_are_reproduced_and_pass_the_coach(case: dict[str, str | None]) -> None:
    d = draft(
        str(case["customer"]),
        offer=case["offer"],
        agent=case["agent"],
        culture=case["culture"],  # type: ignore[arg-type]
        seed=0,
    )
    assert d.text == case["draft"], "a reviewed draft changed: review the new wording and update the fixture"
    assert d.report.score >= BAR and not _serious(d.report)
    # the report is the coach's own judgement of the text
    again = makeitlast.check(d.text, customer=str(case["customer"]))
    assert again.score == d.report.score or case["culture"] == "soft"


def test_order_listen_apologize_solve_thank() -> None:
    d = draft("My order #4471 arrived broken and I want a refund", offer="a full refund")
    text = d.text
    i_sorry, i_refund, i_thanks = text.index("sorry"), text.index("full refund"), text.index("Thank")
    assert i_sorry < i_refund < i_thanks
    assert "order arrived broken" in text  # their problem said back, turned around ("my" -> "your")
    assert "5 business days" in text  # a realistic time for a refund
    assert all(d.report.steps[s].status is Status.PRESENT for s in (Step.LISTEN, Step.APOLOGIZE, Step.SOLVE))
    assert text.count("sorry") == 1  # once, no grovelling


def test_without_an_offer_a_next_step_and_the_golden_question() -> None:
    d = draft("My package says delivered but it's not here")
    assert "What can I do to make this right" in d.text
    assert "24 hours" in d.text
    assert d.report.steps[Step.SOLVE].status is Status.PRESENT


def test_order_number_asked_only_when_not_given() -> None:
    asked = draft("My order arrived damaged, the box was crushed")
    given = draft("My order #77123 arrived damaged, the box was crushed")
    assert "order number" in asked.text
    assert "DM me your order number" not in given.text
    assert "L003" not in {f.code for f in given.report.findings}


def test_abusive_customer_gets_a_calm_boundary_and_insults_are_not_repeated() -> None:
    d = draft("You idiots lost my bag AGAIN. Useless morons.", offer="send a courier with your bag")
    assert "respectful" in d.text
    assert "idiot" not in d.text.lower() and "moron" not in d.text.lower()
    assert "your bag going missing" in d.text
    assert not _serious(d.report)


def test_soft_culture_owns_the_problem_without_sorry() -> None:
    d = draft("The app crashes every time I open my basket", culture="soft")
    assert "sorry" not in d.text.lower()
    assert "not the service we want" in d.text or "isn't good enough" in d.text


def test_questions_and_praise_are_not_apologised_for() -> None:
    q = draft("Can I change my delivery address after ordering?")
    assert "whether you can change your delivery address" in q.text
    assert "sorry" not in q.text.lower()
    praise = draft("Great service today, the team at the airport were lovely!")
    assert "kind words" in praise.text and "sorry" not in praise.text.lower()


def test_angry_repeat_contact_is_acknowledged() -> None:
    d = draft(
        "It's the third time I'm writing about this. My internet drops every evening and nobody has fixed it."
    )
    assert any(line in d.text for line in P.REPEAT_ACK)


def test_same_seed_same_draft_other_seeds_vary() -> None:
    c = "I was charged twice for my subscription this month"
    assert draft(c, seed=3).text == draft(c, seed=3).text
    assert len({draft(c, seed=s).text for s in range(12)}) > 1


def test_agent_signs_and_context_facts_are_not_asked_again() -> None:
    d = draft(
        "It arrived damaged again",
        agent="Priya",
        context=[{"role": "customer", "text": "My order #55120 was late"}],
    )
    assert d.text.endswith("– Priya")
    assert "order number" not in d.text
    assert read_situation(
        "It arrived damaged again", [{"role": "customer", "text": "order #55120"}]
    ).has_reference


def test_other_languages_are_handed_over_with_a_bridge() -> None:
    d = draft("Hola, necesito ayuda con mi pedido, no llegó y la tienda no contesta")
    assert "colleague who speaks your language" in d.text and "24 hours" in d.text
    assert not _serious(d.report)


@pytest.mark.parametrize("bad", ["", "   ", "\n"])
def test_empty_customer_message_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="empty"):
        draft(bad)


def test_bad_culture_and_long_offer_are_input_errors() -> None:
    with pytest.raises(InputError, match="culture"):
        draft("It broke", culture="loud")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="offer"):
        draft("It broke", offer="x " * 400)


def test_huge_message_is_drafted_quickly() -> None:
    big = "My order #4471 arrived broken. " + "It is really bad. " * 60_000
    t0 = time.perf_counter()
    d = draft(big)
    assert "sorry" in d.text
    assert time.perf_counter() - t0 < 10  # generous: a bound, not a benchmark (benchmarks/bench_draft.py)


@pytest.mark.parametrize(
    ("bank", "fields", "step"),
    [
        (P.SORRY_PROBLEM, {"problem": "the delay with your order"}, Step.APOLOGIZE),
        (tuple(x for v in P.NEXT_STEP.values() for x in v), {}, Step.SOLVE),
        (tuple(x for v in P.OFFER_WHEN.values() for x in v), {}, Step.SOLVE),
        (tuple(x for v in P.THANKS.values() for x in v), {}, Step.THANK),
    ],
    ids=["apology", "next-step", "offer-time", "thanks"],
)
def test_every_phrasing_is_recognised_as_its_step(
    bank: tuple[str, ...], fields: dict[str, str], step: Step
) -> None:
    for sentence in bank:
        report = makeitlast.check(
            sentence.format(**fields), customer="My order arrived broken and I want it fixed"
        )
        assert report.steps[step].status is Status.PRESENT, sentence
        assert not [f.code for f in report.findings if f.step is Step.DONTS], sentence
def test_top_level_draft() -> None:
    import makeitlast

    assert 'sorry' in makeitlast.draft('My parcel is late again').text
