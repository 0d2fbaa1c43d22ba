"""Shared helpers for the command-line tests: a CliRunner, the fixtures folder, the installed command."""

from __future__ import annotations

import shutil
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner


@pytest.fixture(autouse=True)
def _in_tmp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run every test in an empty directory, so no configuration file is discovered by accident."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def makeitlast_bin() -> str:
    """The installed ``makeitlast`` console script (next to this Python first)."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "makeitlast"
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("makeitlast")
    if found is None:
        pytest.skip("the makeitlast command is not installed (pip install -e .)")
    return found
