"""The solve step on support-style text (no shared data)."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast import Settings, Status, Step
from makeitlast.engine import Engine

COMPLAINT = "My order #55120 still hasn't arrived and it was due Monday"


def _solve(reply: str, customer: str | None = COMPLAINT) -> tuple[Status, list[str], bool]:
    result = makeitlast.check(reply, customer=customer).steps[Step.SOLVE]
    return result.status, [s.text for s in result.evidence], result.applicable


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("I'm sorry! I've refunded the delivery fee.", "I've refunded"),
        ("Sorry about that, we've sent a replacement today.", "we've sent"),
        ("Please DM us your email address and we'll check where it is.", "DM us"),
        ("Sorry for the wait! Follow this link to track it: https://example.com/track", "Follow this link"),
        ("The driver will arrive by 5pm today.", "The driver will arrive"),
        ("Your replacement has been shipped and arrives Thursday.", "Your replacement has been shipped"),
        ("Could you try restarting the app and signing in again?", "Could you try restarting the app"),
        ("Which postcode is the order going to?", "Which postcode is the order going to?"),
        ("We're aware of the delay and working on it.", "We're aware of"),
        ("This happens because the courier missed the cut-off on Friday.", "This happens because"),
    ],
)
def test_something_concrete_is_present(reply: str, evidence: str) -> None:
    status, found, applicable = _solve(reply)
    assert status is Status.PRESENT and applicable
    assert any(f.startswith(evidence) for f in found), found


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Sorry to hear that! Let us know if we can help.", "Let us know if we can help"),
        ("We're here for you, always.", "We're here for you"),
        ("Thanks for the feedback, we'll pass it on to the team.", "we'll pass it on to the team"),
        ("Sorry about this. Feel free to reach out if you need anything.", "Feel free to reach out if"),
        ("Oh no! DM us if you need anything.", "DM us if"),
        ("Is there anything else we can help you with?", "Is there anything else we can help"),
    ],
)
def test_vague_help_only_is_weak(reply: str, evidence: str) -> None:
    status, found, _ = _solve(reply)
    assert status is Status.WEAK
    assert found[0].startswith(evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "We're sorry to hear that.",
        "That's not the experience we want for you.",
        "Oh no, that's so frustrating!",
    ],
)
def test_nothing_to_hold_onto_is_missing(reply: str) -> None:
    status, found, _ = _solve(reply)
    assert status is Status.MISSING and found == []


def test_a_concrete_step_beside_vague_help_is_present() -> None:
    status, found, _ = _solve(
        "We're here to help! Please DM us the order number so we can chase the courier."
    )
    assert status is Status.PRESENT
    assert "DM us" in found


def test_praise_needs_no_solution() -> None:
    status, _, applicable = _solve(
        "Thank you so much, we'll pass that on to the crew!", "Loved my flight, great crew!"
    )
    assert not applicable
    assert status is Status.WEAK


def test_small_talk_questions_are_not_a_solution() -> None:
    status, _, applicable = _solve(
        "Great costume! Did you make it yourself?", "Dressed up for the $3 burrito, love it!"
    )
    assert not applicable and status is Status.MISSING


@pytest.mark.parametrize("customer", ["Do you deliver on Sundays?", "I want a refund", COMPLAINT])
def test_applies_to_questions_wants_and_problems(customer: str) -> None:
    assert _solve("We're sorry.", customer)[2]


def test_applies_without_a_customer_message() -> None:
    status, _, applicable = _solve("Thanks for reaching out! We're here to help.", None)
    assert applicable and status is Status.WEAK


def test_quoted_and_negated_phrases_do_not_count() -> None:
    assert _solve("You were told \"we've refunded you\" but nothing came? That's awful.")[0] is Status.MISSING
    assert _solve("We haven't refunded anything yet, sorry.")[0] is Status.MISSING


def test_a_team_adds_its_own_next_steps() -> None:
    reply = "Sorry! Slip a note under the depot door."
    assert makeitlast.check(reply, customer=COMPLAINT).steps[Step.SOLVE].status is Status.MISSING
    engine = Engine(Settings(phrases={"S001": ["slip a note under the depot door"]}))
    result = engine.check(reply, customer=COMPLAINT).steps[Step.SOLVE]
    assert result.status is Status.PRESENT
    assert [s.text for s in result.evidence] == ["Slip a note under the depot door"]
