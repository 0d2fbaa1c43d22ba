"""Listen step: acknowledging what the customer says they did, and own words in another language."""

from __future__ import annotations

import makeitlast
from makeitlast.model import Status, Step


def _listen(reply: str, customer: str) -> Status:
    return makeitlast.check(reply, customer=customer).steps[Step.LISTEN].status


def test_acknowledging_their_dm_answers_what_they_said() -> None:
    assert _listen("We have received your DM and will follow up there.", "Just did") is Status.PRESENT
    reply = "Thank you for following up. A member of our team will be in touch shortly through DM."
    assert _listen(reply, "I Dm'ed you!") is Status.PRESENT


def test_received_your_dm_is_not_listening_to_a_complaint() -> None:
    # the customer reported a problem, not a DM: "received your DM" says nothing about it
    customer = "My internet has been down since Monday and nobody cares"
    assert _listen("We have received your DM and will follow up there.", customer) is not Status.PRESENT


def test_own_words_in_another_language_are_no_evidence() -> None:
    customer = "Mi pedido no llegó"
    reply = "Hola Ezequiel! Por favor siguenos en Twitter para poder brindarte asistencia por mensajes directos."
    assert _listen(reply, customer) is not Status.PRESENT


def test_echoing_a_function_verb_is_not_reflecting() -> None:
    customer = "amazonuk took money and they are not giving it back"
    reply = "Without giving personal details, could you tell us a bit more about what's going on?"
    assert _listen(reply, customer) is not Status.PRESENT
