"""``--format text`` (the default): findings the way a linter shows them, in colour on a terminal.

For each reply: every finding with its code, severity and name, the reply line with the flagged words highlighted
(and marked with carets), the message and the suggested wording; then the four L.A.S.T. steps as a meter
(``L ● A ◐ S ○ T n/a``: present, weak, missing, not needed), the customer reading on one line and the score. A batch
gets a header per reply and a summary at the end. Input lines that could not be judged are reported on stderr by
the command line, and counted in the summary here.

Lines are built as plain strings with ANSI styles (the basic SGR codes every colour terminal knows) and written once
per reply: going through a rich Console for every piece cost more than judging the reply. Colour follows the
stream (a terminal gets it), ``NO_COLOR`` (no colours, bold and dim stay) and ``FORCE_COLOR``, unless the options
force it on or off.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections import Counter
from typing import TextIO

from makeitlast.engine.batch import BatchError
from makeitlast.formats import FormatOptions
from makeitlast.formats.json import ascii_only
from makeitlast.model import STEPS, CustomerReading, Finding, Fix, Report, Severity, Status, Step, StepResult

SEVERITY_STYLE: dict[Severity, str] = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.ADVICE: "cyan",
}
STATUS_STYLE: dict[Status, str] = {Status.PRESENT: "green", Status.WEAK: "yellow", Status.MISSING: "red"}
ANGER = ("calm", "annoyed", "angry", "raging")
_ANGER_STYLE = ("green", "yellow", "red", "bold red")
_UNICODE = {
    "present": "●",
    "weak": "◐",
    "missing": "○",
    "bar": "│",
    "try": "↳",
    "rule": "─",
    "dot": "·",
    "more": "…",
    "open": "“",
    "close": "”",
    "to": "→",
}
_ASCII = {
    "present": "+",
    "weak": "~",
    "missing": "-",
    "bar": "|",
    "try": "->",
    "rule": "-",
    "dot": "|",
    "more": "...",
    "open": '"',
    "close": '"',
    "to": "->",
}
_SGR = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33", "blue": "34",
        "magenta": "35", "cyan": "36"}  # fmt: skip
_COLORS = frozenset({"red", "green", "yellow", "blue", "magenta", "cyan"})


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters and most emoji take two)."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class TextFormatter:
    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self._stream: TextIO | None = None
        self._sym = _UNICODE
        self._color = False
        self._hues = True
        self._width = options.width
        self._reports = 0
        self._errors = 0
        self._score_total = 0
        self._severities: Counter[Severity] = Counter()

    # -- protocol ---------------------------------------------------------------------------------------------------

    def begin(self, stream: TextIO) -> None:
        self._stream = stream
        tty = _is_tty(stream)
        color = self.options.color
        if color is None:
            forced = os.environ.get("FORCE_COLOR")
            color = bool(forced) or (tty and os.environ.get("TERM") != "dumb")
            self._hues = not os.environ.get("NO_COLOR")
        self._color = color
        if tty:
            self._width = max(40, shutil.get_terminal_size((self.options.width, 24)).columns)
        if ascii_only(stream):
            self._sym = _ASCII

    def report(self, report: Report) -> None:
        stream = self._require()
        lines: list[str] = []
        if not self.options.single:
            title = f" {report.id if report.id is not None else f'reply {self._reports + 1}'} "
            rule = self._sym["rule"]
            lines.append(
                self._paint(rule * 2, "dim")
                + self._paint(title, "bold")
                + self._paint(rule * max(2, self._width - _cells(title) - 2), "dim")
            )
        for finding in report.findings:
            lines.extend(self._finding(report.reply, finding))
            lines.append("")
        if not report.findings:
            lines.append(self._paint("No findings.", "green"))
        meter = self._meter(report.steps)
        if self.options.single:
            meter += self._paint("   " + self._legend(), "dim")
        lines += [meter, self._reading(report.customer), self._score(report.score)]
        if not self.options.single:
            lines.append("")
        stream.write("\n".join(lines) + "\n")
        stream.flush()
        self._reports += 1
        self._score_total += report.score
        self._severities.update(f.severity for f in report.findings)

    def error(self, error: BatchError) -> None:
        self._errors += 1

    def end(self) -> None:
        stream = self._require()
        findings = sum(self._severities.values())
        parts: list[str] = []
        if not self.options.single:
            parts.append(_plural(self._reports, "reply", "replies") + " judged")
        if findings:
            detail = ", ".join(
                _plural(self._severities[s], s.value, "advice" if s is Severity.ADVICE else None)
                for s in (Severity.ERROR, Severity.WARNING, Severity.ADVICE)
                if self._severities[s]
            )
            parts.append(f"{_plural(findings, 'finding')} ({detail})")
        elif self._reports:
            parts.append("no findings")
        if not self.options.single and self._reports:
            parts.append(f"mean score {round(self._score_total / self._reports)}")
        if self._errors:
            parts.append(_plural(self._errors, "input line") + " not judged")
        if parts and (not self.options.single or findings):
            stream.write(self._paint(f" {self._sym['dot']} ".join(parts), "bold") + "\n")
        if not self.options.single and self._reports:
            stream.write(self._paint(f"steps: {self._legend()}", "dim") + "\n")
        stream.flush()

    # -- pieces -----------------------------------------------------------------------------------------------------

    def _require(self) -> TextIO:
        assert self._stream is not None, "begin() first"
        return self._stream

    def _paint(self, text: str, style: str) -> str:
        if not self._color or not text or not style:
            return text
        codes = ";".join(_SGR[w] for w in style.split() if self._hues or w not in _COLORS)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text

    def _legend(self) -> str:
        sym = self._sym
        return f"{sym['present']} present  {sym['weak']} weak  {sym['missing']} missing  n/a not needed"

    def _finding(self, reply: str, finding: Finding) -> list[str]:
        style = SEVERITY_STYLE[finding.severity]
        head = " ".join(
            (
                self._paint(finding.code, f"bold {style}"),
                self._paint(finding.severity.value, style),
                self._paint(finding.name, "bold"),
            )
        )
        lines = [head]
        if finding.span is not None and reply:
            line, col = _line_col(reply, finding.span.start)
            lines[0] += self._paint(f"  line {line}, col {col}", "dim")
            lines.extend(self._excerpt(reply, finding.span.start, finding.span.end, style))
        lines.extend(self._wrapped("", finding.message, ""))
        if finding.suggestion:
            lines.extend(self._wrapped(f"{self._sym['try']} try: ", finding.suggestion, "green"))
        if finding.fix is not None:
            fix = finding.fix
            how = "safe, --fix applies it" if fix.safe else "review it, --unsafe-fixes applies it"
            said = self.describe(fix, reply)
            quoted = f"{self._sym['open']}{' '.join((finding.suggestion or '').split())}{self._sym['close']}"
            if finding.suggestion and quoted in said:
                said = said.replace(quoted, "the suggestion above")
            body = f"{said} ({how})"
            lines.extend(self._wrapped(f"{self._sym['try']} fix: ", body, "green" if fix.safe else "yellow"))
        return lines

    def describe(self, fix: Fix, reply: str) -> str:
        """A fix in words: “old” → “new”, add “...” at the start (or end), or remove “...”."""
        o, c = self._sym["open"], self._sym["close"]
        new = " ".join(fix.replacement.split())
        old = " ".join(fix.span.text.split())
        # an insertion (a zero-length span, or one letter it capitalises: "Hi Sam, please" → "Hi Sam, I'm ... Please")
        inserted = not old or (len(old) == 1 and len(new) > 1 and new.endswith(old.upper()))
        if inserted:
            shown = (new[:-1] if old else new).strip().lstrip(". ").strip()
            where = "at the start" if fix.span.start < len(reply.rstrip()) / 2 else "at the end"
            return f"add {o}{shown}{c} {where}"
        if not new or (len(new) == 1 and len(old) > 1 and old[-1] == new.lower() and old[-1] != new):
            # a deletion (that may give the next word its capital: "It is what it is, d" → "D")
            gone = old if not new else old[:-1].rstrip()
            return f"remove {o}{gone}{c}"
        return f"{o}{old}{c} {self._sym['to']} {o}{new}{c}"

    def _wrapped(self, prefix: str, body: str, prefix_style: str, indent: int = 2) -> list[str]:
        """``prefix`` + ``body`` wrapped to the width, every line indented, the prefix styled."""
        pad = " " * indent
        rows = _wrap(prefix + body, max(20, self._width) - indent)
        rows = [pad + row for row in rows] or [pad + prefix]
        if prefix and rows[0].startswith(pad + prefix):
            rows[0] = pad + self._paint(prefix, prefix_style) + rows[0][indent + len(prefix) :]
        return rows

    def _excerpt(self, reply: str, start: int, end: int, style: str) -> list[str]:
        """The reply line holding ``[start, end)``, cut to fit the width, with the span highlighted and marked."""
        line_start = reply.rfind("\n", 0, start) + 1
        line_end = reply.find("\n", start)
        if line_end < 0:
            line_end = len(reply)
        number, _col = _line_col(reply, start)
        text = "".join(ch if ch.isprintable() else " " for ch in reply[line_start:line_end])
        a = start - line_start
        b = max(a, min(end, line_end) - line_start)
        gutter = f"  {number} {self._sym['bar']} "
        blank = " " * (len(gutter) - 2) + self._sym["bar"] + " "
        room = max(20, self._width - len(gutter))
        left = right = ""
        if _cells(text) > room:
            more = self._sym["more"]
            keep = room - 2 * len(more)
            ws = max(0, a - max(0, keep - (b - a)) // 2)
            we = min(len(text), ws + keep)
            ws = max(0, min(ws, we - keep))
            left, right = (more if ws > 0 else ""), (more if we < len(text) else "")
            text, a, b = text[ws:we], a - ws, min(b, we) - ws
        row = (
            self._paint(gutter, "dim")
            + self._paint(left, "dim")
            + text[:a]
            + self._paint(text[a:b], f"{style} underline")
            + text[b:]
            + self._paint(right, "dim")
        )
        marks = (
            self._paint(blank, "dim")
            + " " * _cells(left + text[:a])
            + self._paint("^" * max(1, _cells(text[a:b])), style)
        )
        return [row, marks]

    def _meter(self, steps: dict[Step, StepResult]) -> str:
        cells = []
        for step in STEPS:
            result = steps.get(step)
            if result is None or not result.applicable:
                mark = self._paint("n/a", "dim")
            else:
                mark = self._paint(self._sym[result.status.value], STATUS_STYLE[result.status])
            cells.append(f"{self._paint(step.value[0].upper(), 'bold')} {mark}")
        return "  " + "  ".join(cells)

    def _reading(self, reading: CustomerReading | None) -> str:
        label = self._paint("  customer ", "dim")
        if reading is None:
            return label + self._paint("(no customer message given)", "dim")
        dot = self._paint(f" {self._sym['dot']} ", "dim")
        wants = ", ".join(w.replace("_", " ") for w in reading.wants) or "nothing specific"
        out = label + f"wants {wants}" + dot
        out += self._paint(f"anger {reading.anger}/3 {ANGER[reading.anger]}", _ANGER_STYLE[reading.anger])
        flags = [
            name
            for name, on in (
                ("abusive", reading.abusive),
                ("repeat contact", reading.repeat_contact),
                ("bad experience", reading.bad_experience),
            )
            if on
        ]
        if flags:
            out += dot + self._paint(", ".join(flags), "magenta")
        return out

    def _score(self, score: int) -> str:
        style = "bold green" if score >= 80 else "bold yellow" if score >= 50 else "bold red"
        return self._paint("  score ", "dim") + self._paint(f"{score}/100", style)


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap on spaces (``textwrap`` costs more than the rest of a report); over-long words are cut."""
    rows: list[str] = []
    row = ""
    for word in text.split():
        while len(word) > width:
            if row:
                rows.append(row)
                row = ""
            rows.append(word[:width])
            word = word[width:]
        if not row:
            row = word
        elif len(row) + 1 + len(word) <= width:
            row += " " + word
        else:
            rows.append(row)
            row = word
    if row:
        rows.append(row)
    return rows


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
