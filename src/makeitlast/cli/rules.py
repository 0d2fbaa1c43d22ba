"""``makeitlast rules``, ``rule CODE``, ``formats`` and ``docs``: what the rules are and where their docs come from."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from makeitlast.cli.errors import fail


def _rule_row(rule: Any) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "step": rule.step.value,
        "severity": rule.severity.value,
        "weight": rule.weight,
        "scope": rule.scope,
        "summary": rule.summary,
    }


def list_rules(fmt: str) -> None:
    from makeitlast.engine.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        sys.stdout.write(json.dumps([_rule_row(r) for r in rules], indent=2, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    from makeitlast.formats.text import SEVERITY_STYLE

    table = Table(title="makeitlast rules", title_justify="left", header_style="bold")
    for column, justify in (
        ("code", "left"),
        ("name", "left"),
        ("step", "left"),
        ("severity", "left"),
        ("weight", "right"),
        ("summary", "left"),
    ):
        table.add_column(column, justify=justify, no_wrap=column != "summary")  # type: ignore[arg-type]
    for r in rules:
        table.add_row(
            r.code,
            r.name,
            r.step.value,
            f"[{SEVERITY_STYLE[r.severity]}]{r.severity.value}[/]",
            str(r.weight),
            r.summary,
        )
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    console.print(table)
    console.print(
        f"{len(rules)} rules. `makeitlast rule CODE` shows one rule's documentation.",
        style="dim",
        markup=False,
    )


def _get(code: str) -> Any:
    from makeitlast.engine.registry import get_rule

    try:
        return get_rule(code.strip())
    except KeyError:
        fail(f"unknown rule code {code!r}; `makeitlast rules` lists every rule and its code")


def show_rule(code: str, fmt: str) -> None:
    rule = _get(code)
    from makeitlast.docs import rule_markdown

    if fmt == "json":
        data = _rule_row(rule)
        data["docs"] = {k: v for k, v in rule.docs().items() if k != "summary"}
        data["bad"] = [
            {"reply": e.reply, "customer": e.customer, "context": list(e.context)} for e in rule.bad
        ]
        data["good"] = [
            {"reply": e.reply, "customer": e.customer, "context": list(e.context)} for e in rule.good
        ]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    page = rule_markdown(rule)
    if fmt == "markdown" or not sys.stdout.isatty():
        sys.stdout.write(page)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(page))


def list_formats() -> None:
    from makeitlast.formats import BUILTIN, available_formats

    for name in available_formats():
        sys.stdout.write(f"{name}{'' if name in BUILTIN else '  (plug-in)'}\n")


def write_rule_docs(out: str) -> None:
    from makeitlast.docs import write_docs

    try:
        files = write_docs(Path(out))
    except OSError as e:
        fail(f"cannot write the docs into {out}: {e.strerror or e}")
    sys.stdout.write(f"wrote {len(files)} pages into {out}\n")
