"""report.html in a real headless Chromium with the network cut off: every chart renders.

Needs Debian's ``chromium`` (``.ci/run`` installs it). Outside CI the test is skipped when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from makeitlast.conversation.analyze import Analyzer
from makeitlast.insights.aggregate import Tally
from makeitlast.insights.report import render
from makeitlast.model import Conversation

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"
)

_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no network at all: every host resolves to nothing and every connection goes to a closed port
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--virtual-time-budget=10000",
]


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "chromium is needed in CI"
    return subprocess.run(
        [CHROMIUM, *_FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def page(tmp_path: Path, conversations: list[Conversation]) -> Path:
    analyzer = Analyzer()
    tally = Tally()
    for c in conversations:
        tally.add(analyzer.analyze(c))
    path = tmp_path / "report.html"
    path.write_text(render(tally.summary()), encoding="utf-8")
    return path


def test_every_chart_renders_offline(tmp_path: Path, page: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    pieces = dom.split('<div class="chart" data-chart="')[1:]
    charts = {piece.split('"', 1)[0]: piece for piece in pieces}
    assert {"steps", "donts", "scores", "remedy_gap", "promises", "response_times", "recovery"} <= set(charts)
    for name, body in charts.items():
        assert 'class="main-svg"' in body, f"chart {name} did not render"
    shot = tmp_path / "report.png"
    _chromium(tmp_path, "--window-size=1300,2400", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 60_000  # a page of charts, not a blank one (a white page is a few KB)
