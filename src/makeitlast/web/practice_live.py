"""The role-plays being played in the browser: held by the server, keyed by an unguessable id, with an expiry and a
cap on how many are live.

A live session is its scenario, seed and trainee and the replies given so far: the simulated customer is
deterministic, so :class:`~makeitlast.practice.simulator.Session` is rebuilt exactly by replaying the replies. With
a ``folder``, each live session is also kept there as a small JSON file (written atomically after every change)
and every operation holds a lock on the folder (``fcntl``, where there is one), so that the processes of
``makeitlast serve --workers N`` share them: whichever process a request reaches, it sees the same session (it
rebuilds its copy when another process moved the session on). Without a folder they live in this process only.

Sessions are dropped ``ttl`` seconds after their last use; :meth:`LiveSessions.add` refuses a new one
(:class:`TooManySessions`) while ``max_live`` are running, after making room by dropping ended ones. Dropped sessions
are handed back once (to one process) so that the caller can store them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from makeitlast.engine.config import Settings

__all__ = ["LiveSession", "LiveSessions", "TooManySessions", "UnknownSession"]

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_SUFFIX = ".json"


class TooManySessions(RuntimeError):
    """Every slot holds a running session."""


class UnknownSession(KeyError):
    """No live session with that id (never was, expired, or dropped)."""


@dataclass
class LiveSession:
    """One role-play being played: ``session`` is the simulator, the rest what is kept for it."""

    token: str
    user: str
    scenario_id: str
    seed: int
    started_at: datetime
    session: Any  # makeitlast.practice.simulator.Session
    touched: float
    #: No more replies: it ended, or the trainee stopped it.
    closed: bool = False
    #: The ``practice_sessions`` row, once stored.
    record_id: int | None = None
    stored: bool = False
    replies: list[dict[str, Any]] = field(default_factory=list)

    def reply(self, text: str, interrupted: bool, seen: int | None) -> Any:
        """The simulator's :class:`~makeitlast.practice.simulator.Turn` for this reply (kept for replaying)."""
        turn = self.session.reply(text, interrupted=interrupted, seen_parts=seen if interrupted else None)
        self.replies.append({"text": text, "interrupted": interrupted, "seen": seen if interrupted else None})
        return turn

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "scenario": self.scenario_id,
            "seed": self.seed,
            "started_at": self.started_at.isoformat(),
            "touched": self.touched,
            "closed": self.closed,
            "record_id": self.record_id,
            "stored": self.stored,
            "replies": self.replies,
        }


