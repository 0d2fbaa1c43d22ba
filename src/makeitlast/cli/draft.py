"""``makeitlast draft``: a L.A.S.T.-shaped reply for a customer message, built in or from an LLM the coach checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from makeitlast.cli.errors import CliError, say, warn
from makeitlast.compose.model import Draft
from makeitlast.engine.config import Settings
from makeitlast.model import STEPS

#: The longest customer message read from a file or stdin (the same bound as ``check``'s single reply).
MAX_INPUT_BYTES = 1_000_000


def _read_text(path: str | None, text: str | None) -> str:
    if text is not None and path is not None:
        raise CliError("give the customer message once: --customer or --customer-file")
    if text is not None:
        return text
    if path is not None:
        source = sys.stdin.buffer if path == "-" else None
        try:
            raw = (
                source.read(MAX_INPUT_BYTES + 1) if source else Path(path).read_bytes()[: MAX_INPUT_BYTES + 1]
            )
        except OSError as e:
            raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    elif not sys.stdin.isatty():
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        raise CliError("no customer message: give --customer TEXT, --customer-file FILE, or pipe it in")
    if len(raw) > MAX_INPUT_BYTES:
        raise CliError(f"the customer message is over {MAX_INPUT_BYTES:,} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CliError(
            f"the customer message is not valid UTF-8 (byte {e.start}): save it as UTF-8"
        ) from None


def run_draft(
    customer: str | None,
    customer_file: str | None,
    *,
    offer: str | None,
    agent: str | None,
    culture: str | None,
    context: list[str] | None,
    seed: int,
    format: str,
    llm_url: str | None,
    llm_model: str | None,
    settings: Settings,
) -> int:
    from makeitlast.compose.draft import draft

    text = _read_text(customer_file, customer)
    if not text.strip():
        raise CliError("the customer message is empty: give the text the reply should answer")
    earlier = [{"role": "customer", "text": t} for t in (context or []) if t.strip()]
    if llm_url or llm_model:
        result = _llm(text, llm_url, llm_model, offer, agent, culture, earlier, settings)
    else:
        result = draft(
            text,
            offer=offer,
            agent=agent,
            culture="soft" if culture == "soft" else "standard" if culture else None,
            context=earlier,
            settings=settings,
            seed=seed,
        )
    if result.note:
        warn(result.note)
    if format == "json":
        sys.stdout.write(json.dumps(draft_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_text(result)
    return 0


def _llm(
    text: str,
    url: str | None,
    model: str | None,
    offer: str | None,
    agent: str | None,
    culture: str | None,
    earlier: list[dict[str, str]],
    settings: Settings,
) -> Draft:
    from makeitlast.compose.llm import LLMConfig, llm_draft

    if not (url and model):
        raise CliError(
            "--llm URL and --model NAME go together (e.g. --llm http://127.0.0.1:11434/v1 --model llama3.1)"
        )
    try:
        config = LLMConfig(url=url, model=model)
    except ValidationError as e:
        raise CliError(
            "; ".join(str(err["msg"]).removeprefix("Value error, ") for err in e.errors())
        ) from None
    return llm_draft(
        text, config=config, offer=offer, agent=agent, culture=culture, context=earlier, settings=settings
    )


def draft_json(result: Draft) -> dict[str, Any]:
    """The JSON form of a draft (``makeitlast draft --format json`` and ``POST /api/v1/draft``): the text, who
    wrote it, why an LLM's text was not used, and the coach's schema-1 report on it."""
    return {
        "text": result.text,
        "source": result.source,
        "note": result.note,
        "report": result.report.to_json_dict(),
    }


def _print_text(result: Draft) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    console.print(result.text, markup=False)
    report = result.report
    meter = "  ".join(
        f"{step.value[0].upper()} {'●' if r.status.value == 'present' else '◐' if r.status.value == 'weak' else '○'}"
        if r.applicable
        else f"{step.value[0].upper()} n/a"
        for step in STEPS
        if (r := report.steps.get(step)) is not None
    )
    findings = ", ".join(f"{f.code}" for f in report.findings) or "no findings"
    say(f"{meter}   score {report.score}   {findings}   ({result.source})", label="coach", color="2")
