"""``--format sarif``: SARIF 2.1.0, the static-analysis interchange format code-review tools read.

One run; ``tool.driver.rules`` lists the rules in use (``id`` = code, ``shortDescription`` = summary,
``fullDescription`` = "What it does", ``help`` = the rule's documentation as text and Markdown); each finding is a
result with its ``level`` (error / warning / note for advice) and a location on an artifact named by the reply's
input id, with the flagged words as a ``region`` (``charOffset``/``charLength`` in code points, plus 1-based lines
and columns; ``columnKind`` is ``unicodeCodePoints``). Input lines that could not be judged are
``invocations[0].toolExecutionNotifications``. The document is written as results arrive (bounded memory).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from makeitlast.engine.batch import BatchError
from makeitlast.formats import FormatOptions
from makeitlast.formats.json import ascii_only
from makeitlast.model import Finding, Report, Severity, Span

if TYPE_CHECKING:
    from makeitlast.engine.registry import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVEL: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.ADVICE: "note"}


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """A SARIF ``reportingDescriptor`` for one rule, from its own docs."""
    from makeitlast.docs import rule_markdown

    docs = rule.docs()
    help_text = "\n\n".join(
        f"{section}: {docs[section]}"
        for section in ("What it does", "Why it matters", "Instead")
        if docs.get(section)
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": docs.get("What it does") or rule.summary or rule.name},
        "help": {"text": help_text or rule.summary, "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "step": rule.step.value,
            "severity": rule.severity.value,
            "weight": rule.weight,
            "scope": rule.scope,
        },
    }


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def region(text: str, span: Span) -> dict[str, Any]:
    start_line, start_col = _line_col(text, span.start)
    end_line, end_col = _line_col(text, span.end)
    return {
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "snippet": {"text": span.text},
    }


class SarifFormatter:
    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self._stream: TextIO | None = None
        self._count = 0
        self._ascii = False
        self._errors: list[BatchError] = []
        rules: Sequence[type[Rule]] = options.rules
        if not rules:
            from makeitlast.engine.registry import all_rules

            rules = all_rules()
        self._rules = list(rules)
        self._index = {r.code: i for i, r in enumerate(self._rules)}

    def _dump(self, obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=self._ascii)

    def begin(self, stream: TextIO) -> None:
        from makeitlast import __version__

        self._stream = stream
        self._ascii = ascii_only(stream)
        driver = {
            "name": "makeitlast",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [rule_descriptor(r) for r in self._rules],
        }
        run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
        stream.write(
            f'{{"$schema":{self._dump(SARIF_SCHEMA)},"version":{self._dump(SARIF_VERSION)},"runs":[{{'
            f'{self._dump(run)[1:-1]},"results":['
        )

    def _artifact(self, report: Report) -> str:
        name = report.id if report.id is not None else (self.options.source or "reply")
        return quote(name, safe="/:@-._~")

    def _result(self, report: Report, finding: Finding) -> dict[str, Any]:
        location: dict[str, Any] = {"artifactLocation": {"uri": self._artifact(report)}}
        if finding.span is not None:
            location["region"] = region(report.reply, finding.span)
        text = finding.message
        if finding.suggestion:
            text += f"\nSuggestion: {finding.suggestion}"
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": LEVEL[finding.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": location}],
            "properties": {
                "name": finding.name,
                "step": finding.step.value,
                "severity": finding.severity.value,
                "suggestion": finding.suggestion,
                "replyId": report.id,
                "score": report.score,
            },
        }
        if finding.code in self._index:
            result["ruleIndex"] = self._index[finding.code]
        if finding.fix is not None:
            edit = finding.fix
            result["fixes"] = [
                {
                    "description": {
                        "text": ("Safe rewrite" if edit.safe else "Rewrite to review before sending")
                        + f": {edit.replacement.strip() or 'delete the words'}"
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": self._artifact(report)},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "charOffset": edit.span.start,
                                        "charLength": edit.span.end - edit.span.start,
                                    },
                                    "insertedContent": {"text": edit.replacement},
                                }
                            ],
                        }
                    ],
                    "properties": {"safe": edit.safe},
                }
            ]
        return result

    def report(self, report: Report) -> None:
        assert self._stream is not None, "begin() first"
        for finding in report.findings:
            self._stream.write(
                ("\n" if self._count == 0 else ",\n") + self._dump(self._result(report, finding))
            )
            self._count += 1
        self._stream.flush()

    def error(self, error: BatchError) -> None:
        self._errors.append(error)

    def _notification(self, error: BatchError) -> dict[str, Any]:
        note: dict[str, Any] = {"level": "error", "message": {"text": error.message}}
        line = getattr(error, "line", None)
        source = getattr(error, "source", None) or self.options.source
        if source or line is not None:
            loc: dict[str, Any] = {"artifactLocation": {"uri": quote(source or "input", safe="/:@-._~")}}
            if line is not None:
                loc["region"] = {"startLine": line}
            note["locations"] = [{"physicalLocation": loc}]
        if error.id is not None:
            note["properties"] = {"replyId": error.id}
        return note

    def end(self) -> None:
        assert self._stream is not None, "begin() first"
        invocation = {
            "executionSuccessful": not self._errors,
            "toolExecutionNotifications": [self._notification(e) for e in self._errors],
        }
        self._stream.write(f'\n],"invocations":[{self._dump(invocation)}]}}]}}\n')
        self._stream.flush()
