"""Insights in the web app: uploaded exports analysed in the background, kept on disk and listed.

Each analysis is a folder under the app's data directory (``<data>/analyses/<id>/``) holding the upload, the
insights job's files (``report.html``, ``summary.json``, ``replies.jsonl``, ``promises.jsonl``) and
``analysis.json`` (name, format, state, progress, error). The job is the same one ``makeitlast insights`` runs
(``makeitlast.insights.job.run``), in a background thread with one worker process per core; its progress is
written to ``analysis.json`` as it goes, so a page can poll it and a restarted server still lists past analyses
(an analysis interrupted by a restart is marked failed).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from makeitlast.engine.config import Settings

_ID = re.compile(r"^[a-z0-9]{12}$")
_STATES = ("queued", "running", "done", "failed")


@dataclass
class Analyses:
    """The analyses folder and the jobs running in this process."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    workers: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: dict[str, threading.Thread] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for meta in self.all():  # a job that was running when the server stopped did not finish
            if meta["state"] in ("queued", "running"):
                self._update(
                    meta["id"], state="failed", error="interrupted: the server stopped during the job"
                )

    # --- storage ------------------------------------------------------------------------------------------

    def folder(self, ident: str) -> Path:
        if not _ID.match(ident):
            raise KeyError(ident)
        path = self.root / ident
        if not path.is_dir():
            raise KeyError(ident)
        return path

    def meta(self, ident: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder(ident) / "analysis.json").read_text(encoding="utf-8"))
        return data

    def _write_meta(self, path: Path, meta: dict[str, Any]) -> None:
        tmp = path / ".analysis.json.part"
        tmp.write_text(json.dumps(meta, indent=2), encoding="utf-8")
        os.replace(tmp, path / "analysis.json")

    def _update(self, ident: str, **changes: Any) -> None:
        with self._lock:
            meta = self.meta(ident)
            meta.update(changes)
            self._write_meta(self.folder(ident), meta)

    def all(self) -> list[dict[str, Any]]:
        out = []
        for path in self.root.iterdir():
            if _ID.match(path.name) and (path / "analysis.json").is_file():
                try:
                    out.append(json.loads((path / "analysis.json").read_text(encoding="utf-8")))
                except (OSError, ValueError):
                    continue
        return sorted(out, key=lambda m: m["created"], reverse=True)

    # --- jobs ---------------------------------------------------------------------------------------------

    def create(self, filename: str, data_path: Path, format: str | None) -> dict[str, Any]:
        """Register an uploaded export (already saved at ``data_path``, inside a new folder) and start its job."""
        ident = data_path.parent.name
        meta = {
            "id": ident,
            "name": Path(filename).name[:200] or "export",
            "format": format,
            "state": "queued",
            "created": datetime.now(UTC).isoformat(),
            "conversations": 0,
            "replies": 0,
            "error": None,
            "skipped": 0,
        }
        self._write_meta(data_path.parent, meta)
        thread = threading.Thread(target=self._run, args=(ident, data_path, format), daemon=True)
        self._threads[ident] = thread
        thread.start()
        return meta

    def new_folder(self) -> Path:
        path = self.root / secrets.token_hex(6)
        path.mkdir()
        return path

    def _run(self, ident: str, data_path: Path, format: str | None) -> None:
        from makeitlast.insights.job import run

        self._update(ident, state="running")

        def progress(conversations: int, replies: int) -> None:
            self._update(ident, conversations=conversations, replies=replies)

        try:
            result = run(
                [data_path],
                data_path.parent,
                settings=self.settings,
                format=format,
                skip_bad=True,
                workers=self.workers,
                progress=progress,
            )
        except (
            Exception
        ) as e:  # the job's own errors are clear one-liners (ExportError); keep them for the page
            self._update(ident, state="failed", error=str(e))
            return
        s = result.summary
        self._update(
            ident,
            state="done",
            conversations=s["conversations"],
            replies=s["replies"],
            mean_score=s["mean_score"],
            skipped=len(result.bad),
        )

    def wait(self, ident: str, timeout: float | None = None) -> None:
        """Wait for a job started by this process (tests, scripts)."""
        thread = self._threads.get(ident)
        if thread is not None:
            thread.join(timeout)

    # --- results ------------------------------------------------------------------------------------------

    def summary(self, ident: str) -> dict[str, Any]:
        path = self.folder(ident) / "summary.json"
        if not path.is_file():
            raise FileNotFoundError(ident)
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def followups(self) -> list[dict[str, Any]]:
        """Open and broken promises across every finished analysis, soonest due first."""
        found: list[dict[str, Any]] = []
        for meta in self.all():
            if meta["state"] != "done":
                continue
            path = self.root / meta["id"] / "promises.jsonl"
            if not path.is_file():
                continue
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    p = json.loads(line)
                    if p["state"] in ("open", "broken"):
                        found.append({**p, "analysis": meta["id"], "analysis_name": meta["name"]})
        far = "9999"
        found.sort(key=lambda p: (p.get("due") or far, p.get("made_at") or far))
        return found
