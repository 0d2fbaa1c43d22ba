"""The ``makeitlast`` command: ``check``, ``rules``, ``rule``, ``formats`` and ``docs``.

Only Typer is imported up front; the engine, Rich and the formats are imported inside the commands that need them,
so that ``makeitlast --help`` and the start-up of ``makeitlast check`` stay quick.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from makeitlast.cli._options import TextOrJson
from makeitlast.cli.errors import EXIT_OK, guarded
from makeitlast.cli.users import register as register_accounts
from makeitlast.model import Severity

HELP = """Coach customer-support replies with the L.A.S.T. method: Listen, Apologize, Solve, Thank.

Examples:

  makeitlast check "It's our policy, nothing I can do." --customer "My order #4471 arrived broken"

  makeitlast check --input replies.jsonl --format jsonl -o results.jsonl

  makeitlast check --reply-file reply.txt --customer "..." --fix --write reply.txt

  makeitlast rules

Exit status: 0 nothing at or above --fail-on, 1 findings (or a score under --fail-under), 2 usage or input error.
"""

app = typer.Typer(
    name="makeitlast",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class ColorMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class InputFormatChoice(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


class Apology(StrEnum):
    STANDARD = "standard"
    SOFT = "soft"


def _version(value: bool) -> None:
    if value:
        from makeitlast import __version__

        typer.echo(f"makeitlast {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Coach customer-support replies with the L.A.S.T. method."""


_IN = "Input"
_BATCH = "Batch input"
_RULES = "Rules and configuration"
_OUT = "Output"
_EXIT = "Exit status"
_FIX = "Fixes"


@app.command(no_args_is_help=False)
def check(
    reply: Annotated[
        str | None,
        typer.Argument(
            help="The agent's reply. Leave it out to read the reply from stdin (or use --reply-file / --input).",
            show_default=False,
        ),
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", "-c", help="The customer message the reply answers.", rich_help_panel=_IN),
    ] = None,
    reply_file: Annotated[
        str | None,
        typer.Option(
            "--reply-file",
            "-r",
            metavar="FILE",
            help="Read the reply from FILE ('-' = stdin).",
            rich_help_panel=_IN,
        ),
    ] = None,
    customer_file: Annotated[
        str | None,
        typer.Option(
            "--customer-file",
            metavar="FILE",
            help="Read the customer message from FILE ('-' = stdin).",
            rich_help_panel=_IN,
        ),
    ] = None,
    context: Annotated[
        list[str] | None,
        typer.Option(
            "--context",
            metavar="TEXT",
            help="An earlier customer message; repeat for several, oldest first.",
            rich_help_panel=_IN,
        ),
    ] = None,
    input: Annotated[
        str | None,
        typer.Option(
            "--input",
            "-i",
            metavar="FILE",
            help="Judge a batch: JSON Lines or CSV with id, customer, context, reply ('-' = stdin).",
            rich_help_panel=_BATCH,
        ),
    ] = None,
    input_format: Annotated[
        InputFormatChoice | None,
        typer.Option(
            "--input-format",
            case_sensitive=False,
            help="Format of --input (default: from the extension, else from the first line).",
            rich_help_panel=_BATCH,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Processes for a batch (default: every core).",
            rich_help_panel=_BATCH,
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Report bad input lines on stderr and go on (default: stop at the first).",
            rich_help_panel=_BATCH,
        ),
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar on a terminal stderr (default: when the results are not on that terminal).",
            show_default=False,
            rich_help_panel=_BATCH,
        ),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these rule codes or prefixes, comma-separated (e.g. D or A00,D001).",
            rich_help_panel=_RULES,
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Turn these rule codes or prefixes off (adds to the config).",
            rich_help_panel=_RULES,
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Settings file (default: \\[tool.makeitlast] in the nearest pyproject.toml, or "
            "makeitlast.toml).",
            rich_help_panel=_RULES,
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore configuration files.", rich_help_panel=_RULES)
    ] = False,
    apology: Annotated[
        Apology | None,
        typer.Option(
            "--apology",
            case_sensitive=False,
            help="'soft' where apologizing reads as weakness (thanks are still expected).",
            rich_help_panel=_RULES,
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text, json, jsonl, sarif, or an installed plug-in (see `makeitlast formats`).",
            rich_help_panel=_OUT,
        ),
    ] = "text",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write results to FILE instead of stdout.",
            rich_help_panel=_OUT,
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", case_sensitive=False, help="Colour in text output.", rich_help_panel=_OUT),
    ] = ColorMode.AUTO,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 on a finding at this severity or above (default: from the config, else warning).",
            show_default=False,
            rich_help_panel=_EXIT,
        ),
    ] = None,
    fail_under: Annotated[
        int | None,
        typer.Option(
            "--fail-under",
            metavar="SCORE",
            min=0,
            max=100,
            help="Exit 1 when a reply scores below SCORE (0-100).",
            rich_help_panel=_EXIT,
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Rewrite the flagged words (safe fixes only): a diff of the reply, then the report of the fixed "
            "text. A batch (json/jsonl) gets a `fixed` field per record.",
            rich_help_panel=_FIX,
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            help="With --fix, also apply the fixes a person should read (blanks to fill in, changed meaning).",
            rich_help_panel=_FIX,
        ),
    ] = False,
    write: Annotated[
        str | None,
        typer.Option(
            "--write",
            "-w",
            metavar="FILE",
            help="With --fix, write the fixed reply to FILE (replaced atomically; may be the --reply-file).",
            rich_help_panel=_FIX,
        ),
    ] = None,
) -> None:
    """Judge a reply (argument, --reply-file or stdin), or a batch of them (--input)."""
    from makeitlast.cli.check import CheckArgs, run_check

    with guarded():
        code = run_check(
            CheckArgs(
                reply=reply,
                customer=customer,
                reply_file=reply_file,
                customer_file=customer_file,
                context=list(context or ()),
                input=input,
                input_format=input_format.value if input_format else None,
                format=format,
                output=output,
                select=select,
                ignore=ignore,
                config=config,
                no_config=no_config,
                apology=apology.value if apology else None,
                fail_on=fail_on,
                fail_under=fail_under,
                workers=workers,
                skip_bad=skip_bad,
                progress=progress,
                color={ColorMode.AUTO: None, ColorMode.ALWAYS: True, ColorMode.NEVER: False}[color],
                fix=fix,
                unsafe_fixes=unsafe_fixes,
                write=write,
            )
        )
    if code:
        raise typer.Exit(code)


