"""The don'ts (RUBRIC section 3)."""
