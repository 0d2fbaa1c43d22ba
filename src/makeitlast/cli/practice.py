"""The bodies of ``makeitlast practice``: role-play against simulated difficult customers.

The commands themselves are declared in ``cli/app.py``; each calls one function here and exits with what it
returns (run them inside :func:`makeitlast.cli.errors.guarded`, which turns :class:`CliError` into one line on
stderr and exit status 2)::

    list_scenarios(format, scenarios_dir) -> int          # makeitlast practice --list [--format json]
    scripted(scenario, replies_file, format, seed, scenarios_dir) -> int
                                                          # makeitlast practice SCENARIO --replies FILE
    interactive(scenario, seed, scenarios_dir) -> int     # makeitlast practice [SCENARIO]

``scenarios_dir`` is a trainer's folder of scenario files (``--scenarios DIR``); ``None`` means the built-in
scenarios. A scenario is named by id, or given as a path to a ``.toml`` file.

The replies file of ``scripted`` is either JSON (an array of strings or of ``{"text", "interrupt", "seen"}``
objects), JSON Lines (one such string or object per line, ``.jsonl``) or plain text: one reply per paragraph
(paragraphs are separated by a blank line), ``#`` starts a comment line, and a paragraph starting with
``[interrupt]`` (or ``[interrupt 2]``: after the customer's second part) is sent while the customer is still typing.

Exit status: ``scripted`` returns 0 when the session was resolved and 1 otherwise (escalated, walked away, or the
replies ran out); ``list_scenarios`` and ``interactive`` return 0.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makeitlast.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError

if TYPE_CHECKING:
    from rich.console import Console

    from makeitlast.practice.run import ReplyLike
    from makeitlast.practice.scenario import Scenario

__all__ = ["interactive", "list_scenarios", "read_replies", "scripted"]

_FORMATS = ("text", "json")
_INTERRUPT = re.compile(r"^\[interrupt(?:\s+(\d+))?\]\s*", re.IGNORECASE)


def _check_format(fmt: str) -> str:
    value = fmt.strip().lower()
    if value not in _FORMATS:
        raise CliError(f"unknown format {fmt!r} for practice; use text or json")
    return value


def _scenarios(scenarios_dir: str | Path | None) -> dict[str, Scenario]:
    from makeitlast.practice.scenario import ScenarioError, load_scenarios

    try:
        return load_scenarios(scenarios_dir)
    except ScenarioError as e:
        raise CliError(str(e)) from None


def _scenario(name: str, scenarios_dir: str | Path | None) -> Scenario:
    from makeitlast.practice.scenario import ScenarioError, UnknownScenario, find_scenario

    try:
        return find_scenario(name, scenarios_dir)
    except (ScenarioError, UnknownScenario) as e:
        raise CliError(str(e)) from None


def _console(stream: Any = None) -> Console:
    from rich.console import Console

    out = stream or sys.stdout
    tty = bool(getattr(out, "isatty", lambda: False)())
    return Console(file=out, highlight=False, emoji=False, width=None if tty else 100)


def _ascii(stream: Any = None) -> bool:
    from makeitlast.formats.json import ascii_only

    return ascii_only(stream or sys.stdout)


# --- list ----------------------------------------------------------------------------------------------------


def list_scenarios(format: str, scenarios_dir: str | None) -> int:
    """Print the scenarios (id, title, industry, customer, starting mood, replies allowed); hidden wants stay
    hidden."""
    from makeitlast.practice.scenario import MOODS

    fmt = _check_format(format)
    scenarios = _scenarios(scenarios_dir)
    rows = [
        {
            "id": sc.id,
            "title": sc.title,
            "industry": sc.industry,
            "customer": sc.persona.name,
            "starting_mood": MOODS[sc.starting_anger],
            "max_turns": sc.max_turns,
            "exception": sc.exception is not None,
            "needs_boundary": sc.needs_boundary,
        }
        for sc in sorted(scenarios.values(), key=lambda s: s.id)
    ]
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    from rich.table import Table

    table = Table(title="practice scenarios", title_justify="left", header_style="bold")
    for column in ("#", "id", "title", "industry", "customer", "starts"):
        table.add_column(column, no_wrap=column in ("#", "id"))
    for n, row in enumerate(rows, 1):
        table.add_row(
            str(n),
            str(row["id"]),
            str(row["title"]),
            str(row["industry"]),
            str(row["customer"]),
            str(row["starting_mood"]),
        )
    console = _console()
    console.print(table)
    console.print("`makeitlast practice ID` plays one.", style="dim", markup=False)
    return EXIT_OK


# --- scripted ------------------------------------------------------------------------------------------------


def _json_item(item: Any, where: str) -> ReplyLike:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return item
    raise CliError(f"{where}: a reply must be a string or an object with text (and interrupt)")


def _text_replies(text: str) -> list[ReplyLike]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    out: list[ReplyLike] = []
    for block in re.split(r"\n\s*\n", "\n".join(lines)):
        para = " ".join(block.split())
        if not para:
            continue
        m = _INTERRUPT.match(para)
        if m:
            reply: dict[str, Any] = {"text": para[m.end() :], "interrupt": True}
            if m.group(1):
                reply["seen"] = int(m.group(1))
            out.append(reply)
        else:
            out.append(para)
    return out


def read_replies(path: str | Path) -> list[ReplyLike]:
    """The replies of a replies file (JSON, JSON Lines or text: see the module docstring)."""
    p = Path(path)
    if not p.exists():
        raise CliError(f"{p}: no such replies file")
    if p.is_dir():
        raise CliError(f"{p} is a folder: give a replies file (JSON, JSON Lines or text)")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliError(f"{p}: not UTF-8 text") from None
    except OSError as e:
        raise CliError(f"{p}: cannot read: {e.strerror or e}") from None
    stripped = text.lstrip("\ufeff").strip()
    replies: list[ReplyLike]
    if p.suffix.lower() == ".jsonl":
        replies = []
        for n, line in enumerate(stripped.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as e:
                raise CliError(f"{p}, line {n}: malformed JSON: {e.msg}") from None
            replies.append(_json_item(item, f"{p}, line {n}"))
    elif p.suffix.lower() == ".json" or stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise CliError(f"{p}: malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
        if not isinstance(data, list):
            raise CliError(f"{p}: expected a JSON array of replies")
        replies = [_json_item(item, f"{p}: replies[{i}]") for i, item in enumerate(data)]
    else:
        replies = _text_replies(stripped)
    if not replies:
        raise CliError(f"{p}: no replies in the file")
    return replies


def scripted(scenario: str, replies_file: str, format: str, seed: int, scenarios_dir: str | None) -> int:
    """Play ``scenario`` with the replies of ``replies_file`` and print the transcript and debrief (text) or the
    whole :class:`~makeitlast.practice.run.SessionResult` (json). 0 when resolved, 1 otherwise."""
    from makeitlast.practice.run import ScriptError, run_scripted

    fmt = _check_format(format)
    sc = _scenario(scenario, scenarios_dir)
    replies = read_replies(replies_file)
    try:
        result = run_scripted(sc, replies, seed)
    except ScriptError as e:
        raise CliError(f"{replies_file}: {e}") from None
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=_ascii()) + "\n")
    else:
        console = _console()
        console.print(result.debrief.render(ascii=_ascii()))
        if result.unused_replies:
            console.print(
                f"({result.unused_replies} repl{'y' if result.unused_replies == 1 else 'ies'} not used: the "
                "session had ended)",
                style="dim",
                markup=False,
            )
    return EXIT_OK if result.ending == "resolved" else EXIT_FINDINGS


# --- interactive ---------------------------------------------------------------------------------------------


def _pick(scenarios: dict[str, Scenario], input_fn: Callable[[str], str], console: Console) -> Scenario:
    ordered = sorted(scenarios.values(), key=lambda s: s.id)
    from rich.text import Text

    for n, sc in enumerate(ordered, 1):
        line = Text(f"{n:>3}. {sc.title}  ")
        line.append(f"({sc.industry}, {sc.id})", style="dim")
        console.print(line)
    while True:
        try:
            answer = input_fn(f"Pick a scenario (1-{len(ordered)}, or its id): ").strip()
        except EOFError:
            raise CliError("no scenario picked") from None
        if answer in scenarios:
            return scenarios[answer]
        if answer.isdigit() and 1 <= int(answer) <= len(ordered):
            return ordered[int(answer) - 1]
        console.print(f"Type a number from 1 to {len(ordered)}, or a scenario id.", style="yellow")


def interactive(
    scenario: str | None,
    seed: int,
    scenarios_dir: str | None,
    *,
    input_fn: Callable[[str], str] = input,
    console: Console | None = None,
    typing_delay: float = 0.8,
) -> int:
    """Play a scenario in the terminal (picked from a numbered list when ``scenario`` is None), then show the
    debrief."""
    from makeitlast.practice.run import play

    out = console or _console()
    sc = _scenario(scenario, scenarios_dir) if scenario else _pick(_scenarios(scenarios_dir), input_fn, out)
    play(sc, seed, input_fn, out, typing_delay)
    return EXIT_OK
