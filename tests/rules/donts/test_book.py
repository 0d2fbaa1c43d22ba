"""The shared one-pass book of phrase lists gives exactly what each list's own ``find`` gives."""

from __future__ import annotations

import pytest

from makeitlast.engine.detectors import TextView
from makeitlast.engine.registry import all_rules
from makeitlast.model import Span
from makeitlast.rules.donts import _book
from makeitlast.rules.donts._near import ALTERNATIVE, around, offered_near

TEXTS = [
    "We can't see your DM, could you resend it? We'll check the order as soon as it arrives.",
    "I'm sorry! I've refunded the fee and your replacement has been shipped; it arrives by 5pm tomorrow.",
    "Unfortunately we are not able to assist with this request. It is what it is.",
    "Calm down. As I already explained, you must have entered the wrong address, that's not our problem.",
    "Let us know if we can help! We're here for you. Is there anything else we can help with?",
    "That's not our department, you'll need to contact the manufacturer. I guarantee they'll sort it.",
    "Hi there, which iOS version are you on? Try restarting: https://example.com/restart ^JS",
    "We don’t have an ETA just yet, but we’ll update you here. You’re wrong about the fee though.",
]


@pytest.fixture(scope="module", autouse=True)
def _rules_loaded() -> None:
    all_rules()


@pytest.mark.parametrize("text", TEXTS)
def test_book_matches_each_list(text: str) -> None:
    view = TextView(text)
    for key, phrases in _book._LISTS.items():
        assert [(s.start, s.end) for s in _book.spans(view, key)] == [
            (s.start, s.end) for s in phrases.find(view)
        ], key


def test_book_is_per_reply() -> None:
    a, b = TextView("We can't wait!"), TextView("There's nothing we can do.")
    assert _book.spans(a, "D009") == []
    assert [s.text for s in _book.spans(b, "D009")] == ["There's nothing we can do"]
    assert _book.spans(a, "D009") == []


def test_around_takes_the_neighbouring_sentences() -> None:
    view = TextView("First one. We can't do that. Third one here. Fourth.")
    start = view.text.index("We can't")
    span = Span(start=start, end=start + 8, text="We can't")
    before, after = around(view, span)
    assert before == "First one. "
    assert after == " do that. Third one here."


def test_offered_near_sees_questions_connectors_and_alternatives() -> None:
    def near(text: str, words: str) -> bool:
        start = text.index(words)
        return offered_near(
            TextView(text), Span(start=start, end=start + len(words), text=words), ALTERNATIVE
        )

    assert near("We can't find it. Could you resend it?", "We can't")
    assert near("We can't refund it, but a voucher is fine.", "We can't")
    assert near("Please use the app. We can't do it here.", "We can't")
    assert not near("Hello. We can't do that. Bye.", "We can't")
