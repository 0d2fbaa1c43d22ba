"""``makeitlast check``: one reply (argument, file or stdin) or a batch (``--input`` JSONL/CSV), in any format."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from makeitlast._io import (
    STDIN,
    BadRow,
    InputFileError,
    Row,
    input_size,
    iter_rows,
    open_input,
    read_text,
    source_name,
)
from makeitlast.cli.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, error, fail, say, set_sink, warn
from makeitlast.engine.config import ConfigError, Settings
from makeitlast.formats import FormatOptions, FormatterFactory, LineError, get_format
from makeitlast.model import Report, Severity

if TYPE_CHECKING:
    from makeitlast.engine import Engine
    from makeitlast.engine.registry import Rule


@dataclass
class CheckArgs:
    """Everything ``makeitlast check`` was given (None: not given)."""

    reply: str | None = None
    customer: str | None = None
    reply_file: str | None = None
    customer_file: str | None = None
    context: list[str] = field(default_factory=list)
    input: str | None = None
    input_format: str | None = None
    format: str = "text"
    output: str | None = None
    select: str | None = None
    ignore: str | None = None
    config: str | None = None
    no_config: bool = False
    apology: str | None = None
    fail_on: Severity | None = None
    fail_under: int | None = None
    workers: int | None = None
    skip_bad: bool = False
    progress: bool | None = None
    color: bool | None = None
    #: ``--fix``, ``--unsafe-fixes`` and ``--write FILE``.
    fix: bool = False
    unsafe_fixes: bool = False
    write: str | None = None


# -- settings -----------------------------------------------------------------------------------------------------


def parse_codes(value: str, option: str) -> tuple[str, ...]:
    """``"D001, a00"`` -> ``("D001", "A00")``, each checked against the known rules."""
    from makeitlast.engine.registry import known_prefix

    codes = tuple(c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip())
    if not codes:
        fail(f"{option} needs rule codes or prefixes, e.g. {option} D001,A00")
    for code in codes:
        if not known_prefix(code):
            fail(f"{option}: unknown rule code or prefix {code!r}; `makeitlast rules` lists them")
    return codes


def build_settings(args: CheckArgs) -> Settings:
    """The configuration file's settings (given, discovered, or none) with the command-line options on top."""
    from makeitlast.engine.config import load_settings

    if args.config and args.no_config:
        fail("--config and --no-config cannot be used together")
    path = Path(args.config) if args.config else None
    if path is not None and path.is_dir():
        raise ConfigError(f"config file {path} is a directory: give a pyproject.toml or makeitlast.toml")
    try:
        settings = load_settings(path, discover=not args.no_config)
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e.strerror or e}") from None
    changes: dict[str, Any] = {}
    if args.select is not None:
        changes["select"] = parse_codes(args.select, "--select")
    if args.ignore is not None:
        changes["ignore"] = (*settings.ignore, *parse_codes(args.ignore, "--ignore"))
    if args.apology is not None:
        changes["apology"] = args.apology
    if args.fail_on is not None:
        changes["fail_on"] = args.fail_on
    if args.fail_under is not None:
        changes["fail_under"] = args.fail_under
    return settings.with_overrides(**changes) if changes else settings


def fails(report: Report, settings: Settings) -> bool:
    """Does this report make the command exit 1 (a finding at or above ``fail-on``, a score under ``fail-under``)?"""
    threshold = settings.fail_on.rank
    if any(f.severity.rank >= threshold for f in report.findings):
        return True
    return settings.fail_under is not None and report.score < settings.fail_under


# -- output -------------------------------------------------------------------------------------------------------


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == STDIN:
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as e:
        fail(f"cannot write the output file {path}: {e.strerror or e}")
    try:
        yield stream
    finally:
        stream.close()


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# -- the command --------------------------------------------------------------------------------------------------


