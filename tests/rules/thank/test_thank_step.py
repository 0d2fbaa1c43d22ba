"""The thank step and the T rules, on support-style text (no shared data)."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast import Settings, Status, Step
from makeitlast.engine import Engine


def _thank(reply: str, customer: str | None = "My parcel is late") -> tuple[Status, list[str], bool]:
    result = makeitlast.check(reply, customer=customer).steps[Step.THANK]
    return result.status, [s.text for s in result.evidence], result.applicable


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks for your patience, it ships today.",
        "Thank you so much for the details!",
        "Thanks for letting us know, we've fixed the page.",
        "Thanks for flagging this.",
        "We appreciate your patience while we look into it.",
        "We really appreciate you bearing with us.",
        "Thank you for confirming, I've updated the address.",
        "Thanks for being a loyal customer for ten years!",
        "Thank you for your kind words, I'll pass them on.",
        "Your patience is appreciated.",
        "Thanks for the feedback, I've shared it with the team.",
        "We can't thank you enough for your patience.",
    ],
)
def test_specific_thanks_is_present(reply: str) -> None:
    status, evidence, applicable = _thank(reply)
    assert status is Status.PRESENT and evidence and applicable


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Thanks for reaching out! Please DM us.", "Thanks for reaching out"),
        ("Thank you for contacting us. We'll check.", "Thank you for contacting us"),
        ("Thanks for the tweet!", "Thanks for the tweet"),
        ("Please restart the router. Thanks!", "Thanks"),
        ("Please DM us your email. TY - James", "TY"),
        ("Thank you in advance for your DM.", "Thank you in advance"),
        ("We appreciate it!", "We appreciate it"),
    ],
)
def test_boilerplate_thanks_is_weak(reply: str, evidence: str) -> None:
    status, found, _ = _thank(reply)
    assert status is Status.WEAK
    assert found == [evidence]


@pytest.mark.parametrize(
    "reply",
    [
        "No thanks needed! Your parcel arrives tomorrow.",
        "Thanks to the update, the app no longer crashes.",
        'You wrote "thanks for nothing", and I understand why. It ships today.',
        "We'd appreciate it if you could DM us your order number.",
        "Any details would be appreciated.",
        "There's no need to thank us, it's our job.",
        "Thank goodness the driver found it!",
        "We appreciate how frustrating this must be. It ships today.",
        "Your parcel arrives tomorrow.",
    ],
)
def test_not_thanks_is_missing(reply: str) -> None:
    assert _thank(reply)[0] is Status.MISSING


def test_thanks_to_you_is_thanks() -> None:
    assert _thank("Thanks to you for spotting it!")[0] is Status.PRESENT


def test_always_applicable_even_without_customer_or_under_soft_apology() -> None:
    assert _thank("Your parcel arrives tomorrow.", customer=None)[2] is True
    soft = Engine(Settings(apology="soft")).check("Your parcel arrives tomorrow.", "My parcel is late")
    assert soft.steps[Step.THANK].applicable is True


def _codes(reply: str, customer: str) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for f in makeitlast.check(reply, customer=customer).findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_t001_suggests_a_specific_thanks() -> None:
    (f,) = _codes("Please DM us your account number.", "I've called three times and my bill is still wrong")[
        "T001"
    ]
    assert f.suggestion and "patience" in f.suggestion


def test_t002_points_at_the_formula() -> None:
    reply = "Thanks for reaching out! Your refund was issued today."
    found = _codes(reply, "Where is my refund? It's been two weeks.")
    (f,) = found["T002"]
    assert f.span is not None and reply[f.span.start : f.span.end] == "Thanks for reaching out"
    assert "T001" not in found


def test_specific_thanks_beats_a_formula_in_the_same_reply() -> None:
    found = _codes(
        "Thanks for reaching out, and thanks for the photo: a replacement ships today.", "It's cracked"
    )
    assert "T001" not in found and "T002" not in found


def test_team_phrases_extend_the_specific_thanks() -> None:
    team = Engine(Settings(phrases={"T001": ("cheers for (your|the) \\w+",)}))
    report = team.check("Cheers for the photo! A replacement ships today.", "It's cracked")
    assert report.steps[Step.THANK].status is Status.PRESENT


def test_a_shout_out_for_something_is_thanks() -> None:
    assert _thank("Shout out to you for stopping by! -Sam", "Loved the new menu")[0] is Status.PRESENT
