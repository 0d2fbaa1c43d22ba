"""The bodies of ``makeitlast practice``: role-play against simulated difficult customers.

The commands themselves are declared in ``cli/app.py``; each calls one function here and exits with what it
returns (run them inside :func:`makeitlast.cli.errors.guarded`, which turns :class:`CliError` into one line on
stderr and exit status 2)::

    list_scenarios(format, scenarios_dir) -> int          # makeitlast practice --list [--format json]
    scripted(scenario, replies_file, format, seed, scenarios_dir, user=, db_url=) -> int
                                                          # makeitlast practice SCENARIO --replies FILE
    interactive(scenario, seed, scenarios_dir, user=, db_url=) -> int
                                                          # makeitlast practice [SCENARIO]
    history(user, format, db_url, scenario=) -> int       # makeitlast practice --history [--user NAME]

``scenarios_dir`` is a trainer's folder of scenario files (``--scenarios DIR``); ``None`` means the built-in
scenarios. A scenario is named by id, or given as a path to a ``.toml`` file.

The replies file of ``scripted`` is either JSON (an array of strings or of ``{"text", "interrupt", "seen"}``
objects), JSON Lines (one such string or object per line, ``.jsonl``) or plain text: one reply per paragraph
(paragraphs are separated by a blank line), ``#`` starts a comment line, and a paragraph starting with
``[interrupt]`` (or ``[interrupt 2]``: after the customer's second part) is sent while the customer is still typing.

Storing sessions: a finished session is stored once for its trainee
(:func:`makeitlast.practice.history.save_session`, the same as the web app) in the database of ``db_url`` (default
``$MAKEITLAST_DATABASE_URL``, else SQLite in the user's data directory). ``interactive`` stores it for ``user``,
else ``$MAKEITLAST_USER``, else the login name (``save=False``: not at all); ``scripted`` only when ``user`` is
given. ``history`` shows a trainee's stored sessions and their progress.

Exit status: ``scripted`` returns 0 when the session was resolved and 1 otherwise (escalated, walked away, or the
replies ran out); ``list_scenarios``, ``interactive`` and ``history`` return 0.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from makeitlast.cli.errors import EXIT_FINDINGS, EXIT_OK, CliError

if TYPE_CHECKING:
    from rich.console import Console

    from makeitlast.practice.history import Progress
    from makeitlast.practice.run import ReplyLike, SessionResult
    from makeitlast.practice.scenario import Scenario
    from makeitlast.store.db import Database

__all__ = ["history", "interactive", "list_scenarios", "read_replies", "render_history", "scripted"]

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


def scripted(
    scenario: str,
    replies_file: str,
    format: str,
    seed: int,
    scenarios_dir: str | None,
    *,
    user: str | None = None,
    db_url: str | None = None,
) -> int:
    """Play ``scenario`` with the replies of ``replies_file`` and print the transcript and debrief (text) or the
    whole :class:`~makeitlast.practice.run.SessionResult` (json). With ``user``, the session is stored for them
    (the note about it goes to stderr with json). 0 when resolved, 1 otherwise."""
    from makeitlast.practice.run import ScriptError, run_scripted

    fmt = _check_format(format)
    name = _clean_user(user) if user is not None else None
    sc = _scenario(scenario, scenarios_dir)
    replies = read_replies(replies_file)
    started = datetime.now(UTC)
    with _maybe_db(db_url, name is not None, explicit=True) as db:
        try:
            result = run_scripted(sc, replies, seed)
        except ScriptError as e:
            raise CliError(f"{replies_file}: {e}") from None
        saved = _save(db, name, result, started)
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
    if saved is not None and name is not None:
        _saved_note(saved, name, sys.stderr if fmt == "json" else sys.stdout)
    return EXIT_OK if result.ending == "resolved" else EXIT_FINDINGS


# --- storing sessions ----------------------------------------------------------------------------------------


def _clean_user(user: str) -> str:
    name = " ".join(user.split())
    if not name:
        raise CliError("--user needs a name")
    if len(name) > 100:
        raise CliError(f"--user: name too long ({len(name)} characters, at most 100)")
    return name


def default_user() -> str | None:
    """Who a terminal session is stored for without ``--user``: ``$MAKEITLAST_USER``, else the login name (``None``
    when there is none, as in some containers)."""
    import getpass

    from_env = os.environ.get("MAKEITLAST_USER", "").strip()
    if from_env:
        return from_env
    try:
        return getpass.getuser().strip() or None
    except Exception:  # no login name
        return None


@contextmanager
def _maybe_db(db_url: str | None, wanted: bool, *, explicit: bool) -> Iterator[Database | None]:
    """The database when ``wanted`` (``None`` otherwise). It cannot be opened: a :class:`CliError` when storing
    was asked for (``explicit``), else a warning on stderr and ``None``."""
    if not wanted:
        yield None
        return
    from makeitlast.store.db import DatabaseError, open_db

    try:
        db = open_db(db_url)
    except DatabaseError as e:
        if explicit:
            raise CliError(str(e)) from None
        sys.stderr.write(f"makeitlast: the session will not be stored: {e}\n")
        yield None
        return
    try:
        yield db
    finally:
        db.close()


def _save(db: Database | None, name: str | None, result: SessionResult, started: datetime) -> int | None:
    if db is None or name is None or not result.turns:
        return None
    from makeitlast.practice.history import save_session
    from makeitlast.practice.plan import PlanError

    try:
        return save_session(db, name, result, started_at=started)
    except PlanError as e:
        raise CliError(str(e)) from None


def _saved_note(record_id: int, name: str, stream: Any) -> None:
    stream.write(
        f"Stored as practice session {record_id} for {name}: makeitlast practice --history --user "
        f"{_shell_word(name)}\n"
    )
    stream.flush()


def _shell_word(word: str) -> str:
    import shlex

    return shlex.quote(word)


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
    user: str | None = None,
    db_url: str | None = None,
    save: bool = True,
) -> int:
    """Play a scenario in the terminal (picked from a numbered list when ``scenario`` is None), show the
    debrief, and store the session (unless ``save`` is false or no reply was given) for ``user``, else
    :func:`default_user`."""
    from makeitlast.practice.run import play

    out = console or _console()
    name = _clean_user(user) if user is not None else (default_user() if save else None)
    explicit = user is not None or db_url is not None
    if save and name is None:
        sys.stderr.write("makeitlast: no login name: the session will not be stored (give --user NAME)\n")
    with _maybe_db(db_url, save and name is not None, explicit=explicit) as db:
        sc = (
            _scenario(scenario, scenarios_dir)
            if scenario
            else _pick(_scenarios(scenarios_dir), input_fn, out)
        )
        started = datetime.now(UTC)
        result = play(sc, seed, input_fn, out, typing_delay)
        saved = _save(db, name, result, started)
    if saved is not None and name is not None:
        out.print(
            f"Stored as practice session {saved} for {name}: makeitlast practice --history --user "
            f"{_shell_word(name)}",
            style="dim",
            markup=False,
            highlight=False,
        )
    return EXIT_OK


# --- history -------------------------------------------------------------------------------------------------

_ENDING_LABEL = {
    "resolved": "resolved",
    "escalated": "escalated",
    "walked_away": "walked away",
    None: "unfinished",
}
_ENDING_STYLE = {"resolved": "green", "escalated": "red", "walked_away": "red", None: "yellow"}
_TREND_STYLE = {"improving": "green", "worsening": "red", "steady": "yellow", "no data": "dim"}
_SPARKS = "▁▂▃▄▅▆▇█"


def _spark(scores: tuple[int, ...], ascii: bool) -> str:
    if ascii or not scores:
        return " ".join(map(str, scores))
    return "".join(_SPARKS[min(len(_SPARKS) - 1, s * len(_SPARKS) // 101)] for s in scores)


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render_history(p: Progress, *, ascii: bool = False) -> list[Any]:
    """The Rich renderables of ``makeitlast practice --history``: the sessions table, then the progress."""
    from rich.table import Table
    from rich.text import Text

    if not p.sessions:
        return [
            Text(f"No practice sessions stored for {p.user} yet.", style="yellow"),
            Text(f"Play one: makeitlast practice --user {_shell_word(p.user)}", style="dim"),
        ]
    table = Table(title=f"Practice sessions of {p.user}", title_justify="left", header_style="bold")
    for column in ("#", "date", "scenario", "ending", "score", "replies", "top to improve"):
        table.add_column(column, justify="right" if column in ("#", "score", "replies") else "left")
    for n, s in enumerate(p.sessions, 1):
        table.add_row(
            str(n),
            s.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            s.scenario_id,
            Text(_ENDING_LABEL.get(s.ending, str(s.ending)), style=_ENDING_STYLE.get(s.ending, "")),
            "-" if s.score is None else str(s.score),
            str(s.replies),
            ", ".join(s.top_codes) or "-",
        )
    out: list[Any] = [table]
    arrow = "->" if ascii else "→"
    trend = Text("Score: ")
    if p.scores:
        trend.append(f"{p.scores[0]} {arrow} {p.scores[-1]}", style="bold")
        trend.append(f"  ({_spark(p.scores, ascii)})  mean {p.mean_score:.0f}, best {p.best_score}; ")
    trend.append(p.score_trend, style=_TREND_STYLE[p.score_trend])
    if p.earlier_mean is not None and p.later_mean is not None:
        trend.append(
            f" (earlier half {p.earlier_mean:.0f}, later half {p.later_mean:.0f})",
            style="dim",
        )
    out.append(trend)
    out.append(
        Text(
            "Endings: " + ", ".join(f"{p.endings[e]} {_ENDING_LABEL.get(e, e)}" for e in p.endings),
        )
    )
    if p.donts:
        donts = Table(
            title="Don'ts, earlier sessions against later ones", title_justify="left", header_style="bold"
        )
        for column in ("code", "name", "earlier", "later", "per reply", "change"):
            donts.add_column(column, justify="right" if column in ("earlier", "later") else "left")
        for d in p.donts:
            donts.add_row(
                d.code,
                d.name,
                str(d.earlier),
                str(d.later),
                f"{_rate(d.earlier_rate)} {arrow} {_rate(d.later_rate)}",
                Text(d.change, style={"rarer": "green", "more often": "red"}.get(d.change, "dim")),
            )
        out.append(donts)
        if p.rarer:
            out.append(Text(f"Rarer now: {', '.join(p.rarer)}.", style="green"))
        if p.more_often:
            out.append(Text(f"More often now: {', '.join(p.more_often)}.", style="red"))
    else:
        out.append(Text("No don'ts in any session.", style="green"))
    if len(p.sessions) < 2:
        out.append(Text("Play more sessions to see a trend.", style="dim"))
    return out


def history(user: str | None, format: str, db_url: str | None, scenario: str | None = None) -> int:
    """Print ``user``'s stored sessions (date, scenario, ending, score, top codes) and their progress (score
    trend, endings, the don'ts that became rarer): a Rich table, or :meth:`Progress.to_json_dict` (json)."""
    from makeitlast.practice.history import progress

    fmt = _check_format(format)
    name = _clean_user(user) if user is not None else default_user()
    if name is None:
        raise CliError("say whose sessions to show: --user NAME")
    with _maybe_db(db_url, True, explicit=True) as db:
        assert db is not None
        p = progress(db, name, scenario=scenario)
    if fmt == "json":
        sys.stdout.write(json.dumps(p.to_json_dict(), indent=2, ensure_ascii=_ascii()) + "\n")
        return EXIT_OK
    console = _console()
    for part in render_history(p, ascii=_ascii()):
        console.print(part)
    return EXIT_OK