def run_check(args: CheckArgs) -> int:
    """Run ``makeitlast check``; returns the exit status (errors raise, see :mod:`makeitlast.cli.errors`)."""
    _check_usage(args)
    settings = build_settings(args)
    from makeitlast.engine import get_engine

    engine = get_engine(settings)  # validates select/ignore/severity codes from the config file too
    factory = get_format(args.format)
    rules = [type(r) for r in engine.rules]
    if args.input is not None:
        return _batch(args, settings, factory, rules)
    return _single(args, settings, engine, factory, rules)


def _check_fix_usage(args: CheckArgs) -> None:
    from makeitlast.cli.fixes import FIX_FORMATS

    if args.unsafe_fixes and not args.fix:
        fail("--unsafe-fixes only applies with --fix")
    if args.write is not None and not args.fix:
        fail("--write FILE writes the fixed reply: add --fix")
    if not args.fix:
        return
    fmt = args.format.strip().lower()
    if args.input is not None:
        if args.write is not None:
            fail(
                "--write writes one fixed reply and does not apply to a batch (--input): with --fix each record "
                "has the fixed reply in its `fixed` field"
            )
        if fmt not in FIX_FORMATS:
            fail(
                f"--fix on a batch needs --format json or jsonl (each record gets a `fixed` field); --format {fmt} "
                "cannot carry the fixed replies"
            )
    elif fmt not in ("text", *FIX_FORMATS):
        fail(f"--fix needs --format text, json or jsonl; --format {fmt} cannot carry the fixed reply")
    if args.write in ("", STDIN):
        fail("--write needs a file path (the diff and the report already go to stdout)")


def _check_usage(args: CheckArgs) -> None:
    _check_fix_usage(args)
    if args.input is not None:
        given = [
            name
            for name, value in (
                ("a reply argument", args.reply),
                ("--reply-file", args.reply_file),
                ("--customer", args.customer),
                ("--customer-file", args.customer_file),
                ("--context", args.context or None),
            )
            if value is not None
        ]
        if given:
            fail(f"--input reads replies and customers from the file: don't also give {' or '.join(given)}")
        return
    batch_only = [
        name
        for name, on in (
            ("--input-format", args.input_format is not None),
            ("--workers", args.workers is not None),
            ("--skip-bad", args.skip_bad),
        )
        if on
    ]
    if batch_only:
        fail(f"{', '.join(batch_only)} only apply to a batch: add --input FILE")
    if args.reply is not None and args.reply_file is not None:
        fail("give the reply either as an argument or with --reply-file, not both")
    if args.customer is not None and args.customer_file is not None:
        fail("give the customer message either with --customer or with --customer-file, not both")


def _single(
    args: CheckArgs, settings: Settings, engine: Engine, factory: FormatterFactory, rules: list[type[Rule]]
) -> int:
    # Where the reply comes from: the argument, a file, or stdin (no argument, "-", or --reply-file -).
    reply_path = (
        args.reply_file if args.reply_file is not None else (STDIN if args.reply in (None, STDIN) else None)
    )
    if reply_path == STDIN and args.customer_file == STDIN:
        fail("stdin can only be read once: give the reply or the customer message some other way")
    if reply_path is None:
        reply = args.reply or ""
    else:
        if reply_path == STDIN and args.reply is None and args.reply_file is None and _is_tty(sys.stdin):
            fail(
                "no reply given: pass the reply text as an argument, use --reply-file FILE, pipe it on stdin, "
                "or judge a batch with --input FILE (see `makeitlast check --help`)"
            )
        reply = read_text(reply_path, "reply")
    if not reply.strip():
        fail("the reply is empty: give the text of the agent's reply")
    customer = args.customer
    if args.customer_file is not None:
        customer = read_text(args.customer_file, "customer")
    source = args.reply_file if args.reply_file not in (None, STDIN) else None
    options = FormatOptions(single=True, color=args.color, source=source, rules=rules)
    if args.fix:
        return _single_fix(args, settings, engine, factory, options, reply, customer)
    report = engine.check(reply, customer, list(args.context) or None)
    with open_output(args.output) as out:
        formatter = factory(options)
        formatter.begin(out)
        formatter.report(report)
        formatter.end()
        if args.format.strip().lower() == "text":
            _fixable_hint(out, report)
    return EXIT_FINDINGS if fails(report, settings) else EXIT_OK


