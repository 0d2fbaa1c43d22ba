"""Choices shared by several commands."""

from __future__ import annotations

from enum import StrEnum


class TextOrJson(StrEnum):
    """``--format`` of the commands that print either for people (a table, text) or for programs (JSON)."""

    TEXT = "text"
    JSON = "json"