@app.command()
def rules(
    format: Annotated[
        TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="A table, or JSON.")
    ] = TextOrJson.TEXT,
) -> None:
    """List every rule: code, name, step, severity, score weight and summary."""
    from makeitlast.cli.rules import list_rules

    with guarded():
        list_rules(format.value)


class RuleFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def rule(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. D001.", show_default=False)],
    format: Annotated[
        RuleFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text (rendered on a terminal, Markdown otherwise), markdown, or json.",
        ),
    ] = RuleFormat.TEXT,
) -> None:
    """Show a rule's documentation: what it does, why it matters, examples and what to write instead."""
    from makeitlast.cli.rules import show_rule

    with guarded():
        show_rule(code, format.value)


@app.command()
def draft(
    customer: Annotated[
        str | None, typer.Option("--customer", "-c", help="The customer message to answer.", show_default=False)
    ] = None,
    customer_file: Annotated[
        str | None,
        typer.Option("--customer-file", metavar="FILE", help="Read the customer message from FILE ('-': stdin)."),
    ] = None,
    offer: Annotated[
        str | None,
        typer.Option("--offer", help="What you can do (\"a full refund\", \"send a replacement\").", show_default=False),
    ] = None,
    agent: Annotated[str | None, typer.Option("--agent", help="Sign the reply with this name.")] = None,
    culture: Annotated[
        Apology | None,
        typer.Option("--culture", case_sensitive=False, help="soft: where apologizing reads as weakness."),
    ] = None,
    context: Annotated[
        list[str] | None,
        typer.Option("--context", help="An earlier customer message (repeatable); facts there are not asked again."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Another seed, another wording.")] = 0,
    format: Annotated[
        TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="text or json.")
    ] = TextOrJson.TEXT,
    llm: Annotated[
        str | None,
        typer.Option("--llm", metavar="URL", help="An OpenAI-compatible endpoint (http://127.0.0.1:11434/v1)."),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="The LLM's model name (with --llm).")] = None,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help="pyproject.toml or makeitlast.toml to use.")
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore configuration files.")] = False,
) -> None:
    """Write a reply in the L.A.S.T. order for a customer message (the coach's report on it goes to stderr)."""
    from makeitlast.cli.draft import run_draft
    from makeitlast.cli.insights import settings_from

    with guarded():
        code = run_draft(
            customer,
            customer_file,
            offer=offer,
            agent=agent,
            culture=culture.value if culture else None,
            context=context,
            seed=seed,
            format=format.value,
            llm_url=llm,
            llm_model=model,
            settings=settings_from(config, no_config),
        )
    raise typer.Exit(code)


