"""makeitlast: coach customer-support replies with the L.A.S.T. method (Listen, Apologize, Solve, Thank).

>>> import makeitlast
>>> report = makeitlast.check("It's our policy.", customer="My order #12345 never arrived!")
>>> [f.code for f in report.findings if f.code == "D001"]
['D001']
"""

from makeitlast.engine import ConfigError, Engine, InputError, Settings, check
from makeitlast.engine.batch import BatchError, Item, check_batch
from makeitlast.engine.config import load_settings
from makeitlast.model import (
    SCHEMA_VERSION,
    Conversation,
    CustomerReading,
    Fact,
    Finding,
    Fix,
    Message,
    Report,
    Role,
    Severity,
    Span,
    Status,
    Step,
    StepResult,
)

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # ``makeitlast.draft`` loads the drafter (and its phrasing) only when it is used: ``check`` stays fast to import.
    if name == "draft":
        from makeitlast.compose.draft import draft

        return draft
    raise AttributeError(f"module 'makeitlast' has no attribute {name!r}")

__all__ = [
    "SCHEMA_VERSION",
    "BatchError",
    "ConfigError",
    "Conversation",
    "CustomerReading",
    "Engine",
    "Fact",
    "Finding",
    "Fix",
    "InputError",
    "Item",
    "Message",
    "Report",
    "Role",
    "Settings",
    "Severity",
    "Span",
    "Status",
    "Step",
    "StepResult",
    "__version__",
    "check",
    "check_batch",
    "draft",
    "load_settings",
]
