"""The reading matches all its phrase lists in one pass; that pass must find exactly what each list finds alone."""

from __future__ import annotations

import pytest

from makeitlast.engine.detectors import Phrases, PhraseSet, TextView
from makeitlast.reading import _BOOK
from makeitlast.reading._signal import masked

TEXTS = [
    "@ShopHelp I’ve called twice about order #55123-9 and the £40 charge, still no reply! Worst service ever",
    "@TelcoCare you people are useless idiots, I'll come down there myself",
    "@StreamCo Why was I charged $12.99 twice this month? Can't log in since Tuesday's update #frustrated",
    "@AirlineCo not even a sorry. 3 hrs on hold, flight DL4047 cancelled, no one picks up. Never flying with you again",
    "@GameSupport it's not broken, it's just slow... is there a known issue? don't need a refund",
    "@ShopHelp Yes, I have. Twice. My phone's screen is cracked & the box was empty 🙄🙄 wtf",
    "THE APP DOESN’T WORK!!! fix it or give me my money back, i've been a loyal customer since 2009",
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_finds_what_each_list_finds(text: str) -> None:
    view = masked(TextView(text))
    alone = {name: phrases.find(view) for name, phrases in _BOOK.members.items()}
    assert _BOOK.find(view) == {name: found for name, found in alone.items() if found}


@pytest.mark.parametrize("text", TEXTS)
def test_fast_matching_finds_what_one_expression_finds(text: str) -> None:
    view = masked(TextView(text))
    for phrases in _BOOK.members.values():
        regex = phrases._regex
        assert regex is not None
        expected = [m.span() for m in regex.finditer(view.text)]
        assert [(s.start, s.end) for s in phrases.find(view, raw=True)] == expected


def test_a_small_phrase_set_matches_its_members() -> None:
    members = {
        "fix": Phrases.of([r"(?:please )?fix (?:it|this)", r"sort (?:it|this) out"]),
        "wait": Phrases.of([r"\d+ (?:days|hours)", r"the (?:delay|wait)"], negation=2),
        "money": Phrases.of([r"[$£]\d+", r"money back"]),
        "login": Phrases.of([r"log ?in", r"can'?t sign in"], negation=None),
    }
    book = PhraseSet(members)
    for text in [
        "Please fix it, I've waited 3 days and want my money back",
        "No delay at all, thanks! I can’t sign in though, nor login",
        "£40 gone, the wait is silly. Sort this out",
        "",
        "nothing here",
    ]:
        view = TextView(text)
        expected = {n: p.find(view) for n, p in members.items()}
        assert book.find(view) == {n: f for n, f in expected.items() if f}
