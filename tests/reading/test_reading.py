"""The customer reading (RUBRIC section 1) on short, realistic customer messages written for these tests."""

from __future__ import annotations

import pytest

from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading, Span
from makeitlast.reading import extract_facts, read_customer


def read(text: str, *earlier: str) -> CustomerReading:
    return read_customer(TextView(text), tuple(TextView(e) for e in earlier))


def facts(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.span.text) for f in read(text).facts]


def evidence(reading: CustomerReading, key: str) -> list[str]:
    return [s.text for s in reading.evidence.get(key, ())]


# --- wants --------------------------------------------------------------------------------------------------

WANTS_POSITIVE = [
    ("@ShopHelp Not even a sorry after a six hour wait.", "apology"),
    ("@ShopHelp I expect an apology from the manager.", "apology"),
    ("@StreamCo why was my card charged on Friday?", "explanation"),
    ("@StreamCo is there an outage in Leeds right now", "explanation"),
    ("@StreamCo any update on the Android app?", "explanation"),
    ("@ShopHelp I want you to stop sending parcels to my old flat. Possible, or no?", "explanation"),
    ("@ShopHelp my order still hasn't arrived", "repair"),
    ("@GameSupport the app keeps crashing on launch, please fix this", "repair"),
    ("@ShopHelp I want my money back", "refund"),
    ("@StreamCo you double charged me this month", "refund"),
    ("@AirlineCo I think a voucher for the trouble is the least you can do", "future_credit"),
    ("@AirlineCo can I get some compensation for the cancelled flight?", "future_credit"),
    ("@TelcoCare been a loyal customer for 10 years and this is how you treat me", "appreciation"),
    ("@TelcoCare the woman at the desk was so rude to my mum", "dignity"),
    ("@TelcoCare I've sent three messages and I'm being ignored", "dignity"),
]


@pytest.mark.parametrize(("text", "want"), WANTS_POSITIVE)
def test_want_is_read(text: str, want: str) -> None:
    reading = read(text)
    assert want in reading.wants
    assert evidence(reading, f"wants.{want}"), "every want carries the words that decided it"


WANTS_NEGATIVE = [
    ("@AirlineCo No apology needed, the crew were lovely.", "apology"),
    ("@StreamCo thanks, that's why I love this app", "explanation"),
    ("@GameSupport all sorted now, thanks for the help!", "repair"),
    ("@ShopHelp No refund needed, just send the right size please.", "refund"),
    ("@ShopHelp I don't want a refund, I want the parcel.", "refund"),
    ("@ShopHelp feel free to ignore my last message", "future_credit"),
    ("@TelcoCare how do I change the name on my account?", "appreciation"),
    ("@TelcoCare the engineer was lovely and very helpful", "dignity"),
]


@pytest.mark.parametrize(("text", "want"), WANTS_NEGATIVE)
def test_want_is_not_read(text: str, want: str) -> None:
    assert want not in read(text).wants


def test_a_negation_belonging_to_another_verb_keeps_the_wish() -> None:
    reading = read("@ShopHelp I still haven't received my refund from last week.")
    assert "refund" in reading.wants
    assert "repair" not in reading.wants


def test_plain_how_to_question_wants_an_explanation_only() -> None:
    assert read("@StreamCo How do I change my password?").wants == ("explanation",)


def test_praise_wants_nothing() -> None:
    reading = read("@CoffeeCo best flat white in town, thank you guys!")
    assert reading.wants == ()
    assert not reading.bad_experience
    assert reading.anger == 0


# --- anger --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("@StreamCo what time does the new season drop?", 0),
        ("@TelcoCare I'm not angry, just wondering when the new plans launch.", 0),
        ("@ShopHelp my parcel is two days late", 1),
        ("@ShopHelp this is ridiculous, worst delivery service ever", 2),
        ("@TelcoCare THIS IS THE WORST SERVICE EVER!!! FIX IT NOW", 3),
        ("@TelcoCare you people are useless idiots", 3),
    ],
)
def test_anger_levels(text: str, level: int) -> None:
    assert read(text).anger == level


def test_anger_evidence_points_at_the_words() -> None:
    reading = read("@ShopHelp this is ridiculous, my order is late again")
    assert "ridiculous" in evidence(reading, "anger")


def test_shouting_about_good_news_is_not_anger() -> None:
    assert read("@CoffeeCo THANK YOU SO MUCH FOR THE FREE COFFEE!!!").anger == 0


# --- abuse --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "@TelcoCare you people are useless idiots",
        "@TelcoCare your staff are a bunch of clowns",
        "@TelcoCare I'll come down there and sort your manager out myself",
        "@TelcoCare f*** you and your contracts",
    ],
)
def test_abuse_aimed_at_people(text: str) -> None:
    reading = read(text)
    assert reading.abusive
    assert evidence(reading, "abusive")
    assert reading.anger == 3


@pytest.mark.parametrize(
    "text",
    [
        "@TelcoCare this fucking router keeps dropping the connection",
        "@TelcoCare the idiot who parked across my drive wasn't your driver, all good",
        "@TelcoCare your staff are not idiots, they were just overworked",
    ],
)
def test_swearing_about_a_situation_is_not_abuse(text: str) -> None:
    assert not read(text).abusive


