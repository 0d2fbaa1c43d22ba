"""Whole conversations: turns, the promise ledger and the conversation-level checks (RUBRIC section 4)."""
