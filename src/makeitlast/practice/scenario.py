"""Role-play scenarios as data: one TOML file per simulated customer, validated here.

The format is documented for trainers in ``docs/practice.md``. A scenario names the customer (persona, situation,
how angry they start), what they secretly want (``hidden_wants``, some of the seven remedies of the workshop
notes), how their story arrives (``opening``, part by part), what they say in each mood and on each event, what
resolves it (``[resolution]``: the wants that must be met and the phrases that show a reply offers them) and when
they give up (``[walk_away]``). ``[exception]`` makes a customer who asks for a policy exception (grant it once;
asked again, refuse with the reason), ``needs_boundary`` a customer who is abusive until a calm boundary is set.

Every problem is reported as :class:`ScenarioError`, naming the file and the field (``hidden_wants.1``), never as a
bare pydantic or TOML traceback.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from makeitlast.engine.detectors import Phrases
from makeitlast.model import WANTS, Want

__all__ = [
    "MOODS",
    "Mood",
    "Scenario",
    "ScenarioError",
    "UnknownScenario",
    "builtin_scenarios",
    "find_scenario",
    "load_scenario",
    "load_scenarios",
    "offer_phrases",
]

Mood = Literal["calm", "annoyed", "angry", "raging"]
#: The customer's moods, by anger level 0-3 (the coach's anger scale, RUBRIC section 1).
MOODS: tuple[Mood, ...] = get_args(Mood)
Ending = Literal["resolved", "escalated", "walked_away"]

#: Wants that need the scenario's own ``offers`` phrases (the others have a built-in check, see ``simulator``).
NEEDS_OFFERS: tuple[Want, ...] = ("repair", "refund", "future_credit")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_CODE = re.compile(r"^[LASTD]\d{3}$")


class ScenarioError(ValueError):
    """A scenario file that cannot be used. ``path`` and ``field`` say where (either may be None)."""

    def __init__(self, message: str, *, path: Path | str | None = None, field: str | None = None) -> None:
        where = ": ".join(str(p) for p in (path, field) if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.path = Path(path) if path is not None else None
        self.field = field
        self.reason = message


class UnknownScenario(LookupError):
    """No scenario has this id; ``available`` lists the ids there are."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        self.name = name
        self.available = sorted(available)
        listing = ", ".join(self.available) or "none"
        super().__init__(f"unknown scenario {name!r}; available: {listing}")

    def __str__(self) -> str:  # KeyError-style quoting would wrap the message in quotes
        return str(self.args[0])


# --- the model ---------------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Lines = tuple[str, ...]


def _lines(value: Any) -> Any:
    """A line may be one string or a list of alternatives (picked among by the session's seeded RNG)."""
    if isinstance(value, str):
        return (value,)
    return value


def _check_lines(value: Lines) -> Lines:
    if not value:
        raise ValueError("give at least one line")
    for line in value:
        if not line.strip():
            raise ValueError("a line is empty")
    return value


class Persona(_Model):
    name: str = Field(min_length=1)
    #: How they talk and what drives them, for the trainer and the trainee's briefing.
    style: str = Field(min_length=1)


class Situation(_Model):
    #: What happened, told to the trainee before the customer starts.
    summary: str = Field(min_length=1)
    #: Details the customer will mention or that the trainee can look up (order numbers, dates ...).
    facts: tuple[str, ...] = ()