def _fixable_hint(out: TextIO, report: Report) -> None:
    """"2 fixable with --fix (1 more with --unsafe-fixes)" under a text report that has fixes."""
    safe = sum(1 for f in report.findings if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in report.findings if f.fix is not None and not f.fix.safe)
    if not safe and not unsafe:
        return
    parts = [f"{safe} fixable with --fix"] if safe else []
    if unsafe:
        parts.append(f"{unsafe} more with --fix --unsafe-fixes" if safe else f"{unsafe} fixable with --fix --unsafe-fixes")
    out.write(", ".join(parts) + "\n")


def _single_fix(
    args: CheckArgs,
    settings: Settings,
    engine: Engine,
    factory: FormatterFactory,
    options: FormatOptions,
    reply: str,
    customer: str | None,
) -> int:
    """``--fix`` on one reply: the diff and the fixed text's report (text), or the report with a ``fixed`` field
    (json/jsonl); ``--write`` saves the fixed reply."""
    from makeitlast.cli import fixes
    from makeitlast.compose.fix import fix_with

    result = fix_with(engine, reply, customer, list(args.context), unsafe=args.unsafe_fixes)
    text_format = args.format.strip().lower() == "text"
    with open_output(args.output) as out:
        formatter = factory(options)
        if text_format:
            diff = fixes.unified_diff(
                reply, result.text, name=options.source or "reply", color=fixes.use_color(out, args.color)
            )
            out.write(diff + "\n" if diff else "")
            formatter.begin(out)
            formatter.report(result.after)
            formatter.end()
            out.write(fixes.summary(result, unsafe=args.unsafe_fixes))
        else:
            formatter.begin(out)
            _write_record(formatter, fixes.fixed_record(result))
            formatter.end()
    if args.write is not None:
        fixes.write_atomically(args.write, result.text)
        if result.changed:
            say(f"wrote the fixed reply to {args.write}")
        else:
            say(f"nothing to fix: wrote the reply unchanged to {args.write}")
    return EXIT_FINDINGS if fails(result.after, settings) else EXIT_OK


def _write_record(formatter: object, record: dict[str, Any]) -> None:
    write = getattr(formatter, "write_record", None)
    if write is None:  # pragma: no cover - --fix only allows the built-in json and jsonl formats
        fail("this output format cannot carry the fixed replies")
    write(record)


# -- batches ------------------------------------------------------------------------------------------------------


class _Progress:
    """A Rich progress bar on stderr (imported only when shown); error lines are printed above it."""

    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True, highlight=False)
        columns: list[Any] = [SpinnerColumn(), TextColumn("judging")]
        if total:
            columns += [BarColumn(), TextColumn("{task.percentage:>3.0f}%")]
        columns += [TextColumn("{task.fields[n]} replies"), TimeElapsedColumn()]
        self.bar = Progress(*columns, console=self.console, transient=True)
        self.task = self.bar.add_task("judging", total=total or None, n=0)
        self.n = 0

    def __enter__(self) -> _Progress:
        from rich.text import Text

        self.bar.start()
        set_sink(lambda line: self.console.print(Text.from_ansi(line), soft_wrap=True))
        return self

    def __exit__(self, *exc: object) -> None:
        set_sink(None)
        self.bar.stop()

    def advance(self, position: int) -> None:
        self.n += 1
        self.bar.update(self.task, completed=position, n=self.n)


