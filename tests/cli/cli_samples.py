"""Texts and paths the command-line tests share (imported by name: the test folder is on sys.path)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cli"

#: A reply with a policy wall (D001) and one without, for a customer with a problem.
WALL = "Sorry, it's our policy. Nothing else I can tell you."
CUSTOMER = "My blender stopped working after two weeks and I'd like to return it."
CLEAN = "I'm sorry your blender stopped working. I've sent you a prepaid return label by email. Thanks for telling us."
