"""``--format text`` (the default): findings the way a linter shows them, in colour on a terminal.

For each reply: every finding with its code, severity and name, the reply line with the flagged words highlighted
(and marked with carets), the message and the suggested wording; then the four L.A.S.T. steps as a meter
(``L ● A ◐ S ○ T n/a``: present, weak, missing, not needed), the customer reading on one line and the score. A batch
gets a header per reply and a summary at the end. Input lines that could not be judged are reported on stderr by
the command line, and counted in the summary here.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from makeitlast.engine.batch import BatchError
from makeitlast.formats import FormatOptions
from makeitlast.formats.json import ascii_only
from makeitlast.model import STEPS, CustomerReading, Finding, Report, Severity, Status, Step, StepResult

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

SEVERITY_STYLE: dict[Severity, str] = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.ADVICE: "cyan",
}
STATUS_STYLE: dict[Status, str] = {Status.PRESENT: "green", Status.WEAK: "yellow", Status.MISSING: "red"}
ANGER = ("calm", "annoyed", "angry", "raging")
_UNICODE = {
    "present": "●",
    "weak": "◐",
    "missing": "○",
    "bar": "│",
    "try": "↳",
    "rule": "─",
    "dot": "·",
    "more": "…",
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
}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


class TextFormatter:
    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self._console: Console | None = None
        self._sym = _UNICODE
        self._reports = 0
        self._errors = 0
        self._score_total = 0
        self._severities: Counter[Severity] = Counter()

    # -- protocol ---------------------------------------------------------------------------------------------------

    def begin(self, stream: TextIO) -> None:
        from rich.console import Console

        color = self.options.color
        is_tty = bool(getattr(stream, "isatty", lambda: False)())
        self._console = Console(
            file=stream,
            color_system="auto" if color is not False else None,
            force_terminal=color,
            width=None if is_tty else self.options.width,
            highlight=False,
            markup=False,
            emoji=False,
        )
        if ascii_only(stream):
            self._sym = _ASCII

    def report(self, report: Report) -> None:
        console = self._require()
        from rich.text import Text

        if not self.options.single:
            title = report.id if report.id is not None else f"reply {self._reports + 1}"
            console.rule(
                Text(f" {title} ", style="bold"), characters=self._sym["rule"], align="left", style="dim"
            )
        for finding in report.findings:
            self._finding(report.reply, finding)
            console.print()
        if not report.findings:
            console.print(Text("No findings.", style="green"))
        meter = self._meter(report.steps)
        if self.options.single:
            meter.append("   " + self._legend(), style="dim")
        console.print(meter)
        console.print(self._reading(report.customer))
        console.print(self._score(report.score))
        if not self.options.single:
            console.print()
        self._reports += 1
        self._score_total += report.score
        self._severities.update(f.severity for f in report.findings)
        console.file.flush()

    def error(self, error: BatchError) -> None:
        self._errors += 1

    def end(self) -> None:
        console = self._require()
        from rich.text import Text

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
            line = Text(f" {self._sym['dot']} ".join(parts), style="bold")
            console.print(line)
        if not self.options.single and self._reports:
            console.print(Text(f"steps: {self._legend()}", style="dim"))
        console.file.flush()

    def _legend(self) -> str:
        sym = self._sym
        return f"{sym['present']} present  {sym['weak']} weak  {sym['missing']} missing  n/a not needed"

    # -- pieces -----------------------------------------------------------------------------------------------------

    def _require(self) -> Console:
        assert self._console is not None, "begin() first"
        return self._console

    def _finding(self, reply: str, finding: Finding) -> None:
        console = self._require()
        from rich.text import Text

        style = SEVERITY_STYLE[finding.severity]
        head = Text()
        head.append(finding.code, style=f"bold {style}")
        head.append(" ")
        head.append(finding.severity.value, style=style)
        head.append(" ")
        head.append(finding.name, style="bold")
        if finding.span is not None and reply:
            line, col = _line_col(reply, finding.span.start)
            head.append(f"  line {line}, col {col}", style="dim")
        console.print(head)
        if finding.span is not None and reply:
            for row in self._excerpt(reply, finding.span.start, finding.span.end, style):
                console.print(row, no_wrap=True, overflow="ignore", crop=False)
        self._indented(Text(finding.message), 2)
        if finding.suggestion:
            tip = Text()
            tip.append(f"{self._sym['try']} try: ", style="green")
            tip.append(finding.suggestion)
            self._indented(tip, 2)

    def _indented(self, text: Text, indent: int) -> None:
        """Print ``text`` wrapped to the width with every line indented (and no padding to the right)."""
        from rich.text import Text

        console = self._require()
        for line in text.wrap(console, max(20, console.width - indent)):
            line.rstrip()
            console.print(Text(" " * indent) + line, no_wrap=True, overflow="ignore", crop=False)

    def _excerpt(self, reply: str, start: int, end: int, style: str) -> list[Text]:
        """The reply line holding ``[start, end)``, cut to fit the width, with the span highlighted and marked."""
        from rich.cells import cell_len
        from rich.text import Text

        line_start = reply.rfind("\n", 0, start) + 1
        line_end = reply.find("\n", start)
        if line_end < 0:
            line_end = len(reply)
        number, _col = _line_col(reply, start)
        text = "".join(ch if ch.isprintable() else " " for ch in reply[line_start:line_end])
        a, b = start - line_start, max(start - line_start, min(end, line_end) - line_start)
        gutter = f"  {number} {self._sym['bar']} "
        blank = " " * (len(gutter) - 2) + self._sym["bar"] + " "
        width = self._require().width
        room = max(20, width - len(gutter))
        left = right = ""
        if cell_len(text) > room:
            more = self._sym["more"]
            keep = room - 2 * len(more)
            ws = max(0, a - max(0, keep - (b - a)) // 2)
            we = min(len(text), ws + keep)
            ws = max(0, min(ws, we - keep))
            left, right = (more if ws > 0 else ""), (more if we < len(text) else "")
            text, a, b = text[ws:we], a - ws, min(b, we) - ws
        row = Text()
        row.append(gutter, style="dim")
        row.append(left, style="dim")
        row.append(text[:a])
        row.append(text[a:b], style=f"{style} underline")
        row.append(text[b:])
        row.append(right, style="dim")
        marks = Text()
        marks.append(blank, style="dim")
        marks.append(" " * cell_len(left + text[:a]))
        marks.append("^" * max(1, cell_len(text[a:b])), style=style)
        return [row, marks]

    def _meter(self, steps: dict[Step, StepResult]) -> Text:
        from rich.text import Text

        out = Text("  ")
        for i, step in enumerate(STEPS):
            if i:
                out.append("  ")
            out.append(step.value[0].upper(), style="bold")
            out.append(" ")
            result = steps.get(step)
            if result is None or not result.applicable:
                out.append("n/a", style="dim")
            else:
                out.append(self._sym[result.status.value], style=STATUS_STYLE[result.status])
        return out

    def _reading(self, reading: CustomerReading | None) -> Text:
        from rich.text import Text

        out = Text()
        out.append("  customer ", style="dim")
        if reading is None:
            out.append("(no customer message given)", style="dim")
            return out
        dot = f" {self._sym['dot']} "
        wants = ", ".join(w.replace("_", " ") for w in reading.wants) or "nothing specific"
        out.append(f"wants {wants}")
        out.append(dot, style="dim")
        anger_style = ("green", "yellow", "red", "bold red")[reading.anger]
        out.append(f"anger {reading.anger}/3 {ANGER[reading.anger]}", style=anger_style)
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
            out.append(dot, style="dim")
            out.append(", ".join(flags), style="magenta")
        return out

    def _score(self, score: int) -> Text:
        from rich.text import Text

        style = "bold green" if score >= 80 else "bold yellow" if score >= 50 else "bold red"
        out = Text()
        out.append("  score ", style="dim")
        out.append(f"{score}/100", style=style)
        return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
