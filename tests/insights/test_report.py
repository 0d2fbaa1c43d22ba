"""report.html: self-contained, every chart present, customer text escaped."""

from __future__ import annotations

from datetime import UTC, datetime

from makeitlast.conversation.analyze import Analyzer
from makeitlast.insights.aggregate import Tally
from makeitlast.insights.report import render
from makeitlast.model import Conversation, Message, Role


def _summary(convs: list[Conversation]) -> dict:  # type: ignore[type-arg]
    analyzer = Analyzer()
    t = Tally()
    for c in convs:
        t.add(analyzer.analyze(c))
    return t.summary()


def test_page_is_self_contained_with_every_chart(conversations: list[Conversation]) -> None:
    page = render(_summary(conversations))
    assert page.startswith("<!doctype html>")
    # nothing to fetch: Plotly's code is inline, no external scripts, styles or images
    assert "<script src" not in page and "<link" not in page and "<img" not in page
    for chart in (
        "steps",
        "donts",
        "scores",
        "by_brand",
        "remedy_gap",
        "promises",
        "response_times",
        "recovery",
    ):
        assert f'data-chart="{chart}"' in page
    assert "<mark>It&#x27;s our policy" in page or "<mark>It's our policy" in page


def test_customer_text_is_escaped() -> None:
    evil = Conversation(
        id="x1",
        meta={"brand": "<b>Brand</b>"},
        messages=(
            Message(
                role=Role.CUSTOMER,
                text='<script>alert(1)</script><img src=x onerror="alert(2)"> my order never came',
                timestamp=datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
            ),
            Message(
                role=Role.AGENT,
                text="It's our policy <script>alert(3)</script>",
                timestamp=datetime(2026, 11, 3, 9, 5, tzinfo=UTC),
                author="<i>agent</i>",
            ),
        ),
    )
    page = render(_summary([evil]))
    body = page.split("</head>", 1)[1]
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert 'onerror="alert' not in body
