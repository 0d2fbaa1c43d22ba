"""The optional LLM, against a scripted chat-completions server on 127.0.0.1 (no real model, no network)."""

from __future__ import annotations

import contextlib
import importlib
import json
import socket
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from makeitlast.compose.llm import ENV_KEY, RUBRIC_PROMPT, LLMConfig, llm_draft, llm_rewrite
from makeitlast.compose.model import Draft
from makeitlast.engine import InputError, Settings, get_engine

CUSTOMER = "My order #4471 arrived broken and I want a refund"
OFFER = "a full refund to the card"
GOOD = (
    "I'm sorry your order #4471 arrived broken, that's not the experience we want for you. I've issued a full "
    "refund to your card today; it should show within 5 business days. Thank you for letting us know about the "
    "damage."
)
#: As good for the coach, but without the order number.
GOOD_NO_NUMBER = (
    "I'm sorry your order arrived broken. I've issued a full refund to your card today; it should show within 5 "
    "business days. Thank you for letting us know about the damage."
)
POLICY = "It's our policy."
#: Scores 80 with two D004 over-promise warnings.
OVER_PROMISE = (
    "I'm sorry your order #4471 arrived broken. I guarantee this will never happen again. I've issued a full "
    "refund to your card today; it should show within 5 business days. Thank you for letting us know about the "
    "damage."
)
ORIGINAL = "It's our policy. Order #4471 can be refunded once we get photos."
STAND_IN_TEXT = "Stand-in built-in draft."


def score(text: str, customer: str = CUSTOMER) -> int:
    return get_engine().check(text, customer).score


# --- the scripted server ---------------------------------------------------------------------------------------

Behaviour = Callable[["FakeLLM", BaseHTTPRequestHandler], None]


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeLLM:
    """A chat-completions server whose n-th request gets ``script[n]`` (the last behaviour repeats)."""

    script: list[Behaviour] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def config(self, **kw: Any) -> LLMConfig:
        return LLMConfig(url=self.url, model=kw.pop("model", "test-model"), **kw)


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "application/json") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def completion(content: Any) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
    }


def replies(text: str) -> Behaviour:
    return lambda llm, h: _send(h, 200, json.dumps(completion(text)).encode())


def sends_json(data: Any) -> Behaviour:
    return lambda llm, h: _send(h, 200, json.dumps(data).encode())


def fails(status: int, message: str = "model crashed") -> Behaviour:
    return lambda llm, h: _send(h, status, json.dumps({"error": {"message": message}}).encode())


def sends_raw(body: bytes, ctype: str = "text/plain") -> Behaviour:
    return lambda llm, h: _send(h, 200, body, ctype)


def sleeps(llm: FakeLLM, h: BaseHTTPRequestHandler) -> None:
    llm.release.wait(5)  # released at teardown; the client gives up long before
    _send(h, 200, json.dumps(completion(GOOD)).encode())


def _handler(llm: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            llm.requests.append(Recorded(self.path, dict(self.headers.items()), json.loads(raw)))
            behaviour = llm.script[min(len(llm.requests), len(llm.script)) - 1]
            with contextlib.suppress(OSError):  # the client hung up (timed out)
                behaviour(llm, self)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    llm = FakeLLM()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(llm))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    llm.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield llm
    finally:
        llm.release.set()
        server.shutdown()
        server.server_close()
        thread.join(2)


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_KEY, raising=False)


@pytest.fixture(autouse=True)
def builtin(monkeypatch: pytest.MonkeyPatch) -> bool:
    """The real built-in drafter when it is there (True), else a stand-in module (False)."""
    try:
        if callable(getattr(importlib.import_module("makeitlast.compose.draft"), "draft", None)):
            return True
    except ImportError:
        pass

    def stand_in(customer: str, **kw: Any) -> Draft:
        settings = kw.get("settings")
        return Draft(text=STAND_IN_TEXT, report=get_engine(settings).check(STAND_IN_TEXT, customer))

    module = types.ModuleType("makeitlast.compose.draft")
    module.draft = stand_in  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "makeitlast.compose.draft", module)
    return False


def assert_builtin(d: Draft, builtin: bool) -> None:
    assert d.source == "builtin"
    if not builtin:
        assert d.text == STAND_IN_TEXT


def messages(r: Recorded) -> list[dict[str, str]]:
    result: list[dict[str, str]] = r.body["messages"]
    return result


# --- accepted drafts -------------------------------------------------------------------------------------------


