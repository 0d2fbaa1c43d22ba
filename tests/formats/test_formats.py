"""The output formats, fed hand-made reports (so they do not depend on what the rules find today)."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from makeitlast.engine.registry import get_rule
from makeitlast.formats import (
    BUILTIN,
    FormatOptions,
    Formatter,
    LineError,
    UnknownFormat,
    available_formats,
    get_format,
)
from makeitlast.model import CustomerReading, Finding, Report, Severity, Span, Status, Step, StepResult

REPLY = "Thanks for writing in.\nSorry, but it's our policy to keep the fee, nothing more I can do."


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start=start, end=start + len(words), text=words)


def _evidence(text: str, words: str) -> tuple[Span, ...]:
    return (_span(text, words),) if words in text else ()


def make_report(id: str | None = "r1", reply: str = REPLY) -> Report:
    steps = {
        Step.LISTEN: StepResult(status=Status.WEAK, evidence=_evidence(reply, "Thanks for writing in")),
        Step.APOLOGIZE: StepResult(status=Status.PRESENT, evidence=_evidence(reply, "Sorry")),
        Step.SOLVE: StepResult(status=Status.MISSING),
        Step.THANK: StepResult(status=Status.WEAK, applicable=False),
    }
    findings = [
        Finding(
            code="S001",
            name="no-next-step",
            step=Step.SOLVE,
            severity=Severity.WARNING,
            message="Nothing concrete to hold onto.",
            suggestion="Say what happens next and when.",
        ),
        Finding(
            code="D001",
            name="policy-wall",
            step=Step.DONTS,
            severity=Severity.ERROR,
            message="A policy with no reason sounds like there's no hope.",
            span=_span(reply, "it's our policy") if "it's our policy" in reply else None,
            suggestion="We keep the fee because ..., and here's what I can do: ...",
        ),
    ]
    reading = CustomerReading(wants=("refund",), anger=2, repeat_contact=True, bad_experience=True)
    return Report(id=id, score=31, steps=steps, customer=reading, findings=findings, reply=reply)


def render(name: str, reports: list[Report], errors: tuple[LineError, ...] = (), **options: Any) -> str:
    formatter = get_format(name)(FormatOptions(**options))
    assert isinstance(formatter, Formatter)
    out = io.StringIO()
    formatter.begin(out)
    for r in reports:
        formatter.report(r)
    for e in errors:
        formatter.error(e)
    formatter.end()
    return out.getvalue()


BAD_LINE = LineError(2, None, "malformed JSON (Expecting value at column 1)", line=3, source="in.jsonl")


# -- registry -----------------------------------------------------------------------------------------------------


def test_builtin_formats_are_listed_first() -> None:
    assert available_formats()[:4] == list(BUILTIN) == ["text", "json", "jsonl", "sarif"]


def test_unknown_format_lists_the_choices() -> None:
    with pytest.raises(UnknownFormat, match="sarif"):
        get_format("yaml")


class _FakeEntryPoint:
    def __init__(self, name: str, target: Any) -> None:
        self.name = name
        self._target = target

    def load(self) -> Any:
        if isinstance(self._target, Exception):
            raise self._target
        return self._target


class CountFormatter:
    """A tiny third-party format: how many replies and findings."""

    def __init__(self, options: FormatOptions) -> None:
        self.reports = self.findings = 0

    def begin(self, stream: Any) -> None:
        self.stream = stream

    def report(self, report: Report) -> None:
        self.reports += 1
        self.findings += len(report.findings)

    def error(self, error: Any) -> None:
        pass

    def end(self) -> None:
        self.stream.write(f"{self.reports} replies, {self.findings} findings\n")


def test_plugins_come_from_the_entry_point_group(monkeypatch: pytest.MonkeyPatch) -> None:
    import makeitlast.formats as formats

    points = {
        "count": _FakeEntryPoint("count", CountFormatter),
        "broken": _FakeEntryPoint("broken", ImportError("no module named fancy")),
    }
    monkeypatch.setattr(formats, "_entry_points", lambda: points)
    assert "count" in available_formats() and available_formats()[:4] == list(BUILTIN)
    assert render("count", [make_report(), make_report("r2")]) == "2 replies, 4 findings\n"
    with pytest.raises(UnknownFormat, match="could not be loaded"):
        get_format("broken")


def test_plugin_through_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import makeitlast.formats as formats
    from makeitlast.cli import app

    monkeypatch.setattr(formats, "_entry_points", lambda: {"count": _FakeEntryPoint("count", CountFormatter)})
    result = CliRunner().invoke(app, ["check", "Rules are rules.", "--select", "D001", "--format", "count"])
    assert result.stdout == "1 replies, 1 findings\n"
    listed = CliRunner().invoke(app, ["formats"])
    assert "count  (plug-in)" in listed.stdout and "sarif" in listed.stdout


# -- json / jsonl -------------------------------------------------------------------------------------------------


def test_json_single_is_one_object() -> None:
    data = json.loads(render("json", [make_report()], single=True))
    assert isinstance(data, dict)
    assert data == make_report().to_json_dict()
    assert "reply" not in data  # the reply text is not part of schema 1


def test_json_batch_is_an_array_with_error_records() -> None:
    data = json.loads(render("json", [make_report("a"), make_report("b")], errors=(BAD_LINE,)))
    assert [d["id"] for d in data] == ["a", "b", None]
    assert data[2] == {
        "id": None,
        "schema_version": 1,
        "error": {"line": 3, "message": "malformed JSON (Expecting value at column 1)"},
    }
    assert json.loads(render("json", [])) == []


def test_jsonl_one_object_per_line() -> None:
    text = render("jsonl", [make_report("a"), make_report("b")], errors=(BAD_LINE,))
    lines = text.splitlines()
    assert len(lines) == 3 and text.endswith("\n")
    objs = [json.loads(line) for line in lines]
    assert objs[0] == make_report("a").to_json_dict()
    assert objs[2]["error"]["line"] == 3


def test_schema_fields() -> None:
    data = make_report().to_json_dict()
    assert set(data) == {"id", "schema_version", "score", "steps", "customer", "findings"}
    assert set(data["steps"]) == {"listen", "apologize", "solve", "thank"}
    assert data["steps"]["thank"] == {"status": "weak", "applicable": False, "evidence": []}
    assert set(data["findings"][1]) == {"code", "name", "step", "severity", "message", "span", "suggestion", "fix"}
    assert data["findings"][1]["fix"] is None  # a rule that gives no rewrite
    assert set(data["customer"]) == {
        "wants",
        "anger",
        "abusive",
        "repeat_contact",
        "bad_experience",
        "facts",
        "evidence",
    }


def test_non_ascii_survives_and_is_escaped_for_ascii_streams() -> None:
    report = make_report(reply="Désolé, it's our policy.")
    report = report.model_copy(
        update={
            "findings": [
                Finding(
                    code="D001",
                    name="policy-wall",
                    step=Step.DONTS,
                    severity=Severity.ERROR,
                    message="“Policy”",
                    span=_span("Désolé, it's our policy.", "it's our policy"),
                )
            ]
        }
    )
    assert "“Policy”" in render("jsonl", [report])
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    formatter = get_format("jsonl")(FormatOptions())
    formatter.begin(ascii_stream)
    formatter.report(report)
    formatter.end()
    ascii_stream.seek(0)
    assert "\\u201cPolicy\\u201d" in ascii_stream.read()


# -- sarif --------------------------------------------------------------------------------------------------------


def test_sarif_has_the_required_structure() -> None:
    rules = [get_rule("D001")]
    sarif = json.loads(
        render(
            "sarif",
            [make_report("t-1"), make_report(None)],
            errors=(BAD_LINE,),
            rules=rules,
            source="in.jsonl",
        )
    )
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "makeitlast" and driver["version"]
    (rule,) = driver["rules"]
    assert rule["id"] == "D001" and rule["shortDescription"]["text"]
    assert "Why it matters" in rule["help"]["text"] and rule["help"]["markdown"].startswith("# D001")
    assert rule["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    assert len(results) == 4
    for result in results:
        assert {"ruleId", "level", "message", "locations"} <= set(result)
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
    d001 = results[1]
    assert d001["ruleId"] == "D001" and d001["level"] == "error" and d001["ruleIndex"] == 0
    location = d001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "t-1"
    region = location["region"]
    start = REPLY.index("it's our policy")
    assert (region["charOffset"], region["charLength"]) == (start, len("it's our policy"))
    assert (region["startLine"], region["startColumn"]) == (2, start - REPLY.index("\n"))
    assert region["snippet"]["text"] == "it's our policy"
    assert "ruleIndex" not in results[0]  # S001 is not among the rules given
    assert "region" not in results[0]["locations"][0]["physicalLocation"]  # a finding without a span
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "in.jsonl"  # no id
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_sarif_levels_and_empty_run() -> None:
    advice = make_report().model_copy(
        update={
            "findings": [
                Finding(
                    code="L002", name="no-paraphrase", step=Step.LISTEN, severity=Severity.ADVICE, message="m"
                )
            ]
        }
    )
    sarif = json.loads(render("sarif", [advice]))
    assert sarif["runs"][0]["results"][0]["level"] == "note"
    assert len(sarif["runs"][0]["tool"]["driver"]["rules"]) >= 1  # every rule when none are given
    empty = json.loads(render("sarif", []))
    assert (
        empty["runs"][0]["results"] == []
        and empty["runs"][0]["invocations"][0]["executionSuccessful"] is True
    )


# -- text ---------------------------------------------------------------------------------------------------------


def test_text_shows_findings_meter_reading_and_score() -> None:
    out = render("text", [make_report()], single=True, color=False)
    assert "\x1b[" not in out
    assert "D001 error policy-wall  line 2, col 12" in out
    assert "S001 warning no-next-step" in out
    lines = out.splitlines()
    i = next(n for n, ln in enumerate(lines) if "│ Sorry, but it's our policy" in ln)
    col = lines[i].index("it's our policy")
    assert lines[i].lstrip().startswith("2 │")
    assert lines[i + 1][col : col + 15] == "^" * 15 and lines[i + 1][col - 1] == " "
    assert "↳ try: We keep the fee because" in out
    meter = next(ln for ln in lines if ln.lstrip().startswith("L "))
    assert re.search(r"L ◐\s+A ●\s+S ○\s+T n/a", meter)
    assert "customer wants refund · anger 2/3 angry · repeat contact, bad experience" in out
    assert "score 31/100" in out
    assert "2 findings (1 error, 1 warning)" in out


def test_text_batch_has_headers_and_a_summary() -> None:
    out = render("text", [make_report("first"), make_report("second")], errors=(BAD_LINE,), color=False)
    assert out.index("first") < out.index("second")
    assert (
        "2 replies judged · 4 findings (2 errors, 2 warnings) · mean score 31 · 1 input line not judged"
        in out
    )


def test_text_color() -> None:
    out = render("text", [make_report()], single=True, color=True)
    assert "\x1b[" in out


def test_text_cuts_long_lines_around_the_span() -> None:
    long_reply = (
        "We looked into it. " * 20 + "Sorry, it's our policy to keep the fee. " + "Have a nice day. " * 20
    )
    report = make_report(reply=long_reply)
    report = report.model_copy(
        update={
            "findings": [
                Finding(
                    code="D001",
                    name="policy-wall",
                    step=Step.DONTS,
                    severity=Severity.ERROR,
                    message="m",
                    span=_span(long_reply, "it's our policy"),
                )
            ]
        }
    )
    out = render("text", [report], single=True, color=False, width=80)
    lines = out.splitlines()
    i = next(n for n, ln in enumerate(lines) if "it's our policy" in ln and "│" in ln)
    assert len(lines[i]) <= 80 and "…" in lines[i]
    col = lines[i].index("it's our policy")
    assert lines[i + 1][col : col + 15] == "^" * 15


def test_text_ascii_fallback() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    formatter = get_format("text")(FormatOptions(single=True, color=False))
    formatter.begin(stream)
    formatter.report(make_report())
    formatter.end()
    stream.seek(0)
    assert "score 31/100" in stream.read()


def test_text_without_customer_or_findings() -> None:
    report = Report(
        score=100,
        steps={
            s: StepResult(status=Status.PRESENT)
            for s in (Step.LISTEN, Step.APOLOGIZE, Step.SOLVE, Step.THANK)
        },
        reply="Hi",
    )
    out = render("text", [report], single=True, color=False)
    assert "No findings." in out and "no customer message" in out


def test_text_color_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    # A StringIO is no terminal, but colour is forced.
    assert "\x1b[1;31m" in render("text", [make_report()], single=True)
    monkeypatch.setenv("NO_COLOR", "1")
    out = render("text", [make_report()], single=True)
    assert "\x1b[1m" in out and "\x1b[1;31m" not in out and "31m" not in out  # bold stays, colours go
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b[" not in render("text", [make_report()], single=True)