@app.command()
def formats() -> None:
    """List the output formats: the built-in ones and any installed plug-ins."""
    from makeitlast.cli.rules import list_formats

    with guarded():
        list_formats()


@app.command()
def docs(
    out: Annotated[
        str, typer.Option("--out", metavar="DIR", help="Directory to write the pages into.")
    ] = "site/rules",
) -> None:
    """Write the rules' documentation as Markdown: an index and one page per rule."""
    from makeitlast.cli.rules import write_rule_docs

    with guarded():
        write_rule_docs(out)


_EXPORT_FORMATS = "twcs, zendesk, intercom, freshdesk or generic (default: detected from the file)"


@app.command()
def insights(
    exports: Annotated[
        list[str],
        typer.Argument(
            help="Export files (TWCS CSV, Zendesk/Intercom/Freshdesk JSON, generic JSONL/CSV).",
            show_default=False,
        ),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out", "-o", metavar="DIR", help="Directory for report.html, summary.json and replies.jsonl."
        ),
    ] = "insights",
    format: Annotated[
        str | None, typer.Option("--format", "-f", help=f"The export format: {_EXPORT_FORMATS}.")
    ] = None,
    map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="OURS=THEIRS",
            help="Column mapping for the generic format, e.g. --map conversation_id=ticket,text=body.",
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad", help="Report bad records, skip them and go on (default: stop at the first)."
        ),
    ] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", min=1, help="Processes to use (default: every core).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", metavar="ADDRESS", help="Run on a Dask cluster, e.g. tcp://10.0.0.5:8786."
        ),
    ] = None,
    dask: Annotated[
        bool, typer.Option("--dask", help="Run on a local Dask cluster (one worker per core).")
    ] = False,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help="pyproject.toml or makeitlast.toml to use.")
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore configuration files.")] = False,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="TIME",
            help="Judge promises as of this ISO time (default: each conversation's last message).",
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Progress bar on a terminal (default: when stderr is one)."
        ),
    ] = None,
) -> None:
    """Judge whole exports and write \"where we miss the mark\": report.html, summary.json, replies.jsonl."""
    from makeitlast.cli.insights import run_insights

    if scheduler and dask:
        raise typer.BadParameter("give --scheduler or --dask, not both")
    with guarded():
        code = run_insights(
            exports,
            out,
            format=format,
            mapping=map,
            skip_bad=skip_bad,
            workers=workers,
            scheduler=scheduler or ("local" if dask else None),
            config=config,
            no_config=no_config,
            now=now,
            progress=progress,
        )
    raise typer.Exit(code)


@app.command()
def followups(
    exports: Annotated[
        list[str], typer.Argument(help="Export files, as for `makeitlast insights`.", show_default=False)
    ],
    format: Annotated[
        str | None, typer.Option("--input-format", help=f"The export format: {_EXPORT_FORMATS}.")
    ] = None,
    map: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="OURS=THEIRS", help="Column mapping for the generic format."),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Report bad records, skip them and go on.")
    ] = False,
    output: Annotated[
        TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="A table, or JSON.")
    ] = TextOrJson.TEXT,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="TIME",
            help="Judge promises as of this ISO time (default: each conversation's last message).",
        ),
    ] = None,
    all_states: Annotated[bool, typer.Option("--all", help="List kept promises too.")] = False,
) -> None:
    """List the open and broken promises agents made (who, what, due when), soonest due first."""
    from makeitlast.cli.insights import run_followups

    with guarded():
        code = run_followups(
            exports,
            format=format,
            mapping=map,
            skip_bad=skip_bad,
            output_format=output.value,
            now=now,
            all_states=all_states,
        )
    raise typer.Exit(code)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", min=1, help="Server processes (default: every core).")
    ] = None,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE", help="pyproject.toml or makeitlast.toml to use.")
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore configuration files.")] = False,
    team: Annotated[
        bool,
        typer.Option(
            "--team",
            help="Team mode: logins and roles (needs an admin: makeitlast users add NAME --role admin).",
        ),
    ] = False,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            metavar="URL",
            help="Database, e.g. postgresql+psycopg://user@host/db (default: SQLite in your data directory).",
        ),
    ] = None,
) -> None:
    """Start the web app and REST API (coach page, rules, /api/v1, OpenAPI at /docs): on this machine without
    logins, or for a team (--team, required for a --host other machines can reach)."""
    from makeitlast.cli.insights import settings_from
    from makeitlast.cli.serve import run_server

    with guarded():
        import os

        code = run_server(
            host,
            port,
            settings_from(config, no_config),
            workers or os.cpu_count() or 1,
            database_url=database_url,
            team=team,
        )
    raise typer.Exit(code)