def test_a_good_reply_is_accepted_and_the_request_is_a_chat_completion(fake_llm: FakeLLM) -> None:
    fake_llm.script = [replies(GOOD)]
    d = llm_draft(CUSTOMER, config=fake_llm.config(api_key="sk-test"), offer=OFFER, agent="Sam")
    assert d.source == "llm" and d.note is None and d.text == GOOD
    assert d.report.score >= 90 and not d.report.findings
    [r] = fake_llm.requests
    assert r.path == "/v1/chat/completions"
    assert r.headers["Content-Type"] == "application/json"
    assert r.headers["Authorization"] == "Bearer sk-test"
    assert r.body["model"] == "test-model" and r.body["temperature"] == 0.4
    system, user = messages(r)
    assert system == {"role": "system", "content": RUBRIC_PROMPT}
    assert user["role"] == "user"
    assert (
        CUSTOMER in user["content"]
        and OFFER in user["content"]
        and "Sign the reply as Sam" in user["content"]
    )


def test_the_system_prompt_states_the_method_and_the_donts() -> None:
    for words in (
        "paraphrase",
        "apologize once",
        "on behalf of the team",
        "next step",
        "under-promise",
        "specific",
        "It's our policy",
        "We can't",
        "Blame",
        "Over-promise",
        "Jargon",
        "calm down",
        "you must have",
        "I have no idea",
        "nothing we can do",
        "it is what it is",
        "you're wrong",
        "boundary",
        "Answer only with the reply text",
    ):
        assert words.lower() in RUBRIC_PROMPT.lower(), words


def test_no_key_no_authorization_header(fake_llm: FakeLLM) -> None:
    fake_llm.script = [replies(GOOD)]
    llm_draft(CUSTOMER, config=fake_llm.config())
    assert "Authorization" not in fake_llm.requests[0].headers


def test_the_key_is_read_from_the_environment(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_KEY, "sk-env")
    fake_llm.script = [replies(GOOD)]
    config = fake_llm.config()
    assert config.api_key == "sk-env" and "sk-env" not in repr(config)
    llm_draft(CUSTOMER, config=config)
    assert fake_llm.requests[0].headers["Authorization"] == "Bearer sk-env"