def _show_progress(args: CheckArgs) -> bool:
    """A bar needs a terminal on stderr. By default it is also left out when the results themselves scroll on
    that terminal (they are the progress, and a bar would fight with them); ``--progress`` shows it anyway."""
    if args.progress is False or not _is_tty(sys.stderr):
        return False
    to_terminal = args.output in (None, STDIN) and _is_tty(sys.stdout)
    return bool(args.progress) or not to_terminal


def _batch(args: CheckArgs, settings: Settings, factory: FormatterFactory, rules: list[type[Rule]]) -> int:
    from makeitlast.cli.fixes import fixed_record
    from makeitlast.compose.fix import FixResult, fix_batch
    from makeitlast.engine.batch import BatchError, check_batch

    assert args.input is not None
    name = source_name(args.input)
    stream = open_input(args.input)
    try:
        rows = iter_rows(stream, args.input, args.input_format)
        total = input_size(stream)
        pending: dict[int, Row] = {}
        read_errors: deque[tuple[int, BadRow]] = deque()  # (items fed before it, the bad row)
        fed = 0

        def feed() -> Iterator[dict[str, Any]]:
            nonlocal fed
            for row in rows:
                if isinstance(row, BadRow):
                    read_errors.append((fed, row))
                    if not args.skip_bad:
                        return  # judge what came before, then stop
                    continue
                pending[fed] = row
                fed += 1
                data = row.data
                yield data if data.get("id") is not None else {**data, "id": f"line-{row.line}"}

        position = 0
        failed = False
        skipped: list[int] = []
        stopped: LineError | None = None

        def emit_error(err: LineError) -> None:
            nonlocal position, stopped
            formatter.error(err)
            position += 1
            if args.skip_bad:
                skipped.append(err.line or 0)
                warn(f"{err.where()}: {err.message} (skipped)")
            else:
                stopped = err
                error(f"{err.where()}: {err.message}; stopped here (--skip-bad skips bad lines and goes on)")

        def flush_read_errors(before: int | None) -> None:
            while read_errors and (before is None or read_errors[0][0] <= before):
                _fed, bad = read_errors.popleft()
                emit_error(LineError(position, bad.id, bad.message, line=bad.line, source=name))

        options = FormatOptions(single=False, color=args.color, source=name, rules=rules)
        with open_output(args.output) as out:
            formatter = factory(options)
            progress = _Progress(total) if _show_progress(args) else None
            results: Iterator[Report | FixResult | BatchError] = (
                fix_batch(feed(), settings=settings, workers=args.workers, unsafe=args.unsafe_fixes)
                if args.fix
                else check_batch(feed(), settings=settings, workers=args.workers)
            )
            formatter.begin(out)
            try:
                if progress is not None:
                    progress.__enter__()
                for k, result in enumerate(results):
                    flush_read_errors(k)  # bad lines read before item k
                    row = pending.pop(k)
                    if isinstance(result, BatchError):
                        emit_error(LineError(position, result.id, result.message, line=row.line, source=name))
                        if stopped is not None:
                            break
                    elif isinstance(result, FixResult):
                        _write_record(formatter, fixed_record(result))
                        position += 1
                        failed = failed or fails(result.after, settings)
                    else:
                        formatter.report(result)
                        position += 1
                        failed = failed or fails(result, settings)
                    if progress is not None:
                        progress.advance(row.end)
                else:
                    flush_read_errors(None)
            except InputFileError:
                formatter.end()  # keep the output valid, then report the problem
                raise
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()  # stops the worker processes when the run ended early
                if progress is not None:
                    progress.__exit__()
            formatter.end()
    finally:
        if args.input != STDIN:
            stream.close()
    if stopped is not None:
        return EXIT_ERROR
    if skipped:
        lines = ", ".join(str(n) for n in skipped[:10]) + (", …" if len(skipped) > 10 else "")
        warn(f"skipped {len(skipped)} bad input line{'s' if len(skipped) != 1 else ''} of {name} ({lines})")
    return EXIT_FINDINGS if failed else EXIT_OK
