"""The S rules (S001-S005) on support-style text (no shared data)."""

from __future__ import annotations

import makeitlast
from makeitlast import Severity
from makeitlast.engine.registry import get_rule
from makeitlast.model import Finding, Report


def _report(reply: str, customer: str | None) -> Report:
    return makeitlast.check(reply, customer=customer)


def _finding(report: Report, code: str) -> Finding | None:
    return next((f for f in report.findings if f.code == code), None)


# --- S001 no-next-step --------------------------------------------------------------------------------------


def test_s001_flags_sympathy_without_a_way_forward() -> None:
    report = _report("We're so sorry to hear that.", "My card was charged twice for one order")
    f = _finding(report, "S001")
    assert f is not None and f.severity is Severity.WARNING and f.span is None
    assert f.suggestion and "refund" in f.suggestion.lower()


def test_s001_points_at_the_vague_words() -> None:
    reply = "Sorry about that! We're here for you."
    f = _finding(_report(reply, "The app crashes every time I open it"), "S001")
    assert f is not None and f.span is not None
    assert reply[f.span.start : f.span.end] == f.span.text == "We're here for you"


def test_s001_leaves_a_concrete_reply_and_praise_alone() -> None:
    assert (
        _finding(_report("Sorry! I've reset your password; check your email.", "I'm locked out"), "S001")
        is None
    )
    assert _finding(_report("Thank you, that means a lot!", "Best crew ever, thank you!"), "S001") is None


def test_s001_costs_no_extra_points() -> None:
    assert get_rule("S001").weight == 0


# --- S002 no-timeline ---------------------------------------------------------------------------------------


def test_s002_flags_a_promise_without_a_time() -> None:
    reply = "Sorry for the trouble. We'll look into it and get back to you."
    f = _finding(_report(reply, "My broadband keeps dropping out"), "S002")
    assert f is not None and f.severity is Severity.ADVICE
    assert f.span is not None and f.span.text == "We'll look into"
    assert f.suggestion and "We'll look into it and get back to you by" in f.suggestion


def test_s002_accepts_any_expectation_of_when() -> None:
    for when in ("within 24 hours", "by Friday", "tomorrow", "in 3-5 business days", "shortly", "by 5pm"):
        reply = f"Sorry for the trouble. We'll look into it and get back to you {when}."
        assert _finding(_report(reply, "My broadband keeps dropping out"), "S002") is None, when


def test_s002_ignores_a_promise_that_waits_on_the_customer() -> None:
    reply = "Please DM us your account number and we'll look into it."
    assert _finding(_report(reply, "My broadband keeps dropping out"), "S002") is None
    reply = "Once you've sent the photos, we'll arrange a replacement."
    assert _finding(_report(reply, "My vase arrived broken"), "S002") is None


# --- S003 ask-how-to-help -----------------------------------------------------------------------------------


def test_s003_suggests_the_golden_question() -> None:
    f = _finding(
        _report("That's disappointing to hear.", "Worst experience ever with you guys, never flying again"),
        "S003",
    )
    assert f is not None and f.suggestion is not None
    assert "What can I do to make this right?" in f.suggestion


def test_s003_is_quiet_when_the_reply_asks_or_the_want_is_clear() -> None:
    customer = "Worst experience ever with you guys, never flying again"
    assert _finding(_report("I'm sorry. What happened at the store?", customer), "S003") is None
    assert _finding(_report("I'm sorry. Please DM us the details.", customer), "S003") is None
    assert (
        _finding(_report("That's disappointing to hear.", "I want a refund for my broken kettle"), "S003")
        is None
    )


# --- S004 want-unaddressed ----------------------------------------------------------------------------------


def test_s004_flags_an_ignored_refund_request() -> None:
    f = _finding(
        _report("Thanks for your feedback! Have a nice day.", "The shoes fell apart, I want my money back"),
        "S004",
    )
    assert f is not None and f.severity is Severity.WARNING
    assert "money back" in f.message and f.suggestion


def test_s004_accepts_a_grant_an_alternative_or_an_explanation() -> None:
    customer = "The shoes fell apart, I want my money back"
    for reply in (
        "I'm sorry! I've refunded you in full.",
        "We can't refund worn shoes, but I can send a new pair today.",
        "Refunds for worn items go through the returns team; DM us the order number and I'll start it.",
    ):
        assert _finding(_report(reply, customer), "S004") is None, reply


def test_s004_flags_an_apology_asked_for_and_not_given() -> None:
    f = _finding(
        _report("Please DM us the details.", "Your cashier shouted at me. I expect an apology."), "S004"
    )
    assert f is not None and "apology" in f.message
    assert (
        _finding(
            _report(
                "I'm so sorry. Please DM us the details.", "Your cashier shouted at me. I expect an apology."
            ),
            "S004",
        )
        is None
    )


def test_s004_flags_an_unanswered_why() -> None:
    f = _finding(_report("Thanks for reaching out!", "Why was I charged a late fee?"), "S004")
    assert f is not None and "explanation" in f.message
    reply = "The fee was added because the payment arrived after the due date."
    assert _finding(_report(reply, "Why was I charged a late fee?"), "S004") is None


# --- S005 passes-the-buck -----------------------------------------------------------------------------------


def test_s005_flags_sending_the_customer_away() -> None:
    reply = "That's not our department, please contact the manufacturer."
    f = _finding(_report(reply, "My new kettle leaks"), "S005")
    assert f is not None and f.span is not None and f.suggestion
    assert f.span.text == "not our department"


def test_s005_accepts_a_bridge() -> None:
    customer = "There's a charge on my card I don't recognise"
    for reply in (
        "Please call your bank, and if they can't help, let us know and we'll dig in.",
        "I've contacted the card issuer for you and they'll call you tomorrow.",
        "Please call your bank on 0800 123 4567.",
    ):
        assert _finding(_report(reply, customer), "S005") is None, reply


def test_s005_ignores_a_question_about_what_they_tried() -> None:
    reply = "Have you had a chance to speak with your bank about it?"
    assert _finding(_report(reply, "There's a charge on my card I don't recognise"), "S005") is None