def test_a_proxy_in_the_environment_is_not_used_for_a_local_model(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    fake_llm.script = [replies(GOOD)]
    assert llm_draft(CUSTOMER, config=fake_llm.config()).source == "llm"


def test_context_and_culture_reach_the_prompt(fake_llm: FakeLLM) -> None:
    fake_llm.script = [replies(GOOD)]
    llm_draft(
        CUSTOMER, config=fake_llm.config(), culture="soft", context=["I wrote yesterday about #4471 too"]
    )
    user = messages(fake_llm.requests[0])[1]["content"]
    assert "Customer: I wrote yesterday about #4471 too" in user and "weakness" in user
    assert "No remedy" in user  # no offer given: the model must not invent one


@pytest.mark.parametrize(
    "wrapped",
    [
        f"<think>The customer is upset.</think>\n{GOOD}",
        f'"{GOOD}"',
        f"```\n{GOOD}\n```",
        f"Here's the reply:\n\n{GOOD}",
    ],
)
def test_wrapping_around_the_reply_is_removed(fake_llm: FakeLLM, wrapped: str) -> None:
    fake_llm.script = [replies(wrapped)]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert d.source == "llm" and d.text == GOOD


# --- retries with the coach's feedback -------------------------------------------------------------------------


def test_a_policy_wall_is_sent_back_with_the_coachs_feedback(fake_llm: FakeLLM) -> None:
    fake_llm.script = [replies(POLICY), replies(GOOD)]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert d.source == "llm" and d.text == GOOD and d.note is None
    first, second = fake_llm.requests
    system, task, previous, feedback = messages(second)
    assert system["content"] == RUBRIC_PROMPT and task == messages(first)[1]
    assert previous == {"role": "assistant", "content": POLICY}
    assert feedback["role"] == "user"
    text = feedback["content"]
    assert text.startswith("The coach flagged:")
    assert "D001 policy-wall" in text and 'at "It\'s our policy"' in text and "Rewrite" in text
    assert f"It scored {score(POLICY)}/100; it needs 90" in text


def test_a_high_score_with_a_warning_is_not_accepted(fake_llm: FakeLLM) -> None:
    assert 70 <= score(OVER_PROMISE) < 100
    fake_llm.script = [replies(OVER_PROMISE), replies(GOOD)]
    d = llm_draft(CUSTOMER, config=fake_llm.config(min_score=70))
    assert d.source == "llm" and d.text == GOOD
    assert "D004 over-promise" in messages(fake_llm.requests[1])[-1]["content"]


def test_always_bad_falls_back_with_the_scores(fake_llm: FakeLLM, builtin: bool) -> None:
    fake_llm.script = [replies(POLICY), replies("Sorry about the broken order."), replies(POLICY)]
    d = llm_draft(CUSTOMER, config=fake_llm.config(), offer=OFFER)
    assert_builtin(d, builtin)
    a, b = score(POLICY), score("Sorry about the broken order.")
    assert d.note == f"LLM drafts scored {a}, {b}, {a} < 90; used the built-in drafter"
    assert len(fake_llm.requests) == 3


def test_one_attempt_and_warnings_in_the_note(fake_llm: FakeLLM, builtin: bool) -> None:
    fake_llm.script = [replies(OVER_PROMISE)]
    d = llm_draft(CUSTOMER, config=fake_llm.config(attempts=1, min_score=70))
    assert_builtin(d, builtin)
    s = score(OVER_PROMISE)
    assert d.note == (
        f"LLM draft scored {s} (D004 over-promise); none reached 70 without a warning or error; "
        "used the built-in drafter"
    )
    assert len(fake_llm.requests) == 1


# --- the model cannot be used ----------------------------------------------------------------------------------


def test_a_timeout_falls_back_quickly(fake_llm: FakeLLM, builtin: bool) -> None:
    fake_llm.script = [sleeps]
    started = time.monotonic()
    d = llm_draft(CUSTOMER, config=fake_llm.config(timeout=0.5))
    assert time.monotonic() - started < 3
    assert_builtin(d, builtin)
    assert d.note == f"LLM at {fake_llm.url} timed out after 0.5 s; used the built-in drafter"
    assert len(fake_llm.requests) == 1  # no retry after a timeout


@pytest.mark.parametrize("status", [500, 401])
def test_an_http_error_falls_back(fake_llm: FakeLLM, builtin: bool, status: int) -> None:
    fake_llm.script = [fails(status)]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert_builtin(d, builtin)
    assert d.note is not None
    assert d.note.startswith(f"LLM at {fake_llm.url} answered HTTP {status}")
    assert "model crashed" in d.note and d.note.endswith("; used the built-in drafter")


def test_an_error_after_a_rejection_names_both(fake_llm: FakeLLM, builtin: bool) -> None:
    fake_llm.script = [replies(POLICY), fails(500)]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert_builtin(d, builtin)
    assert d.note is not None and "answered HTTP 500" in d.note
    assert f"(after LLM draft scored {score(POLICY)} < 90); used the built-in drafter" in d.note


def test_non_json_falls_back(fake_llm: FakeLLM, builtin: bool) -> None:
    fake_llm.script = [sends_raw(b"<html>Bad gateway</html>", "text/html")]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert_builtin(d, builtin)
    assert d.note == f"LLM at {fake_llm.url} sent a malformed response (not JSON); used the built-in drafter"


@pytest.mark.parametrize(
    "data",
    [
        {"choices": []},
        {"object": "list", "data": []},
        completion(None),
        [1, 2],
        {"choices": [{"text": GOOD}]},
    ],
)
def test_a_response_that_is_not_a_chat_completion_falls_back(
    fake_llm: FakeLLM, builtin: bool, data: Any
) -> None:
    fake_llm.script = [sends_json(data)]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert_builtin(d, builtin)
    assert d.note is not None and "sent a malformed response" in d.note
    assert len(fake_llm.requests) == 1


def test_an_empty_reply_falls_back(fake_llm: FakeLLM, builtin: bool) -> None:
    fake_llm.script = [replies("   ")]
    d = llm_draft(CUSTOMER, config=fake_llm.config())
    assert_builtin(d, builtin)
    assert d.note == f"LLM at {fake_llm.url} sent an empty draft; used the built-in drafter"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_nothing_listening_falls_back(builtin: bool) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    started = time.monotonic()
    d = llm_draft(CUSTOMER, config=LLMConfig(url=url, model="m", timeout=2))
    assert time.monotonic() - started < 3
    assert_builtin(d, builtin)
    assert (
        d.note == f"LLM at {url} refused the connection (is the server running?); used the built-in drafter"
    )


# --- configuration ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/v1", "127.0.0.1:11434/v1", "", "http://", "file:///tmp/x"])
def test_a_bad_url_is_a_value_error(url: str) -> None:
    with pytest.raises(ValueError, match=r"http:// or https:// base URL"):
        LLMConfig(url=url, model="m")


def test_a_bad_port_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="bad port"):
        LLMConfig(url="http://127.0.0.1:ollama/v1", model="m")


