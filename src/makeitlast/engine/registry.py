"""Rules and their registry.

A rule is a class in its own file under ``makeitlast/rules/<step>/<code>_<name>.py``, registered with
:func:`register`. It declares its code, name, step, severity, scope, the score points it costs (``weight``), its
documentation (docstring sections *What it does*, *Why it matters*, *Example*, *Instead*) and ``bad``/``good``
examples that the test-suite runs.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from makeitlast.engine.detectors import Phrases
from makeitlast.model import Finding, Fix, Severity, Span, Step

if TYPE_CHECKING:
    from makeitlast.conversation.turns import Turn
    from makeitlast.engine.config import Settings
    from makeitlast.engine.context import ReplyContext

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Instead")
_CODE = re.compile(r"^[LASTD]\d{3}$")


@dataclass(frozen=True)
class Example:
    """A reply (with the customer message it answers) that a rule must flag (``bad``) or leave alone (``good``).

    A conversation-scope rule's example is a whole ``conversation``: ``(role, ISO time, text)`` triples; the rule
    must flag (or leave alone) its last agent message, and ``reply`` names that message for the docs.
    """

    reply: str
    customer: str | None = None
    context: tuple[str, ...] = ()
    conversation: tuple[tuple[str, str, str], ...] = ()


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    step: ClassVar[Step]
    severity: ClassVar[Severity]
    scope: ClassVar[Literal["reply", "conversation"]] = "reply"
    #: Score points a finding of this rule costs (see ``engine/scoring.py``). Rules that only restate a missing
    #: step cost nothing extra: the step's share of the score already drops.
    weight: ClassVar[int] = 0
    #: Shown as the short explanation in text output and tables.
    summary: ClassVar[str] = ""
    bad: ClassVar[tuple[Example, ...]] = ()
    good: ClassVar[tuple[Example, ...]] = ()
    #: The rule's main phrase list; a team extends it with ``[tool.makeitlast.phrases] CODE = [...]``.
    patterns: Phrases = Phrases(())

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.level: Severity = settings.severity.get(self.code, self.severity)
        extra = settings.phrases.get(self.code, ())
        if extra:
            self.patterns = type(self).patterns.extended(extra)

    def check(self, ctx: ReplyContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        message: str,
        span: Span | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            step=self.step,
            severity=severity or self.level,
            message=message,
            span=span,
            suggestion=suggestion,
            fix=fix,
        )

    @classmethod
    def docs(cls) -> dict[str, str]:
        """The docstring split into its sections (``What it does`` ...)."""
        return parse_doc(cls.__doc__ or "")


class ConversationRule(Rule):
    """A rule judged on an agent's reply in its place in a whole conversation (timestamps, what came after)."""

    scope: ClassVar[Literal["reply", "conversation"]] = "conversation"

    def check(self, ctx: ReplyContext) -> Iterable[Finding]:
        return ()  # nothing to say about a reply seen alone

    def check_turn(self, turn: Turn) -> Iterable[Finding]:
        raise NotImplementedError


def parse_doc(doc: str) -> dict[str, str]:
    lines = [ln.rstrip() for ln in _dedent(doc).splitlines()]
    sections: dict[str, list[str]] = {}
    current = "summary"
    for ln in lines:
        head = ln.strip().rstrip(":")
        if head in DOC_SECTIONS and ln.strip().endswith(":"):
            current = head
            sections[current] = []
            continue
        sections.setdefault(current, []).append(ln)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry (codes are unique and look like ``D001``)."""
    if not _CODE.match(cls.code):
        raise ValueError(f"bad rule code {cls.code!r}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls
    return cls


_loaded = False


def _load() -> None:
    global _loaded
    if _loaded:
        return
    import makeitlast.rules as pkg

    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        leaf = info.name.rsplit(".", 1)[-1]
        if _CODE.match(leaf[:4].upper()):
            importlib.import_module(info.name)
    _loaded = True


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by code (steps in L, A, S, T order, then the don'ts)."""
    _load()
    order = {"L": 0, "A": 1, "S": 2, "T": 3, "D": 4}
    return sorted(_REGISTRY.values(), key=lambda r: (order[r.code[0]], r.code))


def get_rule(code: str) -> type[Rule]:
    _load()
    try:
        return _REGISTRY[code.upper()]
    except KeyError:
        raise KeyError(f"unknown rule code {code!r}; `makeitlast rules` lists them") from None


def known_prefix(prefix: str) -> bool:
    _load()
    return any(c.startswith(prefix.upper()) for c in _REGISTRY)


def iter_codes() -> Iterator[str]:
    return (r.code for r in all_rules())