@app.command()
def practice(
    scenario: Annotated[
        str | None,
        typer.Argument(help="A scenario id (see --list) or a scenario .toml file.", show_default=False),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the scenarios and stop.")] = False,
    replies: Annotated[
        str | None,
        typer.Option(
            "--replies",
            metavar="FILE",
            help="Scripted mode: the trainee's replies (JSON list, JSONL or text).",
        ),
    ] = None,
    format: Annotated[
        TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="text or json.")
    ] = TextOrJson.TEXT,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same customer lines.")] = 0,
    scenarios: Annotated[
        str | None, typer.Option("--scenarios", metavar="DIR", help="A trainer's folder of scenario files.")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Show the trainee's stored sessions and progress, and stop.")
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            "-u",
            help="The trainee: sessions are stored for them (default in the terminal: your login name; "
            "scripted runs are stored only with --user).",
        ),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url", metavar="URL", help="Database (default: SQLite in your data directory)."
        ),
    ] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not store the session.")] = False,
) -> None:
    """Role-play a difficult customer: the customer types, you answer, the coach debriefs you at the end."""
    from makeitlast.cli import practice as p

    with guarded():
        if list_:
            code = p.list_scenarios(format.value, scenarios)
        elif history:
            code = p.history(user, format.value, database_url, scenario)
        elif replies is not None:
            if scenario is None:
                raise typer.BadParameter("--replies needs a SCENARIO")
            code = p.scripted(
                scenario,
                replies,
                format.value,
                seed,
                scenarios,
                user=None if no_save else user,
                db_url=database_url,
            )
        else:
            code = p.interactive(scenario, seed, scenarios, user=user, db_url=database_url, save=not no_save)
    raise typer.Exit(code)


plan_app = typer.Typer(help="Your 21-30 day personal action plan: commitments, daily check-ins, streaks.")
app.add_typer(plan_app, name="plan")

_USER = typer.Option("--user", "-u", help="Whose plan (default: your login name).")
_DB = typer.Option("--database-url", metavar="URL", help="Database (default: SQLite in your data directory).")


@plan_app.command("new")
def plan_new_cmd(
    days: Annotated[int, typer.Option("--days", help="Length of the plan: 21 to 30 days.")] = 21,
    commitment: Annotated[
        list[str] | None,
        typer.Option(
            "--commitment", "-c", help="A commitment of your own (repeat); default: the workshop's three."
        ),
    ] = None,
    tz: Annotated[str | None, typer.Option("--tz", help="Your time zone, e.g. Europe/London.")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="First day, YYYY-MM-DD (default: today).")
    ] = None,
    user: Annotated[str | None, _USER] = None,
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Start a plan (it replaces your current one)."""
    from makeitlast.cli.plan import plan_new

    with guarded():
        code = plan_new(user, days, commitment, tz, database_url, start)
    raise typer.Exit(code)


@plan_app.command("checkin")
def plan_checkin_cmd(
    kept: Annotated[
        list[str] | None, typer.Option("--kept", "-k", help="Commitments kept today: numbers (1,3) or all.")
    ] = None,
    missed: Annotated[
        list[str] | None, typer.Option("--missed", "-m", help="Commitments missed today: numbers or all.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for today.")] = None,
    user: Annotated[str | None, _USER] = None,
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Check in for today: which commitments you kept."""
    from makeitlast.cli.plan import plan_checkin

    with guarded():
        code = plan_checkin(user, kept, missed, note, database_url)
    raise typer.Exit(code)


@plan_app.command("show")
def plan_show_cmd(
    format: Annotated[
        TextOrJson, typer.Option("--format", "-f", case_sensitive=False, help="text or json.")
    ] = TextOrJson.TEXT,
    user: Annotated[str | None, _USER] = None,
    database_url: Annotated[str | None, _DB] = None,
) -> None:
    """Today's reminder, your streaks, the chart over the days and the related findings' trend."""
    from makeitlast.cli.plan import plan_show

    with guarded():
        code = plan_show(user, format.value, database_url)
    raise typer.Exit(code)


register_accounts(app)  # makeitlast users ..., makeitlast tokens ...
