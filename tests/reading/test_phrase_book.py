"""The reading matches all its phrase lists in one pass; that pass must find exactly what each list finds alone."""

from __future__ import annotations

import pytest

from makeitlast.engine.detectors import TextView
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
