"""Small conversations written for these tests (realistic support exchanges, with timestamps)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from makeitlast.model import Conversation, Message, Role

T0 = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


def conv(cid: str, brand: str, *turns: tuple[str, int, str], agent: str = "agent-1") -> Conversation:
    """``turns``: (role, minutes after T0, text)."""
    return Conversation(
        id=cid,
        meta={"brand": brand},
        messages=tuple(
            Message(
                role=Role(role),
                timestamp=T0 + timedelta(minutes=minutes),
                text=text,
                author=agent if role == "agent" else f"cust-{cid}",
                id=f"{cid}-{i}",
            )
            for i, (role, minutes, text) in enumerate(turns)
        ),
    )


@pytest.fixture
def conversations() -> list[Conversation]:
    return [
        conv(
            "c1",
            "ShopCo",
            (
                "customer",
                0,
                "@ShopCo my order #88123 arrived smashed. Third time this month! I want a refund.",
            ),
            ("agent", 12, "It's our policy that damaged items go back to the courier, nothing I can do."),
            ("customer", 30, "@ShopCo unbelievable. Worst service ever."),
        ),
        conv(
            "c2",
            "ShopCo",
            ("customer", 0, "@ShopCo I was charged twice for order 55102, can you fix it?"),
            (
                "agent",
                4,
                "I'm so sorry about the double charge on order 55102. I've refunded the second payment; it shows "
                "within 3-5 business days. Thanks for flagging it!",
            ),
            ("customer", 20, "@ShopCo great, thank you!"),
        ),
        conv(
            "c3",
            "AirCo",
            ("customer", 0, "@AirCo my bag didn't arrive in Denver, flight 1123. Nobody at the desk helped."),
            (
                "agent",
                45,
                "I'm sorry your bag didn't make it to Denver. I'll call you tomorrow with an update on the trace. "
                "Thank you for your patience.",
            ),
            ("customer", 60, "@AirCo ok thanks"),
        ),
    ]
