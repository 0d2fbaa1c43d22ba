"""Closing messages: a customer who only thanks or acknowledges needs no listening back and no thanks again."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast.engine.detectors import TextView
from makeitlast.model import Status
from makeitlast.reading import is_closing

CLOSING = [
    "@SpotifyCares ok thx",
    "@comcastcares Thank you!",
    "@VerizonSupport Cool, thanks 👍",
    "Will do, cheers",
    "Thank you so much for your help guys!!",
    "@AirCo great, that worked. Many thanks",
]
NOT_CLOSING = [
    "thanks but my order is still missing",
    "@ShopHelp Thanks I filled in the online complaint form, how long does a reply take?",
    "@AppleSupport Restarting does resolve the issue. Thanks.",
    "Thanks for nothing, 3 weeks and no refund",
    "x" * 500,
]


@pytest.mark.parametrize("text", CLOSING)
def test_thanks_and_acknowledgements_close_the_exchange(text: str) -> None:
    assert is_closing(TextView(text))


@pytest.mark.parametrize("text", NOT_CLOSING)
def test_messages_with_something_to_say_do_not_close_it(text: str) -> None:
    assert not is_closing(TextView(text))


def test_a_reply_to_closing_thanks_is_not_asked_to_thank_or_reflect() -> None:
    report = makeitlast.check("You're welcome! Have a great evening.", customer="@StreamCo ok thx")
    assert not report.steps["thank"].applicable
    assert not report.steps["listen"].applicable
    assert {"T001", "L001"}.isdisjoint(f.code for f in report.findings)


def test_thanks_are_still_expected_when_the_customer_reports_a_problem() -> None:
    report = makeitlast.check(
        "Please DM us your order number.", customer="thanks but my order is still missing"
    )
    assert report.steps["thank"].applicable
    assert report.steps["thank"].status is Status.MISSING
    assert "T001" in {f.code for f in report.findings}
