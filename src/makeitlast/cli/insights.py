"""``makeitlast insights`` and ``makeitlast followups``: whole exports, judged conversation by conversation."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from makeitlast.cli.errors import CliError, set_sink, warn
from makeitlast.engine.config import ConfigError, Settings, load_settings


def settings_from(config: str | None, no_config: bool) -> Settings:
    if config and no_config:
        raise CliError("--config and --no-config cannot be used together")
    path = Path(config) if config else None
    try:
        return load_settings(path, discover=not no_config)
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e.strerror or e}") from None


def parse_mapping(values: list[str] | None) -> dict[str, str] | None:
    """``["conversation_id=ticket", "text=body"]`` (or one comma-separated value) -> a column mapping."""
    if not values:
        return None
    out: dict[str, str] = {}
    for value in values:
        for item in value.split(","):
            if not item.strip():
                continue
            ours, sep, theirs = item.partition("=")
            if not sep or not ours.strip() or not theirs.strip():
                raise CliError(f"--map: expected OURS=THEIRS (e.g. text=body), not {item!r}")
            out[ours.strip()] = theirs.strip()
    return out


def parse_now(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"--now: not an ISO 8601 time: {value!r} (e.g. 2026-11-30T17:00:00+00:00)") from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _check_inputs(paths: list[str]) -> None:
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise CliError(f"{p}: no such file")
        if path.is_dir():
            raise CliError(f"{p} is a directory: give export files")


def run_insights(
    paths: list[str],
    out: str,
    *,
    format: str | None,
    mapping: list[str] | None,
    skip_bad: bool,
    workers: int | None,
    scheduler: str | None,
    config: str | None,
    no_config: bool,
    now: str | None,
    progress: bool | None,
) -> int:
    from makeitlast.conversation.readers import BadRecord

    _check_inputs(paths)
    settings = settings_from(config, no_config)
    try:
        from makeitlast.insights.job import run
        from makeitlast.insights.report import _plotly

        _plotly()
    except (ImportError, RuntimeError) as e:
        raise CliError(f"{e}") from None
    if scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise CliError("--scheduler/--dask need Dask: pip install 'makeitlast[dask]'") from None

    def on_bad(record: BadRecord) -> None:
        warn(f"{record.where}: {record.message} (skipped)")

    show = progress if progress is not None else sys.stderr.isatty()
    bar: Any = None
    if show:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(stderr=True, highlight=False)
        bar = Progress(
            SpinnerColumn(),
            TextColumn(
                "judging {task.fields[conversations]:,} conversations, {task.fields[replies]:,} replies"
            ),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        task = bar.add_task("insights", total=None, conversations=0, replies=0)
        bar.start()
        set_sink(lambda line: console.print(line, soft_wrap=True, markup=False))

    def tick(conversations: int, replies: int) -> None:
        if bar is not None:
            bar.update(task, conversations=conversations, replies=replies)

    try:
        result = run(
            paths,
            out,
            settings=settings,
            format=format,
            skip_bad=skip_bad,
            on_bad=on_bad,
            mapping=parse_mapping(mapping),
            workers=workers,
            scheduler=scheduler,
            now=parse_now(now),
            progress=tick,
        )
    finally:
        if bar is not None:
            set_sink(None)
            bar.stop()
    s = result.summary
    print(
        f"{s['conversations']:,} conversations, {s['replies']:,} replies judged, mean score {s['mean_score']}; "
        f"wrote {result.out / 'report.html'}, summary.json, replies.jsonl"
        + (f" ({len(result.bad)} bad records skipped)" if result.bad else "")
    )
    return 0


def run_followups(
    paths: list[str],
    *,
    format: str | None,
    mapping: list[str] | None,
    skip_bad: bool,
    output_format: str,
    now: str | None,
    all_states: bool,
) -> int:
    from makeitlast.conversation.promises import ledger
    from makeitlast.conversation.readers import BadRecord
    from makeitlast.insights.job import conversations

    _check_inputs(paths)

    def on_bad(record: BadRecord) -> None:
        warn(f"{record.where}: {record.message} (skipped)")

    at = parse_now(now)
    found = []
    for conv in conversations(
        paths, format=format, skip_bad=skip_bad, on_bad=on_bad, mapping=parse_mapping(mapping)
    ):
        for p in ledger(conv, at):
            if all_states or p.state in ("open", "broken"):
                found.append(p)
    far = datetime.max.replace(tzinfo=UTC)
    found.sort(key=lambda p: (p.due or far, p.made_at or far, p.conversation_id or ""))
    if output_format == "json":
        print(json.dumps([p.model_dump(mode="json") for p in found], indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False)
    if not found:
        console.print("No open or broken promises.")
        return 0
    table = Table(title="Follow-ups: open and broken promises, soonest due first")
    for col in ("due", "state", "who", "promise", "conversation"):
        table.add_column(col)
    for p in found:
        table.add_row(
            p.due.strftime("%Y-%m-%d %H:%M %Z") if p.due else (p.due_text or "no time given"),
            f"[red]{p.state}[/red]" if p.state == "broken" else p.state,
            escape(p.author or ""),
            escape(p.text),
            escape(p.conversation_id or ""),
        )
    console.print(table)
    return 0