class LiveSessions:
    """The live role-plays (see the module docstring). ``scenarios``: id -> scenario; ``settings``: the coach's;
    ``clock``: wall-clock seconds (shared by the processes)."""

    def __init__(
        self,
        scenarios: Mapping[str, Any],
        *,
        settings: Settings | None = None,
        max_live: int,
        ttl: float,
        folder: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.scenarios = scenarios
        self.settings = settings
        self.max_live = max_live
        self.ttl = ttl
        self.folder = folder
        self.clock = clock
        self._memory: dict[str, LiveSession] = {}
        self._lock = threading.RLock()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    # -- locking and files ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock:
            if self.folder is None:
                yield
                return
            with open(self.folder / ".lock", "a+b") as fh:
                try:
                    import fcntl
                except ImportError:  # pragma: no cover - Windows: one process per app there
                    yield
                    return
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _path(self, token: str) -> Path:
        assert self.folder is not None and _TOKEN.match(token)
        return self.folder / (token + _SUFFIX)

    def _write(self, live: LiveSession) -> None:
        if self.folder is None:
            return
        path = self._path(live.token)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(live.to_json_dict(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def _read(self, token: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(token).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _tokens(self) -> list[str]:
        if self.folder is None:
            return list(self._memory)
        return [p.name[: -len(_SUFFIX)] for p in self.folder.glob("*" + _SUFFIX) if _TOKEN.match(p.stem)]

    def _rebuild(self, token: str, data: dict[str, Any]) -> LiveSession:
        from makeitlast.practice.simulator import Session

        live = LiveSession(
            token=token,
            user=str(data["user"]),
            scenario_id=str(data["scenario"]),
            seed=int(data["seed"]),
            started_at=datetime.fromisoformat(str(data["started_at"])),
            session=Session(self.scenarios[str(data["scenario"])], int(data["seed"]), settings=self.settings),
            touched=float(data["touched"]),
            closed=bool(data.get("closed")),
            record_id=data.get("record_id"),
            stored=bool(data.get("stored")),
        )
        for r in data.get("replies") or []:
            live.reply(str(r["text"]), bool(r.get("interrupted")), r.get("seen"))
        return live

    def _load(self, token: str) -> LiveSession | None:
        """The current state of ``token``: this process's copy, rebuilt when another process moved it on."""
        mine = self._memory.get(token)
        if self.folder is None:
            return mine
        data = self._read(token)
        if data is None:
            self._memory.pop(token, None)
            return None
        if (
            mine is not None
            and len(mine.replies) == len(data.get("replies") or [])
            and mine.closed == bool(data.get("closed"))
            and mine.stored == bool(data.get("stored"))
        ):
            mine.touched = float(data["touched"])
            return mine
        try:
            live = self._rebuild(token, data)
        except (KeyError, ValueError, TypeError):  # a scenario gone, a damaged file: the session is lost
            self._drop(token)
            return None
        self._memory[token] = live
        return live

    def _drop(self, token: str) -> None:
        self._memory.pop(token, None)
        if self.folder is not None:
            with contextlib.suppress(OSError):
                self._path(token).unlink()

    def _expire(self) -> list[LiveSession]:
        now = self.clock()
        gone: list[LiveSession] = []
        for token in self._tokens():
            live = self._load(token)
            if live is not None and now - live.touched > self.ttl:
                self._drop(token)
                gone.append(live)
        return gone

    # -- the operations ---------------------------------------------------------------------------------------

    def expire(self) -> list[LiveSession]:
        """Drop the expired sessions; they are returned (to one caller only) for storing."""
        with self._locked():
            return self._expire()

    def add(self, user: str, scenario_id: str, seed: int) -> LiveSession:
        """A new live session. Ended sessions make room for it; :class:`TooManySessions` when every slot holds a
        running one (call :meth:`expire` first to drop the expired ones)."""
        from makeitlast.practice.simulator import Session

        session = Session(self.scenarios[scenario_id], seed, settings=self.settings)
        with self._locked():
            tokens = self._tokens()
            if len(tokens) >= self.max_live:
                ended = sorted(
                    (s for s in (self._load(t) for t in tokens) if s is not None and s.closed),
                    key=lambda s: s.touched,
                )
                for s in ended[: len(tokens) - self.max_live + 1]:
                    self._drop(s.token)
                tokens = self._tokens()
            if len(tokens) >= self.max_live:
                raise TooManySessions(
                    f"{self.max_live} practice sessions are running: try again in a few minutes"
                )
            live = LiveSession(
                token=secrets.token_urlsafe(18),
                user=user,
                scenario_id=scenario_id,
                seed=seed,
                started_at=datetime.now(UTC),
                session=session,
                touched=self.clock(),
            )
            self._memory[live.token] = live
            self._write(live)
            return live

    @contextlib.contextmanager
    def use(self, token: str, *, touch: bool = True) -> Iterator[LiveSession]:
        """The live session ``token``, held for this block (no other request, in any process, changes it
        meanwhile); what the block changes is kept. :class:`UnknownSession` when there is none."""
        if not _TOKEN.match(token):
            raise UnknownSession(token)
        with self._locked():
            live = self._load(token)
            if live is None or self.clock() - live.touched > self.ttl:
                raise UnknownSession(token)
            if touch:
                live.touched = self.clock()
            try:
                yield live
            finally:
                self._write(live)

    def __len__(self) -> int:
        with self._locked():
            return len(self._tokens())
