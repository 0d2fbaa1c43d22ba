"""An optional LLM that the coach keeps honest.

:func:`llm_draft` asks an OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp's server, a hosted
API) for a reply written with the L.A.S.T. method; :func:`llm_rewrite` asks it to rewrite an agent's reply. Every
text the model returns is judged by the same engine as ``makeitlast check``: it is accepted only when it scores at
least :attr:`LLMConfig.min_score` and has no finding of severity warning or error (every don't is one). A rejected
text goes back to the model with the coach's findings as feedback, up to :attr:`LLMConfig.attempts` times.

When the model cannot be used (every attempt rejected, a timeout, a refused connection, an HTTP error, a response
that is not a chat completion) the built-in composers step in and the returned :class:`Draft` says why in
``note``. Nothing here raises because of the model; only a bad :class:`LLMConfig` (or input the engine itself
refuses, such as an empty reply) raises ``ValueError``.

The client uses the standard library only (``urllib.request`` and ``json``)::

    from makeitlast.compose.llm import LLMConfig, llm_draft

    config = LLMConfig(url="http://127.0.0.1:11434/v1", model="llama3.1")
    d = llm_draft("My order #4471 arrived broken and I want a refund", config=config, offer="a full refund")
    print(d.source, d.report.score, d.note)
    print(d.text)
"""

from __future__ import annotations

import importlib
import inspect
import ipaddress
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from http.client import HTTPException
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from makeitlast.compose.model import Draft
from makeitlast.engine import ContextLike, Settings, get_engine, normalize_context
from makeitlast.model import Report, Role, Severity, Status

__all__ = ["ENV_KEY", "RUBRIC_PROMPT", "LLMConfig", "LLMError", "chat", "llm_draft", "llm_rewrite"]

#: The environment variable an API key is read from when :attr:`LLMConfig.api_key` is not given.
ENV_KEY = "MAKEITLAST_LLM_KEY"

#: The system prompt: the L.A.S.T. method (RUBRIC section 2) and the don'ts (section 3) as instructions.
RUBRIC_PROMPT = """\
You write customer-support replies with the L.A.S.T. method: Listen, Apologize, Solve, Thank.

Listen
- Show you understood: paraphrase the customer's problem in your own words and reflect back the facts they gave \
(order or case number, product, amount, date, what went wrong). A generic opener such as "Thanks for reaching out!" \
is not listening.
- Never ask for something the customer already told you.
- If the request is ambiguous, ask a clarifying question instead of guessing; if what they want is unclear, ask \
what you can do to make it right.

Apologize
- When something went wrong for the customer, apologize once, sincerely, on behalf of the team ("I'm sorry your \
order arrived broken"). It is covering for the team, not personal guilt.
- No conditional or blame-shifting apology ("sorry you feel that way", "sorry if you were upset", "apologies for \
any inconvenience this may have caused"), and no grovelling: one apology, then solve.
- No apology is owed for a plain question.

Solve
- Give something concrete to hold onto: the action you have taken or will take, and the next step.
- Say when, and under-promise: a realistic time you can keep ("within 5 business days"), never "right away" for \
what is outside your control.
- Answer what the customer asked for (a refund, a repair, an explanation): grant it, offer an alternative, or \
explain why not.
- If someone else has to act, be the bridge: make the contact yourself or say how you will follow up; do not just \
send the customer elsewhere.

Thank
- Thank the customer for something specific: their patience, the details they gave, flagging the problem, their \
business. "Thanks for contacting us" alone is boilerplate.

Never
- "It's our policy", "per company policy", "rules are rules" without the reason the policy exists.
- "We can't", "we're unable to", "that's not possible" without an alternative you can offer.
- Blame a colleague or another team ("the warehouse messed up", "not my department", "not my fault").
- Over-promise: "I guarantee", "100%", "this will never happen again".
- Jargon: unexplained acronyms and internal terms (RMA, SLA, tier 2, provisioning); write short, simple sentences.
- Condescension: "calm down", "as I already explained", "obviously", "you need to understand", "it's very simple".
- Assumptions about the customer: "you must have", "you probably didn't", "I assume", "I'm sure you".
- "I have no idea", "no clue", "I'm lost": if you do not know yet, say you will find out and when.
- Defeatism: "there's nothing we can do", "it's impossible", "it's out of our hands".
- Dismissiveness: "it is what it is", "not our problem", "deal with it".
- Arguing: "you're wrong", "that's not true". A difference of opinion is fine; handle it with respect.
- With an abusive customer, neither retaliate nor grovel: calmly set a boundary ("I want to help, and I need us to \
keep this respectful") and keep solving.

Use only facts from the conversation and the offer you are given; never invent order numbers, amounts, dates or \
remedies. Write in plain prose, in the customer's language, as the agent, ready to send.
Answer only with the reply text: no preamble, no notes, no quotation marks around it."""