# --- repeat contact -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "@TelcoCare I've called 3 times and no one has responded.",
        "@ShopHelp still waiting for my replacement",
        "@ShopHelp as I said, the order number is in my last tweet",
        "@ShopHelp I did.",
        "@ShopHelp Yes, I have. Twice.",
        "@GameSupport tried that already, no change",
        "@ShopHelp this is the third time I have called about it",
    ],
)
def test_repeat_contact(text: str) -> None:
    reading = read(text)
    assert reading.repeat_contact
    assert evidence(reading, "repeat_contact")


@pytest.mark.parametrize(
    "text",
    [
        "@TelcoCare I will never use your service again.",
        "@TelcoCare is the store open on Sunday?",
        "@TelcoCare Been with you for 12 years and this is how you treat loyal customers?",
    ],
)
def test_not_a_repeat(text: str) -> None:
    assert not read(text).repeat_contact


def test_earlier_message_saying_so_makes_a_repeat() -> None:
    assert read("@ShopHelp any news?", "@ShopHelp I emailed you twice about my order").repeat_contact


def test_asking_again_what_an_earlier_message_asked_is_a_repeat() -> None:
    reading = read("@ShopHelp where is my order?", "@ShopHelp my order hasn't arrived")
    assert reading.repeat_contact
    assert evidence(reading, "repeat_contact")


def test_an_unrelated_earlier_message_is_no_repeat() -> None:
    assert not read("@ShopHelp can I pay by PayPal?", "@ShopHelp hi there").repeat_contact


# --- bad experience -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "@ShopHelp my parcel arrived with the screen cracked",
        "@StreamCo you charged me twice for the same month",
        "@AirlineCo our flight was cancelled and nobody told us",
        "@TelcoCare so disappointed with the service today",
        "@TelcoCare the man in the Leeds store was rude to me",
        "@GameSupport can't log in since the update #frustrated",
        "@TelcoCare don't worry, I'm off to see what other providers offer",
        "@CafeCo I found a hair in my sandwich",
    ],
)
def test_bad_experience(text: str) -> None:
    reading = read(text)
    assert reading.bad_experience
    assert evidence(reading, "bad_experience")


@pytest.mark.parametrize(
    "text",
    [
        "@StreamCo how do I add a second profile?",
        "@CoffeeCo love the new pumpkin latte!",
        "@GameSupport We solved the problem, thanks!",
        "@GameSupport Nothing is broken, just asking about the release date.",
        "@GameSupport it would be great if you added a dark mode",
        "@ShopHelp no problem at all, take your time",
    ],
)
def test_no_bad_experience(text: str) -> None:
    assert not read(text).bad_experience


# --- facts --------------------------------------------------------------------------------------------------


def test_order_number_span_is_the_identifier() -> None:
    assert ("order_number", "#112-4567890-1234567") in facts(
        "@ShopHelp order #112-4567890-1234567 arrived broken"
    )
    assert ("order_number", "AB12345") in facts("@ShopHelp my order number is AB12345, any news?")


def test_labelled_and_bare_identifiers() -> None:
    assert ("case_number", "CS-884211") in facts("Case number CS-884211 still open")
    assert ("order_number", "DL4047") in facts("@AirlineCo I'm on DL4047 tonight")
    assert ("order_number", "MP79V2") in facts("@AirlineCo booking ref MP79V2, seat 12A")


def test_handles_and_links_are_never_facts() -> None:
    found = facts("@115712 @AmazonHelp look https://t.co/AB12CD34EF www.example.com/ab12345")
    assert found == []


def test_amounts_dates_contacts_products() -> None:
    found = facts(
        "@StreamCo charged £6.14 on 21/10/17 and $13 yesterday. "
        "Email jane.doe@example.com or call 555-123-4567. My iPhone 8 Plus on iOS 11.1 froze."
    )
    assert ("amount", "£6.14") in found
    assert ("amount", "$13") in found
    assert ("date", "21/10/17") in found
    assert ("date", "yesterday") in found
    assert ("email", "jane.doe@example.com") in found
    assert ("phone", "555-123-4567") in found
    assert ("product", "iPhone 8 Plus") in found
    assert ("product", "iOS 11.1") in found
    assert ("problem", "froze") in found


def test_tweet_counter_is_not_a_date() -> None:
    assert not [k for k, _t in facts("1/2 my parcel is late") if k == "date"]


def test_problem_fact_is_the_thing_that_went_wrong() -> None:
    assert ("problem", "hasn't arrived") in facts("@ShopHelp my blender hasn't arrived")


def test_email_domain_is_not_masked_as_a_handle() -> None:
    assert ("email", "sam@shop.co.uk") in facts("@ShopHelp write to sam@shop.co.uk please")


def test_every_span_points_at_its_words() -> None:
    text = "@ShopHelp I’ve called twice about order #55123-9 and the £40 charge, still no reply! Worst service ever"
    reading = read(text)
    spans: list[Span] = [f.span for f in reading.facts]
    spans += [s for group in reading.evidence.values() for s in group]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.text.strip() == span.text and span.text


def test_extract_facts_matches_the_reading() -> None:
    text = "@ShopHelp order 1234567890 never arrived"
    assert extract_facts(TextView(text)) == read(text).facts


# --- odd input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   ", "@AmazonHelp", "https://t.co/xyz", "🙂🙂", "?!", "İstanbul'a kargo?"]
)
def test_empty_ish_text_reads_calm(text: str) -> None:
    reading = read(text)
    assert reading.anger <= 1
    assert not reading.abusive
    assert not reading.bad_experience
    assert reading.facts == ()


def test_long_text_is_read() -> None:
    text = "@ShopHelp my order hasn't arrived. " * 300
    reading = read(text)
    assert reading.bad_experience
    assert "repair" in reading.wants
