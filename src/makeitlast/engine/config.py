"""Settings: rule selection, severities, the apology culture, a team's jargon and phrase additions.

Read from ``[tool.makeitlast]`` in a ``pyproject.toml`` or from a ``makeitlast.toml`` (top level), found in the
current directory or the nearest parent that has one::

    [tool.makeitlast]
    select = ["L", "A", "S", "T", "D"]      # codes or prefixes ("D", "A00"); default: every rule
    ignore = ["D005"]
    apology = "soft"                        # "standard" (default) or "soft": where apologizing reads as weakness
    jargon = ["CSAT", "WISMO"]              # the team's own internal terms (D005)
    fail-on = "warning"                     # error | warning | advice
    fail-under = 60                         # exit 1 when a reply scores below this

    [tool.makeitlast.severity]
    D005 = "warning"

    [tool.makeitlast.phrases]
    D001 = ["that's how we do things here"] # extra phrases for a rule's main pattern list
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from makeitlast.model import Severity


class ConfigError(ValueError):
    """A configuration file or option that cannot be used (unknown rule code, bad value, broken TOML)."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    apology: Literal["standard", "soft"] = "standard"
    jargon: tuple[str, ...] = ()
    phrases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    fail_on: Severity = Field(Severity.WARNING, alias="fail-on")
    fail_under: int | None = Field(None, alias="fail-under", ge=0, le=100)
    #: Where these settings came from (a path, or None for defaults); not a setting itself.
    source: str | None = Field(None, exclude=True)

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _codes_upper(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [c for c in v.split(",") if c.strip()]
        if isinstance(v, (list, tuple)):
            return tuple(str(c).strip().upper() for c in v)
        return v

    @field_validator("severity", "phrases", mode="before")
    @classmethod
    def _keys_upper(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {str(k).upper(): val for k, val in v.items()}
        return v

    def cache_key(self) -> str:
        return self.model_dump_json()

    def selects(self, code: str) -> bool:
        """Is rule ``code`` on? Longest matching prefix wins between select and ignore (as in ruff)."""
        sel = max((len(p) for p in (self.select or ("",)) if code.startswith(p)), default=-1)
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return sel >= 0 and sel > ign

    def with_overrides(self, **changes: Any) -> Settings:
        data = self.model_dump(by_alias=False)
        data.update({k: v for k, v in changes.items() if v is not None})
        try:
            return Settings.model_validate({**data, "source": self.source})
        except ValidationError as e:
            raise ConfigError(_explain(e, "options")) from None


def _explain(e: ValidationError, where: str) -> str:
    msgs = []
    for err in e.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "(top)"
        msgs.append(f"{loc}: {err['msg']}")
    return f"invalid settings in {where}: " + "; ".join(msgs)


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        m = d / "makeitlast.toml"
        if m.is_file():
            return m
        p = d / "pyproject.toml"
        if p.is_file():
            try:
                if "makeitlast" in tomllib.loads(p.read_text(encoding="utf-8")).get("tool", {}):
                    return p
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
    return None


def load_settings(path: Path | None = None, *, discover: bool = True) -> Settings:
    """Settings from ``path``, or from the nearest config file, or the defaults."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config {path}: {e}") from None
    table = raw.get("tool", {}).get("makeitlast", {}) if path.name == "pyproject.toml" else raw
    table = {k.replace("_", "-") if k in ("fail_on", "fail_under") else k: v for k, v in table.items()}
    try:
        return Settings.model_validate({**table, "source": str(path)})
    except ValidationError as e:
        raise ConfigError(_explain(e, str(path))) from None