_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class LLMConfig(BaseModel):
    """Where the model is and how hard the coach is on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: An OpenAI-compatible base URL: ``http://127.0.0.1:11434/v1`` (Ollama), ``http://host:8000/v1`` (vLLM).
    url: str
    #: The model name the server knows (``llama3.1``, ``Qwen/Qwen2.5-7B-Instruct``).
    model: str
    #: Sent as ``Authorization: Bearer ...``; read from ``MAKEITLAST_LLM_KEY`` when not given.
    api_key: str | None = Field(None, repr=False, validate_default=True)
    #: Seconds per request before giving up on the model.
    timeout: float = Field(20, gt=0)
    #: How many texts the model may offer before the built-in composer steps in.
    attempts: int = Field(3, ge=1, le=20)
    #: The lowest coach score a text may have to be accepted (it must also have no warning or error).
    min_score: int = Field(90, ge=0, le=100)
    temperature: float = Field(0.4, ge=0, le=2)

    @field_validator("url")
    @classmethod
    def _check_url(cls, v: str) -> str:
        url = v.strip().rstrip("/")
        if url.endswith("/chat/completions"):
            url = url[: -len("/chat/completions")]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                f"the LLM url must be an http:// or https:// base URL such as http://127.0.0.1:11434/v1, not {v!r}"
            )
        try:
            parts.port  # noqa: B018 (raises on a port that is not a number)
        except ValueError:
            raise ValueError(f"the LLM url has a bad port: {v!r}") from None
        if parts.query or parts.fragment:
            raise ValueError(f"the LLM url must be a base URL without a query or fragment, not {v!r}")
        return url

    @field_validator("model")
    @classmethod
    def _check_model(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the LLM model name is empty: give the name the server knows, e.g. 'llama3.1'")
        return v.strip()

    @field_validator("api_key")
    @classmethod
    def _key_from_env(cls, v: str | None) -> str | None:
        key = v if v is not None else os.environ.get(ENV_KEY)
        if key is None or not key.strip():
            return None
        return key.strip()


class LLMError(Exception):
    """The model gave no usable text; ``str(error)`` says why ("LLM at URL timed out after 20 s")."""


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str) -> urllib.request.OpenerDirector:
    # A model on this machine is reached directly even when an http_proxy is set for the outside world.
    if _is_loopback(urlsplit(url).hostname):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _seconds(t: float) -> str:
    return f"{t:g} s"


def _http_error_detail(err: urllib.error.HTTPError) -> str:
    try:
        body = err.read(2048).decode("utf-8", "replace")
    except Exception:
        return ""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    message: Any = None
    if isinstance(data, dict):
        e = data.get("error")
        message = e.get("message") if isinstance(e, dict) else e if isinstance(e, str) else data.get("detail")
    text = str(message) if message else body
    text = " ".join(text.split())
    return f": {text[:200]}" if text else ""


def chat(config: LLMConfig, messages: Sequence[dict[str, str]]) -> str:
    """One chat completion: POST ``{url}/chat/completions`` and return ``choices[0].message.content``.

    Raises :class:`LLMError` with a readable reason on a timeout, a refused connection, an HTTP error or a
    malformed response.
    """
    where = f"LLM at {config.url}"
    body = json.dumps(
        {"model": config.model, "messages": list(messages), "temperature": config.temperature}
    ).encode("utf-8")
    headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "makeitlast"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    request = urllib.request.Request(
        f"{config.url}/chat/completions", data=body, headers=headers, method="POST"
    )
    timed_out = LLMError(f"{where} timed out after {_seconds(config.timeout)}")
    deadline = time.monotonic() + config.timeout
    try:
        with _opener(config.url).open(request, timeout=config.timeout) as response:
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > _MAX_RESPONSE_BYTES:
                    raise LLMError(f"{where} sent a response larger than {_MAX_RESPONSE_BYTES // 2**20} MB")
                if time.monotonic() > deadline:
                    raise timed_out
            raw = b"".join(chunks)
    except LLMError:
        raise
    except urllib.error.HTTPError as e:
        reason = f" {e.reason}" if e.reason else ""
        raise LLMError(f"{where} answered HTTP {e.code}{reason}{_http_error_detail(e)}") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise timed_out from e
        if isinstance(e.reason, ConnectionRefusedError):
            raise LLMError(f"{where} refused the connection (is the server running?)") from e
        raise LLMError(f"{where} could not be reached: {e.reason}") from e
    except TimeoutError as e:
        raise timed_out from e
    except ConnectionRefusedError as e:
        raise LLMError(f"{where} refused the connection (is the server running?)") from e
    except (OSError, HTTPException) as e:
        raise LLMError(f"{where} failed: {type(e).__name__}: {e}".rstrip(": ")) from e
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise LLMError(f"{where} sent a malformed response (not JSON)") from e
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as e:
        raise LLMError(f"{where} sent a malformed response (no choices[0].message.content)") from e
    if not isinstance(content, str):
        raise LLMError(f"{where} sent a malformed response (choices[0].message.content is not text)")
    return content


_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"\A```[\w-]*\n(.*?)\n?```\Z", re.DOTALL)
_PREAMBLE = re.compile(
    r"\A(?:here(?:'s| is) (?:the|a|my|your) [^\n]*?(?:reply|response|rewrite|version)[^\n]*:|"
    r"(?:reply|response|rewritten reply):)\s*",
    re.IGNORECASE,
)
_QUOTES = {'"': '"', "“": "”", "'": "'"}


def _clean(text: str) -> str:
    """The reply itself, without a reasoning block, a code fence, a preamble or quotation marks around it."""
    text = _THINK.sub("", text).strip()
    m = _FENCE.match(text)
    if m:
        text = m.group(1).strip()
    text = _PREAMBLE.sub("", text).strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        inner = text[1:-1]
        if text[0] not in inner and _QUOTES[text[0]] not in inner:
            text = inner.strip()
    return text


def _blocking(report: Report, extra: Sequence[str] = ()) -> list[str]:
    """Why a text with this report cannot be accepted whatever its score: warnings, errors, dropped facts."""
    found = [f"{f.code} {f.name}" for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    return [*dict.fromkeys(found), *extra]


def _feedback(report: Report, config: LLMConfig, extra: Sequence[str] = ()) -> str:
    lines = ["The coach flagged:"]
    for f in report.findings:
        at = f' at "{f.span.text}"' if f.span is not None else ""
        line = f"- {f.code} {f.name} ({f.severity.value}){at}: {f.message}"
        if f.suggestion:
            line += f" Instead: {f.suggestion}"
        lines.append(line)
    lines.extend(f"- {problem}: keep it exactly as the original reply has it." for problem in extra)
    if not report.findings and not extra:
        lines.append("- no single phrase, but the reply does not do enough of the method")
    weak = [
        f"{step.value} {r.status.value}"
        for step, r in report.steps.items()
        if r.applicable and r.status is not Status.PRESENT
    ]
    if weak:
        lines.append(f"Steps not there yet: {', '.join(weak)}.")
    lines.append(
        f"It scored {report.score}/100; it needs {config.min_score} or more with no warning or error. "
        "Rewrite the reply fixing every point above, keeping the facts and the offer. "
        "Answer only with the reply text."
    )
    return "\n".join(lines)


_FACT_KINDS = frozenset({"order_number", "case_number", "amount", "date", "email", "phone"})
_REFERENCE = re.compile(r"#\w+|\b[\w-]*\d{3,}[\w-]*\b")


def _dropped_facts(original: str, rewrite: str) -> list[str]:
    """Facts of the original reply (numbers, amounts, dates, contacts) the rewrite no longer has."""
    from makeitlast.engine.detectors import TextView
    from makeitlast.reading import extract_facts

    found = [f.span.text for f in extract_facts(TextView(original)) if f.kind in _FACT_KINDS]
    found += [m.group() for m in _REFERENCE.finditer(original)]
    have = " ".join(rewrite.split()).casefold()
    missing = [t for t in dict.fromkeys(" ".join(t.split()) for t in found) if t.casefold() not in have]
    return [f'dropped "{t}"' for t in missing]


def _block(label: str, text: str) -> str:
    return f"{label}:\n<<<\n{text.strip()}\n>>>"


def _conversation(context: Sequence[ContextLike]) -> str | None:
    earlier = [m for m in normalize_context(context) if m.text.strip() and not m.internal]
    if not earlier:
        return None
    lines = [
        f"{'Customer' if m.role is Role.CUSTOMER else 'Agent'}: {' '.join(m.text.split())}" for m in earlier
    ]
    return "Earlier messages in this conversation, oldest first:\n" + "\n".join(lines)


def _culture_line(culture: str | None) -> str | None:
    if culture is None or culture == "standard":
        return None
    if culture == "soft":
        return (
            "In this customer's culture apologizing at length reads as weakness: keep any apology to one short, "
            "dignified line, and always thank."
        )
    return f"The customer's culture: {culture}. Adapt the tone to it, and always thank."


def _coach_settings(settings: Settings | None, culture: str | None) -> Settings | None:
    if culture in ("standard", "soft"):
        base = settings or Settings()
        if base.apology != culture:
            return base.with_overrides(apology=culture)
    return settings


def _draft_prompt(
    customer: str, offer: str | None, agent: str | None, culture: str | None, context: Sequence[ContextLike]
) -> str:
    parts = ["Write the agent's reply to the customer message below."]
    conversation = _conversation(context)
    if conversation:
        parts.append(conversation)
    parts.append(_block("Customer message", customer))
    if offer and offer.strip():
        parts.append(f"What you can offer (offer exactly this, nothing more): {offer.strip()}")
    else:
        parts.append(
            "No remedy (refund, credit, replacement) has been authorized: give a concrete next step you "
            "can take and when, without promising one."
        )
    if agent and agent.strip():
        parts.append(f"Sign the reply as {agent.strip()}.")
    else:
        parts.append("Do not sign with a name.")
    culture_line = _culture_line(culture)
    if culture_line:
        parts.append(culture_line)
    parts.append("Answer only with the reply text.")
    return "\n\n".join(parts)


def _rewrite_prompt(reply: str, customer: str | None, context: Sequence[ContextLike]) -> str:
    parts = [
        "Rewrite the agent's reply below so it follows the method. Keep every fact it states (order and case "
        "numbers, amounts, dates, names), its offer and its sign-off; do not add a remedy or promise it does "
        "not make."
    ]
    conversation = _conversation(context)
    if conversation:
        parts.append(conversation)
    if customer and customer.strip():
        parts.append(_block("Customer message", customer))
    parts.append(_block("Agent's reply to rewrite", reply))
    parts.append("Answer only with the rewritten reply text.")
    return "\n\n".join(parts)


Rejected = tuple[Report, list[str]]


def _scores(rejected: Sequence[Rejected], config: LLMConfig, what: str) -> str:
    noun = f"LLM {what}s" if len(rejected) > 1 else f"LLM {what}"
    parts = []
    for report, blocking in rejected:
        if report.score >= config.min_score and blocking:
            parts.append(f"{report.score} ({', '.join(blocking)})")
        else:
            parts.append(str(report.score))
    if all(report.score < config.min_score for report, _ in rejected):
        return f"{noun} scored {', '.join(parts)} < {config.min_score}"
    return f"{noun} scored {', '.join(parts)}; none reached {config.min_score} without a warning or error"


def _loop(
    config: LLMConfig,
    prompt: str,
    customer: str | None,
    context: Sequence[ContextLike],
    settings: Settings | None,
    what: str,
    check_facts: str | None = None,
) -> tuple[Draft | None, str]:
    """Ask, judge and retry with the coach's feedback: the accepted draft, or None and why there is none.

    ``check_facts``: an original reply whose facts every text must keep (for rewrites).
    """
    engine = get_engine(settings)
    base = [{"role": "system", "content": RUBRIC_PROMPT}, {"role": "user", "content": prompt}]
    messages = list(base)
    rejected: list[Rejected] = []

    def why(reason: str) -> str:
        return f"{reason} (after {_scores(rejected, config, what)})" if rejected else reason

    for _ in range(config.attempts):
        try:
            text = _clean(chat(config, messages))
        except LLMError as e:
            return None, why(str(e))
        if not text:
            return None, why(f"LLM at {config.url} sent an empty {what}")
        report = engine.check(text, customer, context)
        dropped = _dropped_facts(check_facts, text) if check_facts is not None else []
        blocking = _blocking(report, dropped)
        if report.score >= config.min_score and not blocking:
            return Draft(text=text, report=report, source="llm"), ""
        rejected.append((report, blocking))
        messages = [
            *base,
            {"role": "assistant", "content": text},
            {"role": "user", "content": _feedback(report, config, dropped)},
        ]
    return None, _scores(rejected, config, what)


def _builtin_draft() -> Callable[..., Any]:
    module = importlib.import_module("makeitlast.compose.draft")
    fn: Callable[..., Any] = module.draft
    return fn


def llm_draft(
    customer: str,
    *,
    config: LLMConfig,
    offer: str | None = None,
    agent: str | None = None,
    culture: str | None = None,
    context: Sequence[ContextLike] = (),
    settings: Settings | None = None,
) -> Draft:
    """A reply to ``customer`` written by the LLM and accepted by the coach, or the built-in draft with a note.

    ``offer`` is what the agent may offer (the model is told to offer exactly that), ``agent`` the name to sign
    with, ``culture`` ``"soft"`` where apologizing reads as weakness.
    """
    if not isinstance(config, LLMConfig):
        raise ValueError(f"config must be an LLMConfig, not {type(config).__name__}")
    prompt = _draft_prompt(customer, offer, agent, culture, context)
    accepted, reason = _loop(config, prompt, customer, context, _coach_settings(settings, culture), "draft")
    if accepted is not None:
        return accepted
    fallback = _builtin_draft()(
        customer, offer=offer, agent=agent, culture=culture, context=context, settings=settings
    )
    if not isinstance(fallback, Draft):
        raise TypeError(f"makeitlast.compose.draft.draft returned {type(fallback).__name__}, not a Draft")
    return fallback.model_copy(update={"note": f"{reason}; used the built-in drafter", "source": "builtin"})


def _safe_fix(
    reply: str, customer: str | None, context: Sequence[ContextLike], settings: Settings | None
) -> str | None:
    """The original reply with the coach's safe fixes applied, when ``makeitlast.compose.fix`` is there."""
    try:
        fix = importlib.import_module("makeitlast.compose.fix").fix
    except (ImportError, AttributeError):
        return None
    try:
        params = inspect.signature(fix).parameters
        kwargs: dict[str, Any] = {}
        if "context" in params:
            kwargs["context"] = context
        if "settings" in params:
            kwargs["settings"] = settings
        if "customer" in params and params["customer"].kind is inspect.Parameter.KEYWORD_ONLY:
            result = fix(reply, customer=customer, **kwargs)
        else:
            result = fix(reply, customer, **kwargs)
    except Exception:
        return None
    text = result if isinstance(result, str) else getattr(result, "text", None)
    return text if isinstance(text, str) and text.strip() else None


def llm_rewrite(
    reply: str,
    customer: str | None,
    *,
    config: LLMConfig,
    context: Sequence[ContextLike] = (),
    settings: Settings | None = None,
) -> Draft:
    """``reply`` rewritten by the LLM (keeping its facts and offer) and accepted by the coach; otherwise the
    original reply with the coach's safe fixes (``makeitlast.compose.fix``), or the original reply, with a note."""
    if not isinstance(config, LLMConfig):
        raise ValueError(f"config must be an LLMConfig, not {type(config).__name__}")
    engine = get_engine(settings)
    original = engine.check(
        reply, customer, context
    )  # raises InputError on an empty reply, before any request
    prompt = _rewrite_prompt(reply, customer, context)
    accepted, reason = _loop(config, prompt, customer, context, settings, "rewrite", check_facts=reply)
    if accepted is not None:
        return accepted
    fixed = _safe_fix(reply, customer, context, settings)
    if fixed is not None and fixed != reply:
        return Draft(
            text=fixed,
            report=engine.check(fixed, customer, context),
            source="builtin",
            note=f"{reason}; used the coach's safe fixes of the original reply",
        )
    return Draft(text=reply, report=original, source="builtin", note=f"{reason}; kept the original reply")
