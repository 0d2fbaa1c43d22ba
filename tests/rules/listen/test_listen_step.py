"""The listen step and the L rules, on support-style text (no shared data)."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast import Status, Step
from makeitlast.engine import get_engine
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading, Fact, FactKind
from makeitlast.rules.listen._reflect import swap_pronouns
from makeitlast.rules.listen.l003_asks_known_info import AsksKnownInfo


def _listen(reply: str, customer: str | None) -> tuple[Status, list[str], bool]:
    result = makeitlast.check(reply, customer=customer).steps[Step.LISTEN]
    return result.status, [s.text for s in result.evidence], result.applicable


@pytest.mark.parametrize(
    ("reply", "customer", "word"),
    [
        (
            "I'm sorry your order #448812 arrived broken. A replacement ships today.",
            "My order #448812 arrived broken",
            "broken",
        ),
        ("Sorry for the delay! Your flight now leaves at 6pm.", "Why is my flight so late??", "flight"),
        ("That delay isn't okay. The courier has it now.", "My parcel is three days late", "delay"),
        (
            "It sounds like the update didn't install. Let's retry it.",
            "Phone is stuck again",
            "It sounds like the",
        ),
        ("So your card was charged twice? I've reversed the second one.", "Help me", "So your "),
    ],
)
def test_reflecting_their_problem_is_present(reply: str, customer: str, word: str) -> None:
    status, evidence, applicable = _listen(reply, customer)
    assert status is Status.PRESENT and applicable
    assert any(word.lower() in e.lower() for e in evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "I understand. Please DM us so we can take a look.",
        "Sorry to hear that! Send us a DM.",
        "We'd like to look into this for you. Please DM us.",
        "We understand your concern. DM us, please.",
    ],
)
def test_generic_acknowledgement_is_weak(reply: str) -> None:
    assert _listen(reply, "My order #448812 arrived broken")[0] is Status.WEAK


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks for reaching out! Please send us a DM.",
        "Please follow and DM us. ^RM",
        "Hi there! Can you send us a private message?",
    ],
)
def test_no_reference_is_missing(reply: str) -> None:
    assert _listen(reply, "The self-checkout charged me twice")[0] is Status.MISSING


def test_support_vocabulary_is_not_an_echo() -> None:
    # "help", "issue", "account", "DM" are in every exchange: echoing them is not listening
    status, _, _ = _listen(
        "We can help with this issue. DM us the account details.", "Need help with an issue"
    )
    assert status is Status.WEAK


def test_without_customer_status_comes_from_patterns_only() -> None:
    assert _listen("It sounds like the update failed.", None) == (
        Status.PRESENT,
        ["It sounds like the"],
        False,
    )
    assert _listen("I understand. Please DM us.", None)[0] is Status.WEAK
    assert _listen("Please DM us.", None)[0] is Status.MISSING
    assert _listen("Your router needs a reset.", None)[2] is False


def _codes(reply: str, customer: str) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for f in makeitlast.check(reply, customer=customer).findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_l001_names_the_generic_opener() -> None:
    reply = "Thanks for reaching out! Please send us a DM."
    (f,) = _codes(reply, "My order #448812 arrived broken")["L001"]
    assert f.span is not None and f.span.text == "Thanks for reaching out"
    assert f.suggestion and f.suggestion.startswith("Name their problem")


def test_l001_quiet_when_acknowledged_or_no_customer() -> None:
    assert "L001" not in _codes("Sorry to hear that! Send us a DM.", "My order #448812 arrived broken")
    assert not any(f.code == "L001" for f in makeitlast.check("Please send us a DM.").findings)


def test_l002_on_a_multi_point_complaint_without_summary() -> None:
    customer = (
        "My order came a week late. The box was crushed and the lamp inside is broken. "
        "Nobody answered my email either."
    )
    (f,) = _codes("Sorry to hear that. Please DM us.", customer)["L002"]
    assert f.suggestion and "My order came a week late" in f.suggestion
    summary = (
        "So your order came late, the lamp is broken and nobody answered your email. A new lamp ships today."
    )
    assert "L002" not in _codes(summary, customer)


# L003 is tested on a reading built by hand, so that it does not depend on how facts are extracted.
def _ctx(reply: str, customer: str, facts: list[tuple[FactKind, str]]) -> ReplyContext:
    view = TextView(customer)
    found = []
    for kind, text in facts:
        at = customer.index(text)
        found.append(Fact(kind=kind, span=view.span(at, at + len(text))))
    return ReplyContext(
        reply=TextView(reply),
        customer=view,
        earlier=(),
        reading=CustomerReading(facts=tuple(found)),
        settings=get_engine().settings,
    )


def _l003(reply: str, customer: str, facts: list[tuple[FactKind, str]]) -> list[str]:
    rule = AsksKnownInfo(get_engine().settings)
    return [f.span.text for f in rule.check(_ctx(reply, customer, facts)) if f.span]


def test_l003_flags_a_request_for_what_was_given() -> None:
    order = "My order #448812 arrived broken"
    assert _l003("Sorry! Please DM us your order number.", order, [("order_number", "#448812")]) == [
        "order number"
    ]
    booking = "Booking ref MP79V2: the hotel has no record of my stay"
    assert _l003("Could you tell us your booking reference?", booking, [("order_number", "MP79V2")]) == [
        "booking reference"
    ]
    mail = "I emailed you from jo@example.com twice"
    assert _l003("What's your email address?", mail, [("email", "jo@example.com")]) == ["email address"]
    late = "My order still hasn't arrived"
    assert _l003("What seems to be the problem?", late, [("problem", "hasn't arrived")]) == [
        "What seems to be the problem"
    ]


def test_l003_quiet_when_the_reply_uses_what_was_given_or_asks_for_something_else() -> None:
    order = "My order #448812 arrived broken"
    facts: list[tuple[FactKind, str]] = [("order_number", "#448812")]
    assert _l003("Thanks for the order number! A replacement ships today.", order, facts) == []
    assert _l003("Please DM us the order number you mentioned, privately.", order, facts) == []
    assert _l003("Please DM us your account number.", order, facts) == []
    assert _l003("Please DM us your order number.", "My parcel arrived broken", []) == []
    vague = "I'm having issues with my phone"
    assert _l003("What seems to be the problem?", vague, [("problem", "having issues")]) == []


def test_l003_through_the_engine() -> None:
    found = _codes("Sorry about that! Please DM us your order number.", "My order #448812 arrived broken")
    (f,) = found["L003"]
    assert f.suggestion and "#448812" in f.suggestion


def test_l005_vague_request_answered_with_a_guess() -> None:
    assert "L005" in _codes("Try restarting your phone.", "help, it's not working")
    assert "L005" not in _codes("Sorry! What isn't working, and on which device?", "help, it's not working")
    assert "L005" not in _codes(
        "Restart the router and the light should turn green.",
        "Router #88123 shows a red light since the storm on Monday",
    )


def test_pronouns_are_turned_around() -> None:
    assert (
        swap_pronouns("my order hasn't arrived and I am upset")
        == "your order hasn't arrived and you are upset"
    )
    assert swap_pronouns("you charged me twice") == "we charged you twice"
    assert swap_pronouns("I called you three times") == "you called us three times"


def test_team_phrases_extend_the_paraphrases() -> None:
    from makeitlast import Settings
    from makeitlast.engine import Engine

    team = Engine(Settings(phrases={"L001": ("what I'm hearing is",)}))
    report = team.check("What I'm hearing is a real let-down. DM us.", "Ugh, again??")
    assert report.steps[Step.LISTEN].status is Status.PRESENT


def test_a_reply_in_its_own_words_reacts_but_contact_boilerplate_does_not() -> None:
    praise = "Best burrito in town, just had two!"
    assert _listen("High five, my friend! -Sam", praise)[0] is Status.WEAK
    assert (
        _listen("Is the light on top red? ^JK", "Router is downstairs, only the WiFi drops")[0] is Status.WEAK
    )
    template = "Send us a DM with your email address so we can connect. ^AB"
    assert _listen(template, "My bill is wrong again")[0] is Status.MISSING


def test_topic_words_echo_each_other_but_identifier_requests_do_not() -> None:
    status, evidence, _ = _listen("The seller should have shipped it by now.", "I still don't have my parcel")
    assert status is Status.PRESENT and "seller" in evidence
    status, _, _ = _listen("Please DM us your order number.", "Where is my order??")
    assert status is Status.MISSING
