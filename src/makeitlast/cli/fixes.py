"""The pieces of ``makeitlast check --fix``: the diff of the reply, the ``fixed`` JSON field, the atomic
``--write``, and the closing summary of what was applied and what is left for a person."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from makeitlast.cli.errors import fail

if TYPE_CHECKING:
    from makeitlast.compose.fix import FixResult

#: The output formats that can carry the fixed replies (a ``fixed`` field on each record).
FIX_FORMATS = ("json", "jsonl")

_RED, _GREEN, _CYAN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"


def use_color(stream: TextIO, forced: bool | None) -> bool:
    """Colour as the text format decides it: forced on or off, else a terminal (not ``TERM=dumb``), or
    ``FORCE_COLOR``; ``NO_COLOR`` turns it off."""
    if forced is not None:
        return forced
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        tty = False
    return tty and os.environ.get("TERM") != "dumb"


def unified_diff(before: str, after: str, *, name: str = "reply", color: bool = False) -> str:
    """A unified diff of the reply before and after (empty when nothing changed)."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{name} (before)",
            tofile=f"{name} (fixed)",
        )
    )
    out: list[str] = []
    for line in lines:
        text = line if line.endswith("\n") else line + "\n"
        if color:
            if text.startswith(("---", "+++")):
                text = f"{_BOLD}{text[:-1]}{_RESET}\n"
            elif text.startswith("@@"):
                text = f"{_CYAN}{text[:-1]}{_RESET}\n"
            elif text.startswith("-"):
                text = f"{_RED}{text[:-1]}{_RESET}\n"
            elif text.startswith("+"):
                text = f"{_GREEN}{text[:-1]}{_RESET}\n"
        out.append(text)
    return "".join(out)


def fixed_field(result: FixResult) -> dict[str, Any]:
    """The ``fixed`` field of a record (see docs/output-schema.md)."""
    return {
        "reply": result.text,
        "changed": result.changed,
        "applied": [
            {
                "code": f.code,
                "name": f.name,
                "safe": f.fix.safe,
                "text": f.fix.span.text,
                "replacement": f.fix.replacement,
            }
            for f in result.applied
            if f.fix is not None
        ],
        "before": {"score": result.before.score, "findings": len(result.before.findings)},
    }


def fixed_record(result: FixResult) -> dict[str, Any]:
    """The report of the fixed text, with the ``fixed`` field."""
    return {**result.after.to_json_dict(), "fixed": fixed_field(result)}


def summary(result: FixResult, *, unsafe: bool) -> str:
    """One line: what was fixed, and what is left to review."""
    applied = [f.code for f in result.applied]
    left = [f.code for f in result.suggestions if f.fix is not None and not f.fix.safe]
    parts = []
    if applied:
        parts.append(
            f"applied {len(applied)} fix{'es' if len(applied) != 1 else ''} ({', '.join(applied)}): "
            f"{len(result.before.findings)} → {len(result.after.findings)} findings, "
            f"score {result.before.score} → {result.after.score}"
        )
    else:
        parts.append("nothing fixed: no fix leaves fewer findings" if _any_fix(result, unsafe) else "nothing to fix")
    if left:
        them = "them" if len(left) != 1 else "it"
        hint = f"review {them} in the report above" + ("" if unsafe else f"; --unsafe-fixes applies {them}")
        parts.append(f"{len(left)} suggested rewrite{'s' if len(left) != 1 else ''} not applied ({', '.join(left)}): "
                     f"{hint}")
    return "; ".join(parts) + "\n"


def _any_fix(result: FixResult, unsafe: bool) -> bool:
    return any(f.fix is not None and (f.fix.safe or unsafe) for f in result.before.findings)


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and :func:`os.replace`, so that a
    reader never sees half a file; an existing file keeps its permissions."""
    target = Path(path)
    if target.is_dir():
        fail(f"--write {path}: is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror or e}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        fail(f"cannot write {path}: {e.strerror or e}")
