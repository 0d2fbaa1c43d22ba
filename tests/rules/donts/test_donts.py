"""The don'ts (D002-D012) on support-style text (no shared data): what fires, on which words, and what doesn't."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast import Settings
from makeitlast.engine import Engine
from makeitlast.model import Finding

COMPLAINT = "My parcel was due Monday and still hasn't arrived"
ABUSE = "You useless idiots lost my bag AGAIN"


def _findings(reply: str, customer: str | None = COMPLAINT, code: str | None = None) -> list[Finding]:
    report = makeitlast.check(reply, customer=customer)
    return [f for f in report.findings if f.code.startswith("D") and (code is None or f.code == code)]


@pytest.mark.parametrize(
    ("code", "reply", "span", "customer"),
    [
        (
            "D002",
            "Unfortunately we are not able to assist with this request.",
            "we are not able to",
            COMPLAINT,
        ),
        ("D002", "Sorry, that's not possible.", "that's not possible", "Can I change the name on my ticket?"),
        ("D003", "The warehouse screwed up your order.", "The warehouse screwed up", COMPLAINT),
        ("D003", "Sorry, not my fault.", "not my fault", COMPLAINT),
        (
            "D003",
            "The agent you spoke to gave you the wrong info.",
            "The agent you spoke to gave you the wrong info",
            COMPLAINT,
        ),
        ("D004", "I guarantee it will arrive tomorrow.", "I guarantee", COMPLAINT),
        ("D004", "This will never happen again!", "This will never happen again", COMPLAINT),
        ("D004", "I'm 100% sure it's on the van.", "I'm 100%", COMPLAINT),
        ("D005", "I've escalated this to tier 2.", "escalated this to tier 2", COMPLAINT),
        ("D005", "Your RMA is approved.", "RMA", COMPLAINT),
        ("D006", "Please calm down, we'll check.", "Please calm down", COMPLAINT),
        ("D006", "As I already explained, it ships Friday.", "As I already explained", COMPLAINT),
        ("D006", "It's very simple: check the tracking page.", "It's very simple", COMPLAINT),
        ("D007", "You must have entered the wrong address.", "You must have", COMPLAINT),
        ("D007", "You probably didn't check your spam folder.", "You probably didn't", COMPLAINT),
        ("D008", "I have no idea where it is.", "I have no idea", COMPLAINT),
        ("D008", "Honestly I'm lost.", "I'm lost", COMPLAINT),
        ("D009", "There's nothing we can do, sorry.", "There's nothing we can do", COMPLAINT),
        ("D009", "It's out of our hands.", "It's out of our hands", COMPLAINT),
        ("D010", "It is what it is.", "It is what it is", COMPLAINT),
        ("D010", "That's not our problem once it ships.", "That's not our problem", COMPLAINT),
        ("D011", "You're wrong, it was delivered.", "You're wrong", COMPLAINT),
        ("D011", "That never happened.", "That never happened", "Your driver threw my parcel over the fence"),
        ("D012", "You're the one being rude. Grow up.", "Grow up", ABUSE),
        ("D012", "You're absolutely right, we're useless.", "You're absolutely right, we're useless", ABUSE),
    ],
)
def test_dont_is_flagged_on_its_words(code: str, reply: str, span: str, customer: str) -> None:
    found = _findings(reply, customer, code)
    assert found, f"{code} missed: {reply!r}"
    f = found[0]
    assert f.span is not None and f.span.text == span
    assert reply[f.span.start : f.span.end] == span
    assert f.suggestion and f.message


@pytest.mark.parametrize(
    "reply",
    [
        # an alternative, a reason or a question right beside the "can't"
        "We can't see your DM, could you resend it?",
        "We're unable to view account details over Twitter for your security. Please reach us here: "
        "https://example.com/help",
        "We can't refund it, but I can send a replacement today.",
        "We're unable to offer an upgrade, however we can quote one if you'd like.",
        "It's not possible at the moment, but we'll pass on the suggestion.",
        # eagerness and emphasis
        "We can't wait to have you on board again!",
        "I can't thank you enough for your patience.",
        "I can't believe it took this long, I'm so sorry. I've sent a new one today.",
        # negated and quoted forms
        "Just because you're flying with another airline doesn't mean we can't help!",
        "You were told \"it is what it is\"? That's not okay. I've reported it to the store manager.",
        "We can't guarantee a delivery slot, but I'll check the tracking tomorrow morning.",
        # empathy and good wishes, not assumptions
        "You must have been so frustrated. I've rebooked the delivery for tomorrow.",
        "I'm sure you'll love it once it arrives!",
        "I assume you mean the Android app, right?",
        # a commitment to find out
        "I'm not sure why that happened, but I'll check with the courier and update you by 5pm.",
        "We don't have an update yet. Let me find out and get back to you today.",
        # an explained acronym
        "I've set up an RMA (return authorisation) so you can send it back free.",
        # polite, ordinary replies
        "Sorry about this! Please DM us your order number and we'll take a look.",
        "Weather delays are out of our control, but we've rebooked you on the first flight tomorrow.",
        "That's not true for every plan, but yours does include free delivery.",
    ],
)
def test_polite_replies_are_clean(reply: str) -> None:
    assert _findings(reply) == []


def test_no_boundary_needs_an_abusive_customer() -> None:
    assert _findings("Grow up? Our kids' menu grows with them!", "Do you have a kids' menu?", "D012") == []
    assert _findings("Grow up.", ABUSE, "D012")


def test_a_calm_boundary_is_not_grovelling() -> None:
    reply = "I'm so sorry, we're so ashamed. We're happy to help, but please keep it respectful."
    assert _findings(reply, ABUSE, "D012") == []


def test_argue_answers_a_question_without_contradicting() -> None:
    reply = "That's not true, we're staying open! The store closes for refurbishment for two days only."
    assert _findings(reply, "Is it true your Leeds store is closing for good?", "D011") == []
    assert _findings(reply, "Your Leeds store is closing for good, shame on you", "D011")


def test_jargon_reads_the_team_list() -> None:
    reply = "Your WISMO ticket is with the CX pod."
    assert _findings(reply, code="D005")[0].span.text == "WISMO"  # type: ignore[union-attr]
    engine = Engine(Settings(jargon=("CX pod",)))
    spans = [
        f.span.text for f in engine.check(reply, customer=COMPLAINT).findings if f.code == "D005" and f.span
    ]
    assert spans == ["WISMO", "CX pod"]


def test_jargon_flags_a_very_long_sentence() -> None:
    reply = (
        "We have reviewed the account and the order history and the notes that were left by the team and the "
        "courier and we can see that the parcel was handed over on Monday and then sent back to the depot because "
        "the address label could not be read by the scanner at the hub."
    )
    found = _findings(reply, code="D005")
    assert found and found[0].span is not None and found[0].span.text.startswith("We have reviewed")


def test_acronyms_in_lower_case_are_words() -> None:
    assert _findings("It was tit for tat, sorry! We've sent a new one.", code="D005") == []


def test_each_dont_is_reported_once_per_phrase() -> None:
    found = _findings("Calm down. It is what it is. You're wrong.", code=None)
    assert sorted(f.code for f in found) == ["D006", "D010", "D011"]


def test_a_team_adds_phrases_to_a_dont() -> None:
    engine = Engine(Settings(phrases={"D010": ["that's above my pay grade"]}))
    report = engine.check("Sorry, that's above my pay grade.", customer=COMPLAINT)
    assert [f.span.text for f in report.findings if f.code == "D010" and f.span] == [
        "that's above my pay grade"
    ]