@pytest.mark.parametrize("model", ["", "   "])
def test_an_empty_model_is_a_value_error(model: str) -> None:
    with pytest.raises(ValueError, match="model name is empty"):
        LLMConfig(url="http://127.0.0.1:11434/v1", model=model)


@pytest.mark.parametrize("change", [{"timeout": 0}, {"attempts": 0}, {"min_score": 101}])
def test_bad_numbers_are_value_errors(change: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        LLMConfig(url="http://127.0.0.1:11434/v1", model="m", **change)


def test_config_defaults_and_url_normalization() -> None:
    c = LLMConfig(url="http://127.0.0.1:11434/v1/", model=" llama3.1 ")
    assert (c.url, c.model, c.api_key, c.timeout, c.attempts, c.min_score, c.temperature) == (
        "http://127.0.0.1:11434/v1",
        "llama3.1",
        None,
        20,
        3,
        90,
        0.4,
    )
    assert LLMConfig(url="https://h.example/v1/chat/completions", model="m").url == "https://h.example/v1"


# --- rewrites --------------------------------------------------------------------------------------------------


def test_a_rewrite_is_accepted_and_the_request_has_the_original(fake_llm: FakeLLM) -> None:
    fake_llm.script = [replies(GOOD)]
    d = llm_rewrite(ORIGINAL, CUSTOMER, config=fake_llm.config())
    assert d.source == "llm" and d.text == GOOD and d.note is None
    system, user = messages(fake_llm.requests[0])
    assert system["content"] == RUBRIC_PROMPT
    assert (
        ORIGINAL in user["content"] and CUSTOMER in user["content"] and "Keep every fact" in user["content"]
    )


def test_a_rewrite_that_drops_a_fact_is_sent_back(fake_llm: FakeLLM) -> None:
    assert score(GOOD_NO_NUMBER) >= 90
    fake_llm.script = [replies(GOOD_NO_NUMBER), replies(GOOD)]
    d = llm_rewrite(ORIGINAL, CUSTOMER, config=fake_llm.config())
    assert d.source == "llm" and d.text == GOOD
    assert 'dropped "#4471"' in messages(fake_llm.requests[1])[-1]["content"]


def test_a_failed_rewrite_keeps_the_original_without_the_fixer(
    fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "makeitlast.compose.fix", None)  # import fails
    fake_llm.script = [fails(500)]
    d = llm_rewrite(ORIGINAL, CUSTOMER, config=fake_llm.config())
    assert d.source == "builtin" and d.text == ORIGINAL
    assert d.report.score == score(ORIGINAL)
    assert d.note is not None and d.note.startswith(f"LLM at {fake_llm.url} answered HTTP 500")
    assert d.note.endswith("; kept the original reply")


def test_a_failed_rewrite_uses_the_safe_fix(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    fixed = "Order #4471 can be refunded once we get photos."

    def fix(
        reply: str, customer: str | None = None, *, context: Any = (), settings: Settings | None = None
    ) -> str:
        return reply.replace("It's our policy. ", "")

    module = types.ModuleType("makeitlast.compose.fix")
    module.fix = fix  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "makeitlast.compose.fix", module)
    fake_llm.script = [replies(POLICY)]
    d = llm_rewrite(ORIGINAL, CUSTOMER, config=fake_llm.config(attempts=2))
    assert d.source == "builtin" and d.text == fixed
    assert d.report == get_engine().check(fixed, CUSTOMER)
    s = score(POLICY)
    assert d.note == f"LLM rewrites scored {s}, {s} < 90; used the coach's safe fixes of the original reply"


def test_a_failed_rewrite_with_the_real_fixer(fake_llm: FakeLLM) -> None:
    pytest.importorskip("makeitlast.compose.fix")
    fake_llm.script = [fails(503)]
    d = llm_rewrite(ORIGINAL, CUSTOMER, config=fake_llm.config())
    assert d.source == "builtin" and d.note is not None
    assert d.note.endswith(
        ("; used the coach's safe fixes of the original reply", "; kept the original reply")
    )
    assert d.report == get_engine().check(d.text, CUSTOMER)


def test_an_empty_reply_to_rewrite_is_refused_before_any_request(fake_llm: FakeLLM) -> None:
    fake_llm.script = [replies(GOOD)]
    with pytest.raises(InputError):
        llm_rewrite("  ", CUSTOMER, config=fake_llm.config())
    assert fake_llm.requests == []
