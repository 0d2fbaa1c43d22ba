"""A conversation as turns: each customer-facing agent reply with the customer messages it answers.

A reply answers the customer messages written since the agent's previous public message (its *block*); a second
agent message in a row (a reply split over tweets, "1/2" then "2/2") answers the same block. Everything the
customer wrote before the block is the reply's context, so a reply that asks again for an order number given three
messages earlier is still caught (L003). Internal notes are kept in place but never judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from makeitlast.model import Conversation, Message, Role


@dataclass(frozen=True)
class Turn:
    """One agent reply in its conversation."""

    conversation: Conversation
    #: Position of the reply in ``conversation.messages``.
    index: int
    #: Positions of the customer messages the reply answers (may be empty: the agent wrote first).
    block: tuple[int, ...]

    @property
    def reply(self) -> Message:
        return self.conversation.messages[self.index]

    @property
    def customer_messages(self) -> tuple[Message, ...]:
        return tuple(self.conversation.messages[i] for i in self.block)

    @property
    def customer_text(self) -> str | None:
        texts = [m.text for m in self.customer_messages if m.text.strip()]
        return "\n".join(texts) if texts else None

    @property
    def context(self) -> tuple[Message, ...]:
        """The public messages before the block (oldest first)."""
        first = self.block[0] if self.block else self.index
        return tuple(m for m in self.conversation.messages[:first] if not m.internal)

    def after(self) -> tuple[Message, ...]:
        """The public messages after the reply."""
        return tuple(m for m in self.conversation.messages[self.index + 1 :] if not m.internal)

    def before(self) -> tuple[Message, ...]:
        """The public messages before the reply."""
        return tuple(m for m in self.conversation.messages[: self.index] if not m.internal)


def turns(conversation: Conversation) -> Iterator[Turn]:
    """Every public agent reply of ``conversation`` with the block it answers, in order."""
    block: list[int] = []
    answered: tuple[int, ...] = ()
    for i, m in enumerate(conversation.messages):
        if m.internal:
            continue
        if m.role is Role.CUSTOMER:
            block.append(i)
            continue
        if block:
            answered = tuple(block)
            block = []
        yield Turn(conversation, i, answered)
