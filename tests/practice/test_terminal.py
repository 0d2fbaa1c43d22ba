"""``makeitlast practice`` played through a real pseudo-terminal (pexpect), as a trainee would."""

from __future__ import annotations

import os
import shutil

import pytest

pexpect = pytest.importorskip("pexpect")

BIN = shutil.which("makeitlast")
pytestmark = pytest.mark.skipif(BIN is None, reason="the makeitlast command is not installed")

GOOD = (
    "I'm so sorry your order #55102 is late with the birthday on Saturday. I've sent a replacement by express "
    "today; it arrives tomorrow. Thank you for your patience. What can I do to make this right?"
)


def _spawn(*args: str):  # type: ignore[no-untyped-def]
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "120"}
    return pexpect.spawn(BIN, ["practice", *args], encoding="utf-8", timeout=30, dimensions=(60, 120), env=env)


def test_waiting_for_the_whole_story_then_answering_resolves_it() -> None:
    child = _spawn("late-delivery", "--seed", "1")
    child.expect("still typing")
    child.sendline("")  # wait for the rest of the story
    child.expect("you> ")
    child.sendline(GOOD)
    child.expect("Ending: resolved")
    child.expect("Score")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_answering_mid_story_makes_the_customer_start_over() -> None:
    child = _spawn("late-delivery", "--seed", "1")
    child.expect("still typing")
    child.sendline("Can you send me your order number?")  # interrupts
    child.expect(r"went from \w+ to (angry|raging)")  # angrier ...
    child.expect("still typing")  # ... and telling the story again from the start
    child.sendline("/quit")
    child.expect("interrupted")  # the debrief names it
    child.expect(pexpect.EOF)
    child.close()


def test_unknown_scenario_is_a_clear_error() -> None:
    child = _spawn("no-such-scenario")
    child.expect("unknown scenario 'no-such-scenario'; available: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