class MoodLines(_Model):
    """What the customer says after a reply, by their mood at that point (alternatives, one picked)."""

    calm: Lines
    annoyed: Lines
    angry: Lines
    raging: Lines

    @field_validator("calm", "annoyed", "angry", "raging", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return _lines(v)

    @field_validator("calm", "annoyed", "angry", "raging")
    @classmethod
    def _nonempty(cls, v: Lines) -> Lines:
        return _check_lines(v)

    def for_mood(self, mood: Mood) -> Lines:
        return {"calm": self.calm, "annoyed": self.annoyed, "angry": self.angry, "raging": self.raging}[mood]


class EventLines(_Model):
    """What the customer says when something happens."""

    #: The trainee answered before the customer finished: they start over (followed by the opening again).
    restart: Lines
    #: The golden question was asked: the customer says what they want.
    reveal: Lines
    #: The session is resolved: their thanks.
    resolved: Lines
    #: They give up and leave.
    walk_away: Lines
    #: They escalate (a manager, a complaint, a chargeback).
    escalate: Lines
    #: After the reveal, when a reply still does not offer what they asked for (optional).
    remind: Lines | None = None
    #: After the exception was granted once: they ask for it again (required with ``[exception]``).
    ask_exception_again: Lines | None = None
    #: A calm boundary was set: they back down (required with ``needs_boundary``).
    boundary: Lines | None = None

    @field_validator(
        "restart", "reveal", "resolved", "walk_away", "escalate", "remind", "ask_exception_again", "boundary",
        mode="before",
    )  # fmt: skip
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return _lines(v)

    @field_validator(
        "restart", "reveal", "resolved", "walk_away", "escalate", "remind", "ask_exception_again", "boundary"
    )
    @classmethod
    def _nonempty(cls, v: Lines | None) -> Lines | None:
        return None if v is None else _check_lines(v)


class Resolution(_Model):
    """What makes it right: the wants that must be met, and how a reply shows it offers each."""

    #: Wants (from ``hidden_wants``) the trainee's replies must meet, over the session.
    wants: tuple[Want, ...] = Field(min_length=1)
    #: ``all`` of them (default) or ``any`` one.
    require: Literal["all", "any"] = "all"
    #: Per want, phrases one of which a reply must contain to offer it (``refund*`` matches refunded/refunding,
    #: a lone ``*`` any one word). Required for repair, refund and future_credit; optional for explanation.
    offers: dict[Want, tuple[str, ...]] = Field(default_factory=dict)
    #: Rule codes that must not fire on a reply for it to meet a want (``L003``: asking again for what they gave).
    avoid: tuple[str, ...] = ()

    @field_validator("offers", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return {k: _lines(x) for k, x in v.items()} if isinstance(v, dict) else v

    @field_validator("offers")
    @classmethod
    def _phrases(cls, v: dict[Want, tuple[str, ...]]) -> dict[Want, tuple[str, ...]]:
        for want, phrases in v.items():
            if not phrases:
                raise ValueError(f"offers.{want}: give at least one phrase")
            for phrase in phrases:
                if not phrase.strip() or not any(c.isalnum() for c in phrase):
                    raise ValueError(f"offers.{want}: {phrase!r} has no words to match")
        return v

    @field_validator("avoid")
    @classmethod
    def _codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        from makeitlast.engine.registry import iter_codes

        known = set(iter_codes())
        out = tuple(c.strip().upper() for c in v)
        for code in out:
            if not _CODE.match(code) or code not in known:
                raise ValueError(f"{code!r} is not a rule code (`makeitlast rules` lists them)")
        return out


class WalkAway(_Model):
    """When the customer gives up."""

    #: Their anger reaching 3 (raging) this many times ends the session ...
    raging_times: int = Field(2, ge=1, le=10)
    #: ... this way.
    raging_ending: Literal["escalated", "walked_away"] = "escalated"
    #: This many replies in a row without progress (no calmer, nothing revealed or met): they walk away.
    stalled_turns: int = Field(4, ge=1, le=50)


class PolicyException(_Model):
    """The customer asks for an exception to a policy: grant it once (meeting ``want``); asked again, refuse with
    the reason the policy exists."""

    #: The want whose ``offers`` phrases grant the exception (must be in ``resolution.wants``).
    want: Want
    #: Why the policy exists, for the trainer and the debrief (what a good refusal explains).
    reason: str = Field(min_length=1)


class Scenario(_Model):
    id: str
    title: str = Field(min_length=1)
    industry: str = Field(min_length=1)
    persona: Persona
    situation: Situation
    #: What the customer wants, revealed when the trainee asks the golden question.
    hidden_wants: tuple[Want, ...] = Field(min_length=1)
    starting_anger: int = Field(ge=0, le=3)
    #: The customer's first message, in the parts they send one after another.
    opening: tuple[str, ...] = Field(min_length=1)
    lines: MoodLines
    events: EventLines
    resolution: Resolution
    walk_away: WalkAway = WalkAway()
    #: Replies the trainee gets before the customer walks away unresolved.
    max_turns: int = Field(8, ge=1, le=50)
    exception: PolicyException | None = None
    #: The customer is abusive: nothing calms them until a reply sets a calm boundary.
    needs_boundary: bool = False
    #: The file it was loaded from (not part of the format).
    source: str | None = Field(None, exclude=True)

    @field_validator("opening", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return _lines(v)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("use lower-case letters, digits and dashes (e.g. airline-lost-bag)")
        return v

    @field_validator("opening")
    @classmethod
    def _opening(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _check_lines(v)

    @field_validator("hidden_wants")
    @classmethod
    def _unique(cls, v: tuple[Want, ...]) -> tuple[Want, ...]:
        if len(set(v)) != len(v):
            raise ValueError("a want is listed twice")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        res = self.resolution
        for i, want in enumerate(res.wants):
            if want not in self.hidden_wants:
                raise _FieldError(f"resolution.wants.{i}", f"{want!r} is not one of hidden_wants")
        for want in res.wants:
            if want in NEEDS_OFFERS and want not in res.offers:
                raise _FieldError(
                    f"resolution.offers.{want}", f'say which phrases offer {want} (e.g. {want} = ["..."])'
                )
        if self.exception is not None:
            if self.exception.want not in res.wants:
                raise _FieldError("exception.want", f"{self.exception.want!r} is not one of resolution.wants")
            if self.exception.want not in res.offers:
                raise _FieldError(
                    f"resolution.offers.{self.exception.want}",
                    "the exception's want needs offers phrases (they are how granting it is recognised)",
                )
            if self.events.ask_exception_again is None:
                raise _FieldError("events.ask_exception_again", "required when the scenario has [exception]")
        if self.needs_boundary and self.events.boundary is None:
            raise _FieldError("events.boundary", "required when needs_boundary = true")
        for want, phrases in res.offers.items():
            for j, phrase in enumerate(phrases):
                try:
                    re.compile(_phrase_pattern(phrase))
                except re.error as e:  # pragma: no cover - every phrase is escaped; kept as a guard
                    raise _FieldError(f"resolution.offers.{want}.{j}", f"cannot be matched: {e}") from None
        return self

    def mood_lines(self, mood: Mood) -> Lines:
        return self.lines.for_mood(mood)


class _FieldError(ValueError):
    """A cross-field problem found after the fields validated, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# --- offers phrases ----------------------------------------------------------------------------------------

# No apostrophe inside a character class: ``Phrases`` turns every ``'`` into ``['’]``.
_WORD_TAIL = r"[\w-]*(?:'\w+)?"
_ANY_WORD = r"[\w$£€.,-]+(?:'\w+)?"


def _phrase_pattern(phrase: str) -> str:
    """A trainer's phrase as a :class:`Phrases` pattern: words are literal, ``word*`` continues the word, a lone
    ``*`` is any one word, spaces match any run of whitespace."""
    parts: list[str] = []
    for word in phrase.lower().split():
        if word == "*":
            parts.append(_ANY_WORD)
        elif word.endswith("*"):
            parts.append(re.escape(word.rstrip("*")) + _WORD_TAIL)
        else:
            parts.append(re.escape(word))
    return " ".join(parts)


@lru_cache(maxsize=512)
def offer_phrases(phrases: tuple[str, ...]) -> Phrases:
    """The detector for a want's ``offers``: quoted and negated mentions ("we can't refund") do not count."""
    return Phrases.of([_phrase_pattern(p) for p in phrases], negation=3)


# --- loading -----------------------------------------------------------------------------------------------


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def _describe(err: Any) -> tuple[str, str]:
    """A pydantic error as (field, message) a trainer can act on."""
    loc = tuple(
        p
        for p in err.get("loc", ())
        if not (isinstance(p, str) and (p.startswith("function-") or p == "[key]"))
    )
    kind = err.get("type", "")
    value = err.get("input")
    field = _where(loc)
    if kind == "literal_error" and any(str(p) in ("hidden_wants", "wants", "want", "offers") for p in loc):
        return field, f"unknown want {value!r}; the seven remedies are: {', '.join(WANTS)}"
    if kind == "extra_forbidden":
        hint = ""
        model = _model_at(loc[:-1])
        if model is not None and loc:
            close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
        return field, f"unknown field ({hint}docs/practice.md lists every field)"
    if kind == "missing":
        return field, "required field is missing"
    if kind == "value_error":
        ctx = err.get("ctx") or {}
        inner = ctx.get("error")
        if isinstance(inner, _FieldError):
            return inner.field, inner.message
        message = str(inner) if inner is not None else err.get("msg", "invalid value")
        return field, message
    msg = err.get("msg", "invalid value")
    if value is not None and not isinstance(value, (dict, list)):
        msg += f" (got {value!r})"
    return field, msg


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model of the table at ``loc`` (``("resolution",)`` -> :class:`Resolution`), for spelling hints."""
    model: type[BaseModel] = Scenario
    for part in loc:
        info = model.model_fields.get(str(part))
        annotation = info.annotation if info is not None else None
        candidates = [a for a in (annotation, *get_args(annotation)) if isinstance(a, type)]
        found = next((a for a in candidates if issubclass(a, BaseModel)), None)
        if found is None:
            return None
        model = found
    return model


def parse_scenario(data: dict[str, Any], *, path: Path | str | None = None) -> Scenario:
    """A scenario from already-parsed TOML data (``path`` only names it in errors)."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as e:
        # a misspelt field first: it explains the "required field is missing" that comes with it
        errors = sorted(e.errors(), key=lambda err: err.get("type") != "extra_forbidden")
        field, message = _describe(errors[0])
        more = (
            f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
            if len(errors) > 1
            else ""
        )
        raise ScenarioError(message + more, path=path, field=field) from None
    if path is not None:
        scenario = scenario.model_copy(update={"source": str(path)})
    return scenario


def load_scenario(path: Path | str) -> Scenario:
    """Read and validate one scenario file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ScenarioError(f"cannot read: {e.strerror or e}", path=p) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ScenarioError("not UTF-8 text", path=p) from None
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"not valid TOML: {e}", path=p) from None
    return parse_scenario(data, path=p)


def _collect(files: Iterable[tuple[str, bytes]], where: str) -> dict[str, Scenario]:
    out: dict[str, Scenario] = {}
    for name, raw in files:
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ScenarioError("not UTF-8 text", path=name) from None
        except tomllib.TOMLDecodeError as e:
            raise ScenarioError(f"not valid TOML: {e}", path=name) from None
        scenario = parse_scenario(data, path=name)
        if scenario.id in out:
            raise ScenarioError(
                f"id {scenario.id!r} is already used by {out[scenario.id].source}", path=name, field="id"
            )
        out[scenario.id] = scenario
    if not out:
        raise ScenarioError(f"no scenario files (*.toml) in {where}")
    return out


def load_scenarios(directory: Path | str | None = None) -> dict[str, Scenario]:
    """Every scenario of a trainer's folder (its ``*.toml`` files), or the built-in ones, by id."""
    if directory is None:
        return dict(builtin_scenarios())
    d = Path(directory)
    if not d.is_dir():
        raise ScenarioError("not a folder of scenario files", path=d)
    files = []
    for f in sorted(d.glob("*.toml")):
        try:
            files.append((str(f), f.read_bytes()))
        except OSError as e:
            raise ScenarioError(f"cannot read: {e.strerror or e}", path=f) from None
    return _collect(files, str(d))


@lru_cache(maxsize=1)
def builtin_scenarios() -> dict[str, Scenario]:
    """The scenarios shipped in ``makeitlast/practice/scenarios``."""
    folder = resources.files("makeitlast.practice") / "scenarios"
    files = sorted(
        (f"scenarios/{f.name}", f.read_bytes()) for f in folder.iterdir() if f.name.endswith(".toml")
    )
    return _collect(files, "makeitlast/practice/scenarios")


def find_scenario(id_or_path: str | Path, scenarios_dir: Path | str | None = None) -> Scenario:
    """A scenario by id (from ``scenarios_dir`` or the built-in ones), or from a ``.toml`` file path."""
    text = str(id_or_path)
    p = Path(text)
    if text.endswith(".toml") or p.is_file():
        if not p.exists():
            raise ScenarioError("no such file", path=p)
        return load_scenario(p)
    scenarios = load_scenarios(scenarios_dir)
    try:
        return scenarios[text]
    except KeyError:
        raise UnknownScenario(text, scenarios) from None
